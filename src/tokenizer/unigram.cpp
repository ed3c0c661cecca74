#include "tokenizer/unigram.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "attnmap/error.h"
#include "core/utf8.h"

namespace attnmap::tokenizer {
namespace {

// tokenizers' penalty below the lowest score for an unknown character.
constexpr double kUnkPenalty = 10.0;

}  // namespace

Unigram::Unigram(std::vector<std::pair<std::string, double>> vocab, UnigramOptions options)
    : vocab_(std::move(vocab)), options_(options) {
  if (options_.unk_id && (*options_.unk_id < 0 || *options_.unk_id >= static_cast<int64_t>(vocab_.size())))
    throw Error::input("Unigram unk_id is outside the vocab");
  node_id_.push_back(-1);
  double min_score = std::numeric_limits<double>::infinity();
  for (size_t id = 0; id < vocab_.size(); ++id) {
    const auto& [piece, score] = vocab_[id];
    ids_[piece] = static_cast<int64_t>(id);
    min_score = std::min(min_score, score);  // over every entry, specials included
    int64_t node = 0;
    for (char32_t c : utf8::decode(piece, "Unigram vocab")) {
      int64_t next = child(node, c);
      if (next < 0) {
        next = static_cast<int64_t>(node_id_.size());
        node_id_.push_back(-1);
        edges_[(static_cast<uint64_t>(node) << 21) | c] = next;
      }
      node = next;
    }
    // Rust's trie keeps the one id per key that its map lookup gives: the last duplicate's.
    if (node != 0) node_id_[static_cast<size_t>(node)] = ids_[piece];
  }
  unk_score_ = min_score - kUnkPenalty;
}

int64_t Unigram::child(int64_t node, char32_t c) const {
  auto it = edges_.find((static_cast<uint64_t>(node) << 21) | c);
  return it == edges_.end() ? -1 : it->second;
}

// Viterbi over code points. best[i] is the best path covering word[0, i). From each start, every
// vocab piece that is a prefix there is tried, shortest first, and replaces the best path ending
// where it ends only with a strictly greater score (or when none was set): on a tie, the path seen
// first — the one whose last piece starts earlier, then the shorter last piece — stays. Where no
// one-character piece exists, the character alone is an unknown with the unk score.
std::vector<Unigram::Piece> Unigram::best_path(const std::u32string& word) const {
  struct Node {
    double score = 0.0;
    size_t start = 0;
    int64_t id = -1;
    bool set = false;
  };
  std::vector<Node> best(word.size() + 1);
  best[0].set = true;
  auto offer = [&best](size_t end, size_t start, int64_t id, double score) {
    Node& target = best[end];
    if (!target.set || score > target.score) target = {score, start, id, true};
  };
  for (size_t start = 0; start < word.size(); ++start) {
    const double base = best[start].score;
    bool has_single = false;
    int64_t node = 0;
    for (size_t end = start; end < word.size(); ++end) {
      node = child(node, word[end]);
      if (node < 0) break;
      const int64_t id = node_id_[static_cast<size_t>(node)];
      if (id < 0) continue;
      offer(end + 1, start, id, vocab_[static_cast<size_t>(id)].second + base);
      if (end == start) has_single = true;
    }
    if (!has_single) offer(start + 1, start, options_.unk_id.value_or(-1), unk_score_ + base);
  }
  std::vector<Piece> pieces;
  for (size_t end = word.size(); end > 0;) {
    const Node& n = best[end];
    const bool unk = options_.unk_id && n.id == *options_.unk_id;
    if (unk && !pieces.empty() && pieces.back().id == n.id && pieces.back().begin == end) {
      pieces.back().begin = n.start;  // consecutive unknowns fuse (fuse_unk is always on)
    } else {
      pieces.push_back({n.start, end, n.id});
    }
    end = n.start;
  }
  std::reverse(pieces.begin(), pieces.end());
  return pieces;
}

// A piece's token string is its text; the id is looked up by that text, so a fused unknown run
// that happens to be a vocab piece gets that piece's id, as in tokenizers.
void Unigram::emit(const std::u32string& word, const Piece& piece, std::vector<ModelToken>& out) const {
  std::string text = utf8::encode(std::u32string_view(word).substr(piece.begin, piece.end - piece.begin));
  auto it = ids_.find(text);
  if (it != ids_.end()) {
    out.push_back({it->second, std::move(text), piece.begin, piece.end});
    return;
  }
  if (options_.byte_fallback) {
    std::vector<ModelToken> bytes;
    for (unsigned char b : text) {
      char name[8];
      std::snprintf(name, sizeof name, "<0x%02X>", b);
      auto byte_id = ids_.find(name);
      if (byte_id == ids_.end()) break;
      bytes.push_back({byte_id->second, name, piece.begin, piece.end});
    }
    if (bytes.size() == text.size()) {
      out.insert(out.end(), bytes.begin(), bytes.end());
      return;
    }
  }
  if (!options_.unk_id) throw Error::input("Unigram model has no unk_id for unknown text '" + text + "'");
  out.push_back({*options_.unk_id, std::move(text), piece.begin, piece.end});
}

void Unigram::tokenize(const NormalizedString& word, std::vector<ModelToken>& out) const {
  if (word.empty()) return;
  for (const Piece& piece : best_path(word.chars)) emit(word.chars, piece, out);
}

std::optional<int64_t> Unigram::token_to_id(std::string_view token) const {
  auto it = ids_.find(std::string(token));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Unigram::id_to_token(int64_t id) const {
  if (id < 0 || id >= static_cast<int64_t>(vocab_.size())) return std::nullopt;
  return vocab_[static_cast<size_t>(id)].first;
}

}  // namespace attnmap::tokenizer
