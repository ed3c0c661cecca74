#pragma once
// What the ModelRunner's methods share: the loaded module, the device, the manifest, and the
// steps every call takes (padding a batch, checking ids, turning libtorch errors into ours).
// Internal to the model library.
#include <torch/script.h>

#include <string>
#include <vector>

#include "attnmap/bundle.h"
#include "attnmap/encoding.h"
#include "attnmap/model.h"
#include "model/output_extraction.h"

namespace attnmap {

struct ModelRunner::Impl {
  torch::jit::script::Module module;
  torch::Device device{torch::kCPU};
  Manifest manifest;
  size_t inputs = 3;  // how many of (input_ids, attention_mask, token_type_ids) forward takes

  // Throws Error::model naming the bundle method when the module does not have it.
  torch::jit::Method method(const std::string& name) const;
};

namespace model {

// A padded batch on the CPU: ids, attention mask and token type ids, (B, T) longs.
struct Batch {
  torch::Tensor ids, mask, type_ids;
  int64_t tokens = 0;
};

Batch pad_batch(const std::vector<Encoding>& encodings, int64_t pad_id);

// Refuses empty encodings and ids that do not fit the embedding table, before libtorch sees them.
void check_encodings(const std::vector<Encoding>& encodings, const Manifest& manifest);

// Logits, probabilities, prediction and this example's attention, padding removed.
RunResult unpack(const ModelOutputs& out, int64_t b, int64_t tokens, const std::vector<std::string>& labels);

// The class a gradient is taken for: `target` when given (checked against the number of classes),
// else the predicted one. Throws Error::usage for a model without classes or a target out of range.
size_t resolve_target(const std::optional<size_t>& target, const RunResult& run, const Manifest& manifest);

}  // namespace model
}  // namespace attnmap
