#pragma once
// Turns a run into the matrix one view shows: --view matrix|rollout|gradattn|flow|valuenorm|cls,
// with --layer, --head, --token, and the token options (--hide-special, --merge-subwords).
#include <optional>
#include <string>

#include "attnmap/attention.h"
#include "attnmap/model.h"
#include "cli/input.h"

namespace attnmap::cli {

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
  std::string description;  // "layer 2 of 0..2 · mean over 12 heads"
  std::string layer_text, head_text;
  std::string value_caption = "attention weight";
};

// `run` is runner.run(input.encoding); the gradient and value-norm views run the model again.
ViewMatrix compute_view(ModelRunner& runner, const Input& input, const RunResult& run, const ViewRequest& request);

// A --head value: "mean", "max" or an index (Error::usage otherwise).
long parse_index(const std::string& value, const std::string& option);

// --target: a class name from the manifest or a class id; unset when empty.
std::optional<size_t> parse_target(const std::string& target, const Manifest& manifest);

// --layer as a plain index ("" means -1), resolved against `layers`.
size_t single_layer(const std::string& layer, size_t layers);

// Applies --merge-subwords and --hide-special to a matrix whose rows (and columns, when square)
// are the input's tokens.
Matrix apply_token_options(const Matrix& m, const Input& input, const ViewRequest& request);

}  // namespace attnmap::cli
