#pragma once
// The work of `attnmap faithfulness`: each method's token scores on each example, the perturbed
// inputs they call for run as length-sorted padded batches, and the per-example records, the
// summary, the table and the curves figure.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attnmap/integrated_gradients.h"
#include "batch/row_reader.h"
#include "explain/example.h"
#include "explain/faithfulness_summary.h"
#include "explain/registry.h"
#include "explain/model_setup.h"

namespace attnmap::explain {

struct FaithfulnessOptions {
  ModelOptions model;
  // A data set (TSV, CSV, JSON Lines) to read, or empty for the one text given to
  // run_faithfulness.
  std::string input, format;
  batch::Columns columns;
  std::string select = "all";  // all, misclassified or correct (these need gold labels)
  size_t limit = 0;            // 0: every row
  EncodingOptions encoding;
  std::string methods = "all";  // registry saliency methods, comma-separated, or "none" with scores
  std::string scores;           // a data set only: token scores of methods from elsewhere (batch/given_scores.h)
  std::string removal = "delete";
  std::string target;  // one text only: the class to explain (default: the predicted one)
  IgOptions ig;        // as `saliency` takes them
  size_t batch_size = 32;
  uint64_t seed = 0;
  std::string out_dir;  // faithfulness.jsonl, faithfulness.json and the curves figure
  std::string figure;   // the curves figure's path (-o, PNG or SVG by extension); with a summary
                        // in out_dir, default out_dir/curves.IMAGE_FORMAT
  std::string image_format = "png";
  bool json = false;    // the summary (and one text's record) as JSON on stdout, instead of the table
  bool no_progress = false;
  bool timings = false;  // where the time went (FaithfulnessWork), one line on stderr at the end
  // A data set with out_dir: this process's slice of the rows ("K/N": those whose number is K
  // modulo N), continuing a stopped run, or joining the finished shards' records.
  std::string shard;
  bool resume = false, merge = false;
};

// Where a run's time goes: computing the methods' scores, and asking the model about the perturbed
// inputs (how many, their tokens, and the tokens of the padded batches they ran in).
struct FaithfulnessWork {
  double scores_s = 0, perturbed_s = 0;
  size_t inputs = 0, tokens = 0, padded_tokens = 0;
};

// One encoded example and the model's prediction on it: each method's scores for class `target`
// (default: the predicted one; a method that cannot run on it is listed in `skipped` with why),
// evaluated by evaluate_faithfulness with `runner`'s forward passes, `batch_size` inputs at a time;
// `work`, when given, is added what this example cost. `given`: scores of methods from elsewhere,
// one per token of the example's encoding, ranked as attnmap's own.
FaithfulnessRecord measure_faithfulness(ModelRunner& runner, const Example& example, const RunResult& run,
                                        const std::vector<const Method*>& methods, const IgOptions& ig,
                                        const FaithfulnessSettings& settings, size_t batch_size, size_t line,
                                        const std::string& id, std::optional<size_t> target,
                                        FaithfulnessWork* work = nullptr,
                                        const std::vector<std::pair<std::string, std::vector<float>>>& given = {});

// Runs it on `text` (when options.input is empty) or the data set, writes what options ask and
// prints the table or JSON on stdout. With out_dir, a data set's records are appended to
// faithfulness.jsonl (a shard's: faithfulness.shard-K-of-N.jsonl) as each example is done, beside
// the run's settings (faithfulness-run.json), so --resume skips what is there; the summary
// faithfulness.json is written when the whole run (or --merge) is done.
void run_faithfulness(const FaithfulnessOptions& options, std::optional<Example> text);

}  // namespace attnmap::explain
