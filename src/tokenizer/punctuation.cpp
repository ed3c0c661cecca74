#include "tokenizer/punctuation.h"

#include <algorithm>

#include "core/unicode_tables.h"

namespace attnmap::tokenizer {
namespace {

struct Piece {
  size_t begin, end;
  bool match;
};

// tokenizers' matches for a character predicate: each punctuation character on its own, the runs
// between them whole.
std::vector<Piece> matches(const NormalizedString& text) {
  std::vector<Piece> pieces;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!unicode::bert_is_punctuation(text.chars[i])) continue;
    if (i > start) pieces.push_back({start, i, false});
    pieces.push_back({i, i + 1, true});
    start = i + 1;
  }
  if (text.size() > start) pieces.push_back({start, text.size(), false});
  return pieces;
}

// A match right after a match is not merged: it starts a piece of its own, as in tokenizers.
std::vector<Piece> merged_with_previous(const std::vector<Piece>& in) {
  std::vector<Piece> out;
  bool previous_match = false;
  for (const Piece& p : in) {
    if (p.match && !previous_match && !out.empty()) out.back().end = p.end;
    else out.push_back(p);
    previous_match = p.match;
  }
  return out;
}

std::vector<Piece> merged_with_next(const std::vector<Piece>& in) {
  std::vector<Piece> out;
  bool previous_match = false;
  for (auto it = in.rbegin(); it != in.rend(); ++it) {
    if (it->match && !previous_match && !out.empty()) out.back().begin = it->begin;
    else out.push_back(*it);
    previous_match = it->match;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<Piece> contiguous(const std::vector<Piece>& in) {
  std::vector<Piece> out;
  for (const Piece& p : in) {
    if (p.match && !out.empty() && out.back().match) out.back().end = p.end;
    else out.push_back(p);
  }
  return out;
}

}  // namespace

std::vector<NormalizedString> PunctuationPreTokenizer::split(const NormalizedString& text) const {
  std::vector<Piece> pieces = matches(text);
  switch (behavior_) {
    case SplitBehavior::kRemoved:
      pieces.erase(std::remove_if(pieces.begin(), pieces.end(), [](const Piece& p) { return p.match; }), pieces.end());
      break;
    case SplitBehavior::kIsolated: break;
    case SplitBehavior::kMergedWithPrevious: pieces = merged_with_previous(pieces); break;
    case SplitBehavior::kMergedWithNext: pieces = merged_with_next(pieces); break;
    case SplitBehavior::kContiguous: pieces = contiguous(pieces); break;
  }
  std::vector<NormalizedString> words;
  words.reserve(pieces.size());
  for (const Piece& p : pieces) words.push_back(text.substr(p.begin, p.end));
  return words;
}

}  // namespace attnmap::tokenizer
