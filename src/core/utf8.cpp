#include "core/utf8.h"

#include "attnmap/error.h"

namespace attnmap::utf8 {
namespace {

// Length of the sequence a lead byte starts, 0 when the byte cannot start one.
int sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

[[noreturn]] void fail(std::string_view what, size_t byte) {
  throw Error::input("invalid UTF-8 in " + std::string(what), "byte " + std::to_string(byte));
}

// Decodes the sequence that starts at text[i] into `c` and returns its length, or returns 0 and
// sets `bad` to the offset of the first bad byte.
int decode_at(std::string_view text, size_t i, char32_t& c, size_t& bad) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) {
    c = lead;
    return 1;
  }
  const int len = sequence_length(lead);
  bad = i;
  if (len == 0 || i + len > text.size()) return 0;
  c = lead & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      bad = i + k;
      return 0;
    }
    c = (c << 6) | (b & 0x3F);
  }
  // Overlong 3- and 4-byte forms, surrogates and values past U+10FFFF.
  if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  return len;
}

// Walks `text`: on_char(c, offset, length) for each valid sequence, on_bad(offset, bad byte) for
// each byte that starts none (the walk then goes on at the next byte).
template <class OnChar, class OnBad>
void scan(std::string_view text, OnChar on_char, OnBad on_bad) {
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = 0;
    size_t bad = 0;
    const int len = decode_at(text, i, c, bad);
    if (len == 0) {
      on_bad(i, bad);
      ++i;
      continue;
    }
    on_char(c, i, static_cast<size_t>(len));
    i += static_cast<size_t>(len);
  }
}

void append_escape(std::string& out, unsigned value, int digits) {
  static const char kHex[] = "0123456789abcdef";
  out += digits == 2 ? "\\x" : "\\u";
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.push_back(kHex[(value >> shift) & 0xF]);
}

}  // namespace

std::u32string decode(std::string_view text, std::string_view what) {
  std::u32string out;
  out.reserve(text.size());
  scan(text, [&](char32_t c, size_t, size_t) { out.push_back(c); }, [&](size_t, size_t bad) { fail(what, bad); });
  return out;
}

std::string printable_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  scan(
      text,
      [&](char32_t c, size_t i, size_t len) {
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || (c >= 0x7F && c < 0xA0)) append_escape(out, static_cast<unsigned>(c), c < 0x80 ? 2 : 4);
        else out.append(text.substr(i, len));
      },
      [&](size_t i, size_t) { append_escape(out, static_cast<unsigned char>(text[i]), 2); });
  return out;
}

void append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string encode(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) append(out, c);
  return out;
}

}  // namespace attnmap::utf8
