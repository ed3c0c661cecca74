#include "attnmap/bundle.h"

#include <gtest/gtest.h>

#include "attnmap/error.h"

namespace attnmap {
namespace {

const char* kManifest = R"({"format_version": 1, "model_type": "bert", "num_layers": 3, "num_heads": 12,
  "hidden_size": 384, "max_length": 128, "vocab_size": 30522,
  "id2label": {"1": "positive", "0": "negative"},
  "tokenizer": {"kind": "tokenizer.json", "file": "tokenizer.json", "pad_id": 0},
  "methods": ["forward", "embed", "forward_embeds"], "source": "test"})";

TEST(Manifest, ParsesLabelsInIdOrder) {
  Manifest m = parse_manifest(kManifest, "attnmap.json");
  EXPECT_EQ(m.num_layers, 3);
  EXPECT_EQ(m.vocab_size, 30522);
  EXPECT_EQ(m.labels, (std::vector<std::string>{"negative", "positive"}));
  EXPECT_EQ(m.tokenizer_file, "tokenizer.json");
}

TEST(Manifest, RejectsWhatItCannotTrust) {
  const std::string good = kManifest;
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  for (const std::string& bad : {std::string("{"), std::string("[1]"), replaced("\"format_version\": 1", "\"format_version\": 9"),
                                 replaced("\"num_heads\": 12", "\"num_heads\": -1"),
                                 replaced("\"kind\": \"tokenizer.json\"", "\"kind\": \"mystery\""),
                                 replaced("\"file\": \"tokenizer.json\"", "\"file\": \"../../etc/passwd\""),
                                 replaced("\"1\": \"positive\"", "\"7\": \"positive\""),
                                 replaced("\"source\"", "\"unavailable_methods\": {\"alti\": 3}, \"source\""),
                                 replaced("\"source\"", "\"unavailable_methods\": [\"alti\"], \"source\"")}) {
    try {
      parse_manifest(bad, "attnmap.json");
      FAIL() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.category(), ErrorCategory::kInput) << bad;
      EXPECT_EQ(e.where(), "attnmap.json");
    }
  }
}

TEST(Manifest, UnavailableMethodsKeepTheirReasons) {
  std::string text = kManifest;
  text.replace(text.find("\"source\""), 8, R"("unavailable_methods": {"alti": "pre-LayerNorm layers"}, "source")");
  Manifest m = parse_manifest(text, "attnmap.json");
  EXPECT_EQ(m.unavailable_methods, (std::map<std::string, std::string>{{"alti", "pre-LayerNorm layers"}}));
  EXPECT_TRUE(parse_manifest(kManifest, "attnmap.json").unavailable_methods.empty());  // format 1 without it
}

// stoul read "1abc" as 1 and " 1" as 1; "01" and "1" would both name class 1.
TEST(Manifest, Id2LabelKeysArePlainClassIds) {
  for (const char* key : {"1abc", " 1", "01", "+1", "-1", "1.0", "2", ""}) {
    std::string bad = kManifest;
    bad.replace(bad.find("\"1\": \"positive\""), 3, std::string("\"") + key + "\"");
    try {
      parse_manifest(bad, "attnmap.json");
      FAIL() << key;
    } catch (const Error& e) {
      EXPECT_EQ(e.message(),
                "manifest id2label key '" + std::string(key) + "' is not a class id from 0 to 1 (attnmap.json)");
    }
  }
}

TEST(Manifest, DeepNestingIsRefusedNotAStackOverflow) {
  std::string deep = kManifest;
  const std::string source = R"("source": "test")";
  deep.replace(deep.find(source), source.size(), R"("source": )" + std::string(200000, '[') + std::string(200000, ']'));
  try {
    parse_manifest(deep, "attnmap.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "JSON nested deeper than 64 levels (attnmap.json)");
  }
}

TEST(Bundle, MissingDirectoryIsAnIoError) {
  try {
    load_bundle("/nonexistent/bundle");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.exit_code(), 5);
  }
}

}  // namespace
}  // namespace attnmap
