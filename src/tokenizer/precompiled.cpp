#include "tokenizer/precompiled.h"

#include <cstring>

#include "attnmap/error.h"
#include "core/utf8.h"
#include "tokenizer/grapheme.h"

namespace attnmap::tokenizer {
namespace {

// A double-array unit packs: bit 8 = "a leaf (value unit) hangs below", bits 0-7 the label
// (bit 31 marks a value unit, so a value unit never equals a byte label), bits 10-31 the offset
// to the children, shifted left 8 more when bit 9 is set; a value unit holds its value in bits 0-30.
bool has_leaf(uint32_t unit) { return ((unit >> 8) & 1U) != 0; }
uint32_t value_of(uint32_t unit) { return unit & 0x7FFFFFFFU; }
uint32_t label_of(uint32_t unit) { return unit & (0x80000000U | 0xFFU); }
uint32_t offset_of(uint32_t unit) { return (unit >> 10) << ((unit & (1U << 9)) >> 6); }

uint32_t read_u32_le(const unsigned char* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

// tokenizers' `replace`: the new characters replace the old part with change 0; when the part
// grows, the surplus (the last ones) become insertions (+1); when it shrinks, the last new
// character also consumes the surplus old ones. Example: "ｅ\u0301" -> "e" gives (e, -1), so "e"
// takes the alignment of "ｅ" and swallows the accent's; "㍿" -> "株式会社" gives (株,0)(式,1)(会,1)(社,1).
// A part replaced by nothing charges its deletion to the previous entry, if there is one; if not,
// nothing records it and later characters take alignments by position (apply_changes).
void replace(std::vector<std::pair<char32_t, int>>& dest, size_t old_count, const std::u32string& with) {
  for (char32_t c : with) dest.emplace_back(c, 0);
  const long diff = static_cast<long>(with.size()) - static_cast<long>(old_count);
  if (diff > 0) {
    for (long k = 0; k < diff; ++k) dest[dest.size() - 1 - static_cast<size_t>(k)].second = 1;
  } else if (diff < 0 && !dest.empty()) {
    dest.back().second += static_cast<int>(diff);
  }
}

}  // namespace

CharsMap::CharsMap(std::string_view blob) {
  if (blob.size() < 4) throw Error::input("precompiled_charsmap is too short");
  const auto* bytes = reinterpret_cast<const unsigned char*>(blob.data());
  const uint32_t trie_bytes = read_u32_le(bytes);
  if (trie_bytes % 4 != 0 || trie_bytes > blob.size() - 4)
    throw Error::input("precompiled_charsmap trie size does not fit the data");
  units_.resize(trie_bytes / 4);
  for (size_t i = 0; i < units_.size(); ++i) units_[i] = read_u32_le(bytes + 4 + 4 * i);
  pool_.assign(blob.substr(4 + trie_bytes));
  if (units_.empty()) throw Error::input("precompiled_charsmap has an empty trie");
}

std::optional<std::string_view> CharsMap::shortest_prefix_rule(std::string_view key) const {
  // Walk the trie one byte at a time: the child for byte b of a node sits at node ^ b and must
  // carry label b; a matched unit with has_leaf marks the end of a rule, whose value unit (the
  // pool offset of its replacement) sits at the child's own offset.
  size_t node = offset_of(units_[0]);
  for (char ch : key) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte == 0) break;  // darts keys are NUL-terminated: no rule continues past a NUL
    node ^= byte;
    if (node >= units_.size()) return std::nullopt;
    const uint32_t unit = units_[node];
    if (label_of(unit) != byte) return std::nullopt;
    node ^= offset_of(unit);
    if (node >= units_.size()) return std::nullopt;
    if (has_leaf(unit)) {
      const size_t at = value_of(units_[node]);
      if (at >= pool_.size()) throw Error::input("precompiled_charsmap rule points past its pool");
      const size_t nul = pool_.find('\0', at);
      return std::string_view(pool_).substr(at, (nul == std::string::npos ? pool_.size() : nul) - at);
    }
  }
  return std::nullopt;
}

// Per extended grapheme cluster: one under 6 UTF-8 bytes with a rule matching a prefix is replaced
// whole by that (shortest) rule's output, even when the rule covers only its first character —
// "ｅ\u0301x" becomes "ex", the accent dropped. Otherwise each character is looked up alone.
void Precompiled::normalize(NormalizedString& text) const {
  std::vector<std::pair<char32_t, int>> dest;
  dest.reserve(text.size());
  bool modified = false;
  std::u32string with;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = grapheme_end(text.chars, pos);
    const std::u32string_view cluster(text.chars.data() + pos, end - pos);
    const std::string bytes = utf8::encode(cluster);
    std::optional<std::string_view> rule;
    if (bytes.size() < 6) rule = map_.shortest_prefix_rule(bytes);
    if (rule) {
      with = utf8::decode(*rule, "precompiled_charsmap");
      replace(dest, cluster.size(), with);
      modified = true;
    } else {
      for (char32_t c : cluster) {
        rule = map_.shortest_prefix_rule(utf8::encode(std::u32string_view(&c, 1)));
        if (rule) {
          replace(dest, 1, utf8::decode(*rule, "precompiled_charsmap"));
          modified = true;
        } else {
          dest.emplace_back(c, 0);
        }
      }
    }
    pos = end;
  }
  if (modified) text.apply_changes(dest, 0);
}

}  // namespace attnmap::tokenizer
