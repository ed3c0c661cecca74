#include "core/xml.h"

#include <cstdint>

#include "core/utf8.h"

namespace attnmap {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Length of the UTF-8 sequence a lead byte starts, or 0 for a byte that cannot start one.
size_t sequence_length(uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Decodes one code point at `pos` (advancing it), or U+FFFD for one bad byte.
char32_t next_code_point(std::string_view text, size_t& pos) {
  const size_t n = sequence_length(static_cast<uint8_t>(text[pos]));
  if (n == 0 || pos + n > text.size()) {
    ++pos;
    return kReplacement;
  }
  try {
    std::u32string one = utf8::decode(text.substr(pos, n));
    pos += n;
    return one.size() == 1 ? one[0] : kReplacement;
  } catch (...) {  // a bad continuation byte, overlong form or surrogate
    ++pos;
    return kReplacement;
  }
}

bool allowed(char32_t c) {
  if (c < 0x20) return c == 0x9 || c == 0xA || c == 0xD;
  return c != 0xFFFE && c != 0xFFFF;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    char32_t c = next_code_point(text, pos);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default: utf8::append(out, allowed(c) ? c : kReplacement);
    }
  }
  return out;
}

}  // namespace attnmap
