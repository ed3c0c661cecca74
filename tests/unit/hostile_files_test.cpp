// Damaged or hostile tokenizer files are refused with Error::input naming the file, never a crash:
// nesting deep enough to overflow the stack, ids that are no ids, library messages that are no
// explanation. Run from the repository root (the committed tiny-xlmr bundle).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/tokenizer.h"

namespace attnmap {
namespace {

namespace fs = std::filesystem;

const std::string kWordPiece = R"({"type": "WordPiece", "vocab": {"[UNK]": 0, "a": 1}})";

// The error a loader throws, checked to be an input error; "" when it throws none.
std::string input_error(const std::function<void()>& load) {
  try {
    load();
  } catch (const Error& e) {
    EXPECT_EQ(e.category(), ErrorCategory::kInput) << e.message();
    return e.message();
  }
  return "";
}

// `levels` Sequences, each holding the next; the innermost holds `inner`.
std::string nested_sequences(int levels, const std::string& list, const std::string& inner) {
  std::string s = inner;
  for (int i = 0; i < levels; ++i) s = R"({"type": "Sequence", ")" + list + R"(": [)" + s + "]}";
  return s;
}

TEST(HostileFiles, DeepSequencesAreCapped) {
  const std::string strip = R"({"type": "Strip", "strip_left": true, "strip_right": true})";
  const auto tokenizer = [](const std::string& part, const std::string& value) {
    return "{\"" + part + "\": " + value + ", \"model\": " + kWordPiece + "}";
  };
  const auto load = [](const std::string& json) { return [json] { Tokenizer::from_json(json, "t.json"); }; };
  EXPECT_EQ(Tokenizer::from_json(tokenizer("normalizer", nested_sequences(16, "normalizers", strip))).encode(" a ").ids,
            (std::vector<int64_t>{1}));
  EXPECT_EQ(input_error(load(tokenizer("normalizer", nested_sequences(17, "normalizers", strip)))),
            "normalizer Sequences nested deeper than 16 levels (t.json)");
  const std::string split = R"({"type": "WhitespaceSplit"})";
  EXPECT_EQ(input_error(load(tokenizer("pre_tokenizer", nested_sequences(17, "pretokenizers", split)))),
            "pre_tokenizer Sequences nested deeper than 16 levels (t.json)");
}

// Before the limit these overflowed the stack: the Sequence loaders recursed once per level, and
// nlohmann copies and dumps a value (as error messages do) recursively.
TEST(HostileFiles, JsonNestedHundredsOfThousandsDeepIsRefused) {
  const size_t n = 200000;
  const std::string deep_array = std::string(n, '[') + std::string(n, ']');
  std::string sequences;
  for (size_t i = 0; i < n; ++i) sequences += R"({"type": "Sequence", "normalizers": [)";
  for (size_t i = 0; i < n; ++i) sequences += "]}";
  for (const std::string& json : {R"({"normalizer": )" + sequences + R"(, "model": )" + kWordPiece + "}",
                                  R"({"padding": {"pad_id": )" + deep_array + R"(}, "model": )" + kWordPiece + "}",
                                  R"({"decoder": )" + deep_array + R"(, "model": )" + kWordPiece + "}"}) {
    EXPECT_EQ(input_error([&] { Tokenizer::from_json(json, "t.json"); }), "JSON nested deeper than 64 levels (t.json)");
  }
}

class HostileFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("attnmap-hostile-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }
  std::string load_error(const std::string& file) const {
    return input_error([&] { Tokenizer::from_path(dir_ / file); });
  }
  // How an error names `file` of this directory: " (/tmp/.../file)".
  std::string in(const std::string& file) const { return " (" + (dir_ / file).string() + ")"; }
  fs::path dir_;
};

TEST_F(HostileFilesTest, VocabJsonIdsAreU32Integers) {
  write("merges.txt", "#version: 0.2\na b\n");
  for (const char* id : {"1e300", "0.5", "-1", "4294967296", "\"7\""}) {
    write("vocab.json", std::string(R"({"a": 0, "b": 1, "ab": )") + id + "}");
    EXPECT_NE(load_error("vocab.json"), "") << id;
  }
  write("vocab.json", R"({"a": 0, "b": 1, "ab": 2})");
  EXPECT_EQ(load_error("vocab.json"), "");
  write("vocab.json", std::string(100000, '[') + std::string(100000, ']'));
  EXPECT_EQ(load_error("vocab.json"), "JSON nested deeper than 64 levels" + in("vocab.json"));
}

TEST_F(HostileFilesTest, VocabTxtWithInvalidUtf8NamesLineAndByte) {
  write("vocab.txt", "[PAD]\n[UNK]\nca\xff\n");
  EXPECT_EQ(load_error("vocab.txt"), "invalid UTF-8 in vocab.txt on line 3, byte 2" + in("vocab.txt"));
}

TEST_F(HostileFilesTest, TokenizerConfigKeysMustBeTokenIds) {
  write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\na\n");
  const std::string token = R"({"content": "[NEW]", "special": true})";
  for (const char* key : {"5abc", "-1", " 5", "05", "4294967296"}) {
    write("tokenizer_config.json", std::string(R"({"added_tokens_decoder": {")") + key + "\": " + token + "}}");
    EXPECT_EQ(load_error("vocab.txt"), "tokenizer_config.json added_tokens_decoder key '" + std::string(key) +
                                           "' is not a token id" + in("tokenizer_config.json"));
  }
  write("tokenizer_config.json", R"({"added_tokens_decoder": {"6": )" + token + "}}");
  EXPECT_EQ(load_error("vocab.txt"), "");
  write("tokenizer_config.json", R"({"model_max_length": )" + std::string(1000, '[') + std::string(1000, ']') + "}");
  EXPECT_EQ(load_error("vocab.txt"), "JSON nested deeper than 64 levels" + in("tokenizer_config.json"));
}

TEST_F(HostileFilesTest, DamagedSentencePieceModelIsExplained) {
  write("damaged.model", read_file("models/tiny-xlmr/sentencepiece.bpe.model").substr(0, 3000));
  EXPECT_EQ(load_error("damaged.model"),
            "not a sentencepiece model: the file does not parse as one (damaged, truncated, or another format)" +
                in("damaged.model"));
}

}  // namespace
}  // namespace attnmap
