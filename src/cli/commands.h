#pragma once
// Each subcommand registers its options on a CLI11 sub-app and returns the function that runs it.
#include <CLI/CLI.hpp>

#include <functional>

namespace attnmap::cli {

using Command = std::function<void()>;

// Thrown by a command that stopped early on SIGINT or SIGTERM after leaving its output
// consistent; the process exits with 130 (128 + SIGINT), as shells expect of Ctrl-C.
struct Interrupted {
  int exit_code = 130;
};

Command add_render_command(CLI::App& app);
Command add_tokenize_command(CLI::App& app);
Command add_saliency_command(CLI::App& app);
Command add_dump_command(CLI::App& app);
Command add_inspect_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_batch_command(CLI::App& app);
Command add_faithfulness_command(CLI::App& app);
Command add_export_command(CLI::App& app);

}  // namespace attnmap::cli
