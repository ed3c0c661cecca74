#pragma once
// tokenizers' NFD, NFC and Lowercase normalizers (normalizers/unicode.rs, utils.rs), which BertNormalizer
// also uses for strip_accents and lowercase. Every character test is tokenizers 0.23.3's own,
// recorded per code point by scripts/gen/unicode_tables.py (see core/unicode_tables.h).
#include "tokenizer/components.h"

namespace attnmap::tokenizer {

void nfd(NormalizedString& text);
void nfc(NormalizedString& text);
void lowercase(NormalizedString& text);

class Nfd final : public Normalizer {
 public:
  void normalize(NormalizedString& text) const override { nfd(text); }
};

class Nfc final : public Normalizer {
 public:
  void normalize(NormalizedString& text) const override { nfc(text); }
};

class Lowercase final : public Normalizer {
 public:
  void normalize(NormalizedString& text) const override { lowercase(text); }
};

}  // namespace attnmap::tokenizer
