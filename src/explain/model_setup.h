#pragma once
// Which model to run and getting it ready: the bundle, its tokenizer and a runner, in one call.
#include <filesystem>
#include <memory>
#include <string>

#include "attnmap/bundle.h"
#include "attnmap/model.h"
#include "attnmap/tokenizer.h"

namespace attnmap::explain {

struct ModelOptions {
  std::string model;      // bundle directory or a plain TorchScript file; empty: the default model
  std::string tokenizer;  // tokenizer.json for a plain TorchScript file (or to override a bundle's)
  std::string device = "cpu";
  int threads = 0;        // 0: libtorch's default
};

// The bundle to use: options.model, else $ATTNMAP_MODEL, else the bundled default (sentiment-bert)
// beside the executable (build tree or installed share/attnmap/models). Throws Error::usage when
// there is none.
std::filesystem::path resolve_model(const ModelOptions& options);

// The bundle to run: a bundle directory, or a plain .pt file with options.tokenizer.
Bundle open_bundle(const ModelOptions& options);

// A bundle with its tokenizer, and a runner for it loaded on first use: a command checks its text
// with the tokenizer before the model file is read, so a bad text is reported as such even when
// the model is damaged too.
class LoadedModel {
 public:
  LoadedModel(Bundle bundle, Tokenizer tokenizer, RunnerOptions runner_options);

  const Bundle& bundle() const { return bundle_; }
  const Manifest& manifest() const { return bundle_.manifest; }
  const std::string& name() const { return bundle_.manifest.name; }
  const Tokenizer& tokenizer() const { return tokenizer_; }
  ModelRunner& runner();

 private:
  Bundle bundle_;
  Tokenizer tokenizer_;
  RunnerOptions runner_options_;
  std::unique_ptr<ModelRunner> runner_;
};

LoadedModel load_model(const ModelOptions& options);

// The second model of a comparison: `options` with another model and that model's own tokenizer.
ModelOptions other_model(const ModelOptions& options, const std::string& model);

}  // namespace attnmap::explain
