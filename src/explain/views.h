#pragma once
// What a view is asked for (layer, head, token options) and what it gives back: one matrix with
// the words a figure needs to say what it shows.
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "attnmap/attention.h"
#include "attnmap/model.h"
#include "explain/example.h"

namespace attnmap::explain {

struct ViewRequest {
  std::string view = "matrix";
  std::string layer;  // "" (the view's default), "all" or an index
  std::string head = "mean";
  long token = 0;     // --view cls: whose row
  bool hide_special = false, merge_subwords = false;
  std::optional<size_t> target;  // gradattn: the class; unset: predicted
};

struct ViewMatrix {
  Matrix matrix;
  std::string description;  // "layer 2 (last of 3) · mean over 12 heads"
  std::string layer_text, head_text;
  std::string value_caption = "attention weight";
  std::string row_caption = "query (attending from)", col_caption = "key (attended to)";  // the axes' titles
};

// The model's extra passes over one subject, and what views derive from them, kept so that views
// asking for each layer and head (the explorer asks for every one) compute them once.
struct SubjectPasses {
  std::optional<ValueVectorsResult> value_vectors;
  std::optional<AttentionStack> value_norms;  // valuenorm's per-head ‖α f(x)‖
  std::map<Decomposition, AttentionStack> decompositions;
  std::map<std::optional<size_t>, AttentionGradients> attention_gradients;  // by target
};

// One model's run on one example: what every view and method computes from. `run` is
// runner.run(example.encoding); views that need more (gradients, value vectors) ask for them
// here, and each is computed once per subject (copies of a subject share them).
struct Subject {
  ModelRunner* runner;  // null for a model that only predicts (a test's fake): views that run it again refuse
  const Example& example;
  const RunResult& run;
  std::shared_ptr<SubjectPasses> passes = std::make_shared<SubjectPasses>();

  // The runner, for views that need gradients or value vectors; Error::usage without one.
  ModelRunner& model() const;
  // The runner's value_vectors, decomposition and attention_gradients of example.encoding.
  const ValueVectorsResult& value_vectors() const;
  const AttentionStack& decomposition(Decomposition decomposition) const;
  const AttentionGradients& attention_gradients(std::optional<size_t> target) const;
};

// A --head or --layer value: an index, negative from the end (Error::usage otherwise).
long parse_index(const std::string& value, const std::string& option);

// --target: a class name from the manifest or a class id; unset when empty.
std::optional<size_t> parse_target(const std::string& target, const Manifest& manifest);

// The class a method explains: `target`, or the run's predicted class. Error::usage for a model
// without a classifier head or a target out of range.
size_t explained_class(const std::optional<size_t>& target, const RunResult& run);

// --layer as one index ("" means the last), resolved against `layers`.
size_t single_layer(const std::string& layer, size_t layers);

// "layer 2 (last of 3)", "layer 0 (of 3)": which layer, and where it stands in the stack (0-based,
// so the last of 3 is layer 2).
std::string layer_text(size_t layer, size_t layers);

// Applies --merge-subwords and --hide-special to a matrix whose rows (and columns, when square)
// are the example's tokens.
Matrix apply_token_options(const Matrix& m, const Example& example, const ViewRequest& request);

}  // namespace attnmap::explain
