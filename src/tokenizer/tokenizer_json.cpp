// Loads a Hugging Face tokenizer.json into a Pipeline. Each component type is mapped in one place;
// anything unknown is an error that names the type, never a silent fallback.
#include <nlohmann/json.hpp>

#include <limits>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/tokenizer.h"
#include "core/base64.h"
#include "core/json_depth.h"
#include "core/utf8.h"
#include "tokenizer/bert.h"
#include "tokenizer/bpe.h"
#include "tokenizer/byte_level.h"
#include "tokenizer/metaspace.h"
#include "tokenizer/pipeline.h"
#include "tokenizer/precompiled.h"
#include "tokenizer/punctuation.h"
#include "tokenizer/replace_strip.h"
#include "tokenizer/unicode_normalizers.h"
#include "tokenizer/post_processor.h"
#include "tokenizer/unigram.h"
#include "tokenizer/wordpiece.h"

namespace attnmap {
namespace {

using json = nlohmann::json;
using namespace tokenizer;

struct Context {
  std::string where;
  [[noreturn]] void fail(const std::string& what) const { throw Error::input(what, where); }
};

// Sequences hold Sequences in real files at most once or twice; the loaders recurse once per level.
constexpr int kMaxSequenceDepth = 16;

void check_sequence_depth(int depth, const char* component, const Context& ctx) {
  if (depth > kMaxSequenceDepth)
    ctx.fail(std::string(component) + " Sequences nested deeper than " + std::to_string(kMaxSequenceDepth) + " levels");
}

// tokenizers keeps ids and type ids as u32.
constexpr int64_t kMaxId = std::numeric_limits<uint32_t>::max();
constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();

// Whether j is a JSON integer in [min, max] (min <= 0 <= max). Floats (1.0, 1e300) are not, as for
// tokenizers' serde: nlohmann's get<int64_t>() would convert them, out of range undefined.
bool integer_in(const json& j, int64_t min, int64_t max) {
  if (j.is_number_unsigned()) return j.get<uint64_t>() <= static_cast<uint64_t>(max);
  return j.is_number_integer() && j.get<int64_t>() >= min && j.get<int64_t>() <= max;
}

int64_t integer(const json& j, const std::string& what, int64_t min, int64_t max, const Context& ctx) {
  if (!integer_in(j, min, max))
    ctx.fail(what + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max) + ", not " +
             j.dump().substr(0, 40));
  return j.get<int64_t>();
}

int64_t token_id(const json& j, const std::string& what, const Context& ctx) { return integer(j, what, 0, kMaxId, ctx); }

// j[key] as an integer in [min, max], `fallback` when absent.
int64_t integer_or(const json& j, const char* key, int64_t fallback, int64_t min, int64_t max, const Context& ctx) {
  return j.contains(key) ? integer(j[key], key, min, max, ctx) : fallback;
}

// A {"token": id, ...} vocabulary.
std::unordered_map<std::string, int64_t> vocab_ids(const json& j, const Context& ctx) {
  std::unordered_map<std::string, int64_t> vocab;
  vocab.reserve(j.size());
  for (const auto& [token, id] : j.items()) {
    if (!integer_in(id, 0, kMaxId)) ctx.fail("vocabulary id of '" + token + "' is not an integer from 0 to " + std::to_string(kMaxId));
    vocab[token] = id.get<int64_t>();
  }
  return vocab;
}

std::string type_of(const json& j, const Context& ctx, const char* component) {
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string())
    ctx.fail(std::string(component) + " has no \"type\"");
  return j["type"].get<std::string>();
}

// pattern is {"String": "..."} or {"Regex": "..."}; only one-character-repeated regexes are
// supported (see ReplacePattern).
std::unique_ptr<Normalizer> make_replace(const json& j, const Context& ctx) {
  const json& pattern = j.at("pattern");
  ReplacePattern p;
  if (pattern.contains("String")) {
    p.literal = utf8::decode(pattern["String"].get<std::string>(), "Replace pattern");
    if (p.literal.empty()) ctx.fail("Replace pattern is empty");
  } else if (pattern.contains("Regex")) {
    const std::string regex = pattern["Regex"].get<std::string>();
    if (!p.parse_regex(utf8::decode(regex, "Replace pattern")))
      ctx.fail("unsupported Replace regex '" + regex +
               "' (attnmap takes alternatives of characters, \\s, \\S, . and [classes] with ?, *, +, {n,m}, "
               "matching at least one character)");
  } else {
    ctx.fail("Replace pattern is neither String nor Regex");
  }
  return std::make_unique<Replace>(std::move(p), utf8::decode(j.at("content").get<std::string>(), "Replace content"));
}

