#pragma once
// Each subcommand registers its options on a CLI11 sub-app and returns the function that runs it.
#include <CLI/CLI.hpp>

#include <functional>

namespace attnmap::cli {

using Command = std::function<void()>;

Command add_render_command(CLI::App& app);
Command add_tokenize_command(CLI::App& app);
Command add_saliency_command(CLI::App& app);
Command add_dump_command(CLI::App& app);
Command add_inspect_command(CLI::App& app);
Command add_check_command(CLI::App& app);

}  // namespace attnmap::cli
