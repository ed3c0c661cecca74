#include <algorithm>
#include <utility>
#include <vector>

#include "tokenizer/bert.h"
#include "tokenizer/unicode_normalizers.h"
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

void strip_accents(NormalizedString& text) {
  nfd(text);
  text.transform([](char32_t c, std::u32string& out) {
    if (!unicode::bert_strips_as_accent(c)) out.push_back(c);
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
