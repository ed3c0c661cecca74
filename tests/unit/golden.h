#pragma once
// Reading the Hugging Face reference files written by scripts/ref/make_golden.py.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace attnmap::testing {

struct GoldenEncoding {
  std::string text;
  std::vector<int64_t> ids, type_ids;
  std::vector<std::string> tokens;
  std::vector<std::pair<size_t, size_t>> offsets;
};

struct GoldenExample {
  GoldenEncoding encoding;
  std::vector<float> logits;
  std::vector<size_t> attention_shape;  // L, H, T, T
  std::vector<float> attentions;
  long predicted = -1;                            // -1 for a model without classes
  std::vector<float> gradient_times_attention;  // (d logit / d A) * A, L×H×T×T; empty without classes
  std::vector<float> gradient_weighted_heads;   // mean over heads of its positive part, L×T×T
};

struct GoldenCase {
  std::string name;
  std::vector<std::string> texts, pairs;  // pairs empty, or one per text
  std::vector<GoldenExample> examples;
};

// scripts/ref/make_golden.py model
std::vector<GoldenCase> read_model_golden(const std::string& path);
// scripts/ref/make_golden.py tokenizer: one encoding per line
std::vector<GoldenEncoding> read_tokenizer_golden(const std::string& path);

// The value of an environment variable; the calling test is skipped-with-failure when unset.
std::string required_env(const char* name);

}  // namespace attnmap::testing
