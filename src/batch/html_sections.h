#pragma once
// The parts of the batch report page: the header, rendered here as HTML with every value from the
// data escaped (batch/html_text.h), and each entry as data for the page's script to render.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "batch/records.h"
#include "batch/summary.h"

namespace attnmap::batch::html {

// The page header: the input and row counts, each model's accuracy and confusion matrix
// (rows gold, columns predicted, named by the summary's labels), the comparison of two models, and
// a warning when the run did not complete.
std::string summary_html(const Summary& summary);

// What an entry needs from the summary: the label order for probabilities, the view order for
// images, how many models ran.
struct EntryContext {
  std::vector<std::string> labels;
  std::vector<std::string> views;
  size_t model_count = 1;
};

// One manifest record as the script shows it, every field present and of one type, e.g.
//   {"line": 12, "id": "test-00011", "text": "...", "gold": "negative" (or null),
//    "outcome": "wrong", "outcome_label": "wrong", "tone": "bad", "confidence": 0.8766 (or null),
//    "models": [{"tag": "" (or "A", "B"), "model": "sentiment-bert", "predicted": "positive",
//                "correct": false (or null), "probabilities": [["negative", 0.1234], ["positive", 0.8766]]}],
//    "images": [["matrix", "examples/000012-test-00011/matrix.png"]]}
// "confidence" is the first model's probability of its prediction (null when it has none, or it
// is not finite); probabilities follow the summary's label order, then other names; images follow
// its view order, then other views, their paths percent-encoded per segment.
nlohmann::json entry_data(const ManifestRecord& record, const EntryContext& context);

}  // namespace attnmap::batch::html
