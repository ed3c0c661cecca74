#pragma once
// What the fuzz targets share: the rule that only attnmap::Error may escape the library, the
// invariants every Encoding keeps, and UTF-8 repair so that mutated text still reaches the
// tokenizer instead of stopping at the decoder.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "attnmap/encoding.h"
#include "attnmap/error.h"
#include "attnmap/tokenizer.h"

namespace attnmap::fuzz {

[[noreturn]] inline void finding(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "%s:%d: fuzz finding: %s\n", file, line, what.c_str());
  std::abort();
}

#define ATTNMAP_FUZZ_CHECK(cond, what) \
  do {                                 \
    if (!(cond)) ::attnmap::fuzz::finding(__FILE__, __LINE__, std::string(#cond ": ") + (what)); \
  } while (0)

// Runs `body`. Returns true when it returned, false when it threw attnmap::Error (a refusal, which
// is fine); any other exception is a finding and aborts.
template <class Body>
bool only_errors_escape(Body&& body) {
  try {
    body();
    return true;
  } catch (const Error&) {
    return false;
  } catch (const std::exception& e) {
    finding(__FILE__, __LINE__, std::string("exception other than attnmap::Error escaped: ") + e.what());
  } catch (...) {
    finding(__FILE__, __LINE__, "non-std exception escaped");
  }
}

// Length of the valid UTF-8 sequence at s[i], 0 when none starts there.
inline size_t utf8_sequence_at(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char lead = b(0);
  if (lead < 0x80) return 1;
  size_t len = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k)
    if ((b(k) & 0xC0) != 0x80) return 0;
  if (lead == 0xE0 && b(1) < 0xA0) return 0;   // overlong
  if (lead == 0xED && b(1) >= 0xA0) return 0;  // surrogate
  if (lead == 0xF0 && b(1) < 0x90) return 0;   // overlong
  if (lead == 0xF4 && b(1) >= 0x90) return 0;  // past U+10FFFF
  return len;
}

// `bytes` with every byte that does not start a valid UTF-8 sequence replaced by U+FFFD.
inline std::string repair_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    size_t len = utf8_sequence_at(bytes, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(bytes, i, len);
      i += len;
    }
  }
  return out;
}

// Code points of valid UTF-8.
inline size_t code_points(std::string_view utf8) {
  size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Checks what every Encoding promises (encoding.h, tokenizer.h); `first_chars` / `second_chars`
// are the code point counts of the texts (second_chars ignored for a single text):
// all vectors of one length; ids in [0, id_limit); template tokens marked special with sequence
// id -1 and offsets (0, 0); text tokens with sequence id 0 (or 1 for the second text of a pair),
// offsets begin <= end <= the text's length, begins never going back within a sequence (unless
// `any_template`: a template may name a sequence twice, "$A [SEP] $A", as tokenizers allows).
inline void check_encoding(const Tokenizer& tokenizer, const Encoding& e, size_t first_chars, size_t second_chars,
                           bool pair, bool any_template = false) {
  const size_t n = e.ids.size();
  ATTNMAP_FUZZ_CHECK(e.tokens.size() == n && e.offsets.size() == n && e.type_ids.size() == n &&
                         e.special_tokens_mask.size() == n && e.attention_mask.size() == n &&
                         e.sequence_ids.size() == n,
                     "Encoding vectors differ in length");
  const int64_t limit = tokenizer.id_limit();
  size_t last_begin[2] = {0, 0};
  for (size_t i = 0; i < n; ++i) {
    const std::string at = " at token " + std::to_string(i) + " '" + e.tokens[i] + "'";
    ATTNMAP_FUZZ_CHECK(e.ids[i] >= 0 && e.ids[i] < limit,
                       "id " + std::to_string(e.ids[i]) + " outside [0, " + std::to_string(limit) + ")" + at);
    ATTNMAP_FUZZ_CHECK(e.attention_mask[i] == 1, "attention mask 0 without padding" + at);
    const auto [begin, end] = e.offsets[i];
    if (e.special_tokens_mask[i] == 1) {
      ATTNMAP_FUZZ_CHECK(e.sequence_ids[i] == -1, "special token with a sequence id" + at);
      ATTNMAP_FUZZ_CHECK(begin == 0 && end == 0, "special token with offsets" + at);
      continue;
    }
    const int sequence = e.sequence_ids[i];
    ATTNMAP_FUZZ_CHECK(sequence == 0 || (pair && sequence == 1), "bad sequence id" + at);
    const size_t chars = sequence == 0 ? first_chars : second_chars;
    const std::string span = " (" + std::to_string(begin) + ", " + std::to_string(end) + ") of " +
                             std::to_string(chars) + " chars" + at;
    ATTNMAP_FUZZ_CHECK(begin <= end && end <= chars, "offsets outside the text" + span);
    ATTNMAP_FUZZ_CHECK(any_template || begin >= last_begin[sequence], "offsets go back" + span);
    last_begin[sequence] = begin;
  }
}

}  // namespace attnmap::fuzz
