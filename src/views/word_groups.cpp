// Word groups from an encoding's offsets. Offsets rather than token strings: "##", "Ġ" and "▁" mean
// different things to different tokenizers (and a RoBERTa word at the start of a text has no "Ġ"),
// while Hugging Face's offsets always point at the characters a token came from.
#include <algorithm>

#include "attnmap/error.h"
#include "attnmap/words.h"
#include "core/utf8.h"
#include "core/unicode_tables.h"

namespace attnmap {
namespace {

void check_encoding(const Encoding& e) {
  const size_t n = e.size();
  if (e.tokens.size() != n || e.offsets.size() != n || e.special_tokens_mask.size() != n ||
      e.attention_mask.size() != n || e.sequence_ids.size() != n)
    throw Error::input("the encoding's vectors differ in length (" + std::to_string(n) +
                       " ids; tokens, offsets, masks and sequence ids must match)");
}

bool is_special(const Encoding& e, size_t t) { return e.special_tokens_mask[t] != 0 || e.attention_mask[t] == 0; }

// The word being built: its tokens and its character span in its sequence's text.
struct OpenWord {
  WordGroup group;
  int sequence = 0;
  size_t char_begin = 0, char_end = 0;
};

bool continues(const OpenWord& word, int sequence, size_t begin, size_t end, const std::u32string& text) {
  if (sequence != word.sequence || begin > word.char_end) return false;
  if (begin < word.char_end) return true;  // inside the word: another piece of a split character
  // Touching: a continuation unless the span starts with whitespace (offsets that keep the space of
  // "Ġword" / "▁word", as with trim_offsets off).
  return begin == end || !unicode::is_white_space(text[begin]);
}

std::string word_label(const OpenWord& word, const std::u32string& text, const Encoding& e) {
  size_t begin = word.char_begin, end = word.char_end;
  while (begin < end && unicode::is_white_space(text[begin])) ++begin;
  while (end > begin && unicode::is_white_space(text[end - 1])) --end;
  if (begin < end) return utf8::encode(std::u32string_view(text).substr(begin, end - begin));
  // A word of nothing but whitespace (a lone "Ġ" or "▁" piece): show its tokens.
  std::string label;
  for (size_t t = word.group.begin; t < word.group.end; ++t) label += e.tokens[t];
  return label;
}

}  // namespace

std::vector<WordGroup> word_groups(const Encoding& encoding, std::string_view text, std::string_view text_pair) {
  check_encoding(encoding);
  const std::u32string texts[2] = {utf8::decode(text, "text"), utf8::decode(text_pair, "second text")};
  std::vector<WordGroup> groups;
  OpenWord word;
  bool open = false;
  auto close = [&] {
    if (!open) return;
    word.group.label = word_label(word, texts[word.sequence], encoding);
    groups.push_back(word.group);
    open = false;
  };
  for (size_t t = 0; t < encoding.size(); ++t) {
    if (is_special(encoding, t)) {
      close();
      groups.push_back({t, t + 1, encoding.tokens[t], true});
      continue;
    }
    const int sequence = encoding.sequence_ids[t] == 1 ? 1 : 0;
    const std::u32string& chars = texts[sequence];
    const auto [begin, end] = encoding.offsets[t];
    if (begin > end || end > chars.size())
      throw Error::input("token " + std::to_string(t) + " (\"" + encoding.tokens[t] + "\") has offsets (" +
                         std::to_string(begin) + ", " + std::to_string(end) + ") outside its text (" +
                         std::to_string(chars.size()) + " characters)");
    if (open && continues(word, sequence, begin, end, chars)) {
      word.group.end = t + 1;
      word.char_end = std::max(word.char_end, end);
      continue;
    }
    close();
    word = OpenWord{{t, t + 1, "", false}, sequence, begin, end};
    open = true;
  }
  close();
  return groups;
}

std::vector<bool> visible_words(const std::vector<WordGroup>& groups) {
  std::vector<bool> visible;
  for (const WordGroup& g : groups) visible.push_back(!g.special);
  return visible;
}

}  // namespace attnmap
