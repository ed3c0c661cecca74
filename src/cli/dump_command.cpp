// attnmap dump: the numbers behind a figure, for notebooks and other tools. One JSON file, or a
// NumPy .npy of the attentions (float32, layer × head × query × key) with a JSON sidecar.
#include <iostream>
#include <memory>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/model.h"
#include "attnmap/npy.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "cli/json_output.h"
#include "cli/options.h"

namespace attnmap::cli {
namespace {

constexpr const char* kDumpHelp = R"(Write tokens, ids, offsets, logits, probabilities and every attention weight.

-o OUT.json   one JSON object; "attentions" holds "shape" [L, H, T, K] and "values", flat in
              layer, head, query (row, "from"), key (column, "to") order.
-o OUT.npy    the attentions as float32 (L, H, T, K) for numpy.load, and OUT.json beside it with
              everything else ("attentions": {"shape", "file"}).
-o -          the JSON to stdout.)";

struct DumpOptions {
  ModelOptions model;
  InputOptions input;
  std::string output;
};

void run_dump(const DumpOptions& o) {
  if (o.output.empty()) throw Error::usage("name the output: -o OUT.json, -o OUT.npy or -o -", "-o");
  const std::filesystem::path out(o.output);
  const bool npy = out.extension() == ".npy";
  if (o.output != "-" && !npy && out.extension() != ".json")
    throw Error::usage("cannot write '" + o.output + "': name the output *.json or *.npy (or - for stdout)", o.output);
  std::filesystem::path sidecar = out;
  sidecar.replace_extension(".json");
  check_output_location(o.output);
  if (npy) check_output_location(sidecar.string());
  Example input = read_input(o.input);
  explain::LoadedModel model = explain::load_model(o.model);
  explain::encode_example(input, o.input.encoding, model.tokenizer(), model.manifest());
  RunResult run = model.runner().run(input.encoding);

  nlohmann::json j = {{"model", model.name()}, {"text", input.text}};
  if (!input.pair.empty()) j["pair"] = input.pair;
  j["encoding"] = encoding_json(input.encoding);
  j["prediction"] = prediction_json(run, model.manifest());
  j["attentions"] = attention_shape_json(run.attention);
  if (npy) {
    j["attentions"]["file"] = out.filename().string();
    const auto& a = run.attention;
    write_file_atomic(out, encode_npy(a.values, {a.layers, a.heads, a.queries, a.keys}));
    try {
      write_file_atomic(sidecar, dump_json(j, 2) + "\n");
    } catch (const Error&) {
      // The two files are one result: no .npy is left without the sidecar that describes it.
      std::error_code ec;
      if (std::filesystem::is_regular_file(out, ec)) std::filesystem::remove(out, ec);
      throw;
    }
    std::cout << out.string() << "\n" << sidecar.string() << "\n";
    return;
  }
  j["attentions"]["values"] = run.attention.values;
  write_file_atomic(out, dump_json(j, -1) + "\n");
  if (o.output != "-") std::cout << o.output << "\n";
}

}  // namespace

Command add_dump_command(CLI::App& app) {
  auto o = std::make_shared<DumpOptions>();
  CLI::App* cmd = app.add_subcommand("dump", "Write tokens, logits and every attention weight (JSON or .npy)");
  cmd->footer(kDumpHelp);
  add_model_options(*cmd, o->model);
  add_input_options(*cmd, o->input);
  cmd->add_option("--output,-o", o->output, "OUT.json, OUT.npy (+ OUT.json) or - for JSON on stdout")->required();
  return [o] { run_dump(*o); };
}

}  // namespace attnmap::cli
