// Tokenizer::from_path and the tokenizer kinds other than tokenizer.json: .model files through
// libsentencepiece (XLM-R, CamemBERT, ALBERT), vocab.txt, vocab.json + merges.txt. Run from the
// repository root (ctest's working directory). Expected ids come from transformers 4's slow
// tokenizer logic on sentencepiece (scripts/ref/make_golden.py sentencepiece), checked by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "attnmap/bundle.h"
#include "attnmap/error.h"
#include "attnmap/tokenizer.h"
#include "tokenizer/albert_preprocess.h"
#include "tokenizer/python_unicode.h"

namespace attnmap {
namespace {

namespace fs = std::filesystem;
using Offsets = std::vector<std::pair<size_t, size_t>>;
using Tokens = std::vector<std::string>;

const fs::path kXlmrModel = "models/tiny-xlmr/sentencepiece.bpe.model";
const fs::path kAlbertDir = "tests/fixtures/tiny-albert";

// The pieces of the fixture's model depend on the sentencepiece release segmenting them.
#ifdef ATTNMAP_REFERENCE_SENTENCEPIECE
#define REQUIRE_REFERENCE_SENTENCEPIECE()
#else
#define REQUIRE_REFERENCE_SENTENCEPIECE() GTEST_SKIP() << "not linked against the reference's sentencepiece release"
#endif

// A scratch directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("attnmap_tok_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                        "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

ErrorCategory category_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.category();
  }
  ADD_FAILURE() << "no error";
  return ErrorCategory::kUsage;
}

TEST(TokenizerFiles, FromPathPicksTheKindOfAFileOrDirectory) {
  EXPECT_EQ(Tokenizer::from_path("models/tiny-xlmr/hf").kind(), TokenizerKind::kTokenizerJson);
  EXPECT_EQ(Tokenizer::from_path("models/tiny-xlmr/hf/tokenizer.json").kind(), TokenizerKind::kTokenizerJson);
  EXPECT_EQ(Tokenizer::from_path(kXlmrModel).kind(), TokenizerKind::kSentencePiece);
  EXPECT_EQ(Tokenizer::from_path(kAlbertDir).kind(), TokenizerKind::kSentencePiece);
  // A bundle directory: the manifest's kind decides.
  EXPECT_EQ(Tokenizer::from_path("models/tiny-bert").kind(), TokenizerKind::kTokenizerJson);
}

TEST(TokenizerFiles, DirectoryPrefersTokenizerJsonThenModelThenVocab) {
  TempDir dir;
  fs::copy_file(kXlmrModel, dir.path / "sentencepiece.bpe.model");
  dir.write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n");
  EXPECT_EQ(Tokenizer::from_path(dir.path).kind(), TokenizerKind::kSentencePiece);
  fs::remove(dir.path / "sentencepiece.bpe.model");
  EXPECT_EQ(Tokenizer::from_path(dir.path).kind(), TokenizerKind::kWordPieceVocab);
  fs::copy_file("models/tiny-xlmr/hf/tokenizer.json", dir.path / "tokenizer.json");
  EXPECT_EQ(Tokenizer::from_path(dir.path).kind(), TokenizerKind::kTokenizerJson);
}

TEST(TokenizerFiles, MissingOrUnknownFilesAreErrors) {
  TempDir dir;
  EXPECT_EQ(category_of([&] { Tokenizer::from_path(dir.path / "nope.model"); }), ErrorCategory::kIO);
  EXPECT_EQ(category_of([&] { Tokenizer::from_path(dir.path); }), ErrorCategory::kInput);  // empty dir
  dir.write("vocab.json", R"({"a": 0})");
  EXPECT_EQ(category_of([&] { Tokenizer::from_path(dir.path / "vocab.json"); }), ErrorCategory::kIO)
      << "vocab.json needs merges.txt";
  dir.write("weights.bin", "x");
  EXPECT_EQ(category_of([&] { Tokenizer::from_path(dir.path / "weights.bin"); }), ErrorCategory::kInput);
  dir.write("bad.model", "not a model");
  EXPECT_EQ(category_of([&] { Tokenizer::from_path(dir.path / "bad.model"); }), ErrorCategory::kInput);
}

