#include "tokenizer/sentencepiece_model.h"

#include <sentencepiece_processor.h>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "core/utf8.h"
#include "tokenizer/python_unicode.h"

namespace attnmap::tokenizer {
namespace {

// The word as UTF-8 and, for each byte offset that starts a code point (and the end), its code
// point index: sentencepiece reports byte spans.
struct Utf8Word {
  std::string text;
  std::vector<uint32_t> char_at_byte;

  explicit Utf8Word(const std::u32string& chars) {
    for (size_t i = 0; i < chars.size(); ++i) {
      size_t before = text.size();
      utf8::append(text, chars[i]);
      char_at_byte.insert(char_at_byte.end(), text.size() - before, static_cast<uint32_t>(i));
    }
    char_at_byte.push_back(static_cast<uint32_t>(chars.size()));
  }
  size_t char_index(size_t byte) const { return char_at_byte[std::min(byte, text.size())]; }
};

sentencepiece::ImmutableSentencePieceText encode(const SentencePieceModel::Processor& sp, std::string_view text) {
  sentencepiece::ImmutableSentencePieceText spt;
  auto status = sp.Encode(text, spt.mutable_proto());
  if (!status.ok()) throw Error::input(std::string("sentencepiece could not encode the text: ") + std::string(status.message()));
  return spt;
}

// Python's str.isdigit on the code point before the last: "▁1990," qualifies, "▁a," does not.
bool ends_in_digit_comma(const std::string& piece) {
  if (piece.size() < 2 || piece.back() != ',') return false;
  std::u32string chars = utf8::decode(piece, "sentencepiece piece");
  return chars.size() > 1 && unicode::python_is_digit(chars[chars.size() - 2]);
}

std::string without_metaspace(std::string s) {
  static const std::string kMeta = "\u2581";
  for (size_t pos; (pos = s.find(kMeta)) != std::string::npos;) s.erase(pos, kMeta.size());
  return s;
}

// libsentencepiece reports a file that does not parse by its own source line
// ("./src/sentencepiece_processor.cc(232) [model_proto->ParseFromArray(...)]"); say what it means.
std::string load_failure(const std::string& message) {
  if (message.find("ParseFromArray") != std::string::npos)
    return "the file does not parse as one (damaged, truncated, or another format)";
  return message;
}

}  // namespace

std::shared_ptr<const SentencePieceModel::Processor> SentencePieceModel::load(const std::filesystem::path& model_file) {
  std::string bytes = read_file(model_file);
  auto sp = std::make_shared<Processor>();
  auto status = sp->LoadFromSerializedProto(bytes);
  if (!status.ok())
    throw Error::input("not a sentencepiece model: " + load_failure(std::string(status.message())), model_file.string());
  return sp;
}

SentencePieceModel::SentencePieceModel(std::shared_ptr<const Processor> processor, SpmIdMapping mapping,
                                       bool split_digit_comma)
    : sp_(std::move(processor)), mapping_(std::move(mapping)), split_digit_comma_(split_digit_comma) {}

int64_t SentencePieceModel::map_id(int spm_id) const {
  if (mapping_.unk_id && sp_->IsUnknown(spm_id)) return *mapping_.unk_id;
  return spm_id + mapping_.offset;
}

void SentencePieceModel::tokenize(const NormalizedString& word, std::vector<ModelToken>& out) const {
  if (word.empty()) return;
  Utf8Word w(word.chars);
  auto spt = encode(*sp_, w.text);
  for (size_t i = 0; i < spt.pieces_size(); ++i) {
    auto p = spt.pieces(static_cast<int>(i));
    size_t begin = w.char_index(p.begin()), end = w.char_index(p.end());
    if (split_digit_comma_ && ends_in_digit_comma(p.piece())) {
      split_digit_comma(p.piece(), begin, end, out);
    } else {
      out.push_back({map_id(static_cast<int>(p.id())), p.piece(), begin, end});
    }
  }
}

// AlbertTokenizer._tokenize: pieces = EncodeAsPieces(piece[:-1] without "▁"); when the piece did
// not start with "▁" but the first new one does, that "▁" is dropped (the whole piece when it is
// only "▁"); then "," follows.
void SentencePieceModel::split_digit_comma(const std::string& piece, size_t begin, size_t end,
                                           std::vector<ModelToken>& out) const {
  static const std::string kMeta = "\u2581";
  const std::string stem = without_metaspace(piece.substr(0, piece.size() - 1));
  auto spt = encode(*sp_, stem);
  std::vector<std::string> pieces;
  std::vector<int64_t> ids;
  for (size_t i = 0; i < spt.pieces_size(); ++i) {
    pieces.push_back(spt.pieces(static_cast<int>(i)).piece());
    ids.push_back(map_id(static_cast<int>(spt.pieces(static_cast<int>(i)).id())));
  }
  if (piece.compare(0, kMeta.size(), kMeta) != 0 && !pieces.empty() &&
      pieces[0].compare(0, kMeta.size(), kMeta) == 0) {
    if (pieces[0] == kMeta) {
      pieces.erase(pieces.begin());
      ids.erase(ids.begin());
    } else {
      pieces[0].erase(0, kMeta.size());
      // The slow tokenizer looked the shortened piece up by string.
      ids[0] = piece_id(pieces[0]).value_or(map_id(sp_->unk_id()));
    }
  }
  // Offsets: the stem's code points sit right before the comma, the comma is the last one.
  Utf8Word stem_text(utf8::decode(stem, "sentencepiece piece"));
  const size_t comma = end > begin ? end - 1 : begin;
  const size_t stem_chars = stem_text.char_at_byte.back();
  const size_t base = comma >= begin + stem_chars ? comma - stem_chars : begin;
  for (size_t i = 0; i < pieces.size(); ++i) {
    auto p = spt.pieces(static_cast<int>(i + (spt.pieces_size() - pieces.size())));
    size_t b = std::min(base + stem_text.char_index(p.begin()), comma);
    size_t e = std::min(base + stem_text.char_index(p.end()), comma);
    out.push_back({ids[i], pieces[i], b, e});
  }
  out.push_back({piece_id(",").value_or(map_id(sp_->unk_id())), ",", comma, end});
}

std::optional<int64_t> SentencePieceModel::piece_id(std::string_view piece) const {
  int id = sp_->PieceToId(piece);
  if (sp_->IsUnknown(id) && sp_->IdToPiece(id) != piece) return std::nullopt;
  return map_id(id);
}

std::optional<int64_t> SentencePieceModel::token_to_id(std::string_view token) const {
  for (const auto& [content, id] : mapping_.reserved)
    if (content == token) return id;
  return piece_id(token);
}

std::optional<std::string> SentencePieceModel::id_to_token(int64_t id) const {
  for (const auto& [content, reserved_id] : mapping_.reserved)
    if (reserved_id == id) return content;
  int64_t spm_id = id - mapping_.offset;
  if (spm_id < 0 || spm_id >= sp_->GetPieceSize()) return std::nullopt;
  return sp_->IdToPiece(static_cast<int>(spm_id));
}

size_t SentencePieceModel::vocab_size() const {
  return static_cast<size_t>(sp_->GetPieceSize() + mapping_.offset);
}

}  // namespace attnmap::tokenizer
