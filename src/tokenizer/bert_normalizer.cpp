#include <algorithm>
#include <tuple>

#include "tokenizer/bert.h"
#include "tokenizer/unicode_tables.h"

namespace attnmap::tokenizer {
namespace {

bool is_control(char32_t c) {
  if (c == U'\t' || c == U'\n' || c == U'\r') return false;
  return unicode::is_control_cc_cf_co(c);
}

void clean_text(NormalizedString& text) {
  text.transform([](char32_t c, std::u32string& out) {
    if (c == 0 || c == 0xFFFD || is_control(c)) return;  // deleted
    out.push_back(is_bert_whitespace(c) ? U' ' : c);
  });
}

void pad_chinese_chars(NormalizedString& text) {
  text.transform([](char32_t c, std::u32string& out) {
    if (is_cjk_ideograph(c)) {
      out += U' ';
      out += c;
      out += U' ';
    } else {
      out.push_back(c);
    }
  });
}

// Canonical ordering: within each run of non-starters, stable-sort by combining class.
void reorder_marks(NormalizedString& text) {
  size_t i = 0;
  while (i < text.size()) {
    if (unicode::combining_class(text.chars[i]) == 0) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && unicode::combining_class(text.chars[j]) != 0) ++j;
    if (j - i > 1) {
      std::vector<std::pair<char32_t, uint32_t>> run;
      for (size_t k = i; k < j; ++k) run.emplace_back(text.chars[k], text.origin[k]);
      std::stable_sort(run.begin(), run.end(), [](const auto& a, const auto& b) {
        return unicode::combining_class(a.first) < unicode::combining_class(b.first);
      });
      for (size_t k = i; k < j; ++k) std::tie(text.chars[k], text.origin[k]) = run[k - i];
    }
    i = j;
  }
}

void strip_accents(NormalizedString& text) {
  text.transform([](char32_t c, std::u32string& out) {
    char32_t parts[4];
    size_t n = unicode::canonical_decompose(c, parts);
    out.append(parts, n);
  });
  reorder_marks(text);
  text.transform([](char32_t c, std::u32string& out) {
    if (!unicode::is_mark_nonspacing(c)) out.push_back(c);
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

bool is_bert_whitespace(char32_t c) {
  return c == U'\t' || c == U'\n' || c == U'\r' || unicode::is_white_space(c);
}

bool is_bert_punctuation(char32_t c) {
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126))
    return true;
  return unicode::is_punctuation(c);
}

bool is_cjk_ideograph(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
         (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

void BertNormalizer::normalize(NormalizedString& text) const {
  if (options_.clean_text) clean_text(text);
  if (options_.handle_chinese_chars) pad_chinese_chars(text);
  if (options_.strip_accents) strip_accents(text);
  if (options_.lowercase) lowercase(text);
}

}  // namespace attnmap::tokenizer
