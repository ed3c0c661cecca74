// attnmap inspect: what a model bundle is — architecture, classes, tokenizer, methods, devices.
#include <iostream>
#include <map>
#include <memory>

#include "attnmap/model.h"
#include "attnmap/tokenizer.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "cli/json_output.h"
#include "cli/options.h"

namespace attnmap::cli {
namespace {

struct InspectOptions {
  ModelOptions model;
  bool json = false;
};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void run_inspect(const InspectOptions& o) {
  explain::LoadedModel model = explain::load_model(o.model);
  const Bundle& bundle = model.bundle();
  const Tokenizer& tokenizer = model.tokenizer();
  ModelRunner& runner = model.runner();
  const Manifest& m = runner.manifest();
  nlohmann::json j = {
      {"name", m.name},
      {"directory", bundle.directory.string()},
      {"model_type", m.model_type},
      {"layers", m.num_layers},
      {"heads", m.num_heads},
      {"hidden_size", m.hidden_size},
      {"max_length", m.max_length},
      {"vocab_size", m.vocab_size},
      {"parameters", runner.parameter_count()},
      {"labels", m.labels},
      {"tokenizer", {{"kind", m.tokenizer_kind}, {"file", m.tokenizer_file}, {"ids", tokenizer.id_limit()},
                     {"pad_id", tokenizer.pad_id()}}},
      {"methods", runner.methods()},
      {"unavailable_methods", m.unavailable_methods},
      {"source", m.source},
      {"devices", {{"cpu", true}, {"cuda", ModelRunner::cuda_available()}}},
      {"libtorch", ModelRunner::torch_version()},
  };
  if (o.json) {
    std::cout << dump_json(j, 2) << "\n";
    return;
  }
  std::cout << m.name << " (" << bundle.directory.string() << ")\n"
            << "  architecture  " << m.model_type << ": " << m.num_layers << " layers × " << m.num_heads
            << " heads, hidden size " << m.hidden_size << ", " << runner.parameter_count() << " parameters\n"
            << "  classes       " << (m.labels.empty() ? "none (no classifier head)" : join(m.labels)) << "\n"
            << "  tokenizer     " << m.tokenizer_kind << " (" << m.tokenizer_file << "), ids 0.."
            << tokenizer.id_limit() - 1 << " into an embedding table of " << m.vocab_size << " rows\n"
            << "  max length    " << m.max_length << " tokens\n"
            << "  methods       " << join(runner.methods()) << "\n";
  std::map<std::string, std::vector<std::string>> by_reason;  // one line per reason
  for (const auto& [method, why] : m.unavailable_methods) by_reason[why].push_back(method);
  for (const auto& [why, methods] : by_reason) std::cout << "  without       " << join(methods) << ": " << why << "\n";
  std::cout << "  devices       cpu" << (ModelRunner::cuda_available() ? ", cuda" : " (no CUDA here)") << "\n"
            << "  source        " << m.source << "\n";
}

}  // namespace

Command add_inspect_command(CLI::App& app) {
  auto o = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand("inspect", "Describe a model bundle: layers, heads, classes, tokenizer, methods");
  add_model_options(*cmd, o->model);
  cmd->add_flag("--json", o->json, "Print the description as JSON");
  return [o] { run_inspect(*o); };
}

}  // namespace attnmap::cli
