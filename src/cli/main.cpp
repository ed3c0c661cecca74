// attnmap: the command-line entry point. Parses options, hands off to one subcommand, and turns
// every error into one line on stderr and an exit code (2 usage, 3 input, 4 model, 5 I/O).
#include <CLI/CLI.hpp>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>

#include "attnmap/error.h"
#include "attnmap/model.h"
#include "attnmap/version.h"
#include "cli/commands.h"
#include "core/utf8.h"

namespace {

std::string version_text() {
  std::string cuda = attnmap::ModelRunner::cuda_available() ? "CUDA available" : "CPU only";
  return std::string("attnmap ") + attnmap::kVersion + " (libtorch " + attnmap::ModelRunner::torch_version() +
         ", " + cuda + ")";
}

// Always one line: a message may quote a file's bytes (a token, a type name) or a library's text.
int fail(const std::string& message, int code) {
  std::cerr << "attnmap: error: " << attnmap::utf8::printable_line(message) << "\n";
  return code;
}

// Standard output is data: a write that failed (a full disk, a reader gone) fails the command
// instead of vanishing with the buffer at exit.
int finish_output() {
  std::cout.flush();
  if (std::fflush(stdout) != 0) return fail(std::string("cannot write to standard output: ") + std::strerror(errno), 5);
  if (std::ferror(stdout) || !std::cout) return fail("cannot write to standard output", 5);
  return 0;
}

// An unexpected exception's first line: libraries put tracebacks under it.
std::string first_line(const char* what) {
  std::string s = what;
  const size_t start = s.find_first_not_of("\r\n");
  if (start == std::string::npos) return "(no message)";
  return s.substr(start, s.find_first_of("\r\n", start) - start);
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe on standard output is then an error to report (EPIPE), not a silent death.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"attnmap: attention heatmaps and saliency maps for BERT-family classifiers"};
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
  add(attnmap::cli::add_faithfulness_command(app));
  add(attnmap::cli::add_export_command(app));
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
    return fail("internal error: " + first_line(e.what()), 1);
  } catch (...) {
    return fail("internal error: an exception of unknown type", 1);
  }
  return finish_output();
}
