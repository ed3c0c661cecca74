#pragma once
// The work of attnmap batch: reading, predicting, selecting, drawing and recording, a window of
// rows at a time; and --merge, which joins the shards of a sharded run.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "batch/row_reader.h"
#include "explain/model_setup.h"
#include "explain/predictor.h"

namespace attnmap::explain {

struct BatchOptions {
  ModelOptions model;
  std::string compare, input, out_dir, format;
  batch::Columns columns;
  std::string select = "misclassified", views = "matrix", shard, tokens = "clean", image_format = "png", cmap = "viridis";
  size_t batch_size = 16, jobs = 0, limit = 0;
  int max_length = 0, ig_steps = 50;
  bool resume = false, merge = false, strict = false, no_progress = false;
};

// Runs the batch; false when SIGINT or SIGTERM stopped it early, its output left consistent
// (--resume continues it).
bool run_batch(const BatchOptions& options);

// The same with the models `load` gives (the first, and the --compare one when asked): the engine
// on other predictors, e.g. a test's fakes. `load` runs after the input's header is read.
using PredictorLoader = std::function<std::vector<std::unique_ptr<Predictor>>(const BatchOptions&)>;
bool run_batch(const BatchOptions& options, const PredictorLoader& load);
void merge_batch_shards(const BatchOptions& options);

}  // namespace attnmap::explain
