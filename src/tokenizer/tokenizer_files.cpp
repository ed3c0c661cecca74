// Tokenizer::from_path: which tokenizer a file or a Hugging Face model directory holds. (An attnmap
// bundle's manifest names its tokenizer: load_tokenizer in bundle.h reads it, a layer above.)
#include <algorithm>

#include "attnmap/error.h"
#include "attnmap/tokenizer.h"
#include "tokenizer/loaders.h"

namespace attnmap {
namespace {

namespace fs = std::filesystem;

constexpr const char* kKindNames[] = {"tokenizer.json", "sentencepiece", "wordpiece-vocab", "bpe-vocab"};

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

bool has_extension(const fs::path& p, const char* ext) { return p.extension() == ext; }

// The .model files of a directory: the names transformers uses first, then the others by name.
std::optional<fs::path> find_model_file(const fs::path& dir) {
  for (const char* name : {"sentencepiece.bpe.model", "spiece.model", "tokenizer.model"})
    if (is_file(dir / name)) return dir / name;
  std::vector<fs::path> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file(ec) && has_extension(entry.path(), ".model")) found.push_back(entry.path());
  if (found.empty()) return std::nullopt;
  return *std::min_element(found.begin(), found.end());
}

// The kind a file's name says it is.
std::optional<TokenizerKind> kind_of_file(const fs::path& file) {
  const std::string name = file.filename().string();
  if (has_extension(file, ".json") && name != "vocab.json") return TokenizerKind::kTokenizerJson;
  if (has_extension(file, ".model")) return TokenizerKind::kSentencePiece;
  if (has_extension(file, ".txt") && name != "merges.txt") return TokenizerKind::kWordPieceVocab;
  if (name == "vocab.json") return TokenizerKind::kBpeVocab;
  return std::nullopt;
}

Tokenizer from_directory(const fs::path& dir, const LoadOptions& options) {
  if (is_file(dir / "tokenizer.json")) return Tokenizer::from_file(dir / "tokenizer.json");
  if (auto model = find_model_file(dir)) return Tokenizer::from_kind(TokenizerKind::kSentencePiece, *model, options);
  if (is_file(dir / "vocab.txt")) return Tokenizer::from_kind(TokenizerKind::kWordPieceVocab, dir / "vocab.txt", options);
  if (is_file(dir / "vocab.json") && is_file(dir / "merges.txt"))
    return Tokenizer::from_kind(TokenizerKind::kBpeVocab, dir / "vocab.json", options);
  throw Error::input("no tokenizer in directory (looked for tokenizer.json, *.model, vocab.txt, vocab.json + merges.txt)",
                     dir.string());
}

}  // namespace

std::string tokenizer_kind_name(TokenizerKind kind) { return kKindNames[static_cast<int>(kind)]; }

TokenizerKind parse_tokenizer_kind(std::string_view name, const std::string& where) {
  for (int i = 0; i < 4; ++i)
    if (name == kKindNames[i]) return static_cast<TokenizerKind>(i);
  throw Error::input("unknown tokenizer kind '" + std::string(name) +
                         "' (supported: tokenizer.json, sentencepiece, wordpiece-vocab, bpe-vocab)",
                     where);
}

Tokenizer Tokenizer::from_kind(TokenizerKind kind, const fs::path& file, const LoadOptions& options) {
  if (!is_file(file)) throw Error::io("tokenizer file not found", file.string());
  switch (kind) {
    case TokenizerKind::kTokenizerJson: return from_file(file);
    case TokenizerKind::kSentencePiece: return Tokenizer(tokenizer::load_sentencepiece(file, options));
    case TokenizerKind::kWordPieceVocab: return Tokenizer(tokenizer::load_wordpiece_vocab(file, options));
    case TokenizerKind::kBpeVocab: return Tokenizer(tokenizer::load_bpe_vocab(file, options));
  }
  throw Error::input("unknown tokenizer kind", file.string());
}

Tokenizer Tokenizer::from_path(const fs::path& path, const LoadOptions& options) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return from_directory(path, options);
  if (!fs::exists(path, ec)) throw Error::io("tokenizer file not found", path.string());
  auto kind = kind_of_file(path);
  if (!kind)
    throw Error::input("cannot tell the tokenizer kind from the file name (expected tokenizer.json, *.model, "
                       "vocab.txt, or vocab.json with merges.txt)",
                       path.string());
  return from_kind(*kind, path, options);
}

}  // namespace attnmap
