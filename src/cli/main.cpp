// attnmap: the command-line entry point. Parses options, hands off to one subcommand, and turns
// every error into one line on stderr and an exit code (2 usage, 3 input, 4 model, 5 I/O).
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "attnmap/error.h"
#include "attnmap/model.h"
#include "attnmap/version.h"
#include "cli/commands.h"

namespace {

std::string version_text() {
  std::string cuda = attnmap::ModelRunner::cuda_available() ? "CUDA available" : "CPU only";
  return std::string("attnmap ") + attnmap::kVersion + " (libtorch " + attnmap::ModelRunner::torch_version() +
         ", " + cuda + ")";
}

int fail(const std::string& message, int code) {
  std::cerr << "attnmap: error: " << message << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"attnmap: attention heatmaps and salience maps for BERT-family classifiers"};
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", version_text);
  std::map<CLI::App*, attnmap::cli::Command> commands;
  auto add = [&](attnmap::cli::Command command) { commands[app.get_subcommands({}).back()] = std::move(command); };
  add(attnmap::cli::add_render_command(app));
  add(attnmap::cli::add_saliency_command(app));
  add(attnmap::cli::add_tokenize_command(app));
  add(attnmap::cli::add_dump_command(app));
  add(attnmap::cli::add_inspect_command(app));
  add(attnmap::cli::add_check_command(app));
  add(attnmap::cli::add_batch_command(app));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(std::string(e.what()) + " (run 'attnmap --help')", 2);
  }
  if (app.get_subcommands().empty()) return fail("no subcommand given (run 'attnmap --help')", 2);
  try {
    for (auto& [sub, command] : commands)
      if (sub->parsed()) command();
  } catch (const attnmap::Error& e) {
    return fail(e.message(), e.exit_code());
  } catch (const attnmap::cli::Interrupted& e) {
    return e.exit_code;
  } catch (const std::exception& e) {
    return fail(std::string("internal error: ") + e.what(), 1);
  }
  return 0;
}
