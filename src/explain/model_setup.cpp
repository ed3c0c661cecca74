#include "explain/model_setup.h"

#include <cstdlib>

#include "attnmap/error.h"

namespace attnmap::explain {
namespace {

constexpr const char* kDefaultModel = "sentiment-bert";

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

}  // namespace

std::filesystem::path resolve_model(const ModelOptions& options) {
  if (!options.model.empty()) return options.model;
  if (const char* env = std::getenv("ATTNMAP_MODEL"); env != nullptr && *env != '\0') return env;
  std::filesystem::path dir = executable_dir();
  for (const auto& candidate : {dir / ".." / "models" / kDefaultModel, dir / ".." / "share" / "attnmap" / "models" / kDefaultModel}) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate / "attnmap.json", ec)) return candidate.lexically_normal();
  }
  throw Error::usage(std::string("no model given and the default model (") + kDefaultModel +
                     ") is not installed: pass --model DIR or run scripts/setup.sh");
}

Bundle open_bundle(const ModelOptions& options) {
  std::filesystem::path model = resolve_model(options);
  std::error_code ec;
  if (std::filesystem::is_regular_file(model, ec)) {
    if (options.tokenizer.empty())
      throw Error::usage("a plain TorchScript model needs its tokenizer: add --tokenizer tokenizer.json", model.string());
    return plain_module_bundle(model, options.tokenizer);
  }
  Bundle bundle = load_bundle(model);
  if (!options.tokenizer.empty()) {  // any kind of tokenizer file, or a directory holding one
    bundle.manifest.tokenizer_kind = tokenizer_kind_name(load_tokenizer(std::filesystem::path(options.tokenizer)).kind());
    bundle.manifest.tokenizer_file = std::filesystem::absolute(options.tokenizer).string();
  }
  return bundle;
}

LoadedModel::LoadedModel(Bundle bundle, Tokenizer tokenizer, RunnerOptions runner_options)
    : bundle_(std::move(bundle)), tokenizer_(std::move(tokenizer)), runner_options_(std::move(runner_options)) {}

ModelRunner& LoadedModel::runner() {
  if (!runner_) runner_ = std::make_unique<ModelRunner>(bundle_, runner_options_);
  return *runner_;
}

LoadedModel load_model(const ModelOptions& options) {
  Bundle bundle = open_bundle(options);
  Tokenizer tokenizer = load_tokenizer(bundle);
  return LoadedModel(std::move(bundle), std::move(tokenizer), RunnerOptions{options.device, options.threads});
}

ModelOptions other_model(const ModelOptions& options, const std::string& model) {
  ModelOptions other = options;
  other.model = model;
  other.tokenizer.clear();
  return other;
}

}  // namespace attnmap::explain
