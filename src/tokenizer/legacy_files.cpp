// Legacy tokenizer files: a BERT vocab.txt, a RoBERTa vocab.json + merges.txt. Each builds the
// Pipeline that transformers' BertTokenizer / RobertaTokenizer builds from the same files (shared
// TOKENIZERS.md §2 and §3), from the same components as tokenizer.json.
#include <nlohmann/json.hpp>

#include <limits>
#include <sstream>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "core/json_depth.h"
#include "core/utf8.h"
#include "tokenizer/bert.h"
#include "tokenizer/bpe.h"
#include "tokenizer/byte_level.h"
#include "tokenizer/loaders.h"
#include "tokenizer/post_processor.h"
#include "core/unicode_tables.h"
#include "tokenizer/wordpiece.h"

namespace attnmap::tokenizer {
namespace {

using json = nlohmann::json;

// Rust's str::trim_end (char::is_whitespace), which tokenizers' WordPiece::read_file applies to
// each vocab.txt line.
std::string trim_end(const std::string& line) {
  std::u32string chars = utf8::decode(line, "vocab.txt");
  while (!chars.empty() && unicode::is_white_space(chars.back())) chars.pop_back();
  return utf8::encode(chars);
}

// vocab.txt: the token on line n (from 0) has id n; a later duplicate takes over the token.
std::unordered_map<std::string, int64_t> read_vocab_txt(const std::filesystem::path& path) {
  std::istringstream in(read_file(path));
  std::unordered_map<std::string, int64_t> vocab;
  std::string line;
  for (int64_t id = 0; std::getline(in, line); ++id) {
    try {
      vocab[trim_end(line)] = id;
    } catch (const Error& e) {
      // "invalid UTF-8 in vocab.txt on line 3, byte 7"
      const std::string at = e.where().empty() ? "" : ", " + e.where();
      throw Error::input(std::string(e.what()) + " on line " + std::to_string(id + 1) + at, path.string());
    }
  }
  if (vocab.empty()) throw Error::input("vocab.txt is empty", path.string());
  return vocab;
}

// Adds added_tokens_decoder's tokens, then the special tokens `keys` (config key, default content)
// not among them; returns each special's id, in the order of `keys`.
std::vector<int64_t> add_specials(Pipeline& p, const TokenizerConfig& config,
                                  const std::vector<std::pair<std::string, std::string>>& keys) {
  for (const auto& t : config.added_tokens_decoder) {
    bool present = false;
    for (const auto& have : p.added_tokens) present = present || have.content == t.content;
    if (!present) p.added_tokens.push_back(t);
  }
  std::vector<int64_t> ids;
  for (const auto& [key, fallback] : keys) {
    AddedToken t = config.special(key, fallback);
    ids.push_back(add_special_token(p, t, p.model->token_to_id(utf8::encode(t.content))));
  }
  p.index_added_tokens();
  return ids;
}

TemplatePiece special_of(const Pipeline& p, int64_t id, int64_t type_id) {
  for (const auto& t : p.added_tokens)
    if (t.id == id) return special_piece(utf8::encode(t.content), id, type_id);
  return special_piece(p.model->id_to_token(id).value_or(""), id, type_id);
}

std::vector<Bpe::Merge> read_merges(const std::filesystem::path& path) {
  std::istringstream in(read_file(path));
  std::vector<Bpe::Merge> merges;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.rfind("#version", 0) == 0) continue;
    size_t space = line.find(' ');
    if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos)
      throw Error::input("merges.txt line " + std::to_string(n) + " is not two tokens separated by one space",
                         path.string());
    merges.emplace_back(line.substr(0, space), line.substr(space + 1));
  }
  return merges;
}

