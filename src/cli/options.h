#pragma once
// Options and helpers shared by the subcommands.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>

#include "explain/model_setup.h"

namespace attnmap::cli {

using explain::ModelOptions;

// --model, --tokenizer, --device, --threads.
void add_model_options(CLI::App& app, ModelOptions& options);

// Fails before any work is done when `path` cannot be written: its directory is missing or no
// directory, or the path is a directory itself (Error::io). "-" (standard output) passes. Whether
// the directory takes the file (permissions, space) only writing tells.
void check_output_location(const std::string& path);

// Reads the text from exactly one of --text, --text-file and "-" (standard input).
std::string read_text(const std::string& text, const std::string& text_file, bool from_stdin);

}  // namespace attnmap::cli
