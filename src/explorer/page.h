#pragma once
// The interactive explorer: one self-contained HTML page for one text (and one or two models),
// with a head view, a model view, a matrix view and a token-score strip for every view and
// method the model supports. Everything the page shows is computed here, before it is written;
// the page's script only draws it. Torch-free: the explain layer fills a Page, this writes it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attnmap/attention.h"

namespace attnmap::explorer {

// One view's numbers: a rows × cols matrix for every layer entry and, when the view has heads, for
// every head of it. Raw attention is one of these; so is rollout, with one entry per "layers 0..N".
struct MatrixSet {
  std::string name;           // the registry's name: "matrix", "rollout", "alti", ...
  std::string title;          // what the method switcher shows: "attention", "rollout", ...
  std::string help;           // one line, the registry's
  std::string value_caption;  // "attention weight"
  std::vector<std::string> layer_labels;  // one per layer entry: "layer 3", "layers 0..3"
  std::vector<std::string> layer_options; // the --layer that draws each entry with `attnmap render`
  std::vector<std::string> head_labels;   // empty: one matrix per layer entry
  std::vector<std::string> head_options;  // the --head that draws each head ("3", "mean")
  bool head_reductions = false;  // mean and max over heads are offered (raw attention)
  size_t rows = 0, cols = 0;
  std::vector<float> values;  // [layer entry][head][row][col], row-major
  // Heads that are raw attention with each key column scaled (valuenorm's ‖α f(x)‖ = α ‖f(x)‖):
  // the first `scaled_heads` matrices of each entry (entry e: layer e) are not in `values`, which
  // holds the others; the page multiplies attention column j of head h by column_scales[e][h][j].
  size_t scaled_heads = 0;
  std::vector<float> column_scales;  // [layer entry][head][col]
};

// One saliency method's score per token for one class.
struct TokenScoreSet {
  std::string name, help;
  std::vector<float> values;
  std::optional<size_t> target;  // the class explained; unset for methods without one
};

struct ModelPage {
  std::string name;          // the bundle's name
  std::string model_option;  // what `--model` said, for the command lines the page writes ("" for the default)
  std::vector<std::string> tokens;      // labels, as figures show them
  std::vector<uint8_t> special;         // 1 for [CLS], [SEP], <s>, </s>, padding
  std::vector<int> segment;             // 0 or 1 (which text of a pair), -1 for special tokens
  std::vector<size_t> word;             // the word group of each token
  std::vector<std::string> word_labels; // each group's label
  std::vector<std::string> class_labels;  // id2label, one per class; empty without a classifier head
  std::vector<float> probabilities;
  size_t predicted = 0;
  std::optional<size_t> gold;
  AttentionStack attention;             // (layers, heads, tokens, tokens)
  std::vector<MatrixSet> views;         // every other matrix view, in the registry's order
  std::vector<TokenScoreSet> scores;    // every saliency method, in the registry's order
  std::vector<float> head_importance;   // layers × heads (Michel et al.), empty when not computed
  std::vector<std::string> notes;       // what was left out and why ("flow: at most 64 tokens")
};

struct Page {
  std::string text, pair;
  std::string colormap = "viridis";     // sequential, for weights
  std::string diverging = "RdBu_r";     // for signed token scores
  std::vector<ModelPage> models;        // one, or two with --compare
  // Where the page opens (the URL's hash overrides it): "head", "model", "matrix" or "scores";
  // a view's name, a layer entry and a head (-1: the mean).
  std::string initial_tab = "head", initial_view = "matrix";
  long initial_layer = -1, initial_head = -1;
  // The matrices are stored at 16 bits when, unpacked, they take at most precise_budget bytes,
  // and at 8 bits otherwise. Packed, they may take size_budget bytes: raw attention always goes
  // in; the views after it that would pass the budget go in with their "all heads" matrices only,
  // or not at all, each with a note. With the script and the rest, the file is < 1 MB more.
  size_t precise_budget = 8'000'000;
  size_t size_budget = 14'000'000;
};

// The page as one HTML document: the data as JSON in a <script type="application/json"> element
// (matrices quantised per matrix, deflated and base64-encoded, one block per layer entry), the
// style sheet and the script inline. Nothing in it loads anything from anywhere.
std::string explorer_html(const Page& page);

}  // namespace attnmap::explorer