std::unique_ptr<Normalizer> make_normalizer(const json& j, const Context& ctx, int depth = 0) {
  if (j.is_null()) return nullptr;
  std::string type = type_of(j, ctx, "normalizer");
  if (type == "BertNormalizer") {
    BertNormalizerOptions o;
    o.clean_text = j.value("clean_text", true);
    o.handle_chinese_chars = j.value("handle_chinese_chars", true);
    o.lowercase = j.value("lowercase", true);
    const json& strip = j.contains("strip_accents") ? j["strip_accents"] : json();
    o.strip_accents = strip.is_null() ? o.lowercase : strip.get<bool>();
    return std::make_unique<BertNormalizer>(o);
  }
  if (type == "Precompiled") {
    const json& map = j.at("precompiled_charsmap");
    // An empty charsmap (some converters write null) normalizes nothing.
    if (map.is_null() || map.get<std::string>().empty()) return nullptr;
    return std::make_unique<Precompiled>(CharsMap(base64_decode(map.get<std::string>(), "precompiled_charsmap")));
  }
  if (type == "NFC") return std::make_unique<Nfc>();
  if (type == "NFD") return std::make_unique<Nfd>();
  if (type == "Lowercase") return std::make_unique<Lowercase>();
  if (type == "Strip") return std::make_unique<Strip>(j.value("strip_left", false), j.value("strip_right", false));
  if (type == "Replace") return make_replace(j, ctx);
  if (type == "Sequence") {
    check_sequence_depth(depth + 1, "normalizer", ctx);
    std::vector<std::unique_ptr<Normalizer>> steps;
    for (const auto& step : j.at("normalizers"))
      if (auto n = make_normalizer(step, ctx, depth + 1)) steps.push_back(std::move(n));
    return std::make_unique<SequenceNormalizer>(std::move(steps));
  }
  ctx.fail("unsupported normalizer type '" + type + "'");
}

// prepend_scheme "always" / "first" / "never", "always" when absent. Older files also carry
// add_prefix_space, which tokenizers 0.23.3 only checks: false with a scheme other than "never"
// (or with none) is refused, true is ignored ({"add_prefix_space": true, "prepend_scheme":
// "never"} means never).
std::unique_ptr<PreTokenizer> make_metaspace(const json& j, const Context& ctx) {
  MetaspaceOptions o;
  std::u32string rep = utf8::decode(j.at("replacement").get<std::string>(), "Metaspace replacement");
  if (rep.size() != 1) ctx.fail("Metaspace replacement must be one character");
  o.replacement = rep[0];
  o.split = j.value("split", true);
  if (j.contains("prepend_scheme") && !j["prepend_scheme"].is_null()) {
    const std::string scheme = j["prepend_scheme"].get<std::string>();
    if (scheme == "always") o.prepend_scheme = PrependScheme::kAlways;
    else if (scheme == "first") o.prepend_scheme = PrependScheme::kFirst;
    else if (scheme == "never") o.prepend_scheme = PrependScheme::kNever;
    else ctx.fail("unknown Metaspace prepend_scheme '" + scheme + "'");
  }
  if (!j.value("add_prefix_space", true) && o.prepend_scheme != PrependScheme::kNever)
    ctx.fail("Metaspace add_prefix_space does not match declared prepend_scheme");
  return std::make_unique<Metaspace>(o);
}

// tokenizers' SplitDelimiterBehavior; Punctuation's default is Isolated.
SplitBehavior split_behavior(const json& j, const Context& ctx) {
  const std::string behavior = j.contains("behavior") ? j["behavior"].get<std::string>() : "Isolated";
  if (behavior == "Isolated") return SplitBehavior::kIsolated;
  if (behavior == "Removed") return SplitBehavior::kRemoved;
  if (behavior == "MergedWithPrevious") return SplitBehavior::kMergedWithPrevious;
  if (behavior == "MergedWithNext") return SplitBehavior::kMergedWithNext;
  if (behavior == "Contiguous") return SplitBehavior::kContiguous;
  ctx.fail("unknown Punctuation behavior '" + behavior + "'");
}

