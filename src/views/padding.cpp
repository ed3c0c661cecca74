#include "attnmap/padding.h"

#include "attnmap/error.h"
#include "views/layered.h"

namespace attnmap {
namespace {

std::vector<size_t> real_positions(const Encoding& encoding) {
  if (encoding.attention_mask.size() != encoding.size())
    throw Error::input("the encoding's attention mask has " + std::to_string(encoding.attention_mask.size()) +
                       " entries for " + std::to_string(encoding.size()) + " tokens");
  std::vector<size_t> real;
  for (size_t i = 0; i < encoding.size(); ++i)
    if (encoding.attention_mask[i] != 0) real.push_back(i);
  return real;
}

template <typename T>
std::vector<T> pick(const std::vector<T>& v, const std::vector<size_t>& positions, size_t tokens) {
  std::vector<T> out;
  if (v.empty()) return out;  // an optional vector (e.g. no type ids) stays absent
  if (v.size() != tokens)
    throw Error::input("the encoding's vectors differ in length (" + std::to_string(v.size()) + " and " +
                       std::to_string(tokens) + ")");
  for (size_t i : positions) out.push_back(v[i]);
  return out;
}

}  // namespace

Encoding strip_padding(const Encoding& encoding) {
  const std::vector<size_t> real = real_positions(encoding);
  Encoding out;
  out.ids = pick(encoding.ids, real, encoding.size());
  out.type_ids = pick(encoding.type_ids, real, encoding.size());
  out.tokens = pick(encoding.tokens, real, encoding.size());
  out.offsets = pick(encoding.offsets, real, encoding.size());
  out.special_tokens_mask = pick(encoding.special_tokens_mask, real, encoding.size());
  out.attention_mask = pick(encoding.attention_mask, real, encoding.size());
  out.sequence_ids = pick(encoding.sequence_ids, real, encoding.size());
  out.truncated = encoding.truncated;
  return out;
}

AttentionStack strip_padding(const AttentionStack& stack, const Encoding& encoding) {
  if (stack.queries != encoding.size())
    throw Error::input("the attention covers " + std::to_string(stack.queries) + " tokens but the encoding has " +
                       std::to_string(encoding.size()));
  views::check_stack(stack, "attention");
  const std::vector<size_t> real = real_positions(encoding);
  std::vector<size_t> keys;
  if (stack.keys == stack.queries) {
    keys = real;
  } else {
    for (size_t k = 0; k < stack.keys; ++k) keys.push_back(k);
  }
  AttentionStack out;
  out.layers = stack.layers;
  out.heads = stack.heads;
  out.queries = real.size();
  out.keys = keys.size();
  out.values.reserve(out.layers * out.heads * out.queries * out.keys);
  for (size_t l = 0; l < stack.layers; ++l)
    for (size_t h = 0; h < stack.heads; ++h)
      for (size_t q : real)
        for (size_t k : keys) out.values.push_back(stack.at(l, h, q, k));
  return out;
}

ValueVectors strip_padding(const ValueVectors& values, const Encoding& encoding) {
  if (values.keys != encoding.size()) return values;
  const std::vector<size_t> real = real_positions(encoding);
  ValueVectors out = values;
  out.keys = real.size();
  out.values.clear();
  for (size_t l = 0; l < values.layers; ++l)
    for (size_t h = 0; h < values.heads; ++h)
      for (size_t k : real) {
        auto begin = values.values.begin() + static_cast<std::ptrdiff_t>(values.index(l, h, k));
        out.values.insert(out.values.end(), begin, begin + static_cast<std::ptrdiff_t>(values.dim));
      }
  return out;
}

}  // namespace attnmap