TEST(TokenizerFiles, KindNamesRoundTripAndUnknownKindNamesTheSupportedOnes) {
  for (auto k : {TokenizerKind::kTokenizerJson, TokenizerKind::kSentencePiece, TokenizerKind::kWordPieceVocab,
                 TokenizerKind::kBpeVocab})
    EXPECT_EQ(parse_tokenizer_kind(tokenizer_kind_name(k)), k);
  try {
    parse_tokenizer_kind("tiktoken", "attnmap.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput);
    EXPECT_EQ(e.message(),
              "unknown tokenizer kind 'tiktoken' (supported: tokenizer.json, sentencepiece, wordpiece-vocab, bpe-vocab) "
              "(attnmap.json)");
  }
}

TEST(TokenizerFiles, ManifestAcceptsTheFourKinds) {
  auto manifest = [](const std::string& kind) {
    return R"({"format_version": 1, "model_type": "xlm-roberta", "num_layers": 2, "num_heads": 4, "hidden_size": 64,
               "max_length": 128, "vocab_size": 802, "tokenizer": {"kind": ")" + kind + R"(", "file": "x"}})";
  };
  for (const char* kind : {"tokenizer.json", "sentencepiece", "wordpiece-vocab", "bpe-vocab"})
    EXPECT_EQ(parse_manifest(manifest(kind), "m.json").tokenizer_kind, kind);
  EXPECT_EQ(category_of([&] { parse_manifest(manifest("bpe"), "m.json"); }), ErrorCategory::kInput);
}

TEST(TokenizerFiles, BundleWithASentencePieceManifestUsesTheModelAndModelType) {
  TempDir dir;
  fs::copy_file(kXlmrModel, dir.path / "sentencepiece.bpe.model");
  dir.write("attnmap.json", R"({"format_version": 1, "model_type": "camembert", "num_layers": 2, "num_heads": 4,
    "hidden_size": 64, "max_length": 128, "vocab_size": 805,
    "tokenizer": {"kind": "sentencepiece", "file": "sentencepiece.bpe.model", "pad_id": 1}})");
  Tokenizer tok = Tokenizer::from_path(dir.path);
  EXPECT_EQ(tok.kind(), TokenizerKind::kSentencePiece);
  EXPECT_EQ(tok.token_to_id("<s>"), 5) << "CamemBERT: spm's <s> (1) + 4";
}

TEST(SentencePieceModel, XlmRobertaShiftsIdsAndSplitsOutMask) {
  Tokenizer tok = Tokenizer::from_path(kXlmrModel, {});
  Encoding e = tok.encode("Hello <mask>.");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "\u2581H", "ell", "o", "<mask>", "\u2581", ".", "</s>"}));
  EXPECT_EQ(e.ids, (std::vector<int64_t>{0, 480, 365, 84, 801, 11, 4, 2}));
  // <mask> takes the space on its left out of the text (lstrip) but not into its span.
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 1}, {1, 4}, {4, 5}, {6, 12}, {12, 12}, {12, 13}, {0, 0}}));
  EXPECT_EQ(e.spelling, TokenSpelling::kMetaspace);
  EXPECT_EQ(tok.id_limit(), 802);
  EXPECT_EQ(tok.pad_id(), 1);
  EXPECT_EQ(tok.token_to_id("<unk>"), 3);
}

TEST(SentencePieceModel, XlmRobertaPairTemplateAndTruncation) {
  Tokenizer tok = Tokenizer::from_path(kXlmrModel);
  Encoding e = tok.encode_pair("a", "b");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "\u2581a", "</s>", "</s>", "\u2581b", "</s>"}));
  EXPECT_EQ(e.type_ids, (std::vector<int64_t>{0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(e.sequence_ids, (std::vector<int>{-1, 0, -1, -1, 1, -1}));
  EncodeOptions o;
  o.max_length = 4;
  e = tok.encode("Hello world", o);
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "\u2581H", "ell", "</s>"}));
  EXPECT_TRUE(e.truncated);
}

TEST(SentencePieceModel, UnknownCharactersKeepTheirTextAndMapToUnk) {
  Encoding e = Tokenizer::from_path(kXlmrModel).encode("\u6771\u4eac");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "\u2581", "\u6771\u4eac", "</s>"}));
  EXPECT_EQ(e.ids[2], 3);
  EXPECT_EQ(e.offsets[2], (std::pair<size_t, size_t>{0, 2}));
}