std::unique_ptr<PreTokenizer> make_pre_tokenizer(const json& j, const Context& ctx, int depth = 0) {
  if (j.is_null()) return nullptr;
  std::string type = type_of(j, ctx, "pre_tokenizer");
  if (type == "BertPreTokenizer") return std::make_unique<BertPreTokenizer>();
  if (type == "ByteLevel") {
    ByteLevelOptions o;
    o.add_prefix_space = j.value("add_prefix_space", o.add_prefix_space);
    o.use_regex = j.value("use_regex", o.use_regex);
    return std::make_unique<ByteLevelPreTokenizer>(o);
  }
  if (type == "Metaspace") return make_metaspace(j, ctx);
  if (type == "WhitespaceSplit") return std::make_unique<WhitespaceSplit>();
  if (type == "Punctuation") return std::make_unique<PunctuationPreTokenizer>(split_behavior(j, ctx));
  if (type == "Sequence") {
    check_sequence_depth(depth + 1, "pre_tokenizer", ctx);
    std::vector<std::unique_ptr<PreTokenizer>> steps;
    for (const auto& step : j.at("pretokenizers"))
      if (auto p = make_pre_tokenizer(step, ctx, depth + 1)) steps.push_back(std::move(p));
    return std::make_unique<SequencePreTokenizer>(std::move(steps));
  }
  ctx.fail("unsupported pre_tokenizer type '" + type + "'");
}

// A string option where null means unset.
std::string optional_string(const json& j, const char* key) {
  return j.contains(key) && !j[key].is_null() ? j[key].get<std::string>() : std::string();
}

// Merges come as "a b" strings (exactly one space) or as ["a", "b"] pairs; tokenizers takes one
// form or the other for the whole list.
std::vector<Bpe::Merge> bpe_merges(const json& j, const Context& ctx) {
  std::vector<Bpe::Merge> merges;
  if (!j.is_array()) ctx.fail("BPE model has no merges list");
  merges.reserve(j.size());
  const bool strings = !j.empty() && j[0].is_string();
  for (const auto& m : j) {
    if (strings && m.is_string()) {
      const std::string& line = m.get_ref<const std::string&>();
      size_t space = line.find(' ');
      if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos)
        ctx.fail("BPE merge '" + line + "' is not two tokens separated by one space");
      merges.emplace_back(line.substr(0, space), line.substr(space + 1));
    } else if (!strings && m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
      merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
    } else {
      ctx.fail("BPE merges mix forms or hold something other than \"a b\" or [\"a\", \"b\"]");
    }
  }
  return merges;
}

std::unique_ptr<TokenModel> make_bpe(const json& j, const Context& ctx) {
  if (!j.contains("vocab") || !j["vocab"].is_object()) ctx.fail("BPE model has no vocab");
  // Dropout skips merges at random: not reproducible, so refused (0 means none, as in tokenizers).
  if (j.contains("dropout") && !j["dropout"].is_null() && j["dropout"].get<double>() != 0.0)
    ctx.fail("BPE dropout is not supported: it makes tokenization random");
  std::unordered_map<std::string, int64_t> vocab = vocab_ids(j["vocab"], ctx);
  BpeOptions o;
  if (j.contains("unk_token") && !j["unk_token"].is_null()) o.unk_token = j["unk_token"].get<std::string>();
  o.continuing_subword_prefix = optional_string(j, "continuing_subword_prefix");
  o.end_of_word_suffix = optional_string(j, "end_of_word_suffix");
  o.fuse_unk = j.value("fuse_unk", false);
  o.byte_fallback = j.value("byte_fallback", false);
  o.ignore_merges = j.value("ignore_merges", false);
  return std::make_unique<Bpe>(std::move(vocab), bpe_merges(j.value("merges", json()), ctx), std::move(o));
}

std::unique_ptr<TokenModel> make_unigram(const json& j, const Context& ctx) {
  if (!j.contains("vocab") || !j["vocab"].is_array()) ctx.fail("Unigram model has no vocab list");
  std::vector<std::pair<std::string, double>> vocab;
  vocab.reserve(j["vocab"].size());
  for (const auto& entry : j["vocab"]) vocab.emplace_back(entry.at(0).get<std::string>(), entry.at(1).get<double>());
  UnigramOptions o;
  if (j.contains("unk_id") && !j["unk_id"].is_null()) o.unk_id = token_id(j["unk_id"], "Unigram unk_id", ctx);
  o.byte_fallback = j.value("byte_fallback", false);
  return std::make_unique<Unigram>(std::move(vocab), o);
}

