#include "attnmap/display.h"

#include <array>

#include "attnmap/error.h"
#include "core/utf8.h"
#include "tokenizer/byte_level.h"
#include "core/unicode_tables.h"

namespace attnmap {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// The byte each character of the byte-level alphabet stands for; -1 for other characters.
int char_to_byte(char32_t c) {
  static const std::array<int, 0x180> table = [] {
    std::array<int, 0x180> t{};
    t.fill(-1);
    for (int b = 0; b < 256; ++b) t[tokenizer::byte_to_char(static_cast<uint8_t>(b))] = b;
    return t;
  }();
  return c < table.size() ? table[c] : -1;
}

// Python's bytes.decode("utf-8", errors="replace"): each maximal invalid subsequence becomes one
// U+FFFD.
std::u32string decode_replacing(const std::string& bytes) {
  std::u32string out;
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  while (i < bytes.size()) {
    unsigned char lead = byte(i);
    int len = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    if (len <= 1) {
      out.push_back(len == 1 ? char32_t{lead} : kReplacement);
      ++i;
      continue;
    }
    char32_t c = lead & (0x7F >> len);
    int k = 1;
    for (; k < len && i + k < bytes.size(); ++k) {
      unsigned char b = byte(i + k);
      unsigned char lo = 0x80, hi = 0xBF;
      if (k == 1 && lead == 0xE0) lo = 0xA0;
      if (k == 1 && lead == 0xED) hi = 0x9F;
      if (k == 1 && lead == 0xF0) lo = 0x90;
      if (k == 1 && lead == 0xF4) hi = 0x8F;
      if (b < lo || b > hi) break;
      c = (c << 6) | (b & 0x3F);
    }
    out.push_back(k == len ? c : kReplacement);
    i += static_cast<size_t>(k);
  }
  return out;
}

// A byte-level token's text, or the token itself when it has characters outside the alphabet (an
// added token such as "<mask>").
std::u32string byte_level_text(const std::u32string& token) {
  std::string bytes;
  for (char32_t c : token) {
    int b = char_to_byte(c);
    if (b < 0) return token;
    bytes.push_back(static_cast<char>(b));
  }
  return decode_replacing(bytes);
}

// "▁the" -> "the"; "▁New▁York" -> "New York"; a piece of only "▁" stands for spaces: "▁" -> " ".
std::u32string metaspace_text(std::u32string token) {
  size_t start = 0;
  while (start < token.size() && token[start] == U'\u2581') ++start;
  if (start < token.size()) token.erase(0, start);
  for (auto& c : token)
    if (c == U'\u2581') c = U' ';
  return token;
}

std::string visible_whitespace(const std::u32string& s) {
  if (s.empty()) return "\u2205";
  std::string out;
  for (char32_t c : s) out += c == U'\n' ? "\u21b5" : c == U'\t' ? "\u21e5" : "\u2423";
  return out;
}

std::string clean(const std::string& token, TokenSpelling spelling) {
  std::u32string t = utf8::decode(token, "token");
  if (spelling == TokenSpelling::kByteLevel) t = byte_level_text(t);
  else if (spelling == TokenSpelling::kMetaspace) t = metaspace_text(std::move(t));
  size_t b = 0, e = t.size();
  while (b < e && unicode::is_white_space(t[b])) ++b;
  while (e > b && unicode::is_white_space(t[e - 1])) --e;
  if (b == e) return visible_whitespace(t);
  return utf8::encode(std::u32string_view(t).substr(b, e - b));
}

std::string substring(const std::u32string& text, std::pair<size_t, size_t> span, const char* which) {
  if (span.second > text.size() || span.first > span.second)
    throw Error::input(std::string("token offsets lie outside the ") + which,
                       std::to_string(span.first) + ".." + std::to_string(span.second));
  return utf8::encode(std::u32string_view(text).substr(span.first, span.second - span.first));
}

}  // namespace

DisplayForm parse_display_form(std::string_view name) {
  if (name == "raw") return DisplayForm::kRaw;
  if (name == "clean") return DisplayForm::kClean;
  if (name == "text") return DisplayForm::kText;
  throw Error::usage("unknown token display form '" + std::string(name) + "' (choose raw, clean or text)");
}

const char* display_form_name(DisplayForm form) {
  switch (form) {
    case DisplayForm::kRaw: return "raw";
    case DisplayForm::kClean: return "clean";
    case DisplayForm::kText: return "text";
  }
  return "clean";
}

std::vector<std::string> display_tokens(const Encoding& e, std::string_view text, DisplayForm form) {
  return display_tokens(e, text, std::string_view(), form);
}

std::vector<std::string> display_tokens(const Encoding& e, std::string_view text, std::string_view second_text,
                                        DisplayForm form) {
  if (form == DisplayForm::kRaw) return e.tokens;
  std::u32string first, second;
  if (form == DisplayForm::kText) {
    first = utf8::decode(text, "text");
    second = utf8::decode(second_text, "second text");
  }
  std::vector<std::string> out;
  out.reserve(e.size());
  for (size_t i = 0; i < e.size(); ++i) {
    const bool special = i < e.special_tokens_mask.size() && e.special_tokens_mask[i] != 0;
    const auto span = e.offsets[i];
    if (form == DisplayForm::kText && !special && span.first < span.second) {
      const bool in_second = i < e.sequence_ids.size() && e.sequence_ids[i] == 1;
      out.push_back(substring(in_second ? second : first, span, in_second ? "second text" : "text"));
    } else {
      out.push_back(special ? e.tokens[i] : clean(e.tokens[i], e.spelling));
    }
  }
  return out;
}

}  // namespace attnmap
