// attnmap export: a Hugging Face classifier directory into an attnmap bundle. The exporter is
// Python (it traces the model with torch and checks the trace against transformers), so this
// command finds it and the Python of the environment attnmap lives in, and hands over with exec:
// its output, its errors and its exit code are the command's.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "attnmap/error.h"
#include "cli/commands.h"

namespace attnmap::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kExportHelp = R"(Export a Hugging Face classifier directory into an attnmap bundle.

HF_DIR is what `save_pretrained` writes (config.json, the weights, the tokenizer files);
OUT_BUNDLE is created: model.pt (TorchScript, traced with eager attention), the tokenizer files and
attnmap.json. Before it finishes, the exporter runs the traced module on sentences of several
lengths, a pair and a padded batch and compares logits and attentions with the Hugging Face model
(--tolerance); it fails loudly when they differ.

The exporter is Python: it runs with $ATTNMAP_PYTHON, else the Python beside the attnmap binary
(the environment pip installed attnmap into), else python3 on the PATH. That Python needs torch and
transformers.)";

struct ExportOptions {
  std::string hf_dir, out_bundle, source, golden;
  std::string tolerance;  // passed on as written, so that 1e-9 stays 1e-9
  int max_length = 0;
};

fs::path this_executable() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw Error::io("cannot find the attnmap executable (/proc/self/exe): " + ec.message());
  return exe;
}

bool has_exporter(const fs::path& root) {
  std::error_code ec;
  return fs::is_regular_file(root / "scripts" / "models" / "export_model.py", ec);
}

// Where the exporter's Python package lies: installed beside the binary (share/attnmap/python,
// for pip, the Debian package and `cmake --install`), else the sources of a binary run from its
// build tree.
fs::path exporter_root(const fs::path& exe) {
  fs::path installed = exe.parent_path().parent_path() / "share" / "attnmap" / "python";
  if (has_exporter(installed)) return installed;
#ifdef ATTNMAP_SOURCE_DIR
  if (has_exporter(ATTNMAP_SOURCE_DIR)) return ATTNMAP_SOURCE_DIR;
#endif
  throw Error::io("the exporter is not installed: no share/attnmap/python/scripts/models/export_model.py beside this "
                  "attnmap (reinstall it, or run the exporter from the attnmap sources)",
                  installed.string());
}

std::string python_for(const fs::path& exe, const fs::path& root) {
  if (const char* chosen = std::getenv("ATTNMAP_PYTHON"); chosen != nullptr && *chosen != '\0') return chosen;
  std::error_code ec;
  std::vector<fs::path> candidates = {exe.parent_path() / "python3", exe.parent_path() / "python",
                                      root / ".venv" / "bin" / "python"};
  for (const auto& p : candidates)
    if (fs::exists(p, ec) && ::access(p.c_str(), X_OK) == 0) return p.string();
  return "python3";
}

[[noreturn]] void run_export(const ExportOptions& o) {
  const fs::path exe = this_executable();
  const fs::path root = exporter_root(exe);
  const std::string python = python_for(exe, root);
  std::vector<std::string> args = {python, "-m", "scripts.models.export_model", o.hf_dir, o.out_bundle};
  if (o.max_length > 0) args.insert(args.end(), {"--max-length", std::to_string(o.max_length)});
  if (!o.tolerance.empty()) args.insert(args.end(), {"--tolerance", o.tolerance});
  if (!o.source.empty()) args.insert(args.end(), {"--source", o.source});
  if (!o.golden.empty()) args.insert(args.end(), {"--golden", o.golden});
  // The package is found through PYTHONPATH; PYTHONSAFEPATH (Python 3.11+) keeps a `scripts`
  // folder in the user's working directory from shadowing it.
  const char* old_path = std::getenv("PYTHONPATH");
  std::string path = root.string() + (old_path != nullptr && *old_path != '\0' ? ":" + std::string(old_path) : "");
  ::setenv("PYTHONPATH", path.c_str(), 1);
  ::setenv("PYTHONSAFEPATH", "1", 1);
  // No __pycache__ beside installed files: pip's uninstall would leave it behind, and /usr/share
  // is not the user's to write.
  ::setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  throw Error::io(std::string("cannot run the exporter's Python: ") + std::strerror(errno) +
                      " (set ATTNMAP_PYTHON to the Python of an environment with torch and transformers)",
                  python);
}

}  // namespace

Command add_export_command(CLI::App& app) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "Export a Hugging Face classifier directory into an attnmap bundle");
  cmd->footer(kExportHelp);
  cmd->add_option("hf_dir", o->hf_dir, "Hugging Face model directory (config.json, weights, tokenizer)")->required();
  cmd->add_option("out_bundle", o->out_bundle, "Bundle directory to write")->required();
  cmd->add_option("--max-length", o->max_length, "Longest input the bundle accepts (default: the model's)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--tolerance", o->tolerance, "Largest traced-vs-eager difference allowed (default 1e-5)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--source", o->source, "What to record as the model's source in the manifest");
  cmd->add_option("--golden", o->golden, "Also write reference outputs for `attnmap check --golden`");
  return [o] { run_export(*o); };
}

}  // namespace attnmap::cli
