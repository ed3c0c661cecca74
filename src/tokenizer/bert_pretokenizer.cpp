#include "tokenizer/bert.h"
#include "core/unicode_tables.h"

namespace attnmap::tokenizer {

std::vector<NormalizedString> BertPreTokenizer::split(const NormalizedString& text) const {
  std::vector<NormalizedString> words;
  size_t start = 0;
  auto flush = [&](size_t end) {
    if (end > start) words.push_back(text.substr(start, end));
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char32_t c = text.chars[i];
    if (unicode::is_white_space(c)) {
      flush(i);
      start = i + 1;
    } else if (unicode::bert_is_punctuation(c)) {
      flush(i);
      words.push_back(text.substr(i, i + 1));
      start = i + 1;
    }
  }
  flush(text.size());
  return words;
}

}  // namespace attnmap::tokenizer
