#pragma once
// The faithfulness of each method over a data set: means with 95% bootstrap intervals, for all
// examples and for those the model classifies rightly and wrongly; and the files and table that
// show them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attnmap/curves.h"
#include "batch/bootstrap.h"
#include "explain/faithfulness.h"

namespace attnmap::explain {

// One evaluated example, as faithfulness.jsonl holds it.
struct FaithfulnessRecord {
  size_t line = 0;
  std::string id, text, pair;
  std::optional<std::string> gold;
  std::string predicted, target_label;
  std::optional<bool> correct;  // unset without a gold label
  std::vector<int64_t> ids;
  std::vector<uint8_t> special;
  ExampleFaithfulness result;
  std::map<std::string, std::string> skipped;  // methods that could not run on it, and why
};
nlohmann::json to_json(const FaithfulnessRecord& record);
// The inverse of to_json, for --resume and --merge. Throws Error::input naming the field.
FaithfulnessRecord faithfulness_record_from_json(const nlohmann::json& json);

using batch::Estimate;

// One method over one group of examples.
struct GroupFaithfulness {
  size_t n = 0;  // examples
  Estimate aopc_comprehensiveness, aopc_sufficiency;
  std::optional<Estimate> tau_loo;  // over the examples where it is defined; unset when none
  std::array<Estimate, kFaithfulnessBins.size()> comprehensiveness, sufficiency;
};

struct MethodSummary {
  std::string method;
  GroupFaithfulness all;
  std::optional<GroupFaithfulness> correct, wrong;  // with gold labels, when the group is not empty
};

struct FaithfulnessSummary {
  std::string model;
  Removal removal = Removal::kDelete;
  uint64_t seed = 0;
  size_t examples = 0;
  std::map<std::string, size_t> skipped;  // method -> examples it could not run on
  std::vector<MethodSummary> methods;     // the scored methods, then random, then loo
};

// Summarises `records` (each with the same methods in the same order, bar the skipped ones).
// The intervals are batch::bootstrap_means's, seeded with `seed`.
FaithfulnessSummary summarise_faithfulness(const std::vector<FaithfulnessRecord>& records, const std::string& model,
                                           Removal removal, uint64_t seed);
nlohmann::json to_json(const FaithfulnessSummary& summary);

// The curves figure: comprehensiveness and sufficiency of every method over the bins, the means
// over all examples.
CurveFigure faithfulness_figure(const FaithfulnessSummary& summary);

// The table `faithfulness` prints: one row per method, AOPC-comprehensiveness, AOPC-sufficiency
// and tau-LOO with their intervals.
std::string faithfulness_table(const FaithfulnessSummary& summary);

}  // namespace attnmap::explain
