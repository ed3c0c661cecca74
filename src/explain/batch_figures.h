#pragma once
// The figures batch mode draws for one selected example: the views of --views, one model or two
// side by side. Built on the main thread (some views run the model again); encoded and written
// by the caller's worker threads.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "attnmap/figure.h"
#include "attnmap/model.h"
#include "batch/records.h"
#include "explain/example.h"
#include "explain/registry.h"

namespace attnmap::explain {

// "mean,grid" -> those views of the registry; Error::usage for an unknown view.
std::vector<const Method*> split_views(const std::string& list);

// One model's part of an example: its runner, its encoding of the text and its prediction
// (with the attention).
struct ModelPart {
  ModelRunner* runner = nullptr;
  std::string model;  // the bundle's name
  const Example* example = nullptr;
  const RunResult* run = nullptr;
};

// A figure ready to be written to out_dir / path: the encode-and-write step, for a worker thread.
struct PendingFigure {
  std::string view;  // the manifest's key: "matrix", or "grid · sentiment-bert" with two models
  std::string path;  // relative to the output directory
  std::function<void(const std::string& full_path)> write;
};

struct ExampleContext {
  std::string folder;  // examples/000012-test-00011
  std::string gold;    // the gold class name, "" when unlabelled
  std::string extension = ".png";
  FigureStyle style;
  int ig_steps = 50;
  size_t line = 0;  // the input line, which seeds the faithfulness view's random baseline
};

// The figures of `view` for the example. Throws Error::usage / Error::input when the view cannot
// be drawn for this example (e.g. attention flow of a long input): the caller notes it and goes on.
// The faithfulness view also gives its numbers, per model, into `faithfulness` when it is given.
std::vector<PendingFigure> example_figures(const Method& view, const std::vector<ModelPart>& models,
                                           const ExampleContext& context,
                                           std::vector<std::map<std::string, batch::FaithfulnessScores>>* faithfulness = nullptr);

}  // namespace attnmap::explain