TEST(SentencePieceModel, CamembertMapping) {
  LoadOptions o;
  o.family = "camembert";
  Tokenizer tok = Tokenizer::from_path(kXlmrModel, o);
  Encoding e = tok.encode("Hello <mask>.");
  EXPECT_EQ(e.ids, (std::vector<int64_t>{5, 483, 368, 87, 804, 14, 7, 6}));
  EXPECT_EQ(tok.token_to_id("<s>NOTUSED"), 0);
  EXPECT_EQ(tok.token_to_id("<unk>NOTUSED"), 4);
  EXPECT_EQ(tok.encode("\u6771").ids[2], 3);
}

TEST(SentencePieceModel, UnknownFamilyIsAnInputError) {
  LoadOptions o;
  o.family = "t5";
  try {
    Tokenizer::from_path(kXlmrModel, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput);
    EXPECT_NE(std::string(e.what()).find("xlm-roberta, camembert, albert"), std::string::npos) << e.what();
  }
}

TEST(SentencePieceModel, AlbertLowercasesStripsAccentsAndSplitsDigitComma) {
  // Expected: transformers 4's AlbertTokenizer logic on sentencepiece 0.2.2 (scripts/ref/slow_sentencepiece.py).
  REQUIRE_REFERENCE_SENTENCEPIECE();
  Tokenizer tok = Tokenizer::from_path(kAlbertDir);
  Encoding e = tok.encode("H\u00e9llo  WORLD, in 1990, ok [MASK].");
  EXPECT_EQ(e.tokens, (Tokens{"[CLS]", "\u2581", "h", "e", "ll", "o", "\u2581w", "o", "r", "l", "d", ",", "\u2581in",
                              "\u25811", "9", "9", "0", ",", "\u2581o", "k", "[MASK]", "\u2581", ".", "[SEP]"}));
  EXPECT_EQ(e.ids.front(), 2);
  EXPECT_EQ(e.ids.back(), 3);
  // "▁1" "9" "9" "0" "," came from the piece "▁1990,": the digits re-encoded, the comma its own span.
  EXPECT_EQ(e.offsets[16], (std::pair<size_t, size_t>{20, 21}));
  EXPECT_EQ(e.offsets[17], (std::pair<size_t, size_t>{21, 22}));
  // The collapsed double space belongs to "▁w".
  EXPECT_EQ(e.offsets[6], (std::pair<size_t, size_t>{5, 8}));
  e = tok.encode_pair("a", "b");
  EXPECT_EQ(e.type_ids, (std::vector<int64_t>{0, 0, 0, 1, 1}));
}

TEST(SentencePieceModel, AlbertOptionsApplyWhenNoConfigSaysOtherwise) {
  REQUIRE_REFERENCE_SENTENCEPIECE();
  TempDir dir;
  fs::copy_file(kAlbertDir / "spiece.model", dir.path / "spiece.model");
  LoadOptions o;
  o.family = "albert";
  o.do_lower_case = false;
  o.keep_accents = true;
  Encoding e = Tokenizer::from_path(dir.path / "spiece.model", o).encode("H\u00e9");
  EXPECT_EQ(e.tokens, (Tokens{"[CLS]", "\u2581", "H", "\u00e9", "[SEP]"}));  // case and accent kept
}

TEST(SentencePieceModel, InvalidUtf8IsAnInputErrorWithByteOffset) {
  for (const fs::path& path : {kXlmrModel, kAlbertDir, fs::path("models/minilm/hf/vocab.txt")}) {
    try {
      Tokenizer::from_path(path).encode("ab\xc3(");
      FAIL() << path;
    } catch (const Error& e) {
      EXPECT_EQ(e.category(), ErrorCategory::kInput);
      EXPECT_EQ(e.where(), "byte 3") << path;
    }
  }
}

