#pragma once
// summary.json of a batch run, computed from its manifest records alone, so that a resumed run,
// a merge of shards and an uninterrupted run all summarise the same way.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace attnmap::batch {

class SummaryBuilder {
 public:
  // `labels`: class names in id order; `models`: the names of the one or two models.
  SummaryBuilder(std::vector<std::string> labels, std::vector<std::string> models);

  // One manifest record: an evaluated row, or a rejected one ({"line", "error"}).
  void add(const nlohmann::json& record);

  // {"rows": {...}, "labels", "models": [{model, correct, accuracy, confusion}], "comparison"},
  // merged over `header` (input, select, views, complete...).
  nlohmann::json finish(nlohmann::json header) const;

 private:
  std::vector<std::string> labels_, models_;
  size_t read_ = 0, rejected_ = 0, evaluated_ = 0, labelled_ = 0, selected_ = 0, truncated_ = 0;
  std::vector<size_t> correct_;
  std::vector<std::vector<std::vector<size_t>>> confusion_;  // [model][gold][predicted]
  std::map<std::string, size_t> outcomes_;
  size_t agree_ = 0;
};

}  // namespace attnmap::batch
