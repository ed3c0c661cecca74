#pragma once
// Token labels for figures: the same tokens, shown three ways.
//
//   text "Hello naïve world", RoBERTa: tokens  <s>  Hello  Ġna  Ã¯  ve  Ġworld  </s>
//     raw    <s>  Hello  Ġna  Ã¯  ve  Ġworld  </s>     the vocabulary strings
//     clean  <s>  Hello  na   ï   ve  world   </s>     decoded, word-start marks dropped
//     text   <s>  Hello  na   ï   ve  world   </s>     the text the offsets cover
//   BERT "playing": [CLS] play ##ing [SEP] in raw and clean alike, "play" "ing" in text.
#include <string>
#include <string_view>
#include <vector>

#include "attnmap/encoding.h"

namespace attnmap {

enum class DisplayForm {
  // The vocabulary strings, as Encoding::tokens holds them: "Ġthe", "##ing", "▁the".
  kRaw,
  // Readable tokens, the default for figures. Byte-level tokens are decoded to text ("Ġcaf" ->
  // "caf", "Ã©" -> "é"); sentencepiece's "▁" is removed (inside a piece it becomes a space); the
  // mark of a word start is not shown, so " the" and "the" look alike. WordPiece's "##" stays
  // ("##ing"): it is how BERT figures are read, and without it "play ##ing" would look like two
  // words. Added tokens lose the whitespace that lstrip / rstrip gave them (" <mask>" -> "<mask>").
  // A token holding only part of a UTF-8 character (a byte-level token that splits an emoji) shows
  // U+FFFD for each incomplete or invalid byte sequence, as Python's errors="replace" does: "😀"
  // cut into "ðŁĺ" "Ģ" shows "�" "�" (use kText to see the character on both). A token that would
  // be empty or only whitespace shows its whitespace visibly: space "␣", newline "↵", tab "⇥",
  // other whitespace "␣"; an empty one "∅".
  kClean,
  // The exact text the token's offsets cover in the original string ("Hello" for "ĠHello" only when
  // the offsets exclude the space, as trimmed RoBERTa offsets do). Tokens the template inserted
  // ([CLS], <s>) show their token string; a text token whose span is empty shows its kClean form.
  kText,
};

// "raw", "clean", "text"; throws Error::usage naming the choices otherwise.
DisplayForm parse_display_form(std::string_view name);
const char* display_form_name(DisplayForm form);

// One label per token of `e`. `text` is the text `e` was encoded from (used by kText); for a pair,
// `second_text` is the second sequence's text (the offsets of its tokens point into it). Throws
// Error::input when a text is not valid UTF-8 (naming the byte offset) or an offset lies beyond it.
std::vector<std::string> display_tokens(const Encoding& e, std::string_view text, DisplayForm form);
std::vector<std::string> display_tokens(const Encoding& e, std::string_view text, std::string_view second_text,
                                        DisplayForm form);

}  // namespace attnmap
