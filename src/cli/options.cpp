#include "cli/options.h"

#include <unistd.h>

#include <iostream>
#include <iterator>

#include "attnmap/error.h"
#include "attnmap/files.h"

namespace attnmap::cli {

void add_model_options(CLI::App& app, ModelOptions& options) {
  app.add_option("--model,-m", options.model,
                 "Model bundle directory, or a TorchScript .pt file with --tokenizer "
                 "(default: $ATTNMAP_MODEL, else the bundled sentiment-bert)");
  app.add_option("--tokenizer", options.tokenizer, "tokenizer.json for a plain .pt model (or to override a bundle's)");
  app.add_option("--device", options.device, "cpu, cuda or cuda:N")->capture_default_str();
  // libgomp gives up creating some 20,000 threads, and libtorch crashes on 100,000.
  app.add_option("--threads", options.threads, "CPU threads for the model (0: libtorch's default)")
      ->check(CLI::Range(0, 1024));
}

void check_output_location(const std::string& path) {
  if (path == "-") return;
  const std::filesystem::path p(path);
  std::error_code ec;
  if (std::filesystem::is_directory(p, ec)) throw Error::io("output is a directory", path);
  const std::filesystem::path dir = p.parent_path().empty() ? "." : p.parent_path();
  if (!std::filesystem::is_directory(dir, ec))
    throw Error::io(std::filesystem::exists(dir, ec) ? "the output's directory is not a directory"
                                                     : "the output's directory does not exist",
                    path);
}

std::string read_text(const std::string& text, const std::string& text_file, bool from_stdin) {
  int given = !text.empty() + !text_file.empty() + from_stdin;
  if (given == 0) throw Error::usage("no text: give --text TEXT, --text-file FILE or - for standard input");
  if (given > 1) throw Error::usage("give only one of --text, --text-file and -");
  std::string out;
  if (!text.empty()) {
    out = text;
  } else if (!text_file.empty()) {
    out = read_file(text_file);
  } else {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace attnmap::cli
