#pragma once
// Hiding special tokens ([CLS], [SEP], <s>, </s>) and padding from a view. Much of a head's
// attention often goes to [SEP] or [CLS] as a "no-op" (Clark et al. 2019), which washes out the
// colour scale for the words a user cares about.
#include <vector>

#include "attnmap/attention.h"
#include "attnmap/encoding.h"
#include "attnmap/views.h"

namespace attnmap {

struct HideOptions {
  // Which axes are tokens (see TokenAxes): kRows for projected keys, kColumns for one token's row.
  TokenAxes axes = TokenAxes::kBoth;
  // Hiding columns leaves rows that no longer sum to 1. Off (the default) keeps the model's numbers:
  // a row then shows how much of the query's attention reaches the visible tokens at all, faint when
  // [SEP] takes most of it. On divides each remaining row by its sum (a row summing to 0 stays 0):
  // it shows how the attention is shared among the visible tokens, easier to compare between words
  // but no longer the weights the model used.
  bool renormalise = false;
};

// One flag per token: false for special tokens (special_tokens_mask 1) and padding (attention_mask 0).
std::vector<bool> visible_tokens(const Encoding& encoding);

// Keeps the rows and/or columns (per options.axes) whose `keep` flag is true, with their labels.
// Throws Error::input when an axis to filter does not have one entry per flag, e.g. "the columns
// of this view are not tokens (4 columns, 7 tokens): with projected keys hide rows only".
Matrix keep_tokens(const Matrix& m, const std::vector<bool>& keep, const HideOptions& options = {});

// keep_tokens(m, visible_tokens(encoding), options).
Matrix hide_special_tokens(const Matrix& m, const Encoding& encoding, const HideOptions& options = {});

}  // namespace attnmap
