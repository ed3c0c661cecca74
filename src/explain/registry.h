#pragma once
// The registry of attention views and attribution methods: every name a user can give to
// `render --view`, `batch --views` or `saliency --method`, with one line of help, what it needs
// from the model, what it refuses, and how it is computed. Commands, --help texts and the reports
// read this table; a new method is one entry here (registry.cpp) and a file of its own.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "attnmap/bundle.h"
#include "attnmap/integrated_gradients.h"
#include "explain/scores.h"
#include "explain/views.h"

namespace attnmap::explain {

// What a method asks of the model beyond the forward pass every run makes.
enum Need : unsigned {
  kAttentionOnly = 0,
  kGradients = 1u << 0,      // backward passes
  kValueVectors = 1u << 1,   // each layer's per-head value vectors
  kForwardPasses = 1u << 2,  // forward passes of its own (IG's path points)
  kDecomposition = 1u << 3,  // a decomposition method of the bundle (ALTI, DecompX, ...)
};

// What a method is drawn as.
enum class Shape {
  kMatrix,  // one tokens × tokens matrix (heatmap)
  kRow,     // one token's row of a matrix (strip)
  kPanels,  // several matrices (grid of layers × heads, heads of a layer)
  kStrip,   // token scores of several methods, one row each (batch's saliency)
  kScores,  // token scores only: a saliency method, not an attention view
  kCurves,  // faithfulness curves of every saliency method (batch's faithfulness)
  kPage,    // the interactive explorer page (HTML) of every view and method (batch's explorer)
};

struct Method {
  // The four things every entry has; the rest is set field by field, as the method needs.
  Method(std::string name_, std::vector<std::string> aliases_, std::string help_, Shape shape_)
      : name(std::move(name_)), aliases(std::move(aliases_)), help(std::move(help_)), shape(shape_) {}

  std::string name;
  std::vector<std::string> aliases;  // older spellings still accepted
  std::string help;                  // one line
  Shape shape;
  unsigned needs = kAttentionOnly;
  std::string refuses;               // what it refuses, for --help ("more than 64 tokens"); the
                                     // computation itself throws Error::input for it
  std::string bundle_method;         // the bundle method it calls that some bundles lack ("alti"), or ""
  bool in_render = true, in_batch = true;
  bool token_axes = true;            // its matrix's rows and columns are tokens (false: layers × heads),
                                     // so it is labelled with them and takes --hide-special, --merge-subwords
  bool explains_class = false;       // its scores are for one class (--target), not the model as a whole
  bool slow_on_long_texts = false;   // a minute or more at 500 tokens on a CPU (a pass per token, or
                                     // tokens² × hidden tensors): the explorer's default leaves it out there
  // kMatrix and kRow: the matrix the view shows. Null for the others.
  std::function<ViewMatrix(const Subject&, const ViewRequest&)> matrix;
  // kMatrix views chained through the layers: the views of --layer 0, 1, ..., L-1 (each "layers
  // 0..l") in one pass, for the explorer, which offers every one. Null: `matrix` is asked for each.
  std::function<std::vector<ViewMatrix>(const Subject&)> layer_chain;
  // Token scores for a class, when the method is also a saliency method. Null otherwise.
  std::function<MethodScores(const Subject&, const IgOptions&)> scores;
};

// Every method, in the order --help lists them.
const std::vector<Method>& methods();

// The method called `name` (or one of its aliases) that `accepts`. Throws Error::usage
// "unknown WHAT 'name' (the names it accepts)" naming `option` when there is none.
const Method& find_method(std::string_view name, const std::function<bool(const Method&)>& accepts, const char* option,
                          const char* what = "method");

// A comma-separated list of names ("ig,rollout"), or "all" for every one that `accepts`; each
// resolved by find_method, duplicates dropped, in the order given.
std::vector<const Method*> find_methods(const std::string& list, const std::function<bool(const Method&)>& accepts,
                                        const char* option, const char* what = "method");

// The names of the methods that `accepts`, as "a, b, c".
std::string method_names(const std::function<bool(const Method&)>& accepts);

// Why `m` cannot run on the model of `manifest` (its bundle method is one the exporter did not trace
// for this family), or "" when it can.
std::string unavailable_reason(const Method& m, const Manifest& manifest);

// `methods` for this model. An unavailable one the user named (`all` false) is an Error::usage naming
// `option` and the reason; from `all`, the unavailable ones are left out with one note on stderr.
std::vector<const Method*> available_methods(std::vector<const Method*> methods, const Manifest& manifest, bool all,
                                             const char* option);

// The matrix of a kMatrix or kRow method for one subject, its axes labelled with the tokens.
ViewMatrix compute_view(const Method& method, const Subject& subject, const ViewRequest& request);

// The scores of each method (each with scores) for one subject; IG and gradattn explain
// ig.target (unset: the predicted class).
Saliency compute_saliency(const std::vector<const Method*>& methods, const Subject& subject, const IgOptions& ig);

// Which methods each command takes.
bool render_view(const Method& m);
bool batch_view(const Method& m);
bool saliency_method(const Method& m);
// A saliency method but loo, which faithfulness always runs as the reference of every other.
bool faithfulness_scored(const Method& m);

}  // namespace attnmap::explain