std::unordered_map<std::string, int64_t> read_vocab_json(const std::filesystem::path& path) {
  std::unordered_map<std::string, int64_t> vocab;
  try {
    const std::string text = read_file(path);
    check_json_depth(text, path.string());
    json j = json::parse(text);
    if (!j.is_object()) throw Error::input("vocab.json is not an object of token -> id", path.string());
    for (const auto& [token, id] : j.items()) {
      // Ids are u32 in tokenizers; nlohmann would truncate 0.5 and convert 1e300 with undefined
      // behaviour.
      const bool id_ok = id.is_number_unsigned() && id.get<uint64_t>() <= std::numeric_limits<uint32_t>::max();
      if (!id_ok)
        throw Error::input("vocab.json id of '" + token + "' is not an integer from 0 to 4294967295", path.string());
      vocab[token] = id.get<int64_t>();
    }
  } catch (const json::exception& e) {
    throw Error::input(std::string("malformed vocab.json: ") + e.what(), path.string());
  }
  return vocab;
}

void rethrow_in(const std::filesystem::path& path, const Error& e) {
  if (!e.where().empty()) throw e;
  throw Error::input(e.what(), path.string());
}

}  // namespace

std::shared_ptr<Pipeline> load_wordpiece_vocab(const std::filesystem::path& vocab_txt, const LoadOptions& options) {
  const TokenizerConfig config = read_tokenizer_config(vocab_txt.parent_path());
  auto p = std::make_shared<Pipeline>();
  p->kind = TokenizerKind::kWordPieceVocab;
  try {
    BertNormalizerOptions n;
    n.lowercase = config.flag("do_lower_case", options.do_lower_case, true);
    n.strip_accents = config.flag("strip_accents", options.strip_accents, n.lowercase);
    n.handle_chinese_chars = config.flag("tokenize_chinese_chars", options.tokenize_chinese_chars, true);
    p->normalizer = std::make_unique<BertNormalizer>(n);
    p->pre_tokenizer = std::make_unique<BertPreTokenizer>();
    WordPieceOptions w;
    w.unk_token = utf8::encode(config.special("unk_token", "[UNK]").content);
    p->model = std::make_unique<WordPiece>(read_vocab_txt(vocab_txt), w);
    auto ids = add_specials(*p, config, {{"pad_token", "[PAD]"}, {"unk_token", "[UNK]"}, {"cls_token", "[CLS]"},
                                         {"sep_token", "[SEP]"}, {"mask_token", "[MASK]"}});
    p->pad_id = ids[0];
    p->post_processor = bert_template(special_of(*p, ids[2], 0), special_of(*p, ids[3], 0));
  } catch (const Error& e) {
    rethrow_in(vocab_txt, e);
  }
  return p;
}

std::shared_ptr<Pipeline> load_bpe_vocab(const std::filesystem::path& vocab_json, const LoadOptions& options) {
  const TokenizerConfig config = read_tokenizer_config(vocab_json.parent_path());
  const auto merges_path = options.merges_file.value_or(vocab_json.parent_path() / "merges.txt");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(merges_path, ec))
    throw Error::io("vocab.json needs merges.txt beside it", merges_path.string());
  auto p = std::make_shared<Pipeline>();
  p->kind = TokenizerKind::kBpeVocab;
  p->spelling = TokenSpelling::kByteLevel;
  try {
    const bool add_prefix_space = config.flag("add_prefix_space", options.add_prefix_space, false);
    ByteLevelOptions b;
    b.add_prefix_space = add_prefix_space;
    p->pre_tokenizer = std::make_unique<ByteLevelPreTokenizer>(b);
    p->model = std::make_unique<Bpe>(read_vocab_json(vocab_json), read_merges(merges_path), BpeOptions{});
    auto ids = add_specials(*p, config, {{"bos_token", "<s>"}, {"pad_token", "<pad>"}, {"eos_token", "</s>"},
                                         {"unk_token", "<unk>"}, {"mask_token", "<mask>"}, {"cls_token", "<s>"},
                                         {"sep_token", "</s>"}});
    p->pad_id = ids[1];
    auto roberta = roberta_template(special_of(*p, ids[5], 0), special_of(*p, ids[6], 0));
    if (config.flag("trim_offsets", options.trim_offsets, true))
      roberta = std::make_unique<TrimOffsetsProcessor>(add_prefix_space, std::move(roberta));
    p->post_processor = std::move(roberta);
  } catch (const Error& e) {
    rethrow_in(vocab_json, e);
  }
  return p;
}

}  // namespace attnmap::tokenizer
