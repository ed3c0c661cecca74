#pragma once
// What the batch engine asks of a model: encode a text, predict a batch. A bundle on libtorch is
// one (ModelPredictor); a test's fake is another, so the engine's resume, shard and merge logic is
// tested without a model.
#include <memory>
#include <string>
#include <vector>

#include "attnmap/bundle.h"
#include "attnmap/model.h"
#include "explain/example.h"
#include "explain/model_setup.h"

namespace attnmap::explain {

class Predictor {
 public:
  virtual ~Predictor() = default;
  // The model's name, classes and maximum length.
  virtual const Manifest& manifest() const = 0;
  // Encodes example.text into example.encoding and example.labels; Error::input for a text the
  // model cannot take (nothing but special tokens).
  virtual void encode(Example& example, const EncodingOptions& options) const = 0;
  // One result per encoding, attention included.
  virtual std::vector<RunResult> predict(const std::vector<Encoding>& batch) = 0;
  // The runner, for views that run the model again; null when there is none.
  virtual ModelRunner* runner() = 0;
};

// A bundle's tokenizer and runner.
class ModelPredictor : public Predictor {
 public:
  explicit ModelPredictor(LoadedModel model) : model_(std::move(model)), runner_(&model_.runner()) {}
  // The runner's: it completes what a plain TorchScript file's manifest cannot say (its classes).
  const Manifest& manifest() const override { return runner_->manifest(); }
  void encode(Example& example, const EncodingOptions& options) const override {
    encode_example(example, options, model_.tokenizer(), runner_->manifest());
  }
  std::vector<RunResult> predict(const std::vector<Encoding>& batch) override { return runner_->run(batch); }
  ModelRunner* runner() override { return runner_; }

 private:
  LoadedModel model_;
  ModelRunner* runner_;  // loaded with the predictor: a damaged model fails before any row is read
};

}  // namespace attnmap::explain
