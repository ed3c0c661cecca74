#pragma once
// Finds logits and attention in whatever a TorchScript module returned. Accepted shapes:
//   - attnmap bundles: a tuple (logits (B,C), attentions (L,B,H,T,K), hidden states ...);
//   - Hugging Face traced with torchscript=True, output_attentions=True: a tuple whose elements
//     include logits (B,C) and a tuple of L tensors (B,H,T,K), possibly nested in a list or dict.
#include <torch/script.h>

#include <string>

namespace attnmap::model {

struct ModelOutputs {
  torch::Tensor logits;      // (B, C), float
  torch::Tensor attentions;  // (L, B, H, T, K), float
};

// Throws Error::model describing what was found when nothing fits.
ModelOutputs extract_outputs(const c10::IValue& output, int64_t batch, int64_t tokens);

}  // namespace attnmap::model
