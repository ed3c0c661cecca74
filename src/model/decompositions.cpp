// The decomposition methods of a bundle: per-layer token matrices (ALTI, GlobEnc, value zeroing)
// and DecompX's per-token logits. The arithmetic is the bundle's (traced from Hugging Face's
// modules by the exporter); here the calls are made, chunked where memory asks for it, and the
// tensors turned into plain numbers.
#include <torch/script.h>

#include <algorithm>

#include "attnmap/error.h"
#include "attnmap/model.h"
#include "model/runner_impl.h"
#include "model/torch_errors.h"

namespace attnmap {
namespace {

struct SingleInput {
  torch::Tensor ids, mask, type_ids;  // (1, T) on the device
  int64_t tokens = 0;
};

SingleInput single_input(const Encoding& encoding, const ModelRunner::Impl& impl) {
  model::check_encodings({encoding}, impl.manifest);
  model::Batch b = model::pad_batch({encoding}, impl.manifest.pad_id);
  return {b.ids.to(impl.device), b.mask.to(impl.device), b.type_ids.to(impl.device), b.tokens};
}

template <typename F>
auto decomposing(const char* what, F&& f) {
  try {
    return f();
  } catch (const Error&) {
    throw;
  } catch (const c10::Error& e) {
    throw Error::model(std::string(what) + " failed: " + model::torch_error_text(e.what_without_backtrace()));
  } catch (const std::exception& e) {
    throw Error::model(std::string(what) + " failed: " + model::torch_error_text(e.what()));
  }
}

// (L, 1, T, K) -> an AttentionStack of one "head" per layer.
AttentionStack layer_stack(torch::Tensor t) {
  t = t.select(1, 0).to(torch::kCPU, torch::kFloat).contiguous();
  AttentionStack s;
  s.layers = static_cast<size_t>(t.size(0));
  s.heads = 1;
  s.queries = static_cast<size_t>(t.size(1));
  s.keys = static_cast<size_t>(t.size(2));
  s.values.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
  return s;
}

// Value zeroing reruns a layer once per zeroed token: the feed-forward of J zeroed copies holds
// J × T × 4·hidden floats at once. The keys go in chunks that keep that near 2^26 floats (256 MB):
// all of a short sentence's at once, 512 tokens of a bert-base in chunks of 42.
int64_t keys_per_call(int64_t tokens, int64_t hidden) {
  const int64_t per_key = std::max<int64_t>(1, tokens * 4 * std::max<int64_t>(hidden, 1));
  return std::clamp<int64_t>((int64_t{1} << 26) / per_key, 1, tokens);
}

}  // namespace

const char* method_name(Decomposition decomposition) {
  switch (decomposition) {
    case Decomposition::kAlti: return "alti";
    case Decomposition::kGlobEnc: return "globenc";
    case Decomposition::kValueZeroing: return "value_zeroing";
  }
  return "";
}

AttentionStack ModelRunner::decomposition(const Encoding& encoding, Decomposition decomposition) {
  torch::jit::Method method = impl_->method(method_name(decomposition));
  SingleInput in = single_input(encoding, *impl_);
  return decomposing(method_name(decomposition), [&] {
    c10::InferenceMode guard;
    if (decomposition != Decomposition::kValueZeroing)
      return layer_stack(method({in.ids, in.mask, in.type_ids}).toTensor());
    const int64_t chunk = keys_per_call(in.tokens, impl_->manifest.hidden_size);
    std::vector<torch::Tensor> parts;
    for (int64_t start = 0; start < in.tokens; start += chunk) {
      auto keys = torch::arange(start, std::min(start + chunk, in.tokens), torch::TensorOptions().dtype(torch::kLong))
                      .to(impl_->device);
      parts.push_back(method({in.ids, in.mask, in.type_ids, keys}).toTensor());  // (L, 1, T, J)
    }
    return layer_stack(torch::cat(parts, 3));
  });
}

DecompXResult ModelRunner::decompx(const Encoding& encoding) {
  torch::jit::Method method = impl_->method("decompx");
  DecompXResult out;
  out.run = run(encoding);
  if (out.run.logits.empty()) throw Error::usage("the model has no classifier head: DecompX decomposes its logits");
  SingleInput in = single_input(encoding, *impl_);
  decomposing("decompx", [&] {
    c10::InferenceMode guard;
    torch::Tensor shares = method({in.ids, in.mask, in.type_ids}).toTensor();  // (1, T, C)
    shares = shares.select(0, 0).to(torch::kCPU, torch::kFloat).contiguous();
    out.classes = static_cast<size_t>(shares.size(1));
    out.shares.assign(shares.data_ptr<float>(), shares.data_ptr<float>() + shares.numel());
    return 0;
  });
  return out;
}

}  // namespace attnmap
