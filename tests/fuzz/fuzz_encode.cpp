// Arbitrary bytes as text, through each kind of tokenizer the repository has a sample of: BERT
// WordPiece (minilm, tiny-bert), byte-level BPE (tiny-roberta) and sentencepiece Unigram
// (tiny-xlmr), loaded once. The raw bytes must encode or be refused with attnmap::Error (invalid
// UTF-8); the same bytes with invalid UTF-8 repaired must encode, single and as a pair (split at
// the first newline or tab, else in the middle), with and without truncation, keeping every
// Encoding invariant, and twice the same.
//
// The tokenizers are read from ATTNMAP_SOURCE_DIR/models/<name>/hf/tokenizer.json, or from
// $ATTNMAP_FUZZ_MODELS/<name>/hf/tokenizer.json; a missing one (minilm is built by
// scripts/setup.sh) is skipped with a note.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.h"

namespace {

using namespace attnmap;

struct Sample {
  std::string name;
  Tokenizer tokenizer;
};

std::vector<Sample> load_samples() {
  const char* env = std::getenv("ATTNMAP_FUZZ_MODELS");
  const std::filesystem::path root = env ? env : ATTNMAP_SOURCE_DIR "/models";
  std::vector<Sample> samples;
  for (const char* name : {"minilm", "tiny-bert", "tiny-roberta", "tiny-xlmr"}) {
    const auto path = root / name / "hf" / "tokenizer.json";
    if (!std::filesystem::exists(path)) {
      std::fprintf(stderr, "fuzz_encode: no %s, skipping %s\n", path.c_str(), name);
      continue;
    }
    samples.push_back({name, Tokenizer::from_file(path)});
  }
  if (samples.empty()) fuzz::finding(__FILE__, __LINE__, "no sample tokenizer found under " + root.string());
  return samples;
}

const std::vector<Sample>& samples() {
  static const std::vector<Sample> loaded = load_samples();
  return loaded;
}

// Valid text must encode: with truncation on, nothing in it is a reason to refuse.
Encoding must_encode(const Sample& s, std::string_view a, const std::string_view* b, const EncodeOptions& options) {
  try {
    return b ? s.tokenizer.encode_pair(a, *b, options) : s.tokenizer.encode(a, options);
  } catch (const Error& e) {
    fuzz::finding(__FILE__, __LINE__, s.name + " refused valid text: " + e.message());
  }
}

void check_sample(const Sample& s, std::string_view raw, std::string_view text, std::string_view a,
                  std::string_view b) {
  if (raw != text) fuzz::only_errors_escape([&] { (void)s.tokenizer.encode(raw); });
  fuzz::only_errors_escape([&] {
    const Encoding e = must_encode(s, text, nullptr, {});
    fuzz::check_encoding(s.tokenizer, e, fuzz::code_points(text), 0, false);
    const Encoding again = must_encode(s, text, nullptr, {});
    ATTNMAP_FUZZ_CHECK(again.ids == e.ids && again.offsets == e.offsets && again.tokens == e.tokens,
                       s.name + " encodes the same text differently");

    const size_t a_chars = fuzz::code_points(a), b_chars = fuzz::code_points(b);
    fuzz::check_encoding(s.tokenizer, must_encode(s, a, &b, {}), a_chars, b_chars, true);
    const size_t max_length = 5 + raw.size() % 11;  // room for the 4 specials of a pair template
    const Encoding cut = must_encode(s, a, &b, {max_length, true});
    fuzz::check_encoding(s.tokenizer, cut, a_chars, b_chars, true);
    ATTNMAP_FUZZ_CHECK(cut.size() <= max_length, s.name + " did not truncate");
  });
  // Without truncation a long text is refused with an Error, never cut or crashed on.
  fuzz::only_errors_escape([&] {
    const Encoding e = s.tokenizer.encode(text, {4, false});
    ATTNMAP_FUZZ_CHECK(e.size() <= 4 && !e.truncated, s.name + " exceeded max_length without truncating");
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  size_t split = raw.find_first_of("\n\t");
  const bool has_separator = split != std::string_view::npos;
  if (!has_separator) split = raw.size() / 2;
  const std::string text = fuzz::repair_utf8(raw);
  const std::string a = fuzz::repair_utf8(raw.substr(0, split));
  const std::string b = fuzz::repair_utf8(raw.substr(has_separator ? split + 1 : split));
  for (const Sample& s : samples()) check_sample(s, raw, text, a, b);
  return 0;
}
