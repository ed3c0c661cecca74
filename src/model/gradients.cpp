// Gradients through the TorchScript module: gradient-weighted attention and Integrated Gradients.
// Both run with autograd on (the plain run() uses inference mode) and one example at a time.
#include <algorithm>
#include <torch/autograd.h>
#include <torch/script.h>

#include <cmath>

#include "attnmap/error.h"
#include "attnmap/model.h"
#include "model/runner_impl.h"
#include "model/torch_errors.h"

namespace attnmap {
namespace {

struct Inputs {
  torch::Tensor ids, mask, type_ids;  // (1, T) on the device
};

Inputs inputs_of(const Encoding& encoding, const ModelRunner::Impl& impl) {
  model::check_encodings({encoding}, impl.manifest);
  model::Batch b = model::pad_batch({encoding}, impl.manifest.pad_id);
  return {b.ids.to(impl.device), b.mask.to(impl.device), b.type_ids.to(impl.device)};
}

// The differentiated quantity for each row of a batch of logits (B, C): the target's logit or
// its probability.
torch::Tensor objective(const torch::Tensor& logits, size_t target, IgOutput output) {
  const auto t = static_cast<int64_t>(target);
  if (output == IgOutput::kProbability) return torch::softmax(logits, 1).select(1, t);
  return logits.select(1, t);
}

template <typename F>
auto guarded(const char* what, F&& f) {
  try {
    return f();
  } catch (const Error&) {
    throw;
  } catch (const c10::Error& e) {
    throw Error::model(std::string(what) + " failed: " + model::torch_error_text(e.what_without_backtrace()));
  } catch (const std::exception& e) {  // torch::jit::JITException: the model's own code raised
    throw Error::model(std::string(what) + " failed: " + model::torch_error_text(e.what()));
  }
}

}  // namespace

AttentionGradients ModelRunner::attention_gradients(const Encoding& encoding, std::optional<size_t> target) {
  Inputs in = inputs_of(encoding, *impl_);
  const auto tokens = static_cast<int64_t>(encoding.size());
  torch::jit::Method forward_scaled = impl_->method("forward_scaled");
  AttentionGradients out;
  guarded("the gradient pass", [&] {
    torch::AutoGradMode grad_on(true);
    const auto& m = impl_->manifest;
    auto scale = torch::ones({m.num_layers, 1, m.num_heads, tokens, tokens},
                             torch::TensorOptions().dtype(torch::kFloat).device(impl_->device))
                     .requires_grad_(true);
    c10::IValue result = forward_scaled({in.ids, in.mask, in.type_ids, scale});
    // The graph's logits; extract_outputs' copies would be detached from it on a CUDA device.
    torch::Tensor logits = result.toTupleRef().elements()[0].toTensor();
    {
      torch::NoGradGuard no_grad;
      out.run = model::unpack(model::extract_outputs(result, 1, tokens), 0, tokens, m.labels);
    }
    out.target = model::resolve_target(target, out.run, m);
    torch::Tensor y = objective(logits, out.target, IgOutput::kLogit).sum();
    torch::Tensor grad = torch::autograd::grad({y}, {scale})[0];
    grad = grad.select(1, 0).to(torch::kCPU, torch::kFloat).contiguous();  // (L, H, T, T)
    AttentionStack& g = out.gradient_times_attention;
    g.layers = static_cast<size_t>(grad.size(0));
    g.heads = static_cast<size_t>(grad.size(1));
    g.queries = g.keys = static_cast<size_t>(tokens);
    g.values.assign(grad.data_ptr<float>(), grad.data_ptr<float>() + grad.numel());
    out.gradient = g;
    const std::vector<float>& a = out.run.attention.values;
    for (size_t i = 0; i < a.size(); ++i) out.gradient.values[i] = a[i] != 0.0f ? g.values[i] / a[i] : 0.0f;
    return 0;
  });
  return out;
}

ValueVectorsResult ModelRunner::value_vectors(const Encoding& encoding) {
  ValueVectorsResult out;
  out.run = run(encoding);
  Inputs in = inputs_of(encoding, *impl_);
  torch::jit::Method method = impl_->method("value_vectors");
  guarded("the value-vector pass", [&] {
    c10::InferenceMode guard;
    c10::IValue result = method({in.ids, in.mask, in.type_ids});
    const auto& parts = result.toTupleRef().elements();
    torch::Tensor f = parts.at(0).toTensor().select(1, 0).to(torch::kCPU, torch::kFloat).contiguous();  // (L,H,T,D)
    torch::Tensor bias = parts.at(1).toTensor().to(torch::kCPU, torch::kFloat).contiguous();            // (L,D)
    ValueVectors& v = out.vectors;
    v.layers = static_cast<size_t>(f.size(0));
    v.heads = static_cast<size_t>(f.size(1));
    v.keys = static_cast<size_t>(f.size(2));
    v.dim = static_cast<size_t>(f.size(3));
    v.values.assign(f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
    out.output_bias.assign(bias.data_ptr<float>(), bias.data_ptr<float>() + bias.numel());
    return 0;
  });
  return out;
}

const char* method_name(InputGradient gradient) {
  switch (gradient) {
    case InputGradient::kPlain: return "forward_embeds";
    case InputGradient::kAttnLrp: return "forward_attnlrp";
    case InputGradient::kCpLrp: return "forward_cplrp";
  }
  return "forward_embeds";
}

InputGradientResult ModelRunner::input_gradients(const Encoding& encoding, std::optional<size_t> target,
                                                 InputGradient gradient) {
  Inputs in = inputs_of(encoding, *impl_);
  InputGradientResult result;
  torch::jit::Method embed = impl_->method("embed");
  torch::jit::Method forward = impl_->method(method_name(gradient));
  guarded("the gradient pass", [&] {
    torch::Tensor word;
    {
      torch::NoGradGuard no_grad;
      word = embed({in.ids, in.type_ids}).toTensor();  // (1, T, D)
    }
    torch::AutoGradMode grad_on(true);
    word = word.detach().requires_grad_(true);
    c10::IValue out = forward({word, in.mask, in.type_ids});
    const auto& parts = out.toTupleRef().elements();
    torch::Tensor logits = parts.at(0).toTensor();
    {
      // The target from this pass's own logits: no second forward pass for the prediction.
      torch::Tensor row = logits.detach().select(0, 0).to(torch::kCPU, torch::kFloat).contiguous();
      RunResult predicted;
      predicted.logits.assign(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
      if (!predicted.logits.empty())
        predicted.predicted = static_cast<size_t>(
            std::max_element(predicted.logits.begin(), predicted.logits.end()) - predicted.logits.begin());
      result.target = model::resolve_target(target, predicted, impl_->manifest);
    }
    torch::Tensor y = objective(logits, result.target, IgOutput::kLogit).sum();
    torch::Tensor g = torch::autograd::grad({y}, {word})[0];
    torch::NoGradGuard no_grad;
    // The LRP forwards return each token's whole input beside the logits (scripts/models/lrp.py).
    torch::Tensor x = gradient == InputGradient::kPlain ? word.detach() : parts.at(1).toTensor();
    torch::Tensor norm = g.norm(2, -1).squeeze(0).to(torch::kCPU, torch::kFloat).contiguous();
    torch::Tensor times = (x * g).sum(-1).squeeze(0).to(torch::kCPU, torch::kFloat).contiguous();
    result.logit = y.item<double>();
    result.gradient_norm.assign(norm.data_ptr<float>(), norm.data_ptr<float>() + norm.numel());
    result.times_input.assign(times.data_ptr<float>(), times.data_ptr<float>() + times.numel());
    return 0;
  });
  return result;
}

IgResult ModelRunner::integrated_gradients(const Encoding& encoding, const IgOptions& options) {
  Quadrature q = quadrature(options.rule, options.steps);
  if (options.baseline == IgBaseline::kMask && options.mask_id < 0)
    throw Error::usage("the tokenizer has no mask token: choose --baseline pad or zero");
  Inputs in = inputs_of(encoding, *impl_);
  const auto tokens = static_cast<int64_t>(encoding.size());
  IgResult result;
  result.target = model::resolve_target(options.target, run(encoding), impl_->manifest);
  torch::jit::Method embed = impl_->method("embed");
  torch::jit::Method forward_embeds = impl_->method("forward_embeds");
  guarded("integrated gradients", [&] {
    torch::Tensor x, baseline;
    {
      torch::NoGradGuard no_grad;
      x = embed({in.ids, in.type_ids}).toTensor();  // (1, T, D)
      // Special tokens are kept in every baseline; the others are replaced.
      auto replaced = torch::zeros({1, tokens}, torch::kBool);
      auto ids = in.ids.to(torch::kCPU).clone();
      for (int64_t t = 0; t < tokens; ++t) {
        if (encoding.special_tokens_mask[static_cast<size_t>(t)]) continue;
        replaced[0][t] = true;
        ids[0][t] = options.baseline == IgBaseline::kMask ? options.mask_id : impl_->manifest.pad_id;
      }
      replaced = replaced.to(impl_->device).unsqueeze(-1);
      baseline = options.baseline == IgBaseline::kZero
                     ? torch::where(replaced, torch::zeros_like(x), x)
                     : embed({ids.to(impl_->device), in.type_ids}).toTensor();
    }
    const torch::Tensor delta = x - baseline;
    torch::Tensor total = torch::zeros_like(x);  // sum over path points of weight * gradient
    const size_t n = q.alphas.size();
    // Unless told, a pass holds at most 2^26 point × layer × head × query × key cells: the
    // attention kept for the backward pass grows with L·H·T², so 50 points of a short sentence go
    // at once, and a 512-token text of a 12 × 12 model one at a time (8 at a time took 9 GB).
    const size_t heads = static_cast<size_t>(std::max<int64_t>(1, impl_->manifest.num_layers * impl_->manifest.num_heads));
    const size_t cells_per_point = heads * static_cast<size_t>(tokens) * static_cast<size_t>(tokens);
    const size_t chunk = options.batch_size > 0 ? static_cast<size_t>(options.batch_size)
                                                : std::clamp<size_t>((size_t{1} << 26) / cells_per_point, 1, n);
    torch::AutoGradMode grad_on(true);
    for (size_t start = 0; start < n; start += chunk) {
      const size_t count = std::min(chunk, n - start);
      auto opts = torch::TensorOptions().dtype(x.dtype()).device(impl_->device);
      auto alphas = torch::from_blob(const_cast<double*>(q.alphas.data() + start), {static_cast<int64_t>(count)},
                                     torch::kDouble).to(opts).view({-1, 1, 1});
      auto weights = torch::from_blob(const_cast<double*>(q.weights.data() + start), {static_cast<int64_t>(count)},
                                      torch::kDouble).to(opts).view({-1, 1, 1});
      torch::Tensor points = (baseline + alphas * delta).detach().requires_grad_(true);
      const auto b = static_cast<int64_t>(count);
      c10::IValue out = forward_embeds({points, in.mask.expand({b, tokens}), in.type_ids.expand({b, tokens})});
      torch::Tensor logits = out.toTupleRef().elements()[0].toTensor();
      torch::Tensor y = objective(logits, result.target, options.output).sum();
      torch::Tensor grad = torch::autograd::grad({y}, {points})[0];
      total = total + (grad * weights).sum(0, /*keepdim=*/true);
    }
    torch::NoGradGuard no_grad;
    torch::Tensor attributions = (delta * total).sum(-1).squeeze(0).to(torch::kCPU, torch::kDouble);
    auto f_at = [&](const torch::Tensor& e) {
      c10::IValue out = forward_embeds({e, in.mask, in.type_ids});
      torch::Tensor logits = out.toTupleRef().elements()[0].toTensor();
      return objective(logits, result.target, options.output).item<double>();
    };
    result.f_input = f_at(x);
    result.f_baseline = f_at(baseline);
    result.attributions.resize(static_cast<size_t>(tokens));
    for (int64_t t = 0; t < tokens; ++t) {
      const double a = attributions[t].item<double>();
      result.attributions[static_cast<size_t>(t)] = static_cast<float>(a);
      result.attribution_sum += a;
    }
    const auto& labels = impl_->manifest.labels;
    result.target_label = result.target < labels.size() ? labels[result.target] : std::to_string(result.target);
    return 0;
  });
  return result;
}

}  // namespace attnmap
