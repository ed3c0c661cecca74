#pragma once
// Options and helpers shared by the subcommands.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>

#include "attnmap/bundle.h"

namespace attnmap::cli {

struct ModelOptions {
  std::string model;      // bundle directory or a plain TorchScript file; empty: the default model
  std::string tokenizer;  // tokenizer.json for a plain TorchScript file
  std::string device = "cpu";
  int threads = 0;
};

void add_model_options(CLI::App& app, ModelOptions& options);

// The bundle to use: --model, else $ATTNMAP_MODEL, else the bundled default (sentiment-bert)
// beside the executable (build tree or installed share/attnmap/models). Throws Error::usage when
// there is none.
std::filesystem::path resolve_model(const ModelOptions& options);

// The bundle to run: a bundle directory, or a plain .pt file with --tokenizer.
Bundle open_bundle(const ModelOptions& options);

// Fails before any work is done when `path` cannot be written: its directory is missing or no
// directory, or the path is a directory itself (Error::io). "-" (standard output) passes. Whether
// the directory takes the file (permissions, space) only writing tells.
void check_output_location(const std::string& path);

// Reads the text from exactly one of --text, --text-file and "-" (standard input).
std::string read_text(const std::string& text, const std::string& text_file, bool from_stdin);

}  // namespace attnmap::cli
