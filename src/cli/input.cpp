#include "cli/input.h"

#include "attnmap/error.h"
#include "cli/options.h"
#include "core/utf8.h"

namespace attnmap::cli {
namespace {

// Checked here rather than by the tokenizer, whose error cannot say which file the text is from:
// "invalid UTF-8 in text (notes.txt, byte 17)".
void check_utf8(const std::string& text, const std::string& source) {
  try {
    utf8::decode(text);
  } catch (const Error& e) {
    throw Error::input(e.what(), source + ", " + e.where());
  }
}

}  // namespace

void add_input_options(CLI::App& app, InputOptions& options) {
  app.add_option("--text,-t", options.text, "The text to run");
  app.add_option("--text-file", options.text_file, "Read the text from a file");
  app.add_option("source", options.source, "The text itself, or - to read it from standard input");
  app.add_option("--pair", options.pair, "A second text, for models that read sentence pairs");
  app.add_option("--max-length", options.encoding.max_length, "Truncate to this many tokens (default: the model's maximum)")
      ->check(CLI::PositiveNumber);
  app.add_option("--tokens", options.encoding.tokens, "Token labels: clean (readable), raw (vocabulary strings), text (as written)")
      ->check(CLI::IsMember({"clean", "raw", "text"}))->capture_default_str();
  app.add_flag("--no-truncate", options.encoding.no_truncate, "Refuse a text longer than the maximum instead of truncating it");
}

Example read_input(const InputOptions& o) {
  if (!o.text.empty() && !o.source.empty()) throw Error::usage("give the text once: as --text or as an argument, not both");
  const bool from_stdin = o.source == "-";
  Example in;
  in.text = read_text(from_stdin ? "" : o.text.empty() ? o.source : o.text, o.text_file, from_stdin);
  in.source = from_stdin ? "standard input" : !o.text_file.empty() ? o.text_file : "--text";
  check_utf8(in.text, in.source);
  in.pair = o.pair;
  return in;
}

}  // namespace attnmap::cli
