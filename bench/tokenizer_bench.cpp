// Tokenizer throughput: encodes every text of a corpus with one tokenizer.json, one thread, one
// text at a time, as the CLI does; a warm-up pass, then timed passes; prints one JSON object.
//
//   attnmap_tokenizer_bench --tokenizer models/minilm/hf/tokenizer.json
//       --repeat 5 tests/corpus/tokenizer_corpus.txt examples/sentiment/dev.tsv
//   {"tokenizer": "...", "texts": 12063, "bytes": 1234567, "tokens": 345678, "repeat": 5,
//    "seconds": [..], "median_s": 0.41, "texts_per_s": 29400, "mb_per_s": 3.0}
//
// A .tsv file contributes the "text" column of each row after its header; any other file, each
// line (a final empty line is not a text). No truncation and no padding, as in the parity goldens,
// so that the work matches Hugging Face's for the same texts (scripts/bench/tokenizer.py).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/tokenizer.h"

namespace {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      parts.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

void read_texts(const std::string& path, std::vector<std::string>& texts) {
  std::vector<std::string> lines = split(attnmap::read_file(path), '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  const bool tsv = path.size() > 4 && path.compare(path.size() - 4, 4, ".tsv") == 0;
  if (!tsv) {
    texts.insert(texts.end(), lines.begin(), lines.end());
    return;
  }
  if (lines.empty()) return;
  const std::vector<std::string> header = split(lines[0], '\t');
  const auto column = static_cast<size_t>(std::find(header.begin(), header.end(), "text") - header.begin());
  if (column == header.size()) throw attnmap::Error::input("no \"text\" column", path);
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> fields = split(lines[i], '\t');
    if (column >= fields.size()) throw attnmap::Error::input("row without a text", path + ":" + std::to_string(i + 1));
    texts.push_back(std::move(fields[column]));
  }
}

// Encodes every text once; returns the number of tokens, so the work cannot be optimized away.
size_t encode_all(const attnmap::Tokenizer& tokenizer, const std::vector<std::string>& texts) {
  attnmap::EncodeOptions options;
  options.max_length = std::numeric_limits<size_t>::max();  // no truncation
  size_t tokens = 0;
  for (const auto& text : texts) tokens += tokenizer.encode(text, options).size();
  return tokens;
}

int usage() {
  std::fprintf(stderr, "usage: attnmap_tokenizer_bench --tokenizer TOKENIZER_JSON [--repeat N] FILE...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string tokenizer_path;
  int repeat = 5;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--tokenizer" && i + 1 < argc) tokenizer_path = argv[++i];
    else if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (!arg.empty() && arg[0] == '-') return usage();
    else files.push_back(arg);
  }
  if (tokenizer_path.empty() || files.empty()) return usage();
  try {
    const attnmap::Tokenizer tokenizer = attnmap::Tokenizer::from_file(tokenizer_path);
    std::vector<std::string> texts;
    for (const auto& f : files) read_texts(f, texts);
    size_t bytes = 0;
    for (const auto& t : texts) bytes += t.size();

    const size_t tokens = encode_all(tokenizer, texts);  // warm-up
    std::vector<double> seconds;
    for (int r = 0; r < repeat; ++r) {
      const auto start = std::chrono::steady_clock::now();
      if (encode_all(tokenizer, texts) != tokens) throw attnmap::Error::input("token count changed between passes");
      seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::vector<double> sorted = seconds;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted.size() % 2 ? sorted[sorted.size() / 2]
                                            : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
    std::printf("{\"tokenizer\": \"%s\", \"texts\": %zu, \"bytes\": %zu, \"tokens\": %zu, \"repeat\": %d, \"seconds\": [",
                tokenizer_path.c_str(), texts.size(), bytes, tokens, repeat);
    for (size_t i = 0; i < seconds.size(); ++i) std::printf("%s%.6f", i ? ", " : "", seconds[i]);
    std::printf("], \"median_s\": %.6f, \"texts_per_s\": %.1f, \"mb_per_s\": %.3f}\n", median,
                static_cast<double>(texts.size()) / median, static_cast<double>(bytes) / 1e6 / median);
  } catch (const attnmap::Error& e) {
    std::fprintf(stderr, "attnmap_tokenizer_bench: error: %s\n", e.message().c_str());
    return 3;
  }
  return 0;
}
