// A .model file as transformers' slow tokenizers used it (XLMRobertaTokenizer, CamembertTokenizer,
// AlbertTokenizer, DebertaV2Tokenizer of transformers 4; transformers 5 has none left): special tokens split out of the
// raw text first, sentencepiece on each stretch between them, the family's id mapping and template.
#include <nlohmann/json.hpp>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "core/json_depth.h"
#include "core/utf8.h"
#include "tokenizer/albert_preprocess.h"
#include "tokenizer/loaders.h"
#include "tokenizer/post_processor.h"
#include "tokenizer/punctuation.h"
#include "tokenizer/sentencepiece_model.h"

namespace attnmap::tokenizer {
namespace {

enum class Family { kXlmRoberta, kCamembert, kAlbert, kDebertaV2 };

const char* const kFamilies = "xlm-roberta, camembert, albert, deberta-v2";

std::optional<Family> family_named(std::string name) {
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "xlm-roberta" || name == "xlm_roberta" || name == "xlmrobertatokenizer" || name == "xlmrobertatokenizerfast")
    return Family::kXlmRoberta;
  if (name == "camembert" || name == "camemberttokenizer" || name == "camemberttokenizerfast") return Family::kCamembert;
  if (name == "albert" || name == "alberttokenizer" || name == "alberttokenizerfast") return Family::kAlbert;
  if (name == "deberta-v2" || name == "deberta_v2" || name == "debertav2tokenizer" || name == "debertav2tokenizerfast")
    return Family::kDebertaV2;
  return std::nullopt;
}

// model_type of a JSON file beside the model (attnmap.json, config.json), or "".
std::string model_type_in(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return {};
  try {
    const std::string text = read_file(file);
    if (json_depth(text) > kMaxJsonDepth) return {};  // ignored, as JSON that does not parse is
    auto j = nlohmann::json::parse(text);
    return j.is_object() ? j.value("model_type", "") : "";
  } catch (const nlohmann::json::exception&) {
    return {};
  }
}

Family pick_family(const std::filesystem::path& model_file, const LoadOptions& options, const TokenizerConfig& config,
                   const SentencePieceModel& probe) {
  auto named = [&](const std::string& name, const char* source) -> std::optional<Family> {
    if (name.empty()) return std::nullopt;
    if (auto f = family_named(name)) return f;
    throw Error::input(std::string(source) + " '" + name + "' is not a sentencepiece family attnmap supports (" +
                           kFamilies + ")", model_file.string());
  };
  if (options.family) return *named(*options.family, "tokenizer family");
  if (auto f = named(config.tokenizer_class, "tokenizer_class")) return *f;
  const auto dir = model_file.parent_path();
  for (const char* manifest : {"attnmap.json", "config.json"})
    if (auto f = family_named(model_type_in(dir / manifest))) return *f;
  // Nothing says: DeBERTa's pieces include [PAD], ALBERT's [CLS] (with <pad>), XLM-R's neither.
  if (probe.piece_id("[PAD]")) return Family::kDebertaV2;
  return probe.piece_id("[CLS]") ? Family::kAlbert : Family::kXlmRoberta;
}

AddedToken special(const TokenizerConfig& config, const std::string& key, const std::string& fallback, bool lstrip) {
  AddedToken t = config.special(key, fallback);
  t.special = true;
  t.normalized = false;
  t.lstrip = t.lstrip || lstrip;
  return t;
}

// Adds the specials, in order, with the model's id for each (or the next free one).
std::vector<int64_t> add_all(Pipeline& p, const std::vector<AddedToken>& tokens) {
  std::vector<int64_t> ids;
  for (const auto& t : tokens) ids.push_back(add_special_token(p, t, p.model->token_to_id(utf8::encode(t.content))));
  return ids;
}

TemplatePiece piece_of(const Pipeline& p, int64_t id) {
  for (const auto& t : p.added_tokens)
    if (t.id == id) return special_piece(utf8::encode(t.content), id, 0);
  return special_piece(p.model->id_to_token(id).value_or(""), id, 0);
}

void build_fairseq(Pipeline& p, std::shared_ptr<const SentencePieceModel::Processor> sp, const TokenizerConfig& c,
                   bool camembert) {
  SpmIdMapping m;
  if (camembert) {
    m.reserved = {{"<s>NOTUSED", 0}, {"<pad>", 1}, {"</s>NOTUSED", 2}, {"<unk>", 3}, {"<unk>NOTUSED", 4}};
    m.offset = 4;
  } else {
    m.reserved = {{"<s>", 0}, {"<pad>", 1}, {"</s>", 2}, {"<unk>", 3}};
    m.offset = 1;
  }
  m.unk_id = 3;
  p.model = std::make_unique<SentencePieceModel>(std::move(sp), std::move(m), false);
  std::vector<AddedToken> tokens;
  if (camembert)
    for (const char* extra : {"<s>NOTUSED", "</s>NOTUSED", "<unk>NOTUSED"}) tokens.push_back(special(c, "", extra, false));
  for (auto [key, fallback] : {std::pair{"bos_token", "<s>"}, {"pad_token", "<pad>"}, {"eos_token", "</s>"},
                               {"unk_token", "<unk>"}, {"cls_token", "<s>"}, {"sep_token", "</s>"}})
    tokens.push_back(special(c, key, fallback, false));
  // <mask> comes after every piece: spm size + offset, with lstrip.
  tokens.push_back(special(c, "mask_token", "<mask>", true));
  auto ids = add_all(p, tokens);
  const size_t n = ids.size();
  p.pad_id = ids[n - 6];
  p.post_processor = roberta_template(piece_of(p, ids[n - 3]), piece_of(p, ids[n - 2]));
}

// PreTrainedTokenizer.tokenize lowercased the text around the specials before splitting on them,
// so "<PAD>" became "<pad>" and matched: the specials are looked for again after PythonLowercase.
void look_for_specials_after_lowercasing(Pipeline& p) {
  const size_t count = p.added_tokens.size();
  for (size_t i = 0; i < count; ++i) {
    AddedToken again = p.added_tokens[i];
    again.normalized = true;
    again.lstrip = again.rstrip = false;
    p.added_tokens.push_back(again);
  }
}

void build_albert(Pipeline& p, std::shared_ptr<const SentencePieceModel::Processor> sp, const TokenizerConfig& c,
                  const LoadOptions& options) {
  AlbertPreprocessOptions o;
  o.do_lower_case = c.flag("do_lower_case", options.do_lower_case, true);
  o.remove_space = c.flag("remove_space", options.remove_space, true);
  o.keep_accents = c.flag("keep_accents", options.keep_accents, false);
  if (o.do_lower_case) p.normalizer = std::make_unique<PythonLowercase>();
  p.pre_tokenizer = std::make_unique<AlbertPreprocess>(o);
  p.model = std::make_unique<SentencePieceModel>(std::move(sp), SpmIdMapping{}, true);
  auto ids = add_all(p, {special(c, "pad_token", "<pad>", false), special(c, "unk_token", "<unk>", false),
                         special(c, "cls_token", "[CLS]", false), special(c, "sep_token", "[SEP]", false),
                         special(c, "mask_token", "[MASK]", true)});
  p.pad_id = ids[0];
  p.post_processor = bert_template(piece_of(p, ids[2]), piece_of(p, ids[3]));
  if (o.do_lower_case) look_for_specials_after_lowercasing(p);
}

// DeBERTa-v2/v3's spm.model: its own ids ([MASK] after them where it has none, as in v3's),
// lowercasing where the config asks, and with split_by_punct each punctuation character and each
// stretch between them encoded on its own (_run_split_on_punc).
void build_deberta(Pipeline& p, std::shared_ptr<const SentencePieceModel::Processor> sp, const TokenizerConfig& c,
                   const LoadOptions& options) {
  const bool lower = c.flag("do_lower_case", options.do_lower_case, false);
  if (lower) p.normalizer = std::make_unique<PythonLowercase>();
  if (c.flag("split_by_punct", std::nullopt, false))
    p.pre_tokenizer = std::make_unique<PunctuationPreTokenizer>(SplitBehavior::kIsolated);
  p.model = std::make_unique<SentencePieceModel>(std::move(sp), SpmIdMapping{}, false);
  auto ids = add_all(p, {special(c, "pad_token", "[PAD]", false), special(c, "unk_token", "[UNK]", false),
                         special(c, "cls_token", "[CLS]", false), special(c, "sep_token", "[SEP]", false),
                         special(c, "mask_token", "[MASK]", false)});
  p.pad_id = ids[0];
  p.post_processor = bert_template(piece_of(p, ids[2]), piece_of(p, ids[3]));
  if (lower) look_for_specials_after_lowercasing(p);
}

}  // namespace

std::shared_ptr<Pipeline> load_sentencepiece(const std::filesystem::path& model_file, const LoadOptions& options) {
  const TokenizerConfig config = read_tokenizer_config(model_file.parent_path());
  auto sp = SentencePieceModel::load(model_file);
  auto p = std::make_shared<Pipeline>();
  p->kind = TokenizerKind::kSentencePiece;
  p->spelling = TokenSpelling::kMetaspace;
  p->slow_added_tokens = true;
  try {
    const Family family = pick_family(model_file, options, config, SentencePieceModel(sp, {}, false));
    if (family == Family::kAlbert) build_albert(*p, sp, config, options);
    else if (family == Family::kDebertaV2) build_deberta(*p, sp, config, options);
    else build_fairseq(*p, sp, config, family == Family::kCamembert);
    p->index_added_tokens();
  } catch (const Error& e) {
    if (!e.where().empty()) throw;
    throw Error::input(e.what(), model_file.string());
  }
  return p;
}

}  // namespace attnmap::tokenizer
