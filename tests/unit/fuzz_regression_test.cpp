// Inputs the fuzz targets of tests/fuzz found crashing the library, each now refused with
// attnmap::Error (or handled). The full inputs are in tests/fuzz/corpus/<target>/crash_*, replayed
// by ctest fuzz_corpus.<target>; these are the smallest forms of the same bugs.
#include <gtest/gtest.h>

#include <string>

#include "attnmap/bundle.h"
#include "attnmap/error.h"
#include "attnmap/tokenizer.h"

namespace attnmap {
namespace {

std::string model_json(const std::string& model) { return R"({"model": )" + model + "}"; }

void expect_input_error(const std::string& json) {
  try {
    Tokenizer::from_json(json, "fuzz.json");
    FAIL() << "accepted " << json;
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput) << json;
    EXPECT_EQ(e.where(), "fuzz.json") << json;
  }
}

// tokenizer_json found: a float id (9.92234e+19) converted to int64 with undefined behaviour.
// Ids are u32 in tokenizers: a float, a negative or a too large id is refused wherever ids appear.
TEST(FuzzRegression, FloatOrOutOfRangeIdsAreRefused) {
  for (const char* id : {"9.92234e+19", "1.0", "-1", "4294967296", "18446744073709551615"}) {
    SCOPED_TRACE(id);
    const std::string i = id;
    expect_input_error(model_json(R"({"type": "BPE", "vocab": {"a": 0, "b": )" + i + R"(}, "merges": []})"));
    expect_input_error(model_json(R"({"type": "WordPiece", "vocab": {"[UNK]": )" + i + "}}"));
    expect_input_error(model_json(R"({"type": "Unigram", "vocab": [["a", 0.0]], "unk_id": )" + i + "}"));
    const std::string wordpiece = R"({"type": "WordPiece", "vocab": {"[UNK]": 0}})";
    expect_input_error(R"({"added_tokens": [{"id": )" + i + R"(, "content": "x"}], "model": )" + wordpiece + "}");
    expect_input_error(R"({"padding": {"pad_id": )" + i + R"(}, "model": )" + wordpiece + "}");
    expect_input_error(R"({"post_processor": {"type": "BertProcessing", "cls": ["[CLS]", )" + i +
                       R"(], "sep": ["[SEP]", 1]}, "model": )" + wordpiece + "}");
  }
  expect_input_error(model_json(R"({"type": "WordPiece", "vocab": {"[UNK]": 0}, "max_input_chars_per_word": 1e300})"));
  expect_input_error(R"({"truncation": {"max_length": -1}, "model": {"type": "WordPiece", "vocab": {"[UNK]": 0}}})");
}

// An id far beyond the vocabulary's size would make the dense id -> token table enormous.
TEST(FuzzRegression, SparseVocabularyIdsAreRefused) {
  expect_input_error(model_json(R"({"type": "WordPiece", "vocab": {"[UNK]": 0, "a": 4000000000}})"));
  expect_input_error(model_json(R"({"type": "BPE", "vocab": {"a": 0, "b": 100000}, "merges": []})"));
  // Holes as real files have them (ids left to added tokens) are fine.
  Tokenizer t = Tokenizer::from_json(model_json(R"({"type": "WordPiece", "vocab": {"[UNK]": 0, "a": 900}})"));
  EXPECT_EQ(t.id_limit(), 901);
}

// tokenizer_json found: a template sequence named neither A nor B ("Bprepend_sch") was taken as A,
// so the pair template held the first text twice and its offsets went back. tokenizers refuses it.
TEST(FuzzRegression, TemplateSequenceOtherThanAOrBIsRefused) {
  const std::string wordpiece = R"({"type": "WordPiece", "vocab": {"[UNK]": 0, "a": 1}})";
  auto with_single = [&](const std::string& id) {
    return R"({"post_processor": {"type": "TemplateProcessing", "special_tokens": {},
      "single": [{"Sequence": {"id": ")" + id + R"(", "type_id": 0}}],
      "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}]},
      "model": )" + wordpiece + "}";
  };
  expect_input_error(with_single("Bprepend_sch"));
  expect_input_error(with_single(""));
  EXPECT_EQ(Tokenizer::from_json(with_single("A")).encode("a").ids, (std::vector<int64_t>{1}));
}

TEST(FuzzRegression, ManifestNumbersMustBeIntegers) {
  const std::string tail = R"(, "num_layers": 2, "num_heads": 4, "hidden_size": 64, "max_length": 128,
    "vocab_size": 1000, "tokenizer": {"kind": "tokenizer.json", "file": "tokenizer.json")";
  for (const std::string& bad : {R"({"format_version": 1e300)" + tail + "}}", R"({"format_version": 1.0)" + tail + "}}",
                                 R"({"format_version": 1)" + tail + R"(, "pad_id": 1e300}})"}) {
    EXPECT_THROW(parse_manifest(bad, "attnmap.json"), Error) << bad;
  }
  EXPECT_EQ(parse_manifest(R"({"format_version": 1)" + tail + R"(, "pad_id": 3}})", "attnmap.json").pad_id, 3);
}

}  // namespace
}  // namespace attnmap
