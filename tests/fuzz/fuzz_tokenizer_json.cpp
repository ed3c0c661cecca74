// Arbitrary bytes as a tokenizer.json. Tokenizer::from_json loads them or throws attnmap::Error;
// nothing else may escape, and it must not crash, hang or leak. A tokenizer it accepts must then
// encode a few fixed texts (or refuse with attnmap::Error) keeping every Encoding invariant but
// offset order (a template may repeat a sequence), and answer id_limit() / pad_id() / token_to_id().
#include <cstdint>
#include <optional>
#include <string_view>

#include "fuzz_common.h"

namespace {

using namespace attnmap;

// Texts that reach every stage: ASCII words and punctuation, accents, CJK, an emoji, whitespace
// runs, the usual special tokens, an empty text.
constexpr std::string_view kTexts[] = {
    "Hello world, it's a TEST!", "na\xC3\xAFve caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80",
    "  two\t\tspaces\n x ", "[CLS] <s> [MASK] <mask> </s>", "",
};

void encode_and_check(const Tokenizer& tokenizer, std::string_view a, const std::string_view* b,
                      const EncodeOptions& options) {
  fuzz::only_errors_escape([&] {
    Encoding e = b ? tokenizer.encode_pair(a, *b, options) : tokenizer.encode(a, options);
    fuzz::check_encoding(tokenizer, e, fuzz::code_points(a), b ? fuzz::code_points(*b) : 0, b != nullptr,
                         /*any_template=*/true);
    if (options.max_length != 0)
      ATTNMAP_FUZZ_CHECK(e.size() <= options.max_length, "longer than max_length");
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  std::optional<Tokenizer> tokenizer;
  fuzz::only_errors_escape([&] { tokenizer = Tokenizer::from_json(json, "fuzz.json"); });
  if (!tokenizer) return 0;
  fuzz::only_errors_escape([&] {
    (void)tokenizer->id_limit();
    (void)tokenizer->pad_id();
    (void)tokenizer->token_to_id("[UNK]");
  });
  for (std::string_view text : kTexts) encode_and_check(*tokenizer, text, nullptr, {});
  encode_and_check(*tokenizer, kTexts[0], &kTexts[1], {});
  encode_and_check(*tokenizer, kTexts[1], &kTexts[2], {6, true});
  return 0;
}
