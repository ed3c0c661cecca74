#pragma once
// Template post-processing: "[CLS] $A [SEP]" for one sequence, "[CLS] $A [SEP] $B [SEP]" for a
// pair, each piece with its type id. BertProcessing and RobertaProcessing are templates too.
#include <memory>
#include <string>
#include <vector>

#include "tokenizer/components.h"

namespace attnmap::tokenizer {

struct TemplatePiece {
  bool is_sequence = false;  // true: the input sequence (A = 0, B = 1); false: special tokens
  int sequence = 0;
  std::vector<int64_t> ids;  // for special pieces (one name may stand for several ids)
  std::vector<std::string> tokens;
  int64_t type_id = 0;
};

class TemplateProcessor final : public PostProcessor {
 public:
  TemplateProcessor(std::vector<TemplatePiece> single, std::vector<TemplatePiece> pair);

  size_t added_tokens(bool pair) const override;
  Encoding process(const Encoding& first, const Encoding* second) const override;

 private:
  std::vector<TemplatePiece> single_, pair_;
};

// No post-processing: the sequences are concatenated, type ids 0 and 1.
class IdentityProcessor final : public PostProcessor {
 public:
  size_t added_tokens(bool) const override { return 0; }
  Encoding process(const Encoding& first, const Encoding* second) const override;
};

// One special token of a template, and a sequence ($A = 0, $B = 1).
TemplatePiece special_piece(std::string token, int64_t id, int64_t type_id);
TemplatePiece sequence_piece(int sequence, int64_t type_id);

// "[CLS] $A [SEP]" and "[CLS] $A [SEP] $B [SEP]", B and its [SEP] with type id 1 (BERT, ALBERT).
std::unique_ptr<PostProcessor> bert_template(const TemplatePiece& cls, const TemplatePiece& sep);
// "<s> $A </s>" and "<s> $A </s> </s> $B </s>", every type id 0 (RoBERTa, XLM-R, CamemBERT).
std::unique_ptr<PostProcessor> roberta_template(const TemplatePiece& cls, const TemplatePiece& sep);

// Appends `from` to `to`, all fields, with `type_id` and `sequence_id` for each token.
void append_encoding(Encoding& to, const Encoding& from, int64_t type_id, int sequence_id);

}  // namespace attnmap::tokenizer