std::unique_ptr<TokenModel> make_model(const json& j, const Context& ctx) {
  std::string type = type_of(j, ctx, "model");
  if (type == "WordPiece") {
    if (!j.contains("vocab") || !j["vocab"].is_object()) ctx.fail("WordPiece model has no vocab");
    std::unordered_map<std::string, int64_t> vocab = vocab_ids(j["vocab"], ctx);
    WordPieceOptions o;
    o.unk_token = j.value("unk_token", o.unk_token);
    o.continuing_subword_prefix = j.value("continuing_subword_prefix", o.continuing_subword_prefix);
    o.max_input_chars_per_word = static_cast<size_t>(
        integer_or(j, "max_input_chars_per_word", static_cast<int64_t>(o.max_input_chars_per_word), 0, kMaxInt, ctx));
    return std::make_unique<WordPiece>(std::move(vocab), o);
  }
  if (type == "BPE") return make_bpe(j, ctx);
  if (type == "Unigram") return make_unigram(j, ctx);
  ctx.fail("unsupported model type '" + type + "'");
}

TemplatePiece named_special_piece(const std::string& name, const json& special_tokens, int64_t type_id,
                            const Context& ctx) {
  if (!special_tokens.contains(name)) ctx.fail("template names special token '" + name + "' it does not define");
  const json& s = special_tokens[name];
  TemplatePiece piece;
  const json& ids = s.at("ids");
  if (!ids.is_array()) ctx.fail("special token '" + name + "' has no ids list");
  for (const json& id : ids) piece.ids.push_back(token_id(id, "special token id", ctx));
  piece.tokens = s.at("tokens").get<std::vector<std::string>>();
  if (piece.ids.size() != piece.tokens.size()) ctx.fail("special token '" + name + "' has ids and tokens of different lengths");
  piece.type_id = type_id;
  return piece;
}

std::vector<TemplatePiece> template_pieces(const json& items, const json& special_tokens, const Context& ctx) {
  std::vector<TemplatePiece> pieces;
  for (const auto& item : items) {
    if (item.contains("Sequence")) {
      TemplatePiece piece;
      piece.is_sequence = true;
      const std::string id = item["Sequence"].at("id").get<std::string>();
      if (id != "A" && id != "B") ctx.fail("template sequence '" + id + "' is neither A nor B");
      piece.sequence = id == "B" ? 1 : 0;
      piece.type_id = integer(item["Sequence"].at("type_id"), "type_id", 0, kMaxId, ctx);
      pieces.push_back(piece);
    } else if (item.contains("SpecialToken")) {
      const json& s = item["SpecialToken"];
      pieces.push_back(named_special_piece(s.at("id").get<std::string>(), special_tokens,
                                           integer(s.at("type_id"), "type_id", 0, kMaxId, ctx), ctx));
    } else {
      ctx.fail("template piece is neither Sequence nor SpecialToken");
    }
  }
  return pieces;
}

TemplatePiece fixed_piece(const json& pair, int64_t type_id, const Context& ctx) {
  return special_piece(pair.at(0).get<std::string>(), token_id(pair.at(1), "special token id", ctx), type_id);
}

// RobertaProcessing and ByteLevel trim byte-level offsets first when trim_offsets is set (both
// default to trim_offsets and add_prefix_space true).
std::unique_ptr<PostProcessor> with_trimmed_offsets(const json& j, std::unique_ptr<PostProcessor> inner) {
  if (!j.value("trim_offsets", true)) return inner;
  return std::make_unique<TrimOffsetsProcessor>(j.value("add_prefix_space", true), std::move(inner));
}

std::unique_ptr<PostProcessor> make_post_processor(const json& j, const Context& ctx) {
  if (j.is_null()) return std::make_unique<IdentityProcessor>();
  std::string type = type_of(j, ctx, "post_processor");
  if (type == "TemplateProcessing") {
    const json& specials = j.at("special_tokens");
    return std::make_unique<TemplateProcessor>(template_pieces(j.at("single"), specials, ctx),
                                               template_pieces(j.at("pair"), specials, ctx));
  }
  if (type == "BertProcessing")
    return bert_template(fixed_piece(j.at("cls"), 0, ctx), fixed_piece(j.at("sep"), 0, ctx));
  if (type == "RobertaProcessing")
    return with_trimmed_offsets(j, roberta_template(fixed_piece(j.at("cls"), 0, ctx), fixed_piece(j.at("sep"), 0, ctx)));
  if (type == "ByteLevel") return with_trimmed_offsets(j, std::make_unique<IdentityProcessor>());
  ctx.fail("unsupported post_processor type '" + type + "'");
}

