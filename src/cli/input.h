#pragma once
// The text a subcommand runs on: --text / --text-file / "-" / the positional argument, an optional
// --pair, and how it is encoded (--max-length, --no-truncate, --tokens).
#include <CLI/CLI.hpp>

#include <string>

#include "explain/example.h"

namespace attnmap::cli {

using explain::Example;

struct InputOptions {
  std::string text, text_file, source, pair;
  explain::EncodingOptions encoding;
};

void add_input_options(CLI::App& app, InputOptions& options);

// Reads the text (once: standard input cannot be read twice) and the pair. Throws Error::input
// naming the source when the text is not valid UTF-8.
Example read_input(const InputOptions& options);

}  // namespace attnmap::cli
