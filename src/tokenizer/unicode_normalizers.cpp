#include "tokenizer/unicode_normalizers.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/unicode_tables.h"

namespace attnmap::tokenizer {
namespace {

using Changes = std::vector<std::pair<char32_t, int>>;

// Whether NFD leaves c as it is wherever it stands: it decomposes to itself and is a starter
// (combining class 0), so canonical reordering never moves it.
bool nfd_stable(char32_t c) {
  if (c < 0xC0) return true;  // ASCII and Latin-1 up to U+00BF: no decompositions, all starters
  char32_t parts[4];
  return unicode::canonical_decompose(c, parts) == 1 && parts[0] == c && unicode::combining_class(c) == 0;
}

// NFD's output as (char, change) pairs (see nfd below).
Changes nfd_changes(const NormalizedString& text) {
  Changes dest;
  dest.reserve(text.size());
  auto sort_run = [&dest](size_t from) {
    std::stable_sort(dest.begin() + static_cast<std::ptrdiff_t>(from), dest.end(),
                     [](const auto& a, const auto& b) {
                       return unicode::combining_class(a.first) < unicode::combining_class(b.first);
                     });
  };
  size_t run_start = 0;  // first non-starter of the run being collected
  for (char32_t c : text.chars) {
    char32_t parts[4];
    size_t n = unicode::canonical_decompose(c, parts);
    for (size_t k = 0; k < n; ++k) {
      if (unicode::combining_class(parts[k]) == 0) {
        sort_run(run_start);
        run_start = dest.size() + 1;
      }
      dest.emplace_back(parts[k], k == 0 ? 0 : 1);
    }
  }
  sort_run(run_start);
  return dest;
}

// Canonical composition of NFD's output, as the crate's Recompositions does it: each character
// composes with the last starter when nothing between them blocks it (a character of class 0 or of
// a class >= its own); one that composes is removed, and the composite takes the starter's place
// with change (starter's + removed's - 1): it now stands for one more original character. A
// starter right after a starter composes too (Hangul L+V, LV+T).
Changes compose(const Changes& decomposed) {
  Changes out;
  out.reserve(decomposed.size());
  size_t starter = SIZE_MAX;  // index in out of the last starter
  int last_class = -1;        // class of the last character kept after it; -1: none (adjacent)
  for (const auto& [c, change] : decomposed) {
    const int cc = unicode::combining_class(c);
    if (starter != SIZE_MAX && (last_class == -1 || last_class < cc)) {
      if (const char32_t composite = unicode::canonical_compose(out[starter].first, c)) {
        out[starter].first = composite;
        out[starter].second += change - 1;
        continue;
      }
    }
    if (cc == 0) {
      starter = out.size();
      last_class = -1;
    } else {
      last_class = cc;
    }
    out.emplace_back(c, change);
  }
  return out;
}

}  // namespace

// NFD as the unicode-normalization-alignments crate produces it for tokenizers: each character's
// decomposition as (char, change) pairs, the first with change 0 (it replaces the character) and
// the rest +1 (inserted after it); then each run of non-starters is stable-sorted by combining
// class, the changes travelling with their characters. The alignments are then assigned by
// position (NormalizedString::apply_changes), so a reordered character takes the span of whatever
// original character stood at its position. Worked example, "xa\u0301\U0001D165" (U+0301 has class
// 230, U+1D165 class 216): NFD gives x a U+1D165 U+0301, all with change 0, so U+1D165 gets the
// span of the original U+0301, (2,3), and U+0301 that of U+1D165, (3,4); strip_accents then removes
// U+0301 and the word "xa\U0001D165" spans (0,3), not (0,4) — as tokenizers reports it.
// Text that NFD gives back unchanged (apply_changes with every change 0 keeps every alignment) is
// left alone.
void nfd(NormalizedString& text) {
  if (std::all_of(text.chars.begin(), text.chars.end(), nfd_stable)) return;
  text.apply_changes(nfd_changes(text), 0);
}

// NFC: NFD, then canonical composition; alignments by position as for NFD. "e\u0301x" gives "\u00E9x"
// with the \u00E9 on the "e", (0,1), and "x" on (2,3): the mark's span goes to no one, as tokenizers
// reports it.
void nfc(NormalizedString& text) {
  if (std::all_of(text.chars.begin(), text.chars.end(), [](char32_t c) { return c < 0x80; })) return;
  text.apply_changes(compose(nfd_changes(text)), 0);
}

void lowercase(NormalizedString& text) {
  text.transform([](char32_t c, std::u32string& out) {
    char32_t lower[3];
    size_t n = unicode::to_lower(c, lower);
    out.append(lower, n);
  });
}


}  // namespace attnmap::tokenizer
