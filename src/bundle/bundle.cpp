#include "attnmap/bundle.h"

#include <nlohmann/json.hpp>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/tokenizer.h"
#include "core/decimal.h"
#include "core/json_depth.h"

namespace attnmap {
namespace {

using json = nlohmann::json;

constexpr int kFormatVersion = 1;

int64_t positive(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || !j[key].is_number_integer() || j[key].get<int64_t>() <= 0)
    throw Error::input(std::string("manifest needs a positive integer \"") + key + "\"", where);
  return j[key].get<int64_t>();
}

std::vector<std::string> read_labels(const json& j, const std::string& where) {
  std::vector<std::string> labels;
  if (!j.contains("id2label") || j["id2label"].is_null()) return labels;
  const json& m = j["id2label"];
  if (!m.is_object()) throw Error::input("manifest \"id2label\" is not an object", where);
  // n distinct keys, each a class id below n: every id from 0 to n-1 is named exactly once.
  labels.resize(m.size());
  for (const auto& [key, value] : m.items()) {
    const std::optional<uint64_t> id = parse_decimal_id(key, labels.size() - 1);
    if (!id) throw Error::input("manifest id2label key '" + key + "' is not a class id from 0 to " +
                                std::to_string(labels.size() - 1), where);
    if (!value.is_string()) throw Error::input("manifest id2label name of class " + key + " is not a string", where);
    labels[*id] = value.get<std::string>();
  }
  return labels;
}

}  // namespace

Manifest parse_manifest(const std::string& text, const std::string& where) {
  check_json_depth(text, where);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {
    throw Error::input(std::string("malformed manifest: ") + e.what(), where);
  }
  if (!j.is_object()) throw Error::input("manifest is not a JSON object", where);
  Manifest m;
  try {
    // Integers are checked before get<>(): nlohmann converts a float such as 1e300 with undefined
    // behaviour.
    const json& version = j.contains("format_version") ? j["format_version"] : json(0);
    m.format_version = version.is_number_integer() && version.get<int64_t>() == kFormatVersion ? kFormatVersion : 0;
    if (m.format_version != kFormatVersion)
      throw Error::input("unsupported manifest format_version " + version.dump().substr(0, 40) +
                         " (this attnmap reads " + std::to_string(kFormatVersion) + ")", where);
    m.model_type = j.value("model_type", "");
    m.num_layers = positive(j, "num_layers", where);
    m.num_heads = positive(j, "num_heads", where);
    m.hidden_size = positive(j, "hidden_size", where);
    m.max_length = positive(j, "max_length", where);
    m.vocab_size = positive(j, "vocab_size", where);
    m.labels = read_labels(j, where);
    const json& tok = j.at("tokenizer");
    m.tokenizer_kind = tok.at("kind").get<std::string>();
    m.tokenizer_file = tok.at("file").get<std::string>();
    m.tokenizer_merges = tok.value("merges", "");
    if (tok.contains("pad_id") && !tok["pad_id"].is_number_integer())
      throw Error::input("manifest tokenizer pad_id is not an integer", where);
    m.pad_id = tok.value("pad_id", int64_t{0});
    m.methods = j.value("methods", std::vector<std::string>{});
    m.unavailable_methods = j.value("unavailable_methods", std::map<std::string, std::string>{});
    m.source = j.value("source", "");
  } catch (const json::exception& e) {
    throw Error::input(std::string("unexpected manifest content: ") + e.what(), where);
  }
  parse_tokenizer_kind(m.tokenizer_kind, where);
  for (const std::string& file : {m.tokenizer_file, m.tokenizer_merges})
    if (file.find("..") != std::string::npos || (!file.empty() && file[0] == '/'))
      throw Error::input("tokenizer file must be inside the bundle", where);
  return m;
}

Bundle load_bundle(const std::filesystem::path& directory) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec))
    throw Error::io("model bundle directory not found", directory.string());
  Bundle b;
  b.directory = directory;
  b.model_file = directory / "model.pt";
  auto manifest_path = directory / "attnmap.json";
  if (!std::filesystem::exists(manifest_path, ec) && std::filesystem::is_regular_file(directory / "config.json", ec))
    throw Error::usage("this is a Hugging Face checkpoint (config.json, no attnmap.json), not an attnmap bundle: export it "
                           "with `attnmap export " + directory.string() + " " + directory.string() +
                           "-attnmap`, then pass --model " + directory.string() + "-attnmap",
                       directory.string());
  b.manifest = parse_manifest(read_file(manifest_path), manifest_path.string());
  b.manifest.name = std::filesystem::absolute(directory).lexically_normal().filename().string();
  if (b.manifest.name.empty())
    b.manifest.name = std::filesystem::absolute(directory).lexically_normal().parent_path().filename().string();
  return b;
}

Tokenizer load_tokenizer(const Bundle& bundle, LoadOptions options) {
  const Manifest& m = bundle.manifest;
  const TokenizerKind kind = parse_tokenizer_kind(m.tokenizer_kind, (bundle.directory / "attnmap.json").string());
  if (!options.family && !m.model_type.empty() && kind == TokenizerKind::kSentencePiece) options.family = m.model_type;
  if (!m.tokenizer_merges.empty() && !options.merges_file) options.merges_file = bundle.directory / m.tokenizer_merges;
  // plain_module_bundle keeps an absolute path; `/` then yields it unchanged.
  return Tokenizer::from_kind(kind, bundle.directory / m.tokenizer_file, options);
}

Tokenizer load_tokenizer(const std::filesystem::path& path, LoadOptions options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path / "attnmap.json", ec)) return Tokenizer::from_path(path, options);
  Bundle b = load_bundle(path);
  if (!options.family && !b.manifest.model_type.empty()) options.family = b.manifest.model_type;
  return load_tokenizer(b, options);
}

Bundle plain_module_bundle(const std::filesystem::path& model_file, const std::filesystem::path& tokenizer) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(model_file, ec)) throw Error::io("model file not found", model_file.string());
  if (!std::filesystem::exists(tokenizer, ec)) throw Error::io("tokenizer file not found", tokenizer.string());
  Tokenizer tok = load_tokenizer(tokenizer);
  Bundle b;
  b.model_file = model_file;
  b.directory = model_file.parent_path();
  b.manifest.name = model_file.stem().string();
  b.manifest.max_length = 512;
  b.manifest.tokenizer_kind = tokenizer_kind_name(tok.kind());
  b.manifest.tokenizer_file = std::filesystem::absolute(tokenizer).string();
  b.manifest.pad_id = tok.pad_id();
  b.manifest.methods = {"forward"};
  b.manifest.source = "plain TorchScript module";
  return b;
}

}  // namespace attnmap
