#pragma once
// The manifest record: what `attnmap batch` decided about one input row, one line of
// manifest.jsonl. Typed here; JSON only at the file's edge, through the two functions below, so
// the summary, the report page and resume read fields, never string keys.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace attnmap::batch {

// One model's prediction for a row.
struct ModelVerdict {
  std::string model;                           // the model's name (its bundle's)
  std::string predicted;                       // the predicted class's name
  std::map<std::string, double> probabilities;  // class name -> softmax probability
  std::optional<bool> correct;                 // unset when the row has no gold label
};

// What the faithfulness view measured for one saliency method on one row (explain/faithfulness.h
// defines the numbers).
struct FaithfulnessScores {
  double aopc_comprehensiveness = 0, aopc_sufficiency = 0;
  std::optional<double> tau_loo;
};

struct ManifestRecord {
  size_t line = 0;    // 1-based line of the input where the row starts
  std::string error;  // non-empty: a rejected row, and nothing below is set
  std::string id, text;
  std::optional<std::string> gold;  // the gold class's name; unset for an unlabelled row
  std::string outcome;              // "right", "wrong", "both_right", ..., "unlabelled"
  bool selected = false;            // whether --select chose it, so its figures were drawn
  bool truncated = false;           // whether any model's encoding was cut at --max-length
  std::vector<ModelVerdict> models;  // one per model, in the run's order
  // Drawn figures by view name ("matrix", "saliency", ...): paths relative to the output directory.
  std::map<std::string, std::string> files;
  std::map<std::string, std::string> skipped;  // views not drawn for this row, with why
  // With the faithfulness view: per model, in the run's order, method -> its numbers.
  std::vector<std::map<std::string, FaithfulnessScores>> faithfulness;

  bool rejected() const { return !error.empty(); }
};

// A rejected row: {"line", "error"}. An evaluated one: line, id, text, gold (null when unset),
// outcome, selected, models; files when selected; truncated, skipped and faithfulness only when set.
nlohmann::json to_json(const ManifestRecord& record);

// The inverse of to_json. Throws Error::input saying which field is missing or of the wrong type.
// A null optional field reads as unset.
ManifestRecord manifest_record_from_json(const nlohmann::json& json);

}  // namespace attnmap::batch
