#include "tokenizer/grapheme.h"

#include <algorithm>
#include <cstdint>

namespace attnmap::tokenizer {
namespace {

enum GraphemeClass : uint8_t {
  kOther, kCR, kLF, kControl, kExtend, kZWJ, kRegionalIndicator, kPrepend, kSpacingMark,
  kL, kV, kT, kLV, kLVT
};
constexpr uint8_t kPictographic = 0x80;

struct ClassRange {
  char32_t first;
  char32_t last;  // inclusive
  uint8_t value;
};

constexpr ClassRange kClasses[] = {
#include "tokenizer/grapheme_table.inc"
};

uint8_t property(char32_t c) {
  if (c >= 0x20 && c < 0x7F) return kOther;
  const ClassRange* end = std::end(kClasses);
  const ClassRange* it = std::lower_bound(std::begin(kClasses), end, c,
                                          [](const ClassRange& r, char32_t v) { return r.last < v; });
  return it != end && it->first <= c ? it->value : uint8_t{kOther};
}

GraphemeClass class_of(uint8_t p) { return static_cast<GraphemeClass>(p & 0x7F); }

// Whether the rules GB3-GB9b keep `prev` and `next` together (GB11-GB13 need the history and are
// handled by the caller).
bool pair_joins(GraphemeClass prev, GraphemeClass next) {
  if (prev == kCR && next == kLF) return true;                                   // GB3
  if (prev == kCR || prev == kLF || prev == kControl) return false;              // GB4
  if (next == kCR || next == kLF || next == kControl) return false;              // GB5
  if (prev == kL && (next == kL || next == kV || next == kLV || next == kLVT)) return true;  // GB6
  if ((prev == kLV || prev == kV) && (next == kV || next == kT)) return true;    // GB7
  if ((prev == kLVT || prev == kT) && next == kT) return true;                   // GB8
  if (next == kExtend || next == kZWJ || next == kSpacingMark) return true;      // GB9, GB9a
  return prev == kPrepend;                                                       // GB9b
}

}  // namespace

size_t grapheme_end(const std::u32string& text, size_t pos) {
  uint8_t prev = property(text[pos]);
  // GB11 state: the cluster so far is ExtPict Extend* (ZWJ)?; GB12/13: count of RIs in a row.
  bool after_pictographic = (prev & kPictographic) != 0;
  size_t regional = class_of(prev) == kRegionalIndicator ? 1 : 0;
  size_t i = pos + 1;
  for (; i < text.size(); ++i) {
    const uint8_t next = property(text[i]);
    const GraphemeClass p = class_of(prev), n = class_of(next);
    bool joins = pair_joins(p, n);
    if (!joins && p == kZWJ && after_pictographic && (next & kPictographic)) joins = true;  // GB11
    if (!joins && p == kRegionalIndicator && n == kRegionalIndicator && regional % 2 == 1)
      joins = true;  // GB12, GB13
    if (!joins) break;
    if (n == kRegionalIndicator) ++regional;
    if (next & kPictographic) after_pictographic = true;
    else if (n != kExtend && n != kZWJ) after_pictographic = false;
    prev = next;
  }
  return i;
}

}  // namespace attnmap::tokenizer
