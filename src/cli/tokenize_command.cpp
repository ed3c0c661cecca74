// attnmap tokenize: text to tokens, as the model sees it. One text per line of a file gives JSON
// Lines out, one object per input line.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "attnmap/bundle.h"
#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/tokenizer.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/options.h"

namespace attnmap::cli {
namespace {

struct TokenizeOptions {
  ModelOptions model;
  std::string text, text_file, source;
  bool json = false, no_truncate = false;
};

void print(const Encoding& e, bool json) {
  if (json) {
    std::cout << encoding_json(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict) << "\n";
    return;
  }
  for (size_t i = 0; i < e.size(); ++i) std::cout << (i ? " " : "") << e.tokens[i];
  std::cout << "\n";
}

void run_tokenize(const TokenizeOptions& o) {
  Tokenizer tokenizer = [&] {
    if (!o.model.tokenizer.empty()) return load_tokenizer(std::filesystem::path(o.model.tokenizer));
    return load_tokenizer(explain::open_bundle(o.model));
  }();
  EncodeOptions options;
  options.truncate = !o.no_truncate;
  if (!o.text_file.empty() || o.source == "-") {
    // One text per line; only "\n" separates lines, so "\r" and U+2028 stay inside a text.
    std::string all = o.text_file.empty() ? read_text("", "", true) + "\n" : read_file(o.text_file);
    std::istringstream in(all);
    std::string line;
    size_t number = 0;
    while (std::getline(in, line, '\n')) {
      ++number;
      try {
        print(tokenizer.encode(line, options), o.json);
      } catch (const Error& e) {
        throw Error(e.category(), e.what(), "line " + std::to_string(number) + ", " + e.where());
      }
      // A reader that went away (a closed pipe) or a full disk: stop, not tokenize the rest unread.
      if (!std::cout) throw Error::io("cannot write to standard output");
    }
    return;
  }
  print(tokenizer.encode(read_text(o.text.empty() ? o.source : o.text, "", false), options), o.json);
}

}  // namespace

Command add_tokenize_command(CLI::App& app) {
  auto o = std::make_shared<TokenizeOptions>();
  CLI::App* cmd = app.add_subcommand("tokenize", "Show the tokens a model sees");
  add_model_options(*cmd, o->model);
  cmd->add_option("--text,-t", o->text, "The text to tokenize");
  cmd->add_option("--text-file", o->text_file, "One text per line; JSON Lines out with --json");
  cmd->add_option("source", o->source, "The text itself, or - for one text per line of standard input");
  cmd->add_flag("--json", o->json, "Print ids, tokens, offsets (code points), type ids as JSON");
  cmd->add_flag("--no-truncate", o->no_truncate, "Refuse a text longer than the maximum instead of truncating it");
  return [o] { run_tokenize(*o); };
}

}  // namespace attnmap::cli
