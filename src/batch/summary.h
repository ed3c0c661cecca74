#pragma once
// summary.json of a batch run, computed from its manifest records alone, so that a resumed run,
// a merge of shards and an uninterrupted run all summarise the same way. Typed here; JSON only at
// the file's edge.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch/bootstrap.h"
#include "batch/records.h"

namespace attnmap::batch {

struct RowCounts {
  size_t read = 0;       // records in the manifest
  size_t rejected = 0;   // bad rows, with an error
  size_t evaluated = 0;  // rows every model ran on
  size_t labelled = 0;   // evaluated rows with a gold label
  size_t selected = 0;   // rows --select chose (their figures were drawn)
  size_t truncated = 0;  // rows cut at --max-length for some model
};

// How one model did on the labelled rows; correct, accuracy and confusion are set only when
// some row had a gold label.
struct ModelSummary {
  std::string model;
  std::optional<size_t> correct;
  std::optional<double> accuracy;
  std::vector<std::vector<size_t>> confusion;  // [gold][predicted], in the labels' order
};

// Two models side by side: the rows of each outcome, and how often they predict the same class.
struct Comparison {
  size_t both_right = 0, only_a_wrong = 0, only_b_wrong = 0, both_wrong = 0;
  double agreement = 0;  // share of evaluated rows
};

// The faithfulness view's numbers for one method over the rows it ran on: means with 95%
// bootstrap intervals (bootstrap_means, seed 0: what `faithfulness --seed 0` gives for the same
// rows); tau_loo over the rows where it is defined.
struct FaithfulnessMean {
  size_t n = 0;
  Estimate aopc_comprehensiveness, aopc_sufficiency;
  std::optional<Estimate> tau_loo;
};

struct Summary {
  // What the run was asked: its input, --select, the views drawn; complete is false for a run
  // that was stopped before its end.
  std::string input, select;
  std::vector<std::string> views;
  bool complete = false;
  std::vector<std::string> labels;  // class names in id order
  RowCounts rows;
  std::vector<ModelSummary> models;   // one per model, in the run's order
  std::optional<Comparison> comparison;  // with two models
  // With the faithfulness view: per model, method -> its means. Empty without it.
  std::vector<std::map<std::string, FaithfulnessMean>> faithfulness;
};

nlohmann::json to_json(const Summary& summary);
// The inverse of to_json. Throws Error::input saying which field is missing or of the wrong type.
Summary summary_from_json(const nlohmann::json& json);

class SummaryBuilder {
 public:
  // `labels`: class names in id order; `models`: the names of the one or two models.
  SummaryBuilder(std::vector<std::string> labels, std::vector<std::string> models);

  // One manifest record: an evaluated row or a rejected one.
  void add(const ManifestRecord& record);

  // `run` (input, select, views, complete) with the counts of the records added.
  Summary finish(Summary run) const;

 private:
  std::vector<std::string> labels_, models_;
  RowCounts rows_;
  std::vector<size_t> correct_;
  std::vector<std::vector<std::vector<size_t>>> confusion_;  // [model][gold][predicted]
  std::map<std::string, size_t> outcomes_;
  size_t agree_ = 0;
  // Per model, method -> one row per record: AOPC-comprehensiveness, AOPC-sufficiency, tau (NaN
  // when undefined).
  std::vector<std::map<std::string, std::vector<std::vector<double>>>> faithfulness_;
};

}  // namespace attnmap::batch
