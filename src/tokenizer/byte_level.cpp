#include "tokenizer/byte_level.h"

#include <algorithm>
#include <array>

#include "core/unicode_tables.h"

namespace attnmap::tokenizer {
namespace {

constexpr bool prints_as_itself(unsigned b) {
  return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
}

constexpr std::array<char32_t, 256> make_byte_table() {
  std::array<char32_t, 256> table{};
  char32_t next = 0x100;
  for (unsigned b = 0; b < 256; ++b) table[b] = prints_as_itself(b) ? char32_t(b) : next++;
  return table;
}

constexpr std::array<char32_t, 256> kByteToChar = make_byte_table();
static_assert(kByteToChar[0x20] == 0x120 && kByteToChar[0x0A] == 0x10A && kByteToChar[0xAD] == 0x143);

// The four classes of the split regex; every code point is exactly one.
enum class CharClass : uint8_t { kLetter, kNumber, kSpace, kOther };

CharClass lookup_class(char32_t c) {
  if (unicode::byte_level_is_letter(c)) return CharClass::kLetter;
  if (unicode::byte_level_is_number(c)) return CharClass::kNumber;
  if (unicode::is_white_space(c)) return CharClass::kSpace;
  return CharClass::kOther;
}

// Most text is ASCII: its classes are copied into a table once, sparing three table functions
// per character.
CharClass class_of(char32_t c) {
  static const std::array<CharClass, 128> ascii = [] {
    std::array<CharClass, 128> table{};
    for (char32_t a = 0; a < 128; ++a) table[a] = lookup_class(a);
    return table;
  }();
  return c < 128 ? ascii[c] : lookup_class(c);
}

// 's 't 'm 'd 're 've 'll: ASCII and case-sensitive ("I'M" does not match), so "'S" is an
// apostrophe followed by a letter run. Returns the contraction's length, 0 when none starts at pos.
size_t contraction_at(std::u32string_view text, size_t pos) {
  if (text[pos] != U'\'' || pos + 1 >= text.size()) return 0;
  char32_t a = text[pos + 1];
  if (a == U's' || a == U't' || a == U'm' || a == U'd') return 2;
  if (pos + 2 >= text.size()) return 0;
  char32_t b = text[pos + 2];
  if ((a == U'r' && b == U'e') || (a == U'v' && b == U'e') || (a == U'l' && b == U'l')) return 3;
  return 0;
}

// The UTF-8 bytes of c; returns their count.
size_t utf8_bytes(char32_t c, uint8_t out[4]) {
  if (c < 0x80) {
    out[0] = static_cast<uint8_t>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<uint8_t>(0xC0 | (c >> 6));
    out[1] = static_cast<uint8_t>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<uint8_t>(0xE0 | (c >> 12));
    out[1] = static_cast<uint8_t>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<uint8_t>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<uint8_t>(0xF0 | (c >> 18));
  out[1] = static_cast<uint8_t>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<uint8_t>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<uint8_t>(0x80 | (c & 0x3F));
  return 4;
}

// chars [begin, end) of `chars` as byte characters, each with the alignment of its character.
NormalizedString to_byte_chars(std::u32string_view chars, const Alignment* align, size_t begin, size_t end) {
  NormalizedString piece;
  piece.chars.reserve(end - begin);
  piece.align.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    uint8_t bytes[4];
    size_t n = utf8_bytes(chars[i], bytes);
    for (size_t k = 0; k < n; ++k) {
      piece.chars.push_back(kByteToChar[bytes[k]]);
      piece.align.push_back(align[i]);
    }
  }
  return piece;
}

// 'Ġ' or whitespace (Rust's char::is_whitespace), the ASCII part through class_of's table.
bool is_trimmed_space(char32_t c) {
  if (c < 128) return class_of(c) == CharClass::kSpace;
  return c == kByteToChar[' '] || unicode::is_white_space(c);
}

// Decodes the code point of valid UTF-8 (vocabulary and added-token strings) starting at s[i].
char32_t decode_at(std::string_view s, size_t i, size_t* length) {
  auto lead = static_cast<unsigned char>(s[i]);
  size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  char32_t c = n == 1 ? lead : lead & (0x7F >> n);
  for (size_t k = 1; k < n && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *length = n;
  return c;
}

size_t leading_spaces(std::string_view token) {
  size_t count = 0, i = 0, length = 0;
  while (i < token.size() && is_trimmed_space(decode_at(token, i, &length))) {
    ++count;
    i += length;
  }
  return count;
}

size_t trailing_spaces(std::string_view token) {
  size_t count = 0, end = token.size(), length = 0;
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(token[start]) & 0xC0) == 0x80) --start;
    if (!is_trimmed_space(decode_at(token, start, &length))) break;
    ++count;
    end = start;
  }
  return count;
}

}  // namespace

