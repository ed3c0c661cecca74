#include "tokenizer/post_processor.h"

namespace attnmap::tokenizer {
namespace {

void append_special(Encoding& to, const TemplatePiece& piece) {
  for (size_t i = 0; i < piece.ids.size(); ++i) {
    to.ids.push_back(piece.ids[i]);
    to.tokens.push_back(piece.tokens[i]);
    to.type_ids.push_back(piece.type_id);
    to.offsets.emplace_back(0, 0);
    to.special_tokens_mask.push_back(1);
    to.attention_mask.push_back(1);
    to.sequence_ids.push_back(-1);
  }
}

}  // namespace

void append_encoding(Encoding& to, const Encoding& from, int64_t type_id, int sequence_id) {
  to.ids.insert(to.ids.end(), from.ids.begin(), from.ids.end());
  to.tokens.insert(to.tokens.end(), from.tokens.begin(), from.tokens.end());
  to.offsets.insert(to.offsets.end(), from.offsets.begin(), from.offsets.end());
  to.type_ids.insert(to.type_ids.end(), from.size(), type_id);
  to.special_tokens_mask.insert(to.special_tokens_mask.end(), from.size(), 0);
  to.attention_mask.insert(to.attention_mask.end(), from.size(), 1);
  to.sequence_ids.insert(to.sequence_ids.end(), from.size(), sequence_id);
  to.truncated = to.truncated || from.truncated;
}

TemplateProcessor::TemplateProcessor(std::vector<TemplatePiece> single, std::vector<TemplatePiece> pair)
    : single_(std::move(single)), pair_(std::move(pair)) {}

size_t TemplateProcessor::added_tokens(bool pair) const {
  size_t n = 0;
  for (const auto& piece : pair ? pair_ : single_)
    if (!piece.is_sequence) n += piece.ids.size();
  return n;
}

Encoding TemplateProcessor::process(const Encoding& first, const Encoding* second) const {
  Encoding out;
  for (const auto& piece : second != nullptr ? pair_ : single_) {
    if (!piece.is_sequence) {
      append_special(out, piece);
    } else if (piece.sequence == 0) {
      append_encoding(out, first, piece.type_id, 0);
    } else if (second != nullptr) {
      append_encoding(out, *second, piece.type_id, 1);
    }
  }
  return out;
}

TemplatePiece special_piece(std::string token, int64_t id, int64_t type_id) {
  TemplatePiece piece;
  piece.tokens = {std::move(token)};
  piece.ids = {id};
  piece.type_id = type_id;
  return piece;
}

TemplatePiece sequence_piece(int sequence, int64_t type_id) {
  TemplatePiece piece;
  piece.is_sequence = true;
  piece.sequence = sequence;
  piece.type_id = type_id;
  return piece;
}

std::unique_ptr<PostProcessor> bert_template(const TemplatePiece& cls, const TemplatePiece& sep) {
  TemplatePiece sep1 = sep;
  sep1.type_id = 1;
  return std::make_unique<TemplateProcessor>(
      std::vector<TemplatePiece>{cls, sequence_piece(0, 0), sep},
      std::vector<TemplatePiece>{cls, sequence_piece(0, 0), sep, sequence_piece(1, 1), sep1});
}

std::unique_ptr<PostProcessor> roberta_template(const TemplatePiece& cls, const TemplatePiece& sep) {
  return std::make_unique<TemplateProcessor>(
      std::vector<TemplatePiece>{cls, sequence_piece(0, 0), sep},
      std::vector<TemplatePiece>{cls, sequence_piece(0, 0), sep, sep, sequence_piece(1, 0), sep});
}

Encoding IdentityProcessor::process(const Encoding& first, const Encoding* second) const {
  Encoding out;
  append_encoding(out, first, 0, 0);
  if (second != nullptr) append_encoding(out, *second, 1, 1);
  return out;
}

}  // namespace attnmap::tokenizer
