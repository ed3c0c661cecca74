#include "explain/faithfulness_run.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <numeric>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "batch/data_set.h"
#include "batch/examples.h"
#include "batch/progress.h"
#include "explain/faithfulness.h"
#include "explain/faithfulness_summary.h"
#include "explain/registry.h"
#include "explain/views.h"

namespace attnmap::explain {
namespace {

// The runner returns every layer's attention with each result: a batch is cut short when that
// would pass this many bytes.
constexpr double kAttentionBudgetBytes = 512.0 * 1024 * 1024;

// p(target | each input): length-sorted padded batches of at most batch_size inputs (fewer when
// their attention would pass the budget), so padding wastes little and memory stays bounded.
ProbabilityOf batched_probability(ModelRunner& runner, size_t target, size_t batch_size) {
  return [&runner, target, batch_size](const std::vector<Encoding>& inputs) {
    const Manifest& m = runner.manifest();
    std::vector<size_t> order(inputs.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return inputs[a].size() < inputs[b].size(); });
    std::vector<double> p(inputs.size(), 0.0);
    for (size_t start = 0; start < order.size();) {
      const size_t longest = inputs[order[std::min(order.size(), start + batch_size) - 1]].size();
      const double bytes = 4.0 * static_cast<double>(m.num_layers * m.num_heads * longest * longest);
      const size_t fit = std::clamp<size_t>(static_cast<size_t>(kAttentionBudgetBytes / std::max(bytes, 1.0)), 1, batch_size);
      const size_t end = std::min(order.size(), start + fit);
      std::vector<Encoding> batch;
      for (size_t k = start; k < end; ++k) batch.push_back(inputs[order[k]]);
      const std::vector<RunResult> results = runner.run(batch);
      for (size_t k = start; k < end; ++k) p[order[k]] = results.at(k - start).probabilities.at(target);
      start = end;
    }
    return p;
  };
}

// What every example of a run shares: the model, the methods and the settings.
class FaithfulnessRun {
 public:
  FaithfulnessRun(const FaithfulnessOptions& o, LoadedModel& model)
      : o_(o), model_(model),
        methods_(find_methods(o.methods, saliency_method, "--methods", "saliency method")) {
    settings_.removal = parse_removal(o.removal);
    settings_.seed = o.seed;
    if (auto id = mask_token_id(model.tokenizer())) settings_.mask_id = *id;
    if (settings_.removal == Removal::kMask && settings_.mask_id < 0)
      throw Error::usage("--removal mask needs the model's mask token, and its tokenizer has none ([MASK], <mask>): "
                         "use --removal delete",
                         model.bundle().directory.string());
    ig_ = o.ig;
    if (settings_.mask_id >= 0) ig_.mask_id = settings_.mask_id;
  }

  Removal removal() const { return settings_.removal; }

  // One encoded example; `target` unset: the predicted class.
  FaithfulnessRecord evaluate(const Example& example, size_t line, const std::string& id, std::optional<size_t> target) {
    ModelRunner& runner = model_.runner();
    const RunResult run = runner.run(example.encoding);
    const std::vector<std::string>& labels = runner.manifest().labels;
    if (run.probabilities.empty())
      throw Error::usage("the model has no classifier head (no id2label): faithfulness measures a class's probability");
    FaithfulnessRecord r;
    r.line = line;
    r.id = id;
    r.text = example.text;
    r.pair = example.pair;
    r.predicted = run.predicted_label;
    const size_t y = target.value_or(run.predicted);
    r.target_label = y < labels.size() ? labels[y] : std::to_string(y);
    if (example.gold) {
      r.gold = *example.gold < labels.size() ? labels[*example.gold] : std::to_string(*example.gold);
      r.correct = *example.gold == run.predicted;
    }
    r.ids = example.encoding.ids;
    r.special = example.encoding.special_tokens_mask;
    std::vector<std::pair<std::string, std::vector<float>>> scored;
    IgOptions ig = ig_;
    ig.target = y;
    for (const Method* m : methods_) {
      try {
        scored.emplace_back(m->name, compute_saliency({m}, {&runner, example, run}, ig).methods.at(0).values);
      } catch (const Error& e) {  // e.g. flow over its length limit: this method, this example
        if (e.category() != ErrorCategory::kInput && e.category() != ErrorCategory::kUsage) throw;
        r.skipped[m->name] = e.message();
      }
    }
    r.result = evaluate_faithfulness(example.encoding, y, run.probabilities.at(y), scored, settings_, line,
                                     batched_probability(runner, y, std::max<size_t>(1, o_.batch_size)));
    return r;
  }

