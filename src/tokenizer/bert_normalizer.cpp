#include <algorithm>
#include <utility>
#include <vector>

#include "tokenizer/bert.h"
#include "core/unicode_tables.h"

namespace attnmap::tokenizer {
namespace {

// Every character test below is tokenizers 0.23.3's own behaviour, recorded per code point by
// scripts/gen/unicode_tables.py (see unicode_tables.h).

// tokenizers: filter out the removed characters, then map the whitespace ones to U+0020.
void clean_text(NormalizedString& text) {
  text.transform([](char32_t c, std::u32string& out) {
    if (unicode::bert_clean_text_removes(c)) return;
    out.push_back(unicode::bert_clean_text_to_space(c) ? U' ' : c);
  });
}

void pad_chinese_chars(NormalizedString& text) {
  text.transform([](char32_t c, std::u32string& out) {
    if (unicode::bert_is_chinese_char(c)) {
      out += U' ';
      out += c;
      out += U' ';
    } else {
      out.push_back(c);
    }
  });
}

// NFD as the unicode-normalization-alignments crate produces it for tokenizers: each character's
// decomposition as (char, change) pairs, the first with change 0 (it replaces the character) and
// the rest +1 (inserted after it); then each run of non-starters is stable-sorted by combining
// class, the changes travelling with their characters. The alignments are then assigned by
// position (NormalizedString::apply_changes), so a reordered character takes the span of whatever
// original character stood at its position. Worked example, "xa\u0301\U0001D165" (U+0301 has class
// 230, U+1D165 class 216): NFD gives x a U+1D165 U+0301, all with change 0, so U+1D165 gets the
// span of the original U+0301, (2,3), and U+0301 that of U+1D165, (3,4); strip_accents then removes
// U+0301 and the word "xa\U0001D165" spans (0,3), not (0,4) — as tokenizers reports it.
// Whether NFD leaves c as it is wherever it stands: it decomposes to itself and is a starter
// (combining class 0), so canonical reordering never moves it.
bool nfd_stable(char32_t c) {
  if (c < 0xC0) return true;  // ASCII and Latin-1 up to U+00BF: no decompositions, all starters
  char32_t parts[4];
  return unicode::canonical_decompose(c, parts) == 1 && parts[0] == c && unicode::combining_class(c) == 0;
}

void nfd(NormalizedString& text) {
  // Text that NFD would give back unchanged (apply_changes with every change 0 keeps every
  // alignment) is left alone.
  if (std::all_of(text.chars.begin(), text.chars.end(), nfd_stable)) return;
  std::vector<std::pair<char32_t, int>> dest;
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
  text.apply_changes(dest, 0);
}

void strip_accents(NormalizedString& text) {
  nfd(text);
  text.transform([](char32_t c, std::u32string& out) {
    if (!unicode::bert_strips_as_accent(c)) out.push_back(c);
  });
}

void lowercase(NormalizedString& text) {
  text.transform([](char32_t c, std::u32string& out) {
    char32_t lower[3];
    size_t n = unicode::to_lower(c, lower);
    out.append(lower, n);
  });
}

}  // namespace

void BertNormalizer::normalize(NormalizedString& text) const {
  if (options_.clean_text) clean_text(text);
  if (options_.handle_chinese_chars) pad_chinese_chars(text);
  if (options_.strip_accents) strip_accents(text);
  if (options_.lowercase) lowercase(text);
}

}  // namespace attnmap::tokenizer
