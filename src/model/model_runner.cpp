#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/script.h>
#include <torch/version.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "attnmap/error.h"
#include "attnmap/model.h"
#include "model/runner_impl.h"
#include "model/torch_errors.h"

namespace attnmap {
namespace model {

Batch pad_batch(const std::vector<Encoding>& encodings, int64_t pad_id) {
  Batch b;
  for (const auto& e : encodings) b.tokens = std::max<int64_t>(b.tokens, static_cast<int64_t>(e.size()));
  const auto n = static_cast<int64_t>(encodings.size());
  b.ids = torch::full({n, b.tokens}, pad_id, torch::kLong);
  b.mask = torch::zeros({n, b.tokens}, torch::kLong);
  b.type_ids = torch::zeros({n, b.tokens}, torch::kLong);
  auto ids = b.ids.accessor<int64_t, 2>();
  auto mask = b.mask.accessor<int64_t, 2>();
  auto types = b.type_ids.accessor<int64_t, 2>();
  for (int64_t i = 0; i < n; ++i) {
    const Encoding& e = encodings[static_cast<size_t>(i)];
    for (size_t t = 0; t < e.size(); ++t) {
      ids[i][static_cast<int64_t>(t)] = e.ids[t];
      mask[i][static_cast<int64_t>(t)] = e.attention_mask.empty() ? 1 : e.attention_mask[t];
      types[i][static_cast<int64_t>(t)] = e.type_ids[t];
    }
  }
  return b;
}

void check_encodings(const std::vector<Encoding>& encodings, const Manifest& manifest) {
  for (const auto& e : encodings) {
    if (e.size() == 0) throw Error::input("nothing to run: the encoding has no tokens");
    if (manifest.vocab_size <= 0) continue;
    for (int64_t id : e.ids)
      if (id < 0 || id >= manifest.vocab_size)
        throw Error::input("token id " + std::to_string(id) + " does not fit the model's embedding table of " +
                           std::to_string(manifest.vocab_size) +
                           " rows: tokenizer and model do not belong together");
  }
}

RunResult unpack(const ModelOutputs& out, int64_t b, int64_t tokens, const std::vector<std::string>& labels) {
  RunResult r;
  torch::Tensor logits = out.logits[b];
  r.logits.assign(logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel());
  torch::Tensor probs = torch::softmax(logits, 0).contiguous();
  r.probabilities.assign(probs.data_ptr<float>(), probs.data_ptr<float>() + probs.numel());
  if (!r.logits.empty()) {  // a model exported without a classification head has no classes
    r.predicted = static_cast<size_t>(std::max_element(r.logits.begin(), r.logits.end()) - r.logits.begin());
    r.predicted_label = r.predicted < labels.size() ? labels[r.predicted] : std::to_string(r.predicted);
  }
  // (L, B, H, T, K) -> this example's (L, H, tokens, keys), padding cut from queries and, when the
  // keys are the tokens themselves, from keys.
  torch::Tensor a = out.attentions.select(1, b);
  const int64_t keys = a.size(3) == a.size(2) ? tokens : a.size(3);
  a = a.slice(2, 0, tokens).slice(3, 0, keys).contiguous();
  r.attention.layers = static_cast<size_t>(a.size(0));
  r.attention.heads = static_cast<size_t>(a.size(1));
  r.attention.queries = static_cast<size_t>(tokens);
  r.attention.keys = static_cast<size_t>(keys);
  r.attention.values.assign(a.data_ptr<float>(), a.data_ptr<float>() + a.numel());
  return r;
}

size_t resolve_target(const std::optional<size_t>& target, const RunResult& run, const Manifest& manifest) {
  if (run.logits.empty()) throw Error::usage("the model has no classifier head: there is no class to explain");
  if (!target) return run.predicted;
  if (*target >= run.logits.size())
    throw Error::usage("target class " + std::to_string(*target) + " is out of range: the model has " +
                       std::to_string(run.logits.size()) + " classes (0.." + std::to_string(run.logits.size() - 1) + ")" +
                       (manifest.labels.empty() ? "" : ", named in its manifest"));
  return *target;
}

}  // namespace model

namespace {

torch::Device parse_device(const std::string& spec) {
  static const std::regex kCuda(R"(^cuda(:(\d+))?$)");
  std::smatch m;
  if (spec == "cpu") return torch::Device(torch::kCPU);
  if (!std::regex_match(spec, m, kCuda))
    throw Error::usage("unknown device '" + spec + "' (use cpu, cuda or cuda:N)", "--device");
  if (!torch::cuda::is_available())
    throw Error::usage("CUDA was asked for but is not available (no CUDA build of libtorch, or no GPU)", "--device " + spec);
  int index = m[2].matched ? std::stoi(m[2]) : 0;
  if (index >= static_cast<int>(torch::cuda::device_count()))
    throw Error::usage("CUDA device " + std::to_string(index) + " does not exist (" +
                       std::to_string(torch::cuda::device_count()) + " found)", "--device " + spec);
  return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
}

// Rows of the word-embedding table, found by parameter name; 0 when the module has none we know.
int64_t embedding_rows(const torch::jit::script::Module& module) {
  for (const auto& p : module.named_parameters(/*recurse=*/true)) {
    const std::string& name = p.name;
    const std::string suffix = "word_embeddings.weight";
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return p.value.size(0);
  }
  return 0;
}

// How many of (input_ids, attention_mask, token_type_ids) forward takes: a module traced by hand
// may take only the first one or two.
size_t forward_arity(torch::jit::script::Module& module) {
  const auto& schema = module.get_method("forward").function().getSchema();
  return std::min<size_t>(3, schema.arguments().size() - 1);  // minus self
}

}  // namespace

torch::jit::Method ModelRunner::Impl::method(const std::string& name) const {
  if (auto m = module.find_method(name)) return *m;
  if (auto why = manifest.unavailable_methods.find(name); why != manifest.unavailable_methods.end())
    throw Error::model("this model has no '" + name + "' method: " + why->second);
  // A bundle exported before the method existed: the old methods keep working, the new one needs
  // the exporter of this version.
  throw Error::model("the model has no '" + name +
                     "' method (it was exported by an older attnmap or traced by hand): re-export it with "
                     "`attnmap export HF_MODEL_DIR BUNDLE_DIR`");
}

ModelRunner::ModelRunner(const Bundle& bundle, const RunnerOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->manifest = bundle.manifest;
  impl_->device = parse_device(options.device);
  if (options.threads > 0) at::set_num_threads(options.threads);
  check_model_file(bundle.model_file);
  // Traced models gain nothing from the profiling executor, which would spend the first runs
  // recording shapes and re-optimising; the plain executor runs them at full speed from the start.
  torch::jit::setGraphExecutorOptimize(false);
  try {
    impl_->module = torch::jit::load(bundle.model_file.string(), impl_->device);
    impl_->module.eval();
    // The module's own table decides which ids fit (check_encodings): a manifest can be wrong.
    if (const int64_t rows = embedding_rows(impl_->module); rows > 0) impl_->manifest.vocab_size = rows;
    impl_->inputs = forward_arity(impl_->module);
  } catch (const c10::Error& e) {
    throw Error::model("cannot load TorchScript model: " + model::torch_error_text(e.what_without_backtrace()),
                       bundle.model_file.string());
  } catch (const std::exception& e) {
    throw Error::model("cannot load TorchScript model: " + model::torch_error_text(e.what()),
                       bundle.model_file.string());
  }
}

ModelRunner::~ModelRunner() = default;

std::vector<RunResult> ModelRunner::run(const std::vector<Encoding>& batch) {
  if (batch.empty()) return {};
  model::check_encodings(batch, impl_->manifest);
  model::Batch b = model::pad_batch(batch, impl_->manifest.pad_id);
  c10::InferenceMode guard;
  model::ModelOutputs out;
  try {
    auto dev = impl_->device;
    std::vector<c10::IValue> inputs = {b.ids.to(dev), b.mask.to(dev), b.type_ids.to(dev)};
    inputs.resize(impl_->inputs);
    c10::IValue result = impl_->module.forward(inputs);
    out = model::extract_outputs(result, static_cast<int64_t>(batch.size()), b.tokens);
  } catch (const Error&) {
    throw;
  } catch (const c10::Error& e) {
    throw Error::model("the model failed to run: " + model::torch_error_text(e.what_without_backtrace()));
  } catch (const std::exception& e) {  // torch::jit::JITException: the model's own code raised
    throw Error::model("the model failed to run: " + model::torch_error_text(e.what()));
  }
  std::vector<RunResult> results;
  results.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i)
    results.push_back(model::unpack(out, static_cast<int64_t>(i), static_cast<int64_t>(batch[i].size()), impl_->manifest.labels));
  return results;
}

RunResult ModelRunner::run(const Encoding& encoding) { return std::move(run(std::vector<Encoding>{encoding}).front()); }

std::string ModelRunner::device() const { return impl_->device.str(); }

const Manifest& ModelRunner::manifest() const { return impl_->manifest; }

std::vector<std::string> ModelRunner::methods() const {
  std::vector<std::string> found;
  for (const char* name : {"forward", "embed", "forward_embeds", "forward_scaled", "value_vectors", "alti", "globenc",
                           "value_zeroing", "decompx", "forward_attnlrp", "forward_cplrp"})
    if (impl_->module.find_method(name)) found.emplace_back(name);
  return found;
}

int64_t ModelRunner::parameter_count() const {
  int64_t total = 0;
  for (const auto& p : impl_->module.parameters(/*recurse=*/true)) total += p.numel();
  return total;
}

std::string ModelRunner::torch_version() {
  return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
         std::to_string(TORCH_VERSION_PATCH);
}

bool ModelRunner::cuda_available() { return torch::cuda::is_available(); }

}  // namespace attnmap