 private:
  const FaithfulnessOptions& o_;
  LoadedModel& model_;
  std::vector<const Method*> methods_;
  FaithfulnessSettings settings_;
  IgOptions ig_;
};

// Reads the data set's rows, encodes and evaluates those --select takes.
std::vector<FaithfulnessRecord> evaluate_data_set(const FaithfulnessOptions& o, LoadedModel& model,
                                                  FaithfulnessRun& run) {
  const batch::Selection selection = batch::parse_selection(o.select);
  batch::DataSet data(o.input, o.format, o.columns, selection, o.select);
  batch::RowReader& reader = data.rows();
  const std::vector<std::string>& labels = model.runner().manifest().labels;
  batch::Progress progress(std::nullopt, !o.no_progress && ::isatty(STDERR_FILENO) != 0, o.no_progress ? 1e18 : 10.0);
  std::vector<FaithfulnessRecord> records;
  size_t rows = 0, bad = 0;
  batch::Row row;
  while (reader.next(row) && (o.limit == 0 || row.index < o.limit)) {
    ++rows;
    Example example;
    example.text = row.text;
    example.source = o.input + ":" + std::to_string(row.line);
    if (row.error.empty() && row.label) {
      example.gold = batch::resolve_label(*row.label, labels);
      if (!example.gold) row.error = batch::unknown_label_message(*row.label, labels);
    }
    if (row.error.empty()) {
      try {
        EncodingOptions encoding = o.encoding;
        encoding.warn_truncation = false;
        encode_example(example, encoding, model.tokenizer(), model.runner().manifest());
      } catch (const Error& e) {
        if (e.category() != ErrorCategory::kInput) throw;
        row.error = e.message();
      }
    }
    if (!row.error.empty()) {
      if (++bad <= 20) std::cerr << "attnmap: line " << row.line << ": " << row.error << " (row skipped)\n";
      continue;
    }
    FaithfulnessRecord r = run.evaluate(example, row.line, row.id, std::nullopt);
    const bool labelled = example.gold.has_value();
    if (!batch::selected(selection, {r.correct.value_or(false)}, labelled)) continue;
    records.push_back(std::move(r));
    progress.update(rows, records.size());
  }
  if (!o.no_progress) progress.finish(rows, records.size());
  if (rows == 0) throw Error::input("the data set has no rows", o.input);
  if (records.empty())
    throw Error::input("no example to measure: " +
                           std::string(bad == rows ? "every row is bad" : "--select " + o.select + " takes none of the rows"),
                       o.input);
  return records;
}

// Why `method` was skipped, in the first record that skipped it.
std::string first_reason(const std::vector<FaithfulnessRecord>& records, const std::string& method) {
  for (const FaithfulnessRecord& r : records)
    if (auto it = r.skipped.find(method); it != r.skipped.end()) return it->second;
  return "";
}

std::string records_jsonl(const std::vector<FaithfulnessRecord>& records) {
  std::string out;
  for (const FaithfulnessRecord& r : records)
    out += to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  return out;
}

}  // namespace

void run_faithfulness(const FaithfulnessOptions& o, std::optional<Example> text) {
  if (o.input.empty() && !text) throw Error::usage("give a text (--text) or a data set (--input)");
  parse_removal(o.removal);  // bad options fail before the model loads
  find_methods(o.methods, saliency_method, "--methods", "saliency method");
  if (!o.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.out_dir, ec);
    if (ec) throw Error::io("cannot create the output directory: " + ec.message(), o.out_dir);
  }
  LoadedModel model = load_model(o.model);
  FaithfulnessRun run(o, model);
  std::vector<FaithfulnessRecord> records;
  if (o.input.empty()) {
    encode_example(*text, o.encoding, model.tokenizer(), model.manifest());
    records.push_back(run.evaluate(*text, 0, "", parse_target(o.target, model.runner().manifest())));
  } else {
    if (!o.target.empty()) throw Error::usage("--target explains one text; a data set is explained for its predictions", "--target");
    records = evaluate_data_set(o, model, run);
  }
  const FaithfulnessSummary summary = summarise_faithfulness(records, model.name(), run.removal(), o.seed);
  nlohmann::json summary_json = to_json(summary);
  if (!o.out_dir.empty()) {
    const std::filesystem::path dir = o.out_dir;
    write_file_atomic(dir / "faithfulness.jsonl", records_jsonl(records));
    write_file_atomic(dir / "faithfulness.json",
                      summary_json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  }
  for (const auto& [method, count] : summary.skipped)
    std::cerr << "attnmap: " << method << " could not run on " << count << " of " << summary.examples
              << " examples (" << first_reason(records, method) << "); they are left out of its row\n";
  if (o.json) {
    if (o.input.empty()) summary_json["example"] = to_json(records.front());
    std::cout << summary_json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << "faithfulness of " << model.name() << " on " << summary.examples << " example"
              << (summary.examples == 1 ? "" : "s") << ", removal by " << removal_name(summary.removal) << "\n"
              << faithfulness_table(summary);
  }
}

}  // namespace attnmap::explain
