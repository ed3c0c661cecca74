#include "attnmap/tokenizer.h"

#include <algorithm>

#include "attnmap/error.h"
#include "core/utf8.h"
#include "tokenizer/pipeline.h"
#include "tokenizer/python_unicode.h"

namespace attnmap {
namespace tokenizer {
namespace {

void push_token(Encoding& out, int64_t id, std::string value, std::pair<size_t, size_t> offsets) {
  out.ids.push_back(id);
  out.tokens.push_back(std::move(value));
  out.offsets.push_back(offsets);
}

// An added token's string is the text it matched, whitespace taken by lstrip / rstrip included
// (" <mask>"), in normalized form for a normalized token ("yesterday" for a lowercasing
// normalizer's "Yesterday"), as tokenizers reports it.
std::string matched_text(std::u32string_view text, const AddedTokenMatch& m) {
  return utf8::encode(text.substr(m.begin, m.end - m.begin));
}

void encode_words(const Pipeline& p, const NormalizedString& segment, Encoding& out) {
  std::vector<NormalizedString> words;
  if (p.pre_tokenizer) {
    words = p.pre_tokenizer->split(segment);
  } else if (!segment.empty()) {
    words.push_back(segment);
  }
  std::vector<ModelToken> pieces;
  for (const auto& word : words) {
    pieces.clear();
    p.model->tokenize(word, pieces);
    for (auto& piece : pieces) {
      // Only sentencepiece makes empty pieces (a "⁄" its normalizer inserted): a point in the text.
      auto span = piece.begin < piece.end ? word.original_span(piece.begin, piece.end)
                                          : word.original_point(piece.begin);
      push_token(out, piece.id, std::move(piece.value), span);
    }
  }
}

// Normalizes one stretch of text free of raw added tokens, then splits out normalized added
// tokens and runs the model on the rest.
void encode_segment(const Pipeline& p, const std::u32string& text, size_t begin, size_t end, Encoding& out) {
  NormalizedString segment = NormalizedString::slice(text, begin, end);
  if (p.normalizer) p.normalizer->normalize(segment);
  size_t pos = 0;
  for (const auto& m : find_added_tokens(segment.chars, p.normalized_added)) {
    encode_words(p, segment.substr(pos, m.begin), out);
    push_token(out, m.token->id, matched_text(segment.chars, m), segment.original_span(m.begin, m.end));
    pos = m.end;
  }
  encode_words(p, segment.substr(pos, segment.size()), out);
}

void truncate_to(Encoding& e, size_t n) {
  if (e.size() <= n) return;
  e.ids.resize(n);
  e.tokens.resize(n);
  e.offsets.resize(n);
  e.truncated = true;
}

// Longest-first: remove one token at a time from whichever sequence is longer.
void truncate_pair(Encoding& first, Encoding* second, size_t budget) {
  size_t n1 = first.size();
  size_t n2 = second != nullptr ? second->size() : 0;
  while (n1 + n2 > budget) {
    if (n1 > n2) --n1;
    else --n2;
  }
  truncate_to(first, n1);
  if (second != nullptr) truncate_to(*second, n2);
}

}  // namespace

void Pipeline::index_added_tokens() {
  raw_added.clear();
  normalized_added.clear();
  for (const auto& t : added_tokens) (t.normalized ? normalized_added : raw_added).push_back(&t);
}

Encoding Pipeline::encode_sequence(const std::u32string& text) const {
  Encoding out;
  size_t pos = 0;
  for (const auto& m : find_added_tokens(text, raw_added, slow_added_tokens ? unicode::python_is_space : nullptr)) {
    encode_segment(*this, text, pos, m.begin, out);
    if (slow_added_tokens) {
      size_t end = m.content_begin + m.token->content.size();
      push_token(out, m.token->id, utf8::encode(m.token->content), {m.content_begin, end});
    } else {
      push_token(out, m.token->id, matched_text(text, m), {m.begin, m.end});
    }
    pos = m.end;
  }
  encode_segment(*this, text, pos, text.size(), out);
  return out;
}

}  // namespace tokenizer

namespace {

Encoding encode_impl(const tokenizer::Pipeline& p, std::string_view first, const std::string_view* second,
                     const EncodeOptions& options) {
  Encoding a = p.encode_sequence(utf8::decode(first, second ? "first text" : "text"));
  Encoding b;
  if (second != nullptr) b = p.encode_sequence(utf8::decode(*second, "second text"));
  size_t max_length = options.max_length != 0 ? options.max_length : p.default_max_length;
  if (max_length != 0) {
    size_t added = p.post_processor->added_tokens(second != nullptr);
    size_t total = a.size() + b.size() + added;
    if (total > max_length) {
      if (!options.truncate)
        throw Error::input("text is " + std::to_string(total) + " tokens, longer than the maximum of " +
                           std::to_string(max_length));
      if (added >= max_length)
        throw Error::input("maximum length " + std::to_string(max_length) +
                           " leaves no room for text after the special tokens");
      tokenizer::truncate_pair(a, second ? &b : nullptr, max_length - added);
    }
  }
  Encoding e = p.post_processor->process(a, second ? &b : nullptr);
  e.spelling = p.spelling;
  return e;
}

}  // namespace

Tokenizer::Tokenizer(std::shared_ptr<const tokenizer::Pipeline> pipeline) : pipeline_(std::move(pipeline)) {}

Encoding Tokenizer::encode(std::string_view text, const EncodeOptions& options) const {
  return encode_impl(*pipeline_, text, nullptr, options);
}

Encoding Tokenizer::encode_pair(std::string_view first, std::string_view second,
                                const EncodeOptions& options) const {
  return encode_impl(*pipeline_, first, &second, options);
}

std::optional<int64_t> Tokenizer::token_to_id(std::string_view token) const {
  for (const auto& t : pipeline_->added_tokens)
    if (utf8::encode(t.content) == token) return t.id;
  return pipeline_->model->token_to_id(token);
}

int64_t Tokenizer::id_limit() const {
  int64_t limit = static_cast<int64_t>(pipeline_->model->vocab_size());
  for (const auto& t : pipeline_->added_tokens) limit = std::max(limit, t.id + 1);
  return limit;
}

int64_t Tokenizer::pad_id() const { return pipeline_->pad_id; }

TokenizerKind Tokenizer::kind() const { return pipeline_->kind; }

}  // namespace attnmap