void load_added_tokens(const json& j, Pipeline& p, const Context& ctx) {
  if (j.is_null()) return;
  if (!j.is_array()) ctx.fail("added_tokens is not a list");
  for (const auto& t : j) {
    AddedToken token;
    token.content = utf8::decode(t.at("content").get<std::string>(), "added token");
    if (token.content.empty()) continue;
    token.id = token_id(t.at("id"), "added token id", ctx);
    token.special = t.value("special", false);
    token.normalized = t.value("normalized", !token.special);
    token.lstrip = t.value("lstrip", false);
    token.rstrip = t.value("rstrip", false);
    token.single_word = t.value("single_word", false);
    p.added_tokens.push_back(std::move(token));
  }
  p.index_added_tokens();
}

void load_limits(const json& j, Pipeline& p, const Context& ctx) {
  if (j.contains("truncation") && j["truncation"].is_object())
    p.default_max_length = static_cast<size_t>(integer_or(j["truncation"], "max_length", 0, 0, kMaxInt, ctx));
  if (j.contains("padding") && j["padding"].is_object()) {
    p.pad_id = integer_or(j["padding"], "pad_id", 0, 0, kMaxId, ctx);
    return;
  }
  // No padding section: the padding token is whichever of the usual names the tokenizer has.
  for (const auto& t : p.added_tokens)
    if (t.content == U"[PAD]" || t.content == U"<pad>") p.pad_id = t.id;
}

// Whether any component (searched through Sequences) is of `type`.
bool uses(const json& j, const char* type) {
  if (j.is_array()) {
    for (const auto& item : j)
      if (uses(item, type)) return true;
    return false;
  }
  if (!j.is_object()) return false;
  if (j.contains("type") && j["type"] == type) return true;
  for (const char* list : {"normalizers", "pretokenizers", "decoders", "processors"})
    if (j.contains(list) && uses(j[list], type)) return true;
  return false;
}

// How the tokens spell text, from the decoder (which undoes the spelling) or the pre-tokenizer.
TokenSpelling spelling_of(const json& j) {
  for (const char* part : {"decoder", "pre_tokenizer"}) {
    const json& c = j.contains(part) ? j[part] : json();
    if (uses(c, "ByteLevel")) return TokenSpelling::kByteLevel;
    if (uses(c, "Metaspace")) return TokenSpelling::kMetaspace;
  }
  // Llama-style decoders replace "▁" instead of naming Metaspace.
  if (j.contains("decoder") && j["decoder"].dump().find("\u2581") != std::string::npos) return TokenSpelling::kMetaspace;
  if (j.contains("decoder") && j["decoder"].dump().find("▁") != std::string::npos) return TokenSpelling::kMetaspace;
  return TokenSpelling::kPlain;
}

}  // namespace

Tokenizer Tokenizer::from_json(std::string_view text, const std::string& where) {
  Context ctx{where};
  check_json_depth(text, where);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    ctx.fail(std::string("malformed tokenizer JSON: ") + e.what());
  }
  if (!j.is_object()) ctx.fail("tokenizer JSON is not an object");
  if (!j.contains("model")) ctx.fail("tokenizer JSON has no \"model\"");
  auto p = std::make_shared<Pipeline>();
  try {
    load_added_tokens(j.value("added_tokens", json()), *p, ctx);
    p->normalizer = make_normalizer(j.value("normalizer", json()), ctx);
    p->pre_tokenizer = make_pre_tokenizer(j.value("pre_tokenizer", json()), ctx);
    p->model = make_model(j["model"], ctx);
    p->post_processor = make_post_processor(j.value("post_processor", json()), ctx);
    load_limits(j, *p, ctx);
    p->spelling = spelling_of(j);
  } catch (const json::exception& e) {
    ctx.fail(std::string("unexpected tokenizer JSON: ") + e.what());
  } catch (const Error& e) {
    if (!e.where().empty()) throw;
    ctx.fail(e.what());  // a component's complaint, placed in this file
  }
  return Tokenizer(std::move(p));
}

Tokenizer Tokenizer::from_file(const std::filesystem::path& tokenizer_json) {
  return from_json(read_file(tokenizer_json), tokenizer_json.string());
}

}  // namespace attnmap
