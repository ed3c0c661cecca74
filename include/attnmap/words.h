#pragma once
// Merging subword pieces into words: "un ##believ ##able" shown as one row and one column
// "unbelievable", labelled with the word as the user wrote it.
#include <string>
#include <string_view>
#include <vector>

#include "attnmap/attention.h"
#include "attnmap/encoding.h"
#include "attnmap/views.h"

namespace attnmap {

// Consecutive tokens [begin, end) of an encoding that make one word.
struct WordGroup {
  size_t begin = 0, end = 0;
  // The word as it appears in the original text (code-point offsets), whitespace trimmed; for a
  // special or padding token, the token string ("[CLS]", "</s>").
  std::string label;
  bool special = false;  // a special or padding token, always alone in its group
};

// Groups the tokens of `encoding` into whitespace-delimited words. A token continues the word
// before it when neither is special, both are in the same sequence of a pair, and its span starts
// where the word's span ends (or inside it: byte-level BPE gives every piece of a split character
// that character's span) at a character that is not whitespace. Word-start marks (WordPiece's
// missing "##", RoBERTa's "Ġ", sentencepiece's "▁") are never read: offsets decide, so any
// tokenizer with Hugging Face offsets works. Punctuation touching a word joins it: "great!" is one
// word, "great !" two.
//
// `text` is the first sequence's original text, `text_pair` the second's (offsets of a pair's
// second sequence point into it). Throws Error::input for invalid UTF-8, offsets past the end of
// their text, or an encoding whose vectors differ in length.
std::vector<WordGroup> word_groups(const Encoding& encoding, std::string_view text, std::string_view text_pair = {});

// Merges each group's rows and/or columns (per `axes`; see TokenAxes): columns (keys) are summed
// and rows (queries) averaged, so rows that summed to 1 still do ("how much does this word, on
// average over its pieces, attend to each whole word"). Merged axes are labelled with the group
// labels. `groups` must cover the merged axes exactly, in order, as word_groups returns them;
// otherwise Error::input.
//
// Merge before hiding special tokens: keep_tokens(merge_subwords(m, g), visible_words(g)) is the
// same as merging the hidden matrix, since special tokens are groups of their own.
Matrix merge_subwords(const Matrix& m, const std::vector<WordGroup>& groups, TokenAxes axes = TokenAxes::kBoth);

// One flag per group: false for special and padding groups (for keep_tokens).
std::vector<bool> visible_words(const std::vector<WordGroup>& groups);

}  // namespace attnmap
