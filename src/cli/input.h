#pragma once
// The text a subcommand runs on, and its encoding: --text / --text-file / "-" / the positional
// argument, an optional --pair, truncation to the model's maximum.
#include <CLI/CLI.hpp>

#include <string>

#include "attnmap/bundle.h"
#include "attnmap/encoding.h"
#include "attnmap/tokenizer.h"

namespace attnmap::cli {

struct InputOptions {
  std::string text, text_file, source, pair;
  int max_length = 0;  // 0: the model's maximum
  bool no_truncate = false;
  std::string tokens = "clean";  // how tokens are labelled: raw, clean or text (display.h)
};

void add_input_options(CLI::App& app, InputOptions& options);

struct Input {
  std::string text, pair;  // pair empty for a single sentence
  std::string source;      // where the text came from, for errors: "--text", a file, "standard input"
  Encoding encoding;
  std::vector<std::string> labels;  // each token as figures show it (--tokens)
};

// Reads the text (once: standard input cannot be read twice) and the pair. Throws Error::input
// naming the source when the text is not valid UTF-8.
Input read_input(const InputOptions& options);

// Encodes the text for `manifest`'s model into input.encoding and input.labels, warning on stderr
// when it was truncated (unless `warn_truncation` is false: batch mode counts instead). Throws
// Error::input when the text and pair hold no token but the special ones (empty or only
// whitespace): a figure of [CLS] and [SEP] alone explains nothing.
void encode_input(Input& input, const InputOptions& options, const Tokenizer& tokenizer, const Manifest& manifest,
                  bool warn_truncation = true);

// The bundle's tokenizer (or the one --tokenizer names).
Tokenizer open_tokenizer(const Bundle& bundle);

}  // namespace attnmap::cli