TEST(AlbertPreprocess, CollapsesPythonWhitespaceAndQuotesKeepingSpans) {
  tokenizer::AlbertPreprocess pre({});
  std::u32string text = U" A\x1f\x1f``b'' \u00c9 ";
  auto pieces = pre.split(tokenizer::NormalizedString::slice(text, 0, text.size()));
  ASSERT_EQ(pieces.size(), 1u);
  const auto& s = pieces[0];
  EXPECT_EQ(s.chars, U"a \"b\" e");
  EXPECT_EQ(s.original_span(1, 2), (std::pair<size_t, size_t>{2, 3})) << "the run's first character";
  EXPECT_EQ(s.original_span(2, 3), (std::pair<size_t, size_t>{4, 6})) << "'``' spans both";
}

TEST(SentencePieceModel, AlbertMatchesSpecialsAfterLowercasingOnly) {
  Tokenizer tok = Tokenizer::from_path(kAlbertDir);
  EXPECT_EQ(tok.encode("a <PAD> b").ids[2], 0) << "lowercased into the special <pad>";
  EXPECT_NE(tok.encode("a <\u00fank> b").ids[2], 1) << "accent stripping comes after the split";
}

TEST(PythonUnicode, TablesFollowPython) {
  EXPECT_TRUE(unicode::python_is_space(0x1F));
  EXPECT_FALSE(unicode::python_is_space(0x200B));
  EXPECT_TRUE(unicode::python_is_digit(0x00B2));
  EXPECT_FALSE(unicode::python_is_digit(0x00BD));
  std::u32string out;
  unicode::append_python_lower(0x0130, out);
  EXPECT_EQ(out, U"i\u0307");
  out.clear();
  unicode::append_nfkd_without_marks(0xFB01, out);
  unicode::append_nfkd_without_marks(0x00E9, out);
  unicode::append_nfkd_without_marks(0x0301, out);
  unicode::append_nfkd_without_marks(0xAC01, out);
  EXPECT_EQ(out, U"fie\u1100\u1161\u11a8");
}

TEST(LegacyFiles, VocabTxtTakesTokenizerConfigSettings) {
  TempDir dir;
  dir.write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\nHello\ncafe\ncaf\n##\u00e9\n");
  Encoding e = Tokenizer::from_path(dir.path / "vocab.txt").encode("Hello caf\u00e9");
  EXPECT_EQ(e.tokens, (Tokens{"[CLS]", "hello", "cafe", "[SEP]"})) << "BertTokenizer's default: uncased";
  dir.write("tokenizer_config.json", R"({"do_lower_case": false, "strip_accents": false})");
  e = Tokenizer::from_path(dir.path / "vocab.txt").encode("Hello caf\u00e9 [MASK]");
  EXPECT_EQ(e.tokens, (Tokens{"[CLS]", "Hello", "caf", "##\u00e9", "[MASK]", "[SEP]"}));
  EXPECT_EQ(e.ids, (std::vector<int64_t>{2, 6, 8, 9, 4, 3}));
  EXPECT_EQ(e.offsets[3], (std::pair<size_t, size_t>{9, 10}));
}

TEST(LegacyFiles, VocabJsonAndMergesBuildByteLevelBpe) {
  TempDir dir;
  dir.write("vocab.json", R"({"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "<mask>": 4, "a": 5, "b": 6, "\u0120": 7,
                              "\u0120a": 8, "ab": 9, "\u0120ab": 10})");
  dir.write("merges.txt", "#version: 0.2\n\u0120 a\n\u0120a b\na b\n");
  Tokenizer tok = Tokenizer::from_path(dir.path);
  EXPECT_EQ(tok.kind(), TokenizerKind::kBpeVocab);
  Encoding e = tok.encode("ab ab");
  EXPECT_EQ(e.tokens, (Tokens{"<s>", "ab", "\u0120ab", "</s>"}));
  EXPECT_EQ(e.offsets, (Offsets{{0, 0}, {0, 2}, {3, 5}, {0, 0}})) << "trim_offsets by default";
  EXPECT_EQ(tok.pad_id(), 1);
  dir.write("tokenizer_config.json", R"({"add_prefix_space": true})");
  EXPECT_EQ(Tokenizer::from_path(dir.path).encode("ab").tokens, (Tokens{"<s>", "\u0120ab", "</s>"}));
  dir.write("merges.txt", "a b c\n");
  EXPECT_EQ(category_of([&] { Tokenizer::from_path(dir.path); }), ErrorCategory::kInput);
}

}  // namespace
}  // namespace attnmap
