#pragma once
// Running a TorchScript model bundle. This header has no torch types: libtorch stays inside the
// model library, and what comes out is plain numbers.
//
//   attnmap::Bundle bundle = attnmap::load_bundle("models/sentiment-bert");
//   attnmap::ModelRunner runner(bundle, {});
//   attnmap::RunResult r = runner.run(encoding);
//   // r.attention: (layers, heads, tokens, tokens); r.predicted_label: "positive"
#include <memory>
#include <string>
#include <vector>

#include "attnmap/attention.h"
#include "attnmap/bundle.h"
#include "attnmap/encoding.h"

namespace attnmap {

struct RunnerOptions {
  std::string device = "cpu";  // "cpu", "cuda" or "cuda:N"
  int threads = 0;             // intra-op threads; 0 leaves libtorch's default
};

struct RunResult {
  std::vector<float> logits;         // one per class; empty for a model without a classifier head
  std::vector<float> probabilities;  // softmax of the logits
  size_t predicted = 0;              // argmax
  std::string predicted_label;       // from the manifest's id2label, or the id as text; "" if no head
  AttentionStack attention;          // padding removed: tokens × tokens of this input only
};

class ModelRunner {
 public:
  // Loads bundle.model_file onto the device. Throws Error::io when the file is missing,
  // Error::model when it is not a loadable TorchScript module, and Error::usage when the device
  // is unknown or CUDA is asked for but not available.
  ModelRunner(const Bundle& bundle, const RunnerOptions& options);
  ~ModelRunner();
  ModelRunner(const ModelRunner&) = delete;
  ModelRunner& operator=(const ModelRunner&) = delete;

  // Runs a padded batch; results come back in input order, each with its padding removed.
  // Throws Error::input when a token id does not fit the embedding table (checked before the
  // model runs) and Error::model when the model fails or returns no usable attention.
  std::vector<RunResult> run(const std::vector<Encoding>& batch);
  RunResult run(const Encoding& encoding);

  std::string device() const;
  static std::string torch_version();
  static bool cuda_available();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace attnmap
