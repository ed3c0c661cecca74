#include "tokenizer/bpe.h"
#include "tokenizer/vocabulary.h"

#include <algorithm>
#include <limits>

#include "attnmap/error.h"
#include "core/utf8.h"

namespace attnmap::tokenizer {
namespace {

uint32_t utf8_length(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

// A merge waiting in the queue: merge symbol `pos` with the one after it into `id`.
struct Candidate {
  uint32_t rank;
  uint32_t pos;
  uint32_t id;
};

// std heap functions keep the largest on top; this puts the lowest rank, then leftmost, there.
bool after(const Candidate& a, const Candidate& b) { return a.rank != b.rank ? a.rank > b.rank : a.pos > b.pos; }

constexpr char32_t kSmallChars = 0x180;

uint32_t checked_id(int64_t id, const std::string& token) {
  if (id < 0 || id >= std::numeric_limits<uint32_t>::max())
    throw Error::input("BPE vocabulary id " + std::to_string(id) + " out of range", token);
  return static_cast<uint32_t>(id);
}

// The single code point `token` consists of, if it is one.
std::optional<char32_t> single_char(const std::string& token) {
  if (token.empty() || token.size() > 4) return std::nullopt;
  std::u32string chars = utf8::decode(token, "BPE vocabulary");
  if (chars.size() != 1) return std::nullopt;
  return chars[0];
}

}  // namespace

Bpe::Bpe(std::unordered_map<std::string, int64_t> vocab, const std::vector<Merge>& merges, BpeOptions options)
    : vocab_(std::move(vocab)), small_char_ids_(kSmallChars, kNoId), options_(std::move(options)) {
  by_id_ = reverse_table(vocab_, "BPE");
  for (const auto& [token, id64] : vocab_) {
    uint32_t id = checked_id(id64, token);
    if (auto c = single_char(token)) (*c < kSmallChars ? small_char_ids_[*c] : char_ids_[*c]) = id;
  }
  auto id_of = [this](const std::string& token, const Merge& merge) {
    auto it = vocab_.find(token);
    if (it == vocab_.end())
      throw Error::input("BPE merge '" + merge.first + " " + merge.second + "' needs '" + token +
                         "', which is not in the vocabulary");
    return static_cast<uint32_t>(it->second);
  };
  // The merged token drops the right part's continuing_subword_prefix: "a ##b" makes "ab".
  const size_t prefix = options_.continuing_subword_prefix.size();
  merges_.reserve(merges.size());
  for (size_t rank = 0; rank < merges.size(); ++rank) {
    const Merge& m = merges[rank];
    std::string merged = m.first + m.second.substr(std::min(prefix, m.second.size()));
    merges_.set(id_of(m.first, m), id_of(m.second, m), {static_cast<uint32_t>(rank), id_of(merged, m)});
  }
}

void Bpe::MergeMap::reserve(size_t n) {
  size_t capacity = 16;
  shift_ = 60;
  while (capacity < 2 * n) {  // at most half full, so probe runs stay short
    capacity *= 2;
    --shift_;
  }
  keys_.assign(capacity, kEmpty);
  values_.assign(capacity, {});
}

void Bpe::MergeMap::set(uint32_t left, uint32_t right, MergeResult merge) {
  const uint64_t key = uint64_t{left} << 32 | right;
  size_t i = slot(key);
  while (keys_[i] != kEmpty && keys_[i] != key) i = (i + 1) & (keys_.size() - 1);
  keys_[i] = key;
  values_[i] = merge;
}

const Bpe::MergeResult* Bpe::MergeMap::find(uint32_t left, uint32_t right) const {
  const uint64_t key = uint64_t{left} << 32 | right;
  for (size_t i = slot(key);; i = (i + 1) & (keys_.size() - 1)) {
    if (keys_[i] == key) return &values_[i];
    if (keys_[i] == kEmpty) return nullptr;
  }
}

uint32_t Bpe::unk_id() const {
  auto it = vocab_.find(*options_.unk_token);
  if (it == vocab_.end())
    throw Error::input("BPE unknown token '" + *options_.unk_token + "' is not in the vocabulary");
  return static_cast<uint32_t>(it->second);
}

// The vocabulary id of character c at its place in the word. `key` receives the string looked up
// when prefix or suffix apply (byte fallback needs it), and is left empty otherwise.
std::optional<uint32_t> Bpe::char_id(char32_t c, bool first, bool last, std::string& key) const {
  key.clear();
  bool prefixed = !first && !options_.continuing_subword_prefix.empty();
  bool suffixed = last && !options_.end_of_word_suffix.empty();
  if (!prefixed && !suffixed) {
    if (c < kSmallChars) {
      uint32_t id = small_char_ids_[c];
      return id == kNoId ? std::nullopt : std::optional<uint32_t>(id);
    }
    auto it = char_ids_.find(c);
    if (it == char_ids_.end()) return std::nullopt;
    return it->second;
  }
  if (prefixed) key = options_.continuing_subword_prefix;
  utf8::append(key, c);
  if (suffixed) key += options_.end_of_word_suffix;
  auto it = vocab_.find(key);
  if (it == vocab_.end()) return std::nullopt;
  return static_cast<uint32_t>(it->second);
}

// Byte fallback: every byte of `piece` (prefix and suffix included, as tokenizers does it) as
// "<0xXX>", each one byte long; nothing is pushed unless all of them are in the vocabulary.
bool Bpe::push_byte_fallback(const std::string& piece, std::vector<Symbol>& symbols) const {
  const size_t before = symbols.size();
  static const char* kHex = "0123456789ABCDEF";
  std::string name = "<0x00>";
  for (char ch : piece) {
    auto b = static_cast<unsigned char>(ch);
    name[3] = kHex[b >> 4];
    name[4] = kHex[b & 0xF];
    auto it = vocab_.find(name);
    if (it == vocab_.end()) {
      symbols.resize(before);
      return false;
    }
    symbols.push_back({static_cast<uint32_t>(it->second), 1, 0, 0});
  }
  return true;
}

// One symbol per character. Unknown characters become byte-fallback pieces, or the unknown token
// (one per character, or one per run with fuse_unk), or nothing when there is no unknown token.
// Like tokenizers, a pending unknown token is only written out when a known character or the end
// of the word comes, so it lands after any byte-fallback pieces in between.
void Bpe::initial_symbols(const NormalizedString& word, std::vector<Symbol>& symbols) const {
  symbols.clear();
  std::optional<Symbol> unk;
  std::string key;
  const size_t n = word.size();
  for (size_t i = 0; i < n; ++i) {
    const char32_t c = word.chars[i];
    const uint32_t bytes = utf8_length(c);
    if (auto id = char_id(c, i == 0, i + 1 == n, key)) {
      if (unk) symbols.push_back(*unk);
      unk.reset();
      symbols.push_back({*id, bytes, 0, 0});
      continue;
    }
    if (options_.byte_fallback) {
      if (key.empty()) utf8::append(key, c);
      if (push_byte_fallback(key, symbols)) continue;
    }
    if (!options_.unk_token) continue;
    if (unk && options_.fuse_unk) {
      unk->bytes += bytes;
    } else {
      if (unk) symbols.push_back(*unk);
      unk = Symbol{unk_id(), bytes, 0, 0};
    }
  }
  if (unk) symbols.push_back(*unk);
  for (size_t i = 0; i < symbols.size(); ++i) {
    symbols[i].prev = static_cast<int32_t>(i) - 1;
    symbols[i].next = i + 1 < symbols.size() ? static_cast<int32_t>(i) + 1 : -1;
  }
}

// Repeatedly merges the queued pair with the lowest rank, leftmost first. A queued entry may be
// stale (its left symbol was merged away, or a neighbour changed); it is skipped unless the pair
// now at its place still merges into the same id. Merging creates the pairs with both neighbours,
// which are queued in turn.
void Bpe::merge_all(std::vector<Symbol>& symbols) const {
  thread_local std::vector<Candidate> queue;
  queue.clear();
  auto push = [&](size_t pos) {
    const Symbol& left = symbols[pos];
    if (left.next < 0) return;
    if (const MergeResult* m = merges_.find(left.id, symbols[static_cast<size_t>(left.next)].id)) {
      queue.push_back({m->rank, static_cast<uint32_t>(pos), m->id});
      std::push_heap(queue.begin(), queue.end(), after);
    }
  };
  for (size_t pos = 0; pos + 1 < symbols.size(); ++pos) {
    const MergeResult* m = merges_.find(symbols[pos].id, symbols[pos + 1].id);
    if (m != nullptr) queue.push_back({m->rank, static_cast<uint32_t>(pos), m->id});
  }
  std::make_heap(queue.begin(), queue.end(), after);
  while (!queue.empty()) {
    std::pop_heap(queue.begin(), queue.end(), after);
    const Candidate top = queue.back();
    queue.pop_back();
    Symbol& left = symbols[top.pos];
    if (left.bytes == 0 || left.next < 0) continue;
    Symbol& right = symbols[static_cast<size_t>(left.next)];
    const MergeResult* now = merges_.find(left.id, right.id);
    if (now == nullptr || now->id != top.id) continue;
    left.id = top.id;
    left.bytes += right.bytes;
    right.bytes = 0;
    left.next = right.next;
    if (left.next >= 0) symbols[static_cast<size_t>(left.next)].prev = static_cast<int32_t>(top.pos);
    if (left.prev >= 0) push(static_cast<size_t>(left.prev));
    push(top.pos);
  }
}

// Turns the surviving symbols into tokens. Symbols are measured in bytes of the word's UTF-8; a
// token covers the characters holding its first and last byte (a byte-fallback piece covers its
// whole character, as all its bytes map back to that character's span).
void Bpe::emit(const NormalizedString& word, const std::vector<Symbol>& symbols, std::vector<ModelToken>& out) const {
  // A cursor over the characters: the byte positions asked for only grow. Past the last byte
  // (only byte fallback with a prefix or suffix counts more bytes than the word has) it stays on
  // the last character.
  size_t index = 0, index_end = utf8_length(word.chars[0]);
  auto char_at = [&](size_t byte) {
    while (byte >= index_end && index + 1 < word.size()) index_end += utf8_length(word.chars[++index]);
    return index;
  };
  size_t pos = 0;
  for (const Symbol& s : symbols) {
    if (s.bytes == 0) continue;
    size_t begin = char_at(pos);
    pos += s.bytes;
    size_t end = char_at(pos - 1) + 1;
    out.push_back({s.id, by_id_[s.id], begin, end});
  }
}

void Bpe::tokenize(const NormalizedString& word, std::vector<ModelToken>& out) const {
  if (word.empty()) return;
  if (options_.ignore_merges) {
    auto it = vocab_.find(utf8::encode(word.chars));
    if (it != vocab_.end()) {
      out.push_back({it->second, it->first, 0, word.size()});
      return;
    }
  }
  thread_local std::vector<Symbol> symbols;
  initial_symbols(word, symbols);
  merge_all(symbols);
  emit(word, symbols, out);
}

std::optional<int64_t> Bpe::token_to_id(std::string_view token) const { return find_id(vocab_, token); }

std::optional<std::string> Bpe::id_to_token(int64_t id) const { return find_token(by_id_, id); }

}  // namespace attnmap::tokenizer
