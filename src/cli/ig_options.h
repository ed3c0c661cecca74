#pragma once
// The Integrated Gradients options of `saliency` and `faithfulness`: one set, so the scores
// faithfulness ranks are the ones saliency shows for the same options.
#include <CLI/CLI.hpp>

#include <string>

#include "attnmap/integrated_gradients.h"

namespace attnmap::cli {

struct IgCliOptions {
  std::string baseline = "pad", rule = "gausslegendre", output_kind = "logit";
  int steps = 50;
};

// --steps, --baseline, --rule, --of.
void add_ig_options(CLI::App& app, IgCliOptions& options);

// The options as the library takes them; Error::usage for a bad rule, baseline or --steps, before
// any model is loaded.
IgOptions ig_options(const IgCliOptions& options);

}  // namespace attnmap::cli