char32_t byte_to_char(uint8_t b) { return kByteToChar[b]; }

size_t byte_level_piece_end(std::u32string_view text, size_t pos) {
  const size_t n = text.size();
  if (size_t length = contraction_at(text, pos)) return pos + length;
  // " ?\p{L}+", " ?\p{N}+", " ?[^\s\p{L}\p{N}]+": one U+0020 may lead a run of one class.
  size_t start = pos;
  if (text[pos] == U' ' && pos + 1 < n && class_of(text[pos + 1]) != CharClass::kSpace) ++start;
  CharClass cls = class_of(text[start]);
  if (cls != CharClass::kSpace) {
    size_t end = start + 1;
    while (end < n && class_of(text[end]) == cls) ++end;
    return end;
  }
  // "\s+(?!\S)" takes the whole whitespace run at the end of the text, and otherwise backs off one
  // so that the last space can lead the next word; when that leaves nothing (a run of one), "\s+"
  // takes the single character. "a  b" -> "a" " " " b"; "a\n b" -> "a" "\n" " b"; "a\n" -> "a" "\n".
  size_t end = pos + 1;
  while (end < n && class_of(text[end]) == CharClass::kSpace) ++end;
  if (end == n || end - pos == 1) return end;
  return end - 1;
}

std::vector<NormalizedString> ByteLevelPreTokenizer::split(const NormalizedString& text) const {
  std::vector<NormalizedString> pieces;
  if (text.empty()) return pieces;
  std::u32string_view chars = text.chars;
  const Alignment* align = text.align.data();
  NormalizedString prefixed;
  if (options_.add_prefix_space && text.chars[0] != U' ') {
    prefixed.chars.reserve(text.size() + 1);
    prefixed.chars.push_back(U' ');
    prefixed.chars += text.chars;
    prefixed.align.reserve(text.size() + 1);
    prefixed.align.push_back(text.align[0]);
    prefixed.align.insert(prefixed.align.end(), text.align.begin(), text.align.end());
    chars = prefixed.chars;
    align = prefixed.align.data();
  }
  for (size_t pos = 0; pos < chars.size();) {
    size_t end = options_.use_regex ? byte_level_piece_end(chars, pos) : chars.size();
    pieces.push_back(to_byte_chars(chars, align, pos, end));
    pos = end;
  }
  return pieces;
}

void trim_byte_level_offsets(Encoding& e, size_t begin, size_t end, bool add_prefix_space) {
  for (size_t i = begin; i < end; ++i) {
    auto& [from, to] = e.offsets[i];
    size_t leading = leading_spaces(e.tokens[i]);
    if (leading > 0) {
      bool first = i == begin || from == 0;
      if (!(first && add_prefix_space && leading == 1)) from = std::min(from + leading, to);
    }
    size_t trailing = trailing_spaces(e.tokens[i]);
    if (trailing > 0 && to >= trailing) to = std::max(to - trailing, from);
  }
}

Encoding TrimOffsetsProcessor::process(const Encoding& first, const Encoding* second) const {
  Encoding out = inner_->process(first, second);
  const auto ids = out.sequence_ids.begin();
  for (int sequence : {0, 1}) {
    auto run = std::find(ids, out.sequence_ids.end(), sequence);
    auto run_end = std::find_if(run, out.sequence_ids.end(), [&](int s) { return s != sequence; });
    trim_byte_level_offsets(out, static_cast<size_t>(run - ids), static_cast<size_t>(run_end - ids), add_prefix_space_);
  }
  return out;
}

}  // namespace attnmap::tokenizer
