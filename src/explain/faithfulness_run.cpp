#include "explain/faithfulness_run.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <numeric>
#include <set>
#include <thread>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/figure_output.h"
#include "batch/data_set.h"
#include "batch/examples.h"
#include "batch/given_scores.h"
#include "batch/manifest_log.h"
#include "batch/progress.h"
#include "batch/run_files.h"
#include "batch/task_pool.h"
#include "explain/faithfulness.h"
#include "explain/faithfulness_store.h"
#include "explain/faithfulness_summary.h"
#include "explain/registry.h"
#include "explain/views.h"

namespace attnmap::explain {
namespace {

// The runner returns every layer's attention with each result: a batch is cut short when that
// would pass this many bytes.
constexpr double kAttentionBudgetBytes = 512.0 * 1024 * 1024;

// The methods --methods names; loo, the reference every method is compared with, is always in the
// table, and naming it is a usage error that says so.
std::vector<const Method*> scored_methods(const std::string& list, bool scores_given) {
  if (list == "none") {
    if (!scores_given) throw Error::usage("--methods none leaves nothing to rank: give --scores FILE, or methods", "--methods");
    return {};
  }
  // all: every method but the reference
  std::vector<const Method*> found =
      find_methods(list, list == "all" ? faithfulness_scored : saliency_method, "--methods", "saliency method");
  for (const Method* m : found)
    if (!faithfulness_scored(*m))
      throw Error::usage("'" + m->name + "' is faithfulness's reference, always in the table: leave it out of --methods",
                         "--methods");
  return found;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// p(target | each input): length-sorted padded batches of at most batch_size inputs (fewer when
// their attention would pass the budget), so padding wastes little and memory stays bounded.
// `work`, when given, counts the inputs and their tokens.
ProbabilityOf batched_probability(ModelRunner& runner, size_t target, size_t batch_size, FaithfulnessWork* work) {
  return [&runner, target, batch_size, work](const std::vector<Encoding>& inputs) {
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
      if (work != nullptr) {
        work->inputs += batch.size();
        for (const Encoding& e : batch) work->tokens += e.size();
        work->padded_tokens += batch.size() * batch.back().size();
      }
      const std::vector<RunResult> results = runner.run(batch);
      for (size_t k = start; k < end; ++k) p[order[k]] = results.at(k - start).probabilities.at(target);
      start = end;
    }
    return p;
  };
}

// --scores FILE, its method names checked against attnmap's own and the baselines.
batch::GivenScores read_checked_scores(const std::string& path) {
  batch::GivenScores given = batch::read_given_scores(path);
  for (const std::string& name : given.methods) {
    const bool taken = name == "random" || name == "loo" ||
                       std::any_of(methods().begin(), methods().end(), [&](const Method& m) {
                         return m.name == name ||
                                std::find(m.aliases.begin(), m.aliases.end(), name) != m.aliases.end();
                       });
    if (taken)
      throw Error::usage("the scores file names a method '" + name +
                             "', which is attnmap's own (or a baseline): give yours another name",
                         path);
  }
  return given;
}

// Unless --threads says otherwise, the model gets half the cores: libtorch's default of all of
// them spins its idle OpenMP threads against anything else running, which measured 2.2 times
// slower on 2 cores beside one other busy process (40 rows of sentiment-bert: 28.2 s vs 12.8 s).
ModelOptions model_options(ModelOptions options) {
  if (options.threads <= 0) options.threads = static_cast<int>(std::max<size_t>(1, batch::usable_cores() / 2));
  return options;
}

// What every example of a run shares: the model, the methods and the settings.
class FaithfulnessRun {
 public:
  // `given`: the --scores file, read before the model loaded (empty without one).
  FaithfulnessRun(const FaithfulnessOptions& o, LoadedModel& model, batch::GivenScores given)
      : o_(o), model_(model), given_(std::move(given)) {
    settings_.removal = parse_removal(o.removal);
    settings_.seed = o.seed;
    if (auto id = mask_token_id(model.tokenizer())) settings_.mask_id = *id;
    if (settings_.removal == Removal::kMask && settings_.mask_id < 0)
      throw Error::usage("--removal mask needs the model's mask token, and its tokenizer has none ([MASK], <mask>): "
                         "use --removal delete",
                         model.bundle().directory.string());
    ig_ = o.ig;
    if (settings_.mask_id >= 0) ig_.mask_id = settings_.mask_id;
    // After the checks above, whose one-line errors should come alone.
    methods_ = available_methods(scored_methods(o.methods, !o.scores.empty()), model.manifest(), o.methods == "all",
                                 "--methods");
  }

  Removal removal() const { return settings_.removal; }
  const std::vector<const Method*>& methods() const { return methods_; }

  // The model's prediction on an encoded example.
  RunResult predict(const Example& example) {
    RunResult run = model_.runner().run(example.encoding);
    if (run.probabilities.empty())
      throw Error::usage("the model has no classifier head (no id2label): faithfulness measures a class's probability");
    return run;
  }

  // The methods of --scores, in the order its file names them.
  const std::vector<std::string>& given_methods() const { return given_.methods; }
  uint64_t given_digest() const { return given_.digest; }

  // One encoded example and its prediction; `target` unset: the predicted class.
  FaithfulnessRecord evaluate(const Example& example, const RunResult& run, size_t line, const std::string& id,
                              std::optional<size_t> target) {
    std::vector<std::pair<std::string, std::vector<float>>> given;
    std::map<std::string, std::string> missing;
    const batch::GivenMethodScores* found = o_.scores.empty() ? nullptr : given_.find(line, id);
    for (const std::string& name : given_.methods) {
      const std::vector<float>* scores = nullptr;
      if (found != nullptr)
        if (auto it = found->find(name); it != found->end()) scores = &it->second;
      if (scores == nullptr) {
        missing[name] = "no scores for this example in " + o_.scores;
        continue;
      }
      if (scores->size() != example.encoding.size())
        throw Error::input("line " + std::to_string(line) + ": '" + name + "' has " + std::to_string(scores->size()) +
                               " scores for the " + std::to_string(example.encoding.size()) +
                               " tokens of that row (one per token of attnmap's encoding, special tokens included: "
                               "attnmap tokenize lists them)",
                           o_.scores);
      given.emplace_back(name, *scores);
    }
    FaithfulnessRecord r = measure_faithfulness(model_.runner(), example, run, methods_, ig_, settings_, o_.batch_size,
                                                line, id, target, &work_, given);
    r.skipped.insert(missing.begin(), missing.end());
    return r;
  }

  // With --timings: where the run's time went, on stderr.
  void print_timings() const {
    if (!o_.timings) return;
    char line[320];
    std::snprintf(line, sizeof line,
                  "attnmap: timings: methods' scores %.2f s; perturbed inputs %.2f s (%zu inputs, %zu tokens, "
                  "%zu in padded batches; %.2f ms per input)\n",
                  work_.scores_s, work_.perturbed_s, work_.inputs, work_.tokens, work_.padded_tokens,
                  work_.inputs == 0 ? 0.0 : 1e3 * work_.perturbed_s / static_cast<double>(work_.inputs));
    std::cerr << line;
  }

 private:
  const FaithfulnessOptions& o_;
  LoadedModel& model_;
  std::vector<const Method*> methods_;
  FaithfulnessSettings settings_;
  IgOptions ig_;
  batch::GivenScores given_;
  FaithfulnessWork work_;
};

// Reads the data set's rows (this shard's, those not `done`), encodes them, and evaluates those
// --select takes; `each` gets every new record as it is made.
size_t evaluate_data_set(const FaithfulnessOptions& o, LoadedModel& model, FaithfulnessRun& run,
                         const batch::Shard& shard, const std::set<size_t>& done,
                         const std::function<void(FaithfulnessRecord)>& each) {
  const batch::Selection selection = batch::parse_selection(o.select);
  batch::DataSet data(o.input, o.format, o.columns, selection, o.select);
  batch::RowReader& reader = data.rows();
  const std::vector<std::string>& labels = model.runner().manifest().labels;
  batch::Progress progress(std::nullopt, !o.no_progress && ::isatty(STDERR_FILENO) != 0, o.no_progress ? 1e18 : 10.0);
  size_t rows = 0, bad = 0, made = 0;
  batch::Row row;
  while (reader.next(row) && (o.limit == 0 || row.index < o.limit)) {
    ++rows;
    if (!shard.takes(row.index) || done.count(row.line) != 0) continue;
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
    const RunResult prediction = run.predict(example);
    const bool right = example.gold && *example.gold == prediction.predicted;
    if (!batch::selected(selection, {right}, example.gold.has_value())) continue;
    each(run.evaluate(example, prediction, row.line, row.id, std::nullopt));
    progress.update(rows, done.size() + ++made);
  }
  if (!o.no_progress) progress.finish(rows, done.size() + made);
  if (rows == 0) throw Error::input("the data set has no rows", o.input);
  if (made + done.size() == 0)
    throw Error::input("no example to measure: " +
                           std::string(bad == rows ? "every row is bad" : "--select " + o.select + " takes none of the rows"),
                       o.input);
  return made;
}

// Why `method` was skipped, in the first record that skipped it.
std::string first_reason(const std::vector<FaithfulnessRecord>& records, const std::string& method) {
  for (const FaithfulnessRecord& r : records)
    if (auto it = r.skipped.find(method); it != r.skipped.end()) return it->second;
  return "";
}


}  // namespace

FaithfulnessRecord measure_faithfulness(ModelRunner& runner, const Example& example, const RunResult& run,
                                        const std::vector<const Method*>& methods, const IgOptions& ig_options,
                                        const FaithfulnessSettings& settings, size_t batch_size, size_t line,
                                        const std::string& id, std::optional<size_t> target,
                                        FaithfulnessWork* work,
                                        const std::vector<std::pair<std::string, std::vector<float>>>& given) {
  const std::vector<std::string>& labels = runner.manifest().labels;
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
  IgOptions ig = ig_options;
  ig.target = y;
  const auto scores_start = std::chrono::steady_clock::now();
  for (const Method* m : methods) {
    try {
      scored.emplace_back(m->name, compute_saliency({m}, {&runner, example, run}, ig).methods.at(0).values);
    } catch (const Error& e) {  // e.g. flow over its length limit: this method, this example
      if (e.category() != ErrorCategory::kInput && e.category() != ErrorCategory::kUsage) throw;
      r.skipped[m->name] = e.message();
    }
  }
  scored.insert(scored.end(), given.begin(), given.end());
  const auto perturbed_start = std::chrono::steady_clock::now();
  r.result = evaluate_faithfulness(example.encoding, y, run.probabilities.at(y), scored, settings, line,
                                   batched_probability(runner, y, std::max<size_t>(1, batch_size), work));
  if (work != nullptr) {
    work->scores_s += std::chrono::duration<double>(perturbed_start - scores_start).count();
    work->perturbed_s += seconds_since(perturbed_start);
  }
  return r;
}

namespace {

// Prints the table (or the JSON) of `records` and writes the summary when `summary_file` is given.
void report(const FaithfulnessOptions& o, const std::vector<FaithfulnessRecord>& records, const std::string& model,
            Removal removal, uint64_t seed, const std::filesystem::path& summary_file, bool one_text) {
  const FaithfulnessSummary summary = summarise_faithfulness(records, model, removal, seed);
  nlohmann::json summary_json = to_json(summary);
  if (!summary_file.empty())
    write_file_atomic(summary_file, summary_json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  std::filesystem::path figure = o.figure;
  if (figure.empty() && !summary_file.empty()) figure = summary_file.parent_path() / ("curves." + o.image_format);
  if (!figure.empty()) {
    write_figure(figure, faithfulness_figure(summary), FigureStyle{});
    std::cerr << "attnmap: curves: " << figure.string() << "\n";
  }
  for (const auto& [method, count] : summary.skipped)
    std::cerr << "attnmap: " << method << " could not run on " << count << " of " << summary.examples
              << " examples (" << first_reason(records, method) << "); they are left out of its row\n";
  if (o.json) {
    if (one_text) summary_json["example"] = to_json(records.front());
    std::cout << summary_json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << "faithfulness of " << model << " on " << summary.examples << " example"
              << (summary.examples == 1 ? "" : "s") << ", removal by " << removal_name(summary.removal) << "\n"
              << faithfulness_table(summary);
  }
}


// --merge: the finished shards' records joined in line order, and the summary of them all.
void merge_shards(const FaithfulnessOptions& o) {
  if (o.out_dir.empty()) throw Error::usage("--merge joins the shards in --out-dir: give it", "--merge");
  const std::filesystem::path dir = o.out_dir;
  const batch::ShardSettingsFiles found = batch::find_shard_settings(dir, "faithfulness-run", ".json");
  const std::optional<size_t> count = found.count;
  std::map<size_t, nlohmann::json> shards;
  for (const auto& [index, path] : found.files) shards[index] = read_faithfulness_settings(path);
  std::vector<FaithfulnessRecord> records;
  for (size_t k = 0; k < *count; ++k) {
    const std::string which = std::to_string(k) + "/" + std::to_string(*count);
    auto it = shards.find(k);
    if (it == shards.end()) throw Error::input("shard " + which + " has not run (no settings file)", dir.string());
    if (it->second.value("complete", false) != true)
      throw Error::input("shard " + which + " has not finished: run it again with --resume", dir.string());
    if (const std::string differ = differing_faithfulness_settings(shards.begin()->second, it->second); !differ.empty())
      throw Error::input("shard " + which + " ran with different settings (" + differ + ")", dir.string());
    std::vector<FaithfulnessRecord> part = read_faithfulness_records(faithfulness_files(dir, {k, *count}).records);
    records.insert(records.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  const FaithfulnessFiles files = faithfulness_files(dir, {});
  sort_records_by_line(records, dir.string());
  if (records.empty()) throw Error::input("the shards hold no record", dir.string());
  write_file_atomic(files.records, faithfulness_jsonl(records));
  nlohmann::json settings = shards.begin()->second;
  settings.erase("shard");
  write_faithfulness_settings(files.settings, settings, true);
  const nlohmann::json& seed = settings["seed"];
  report(o, records, settings.value("model_name", ""), parse_removal(settings.value("removal", "delete")),
         seed.is_number_unsigned() ? seed.get<uint64_t>() : 0, files.summary, false);
}

// A data set into --out-dir: records appended as they are made, resumable, per shard.
void run_into_directory(const FaithfulnessOptions& o, LoadedModel& model, FaithfulnessRun& run, const batch::Shard& shard) {
  const std::filesystem::path dir = o.out_dir;
  const FaithfulnessFiles files = faithfulness_files(dir, shard);
  nlohmann::json settings = faithfulness_settings(o, model, run.methods(), shard);
  if (!o.scores.empty()) {
    char digest[17];
    std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(run.given_digest()));
    settings["scores"] = {{"file", o.scores}, {"methods", run.given_methods()}, {"fnv1a64", digest}};
  }
  std::vector<FaithfulnessRecord> records;
  if (std::filesystem::exists(files.settings)) {
    if (!o.resume)
      throw Error::usage("the output directory already holds this run (" + files.settings.filename().string() +
                             "): add --resume to continue it, or choose another directory",
                         o.out_dir);
    if (const std::string differ = differing_faithfulness_settings(read_faithfulness_settings(files.settings), settings); !differ.empty())
      throw Error::usage("--resume with different settings than the run in the output directory (" + differ + ")",
                         files.settings.string());
    records = read_faithfulness_records(files.records);
    if (!records.empty()) std::cerr << "attnmap: resuming: " << records.size() << " examples already done\n";
  } else if (std::filesystem::exists(files.records)) {
    throw Error::usage("the output directory has faithfulness records but no settings file: not a run to continue",
                       o.out_dir);
  }
  write_faithfulness_settings(files.settings, settings, false);
  write_file_atomic(files.records, faithfulness_jsonl(records));  // what a torn last line left, cut
  std::set<size_t> done;
  for (const FaithfulnessRecord& r : records) done.insert(r.line);
  evaluate_data_set(o, model, run, shard, done, [&](FaithfulnessRecord r) {
    append_file_durably(files.records, faithfulness_record_line(r));
    records.push_back(std::move(r));
  });
  write_faithfulness_settings(files.settings, settings, true);
  sort_records_by_line(records, files.records.string());
  if (!shard.whole()) {
    std::cerr << "attnmap: shard " << shard.index << "/" << shard.count << " done; when every shard is, join them with: "
              << "attnmap faithfulness --merge --out-dir " << o.out_dir << "\n";
  }
  report(o, records, model.name(), run.removal(), o.seed, shard.whole() ? files.summary : std::filesystem::path(), false);
  run.print_timings();
}

}  // namespace

void run_faithfulness(const FaithfulnessOptions& o, std::optional<Example> text) {
  if (o.merge) {
    merge_shards(o);
    return;
  }
  if (o.input.empty() && !text) throw Error::usage("give a text (--text) or a data set (--input)");
  parse_removal(o.removal);  // bad options fail before the model loads
  scored_methods(o.methods, !o.scores.empty());
  if (!o.scores.empty() && o.input.empty())
    throw Error::usage("--scores gives scores per example of a data set: use it with --input", "--scores");
  // Read before the model loads, so that its errors come at once.
  batch::GivenScores given = o.scores.empty() ? batch::GivenScores{} : read_checked_scores(o.scores);
  if (!o.figure.empty()) {
    const std::string extension = std::filesystem::path(o.figure).extension().string();
    if (extension != ".png" && extension != ".svg")
      throw Error::usage("the curves figure is .png or .svg (got '" + o.figure + "')", "--output");
  }
  const batch::Shard shard = o.shard.empty() ? batch::Shard{} : batch::parse_shard(o.shard);
  if (o.input.empty() && (!o.shard.empty() || o.resume))
    throw Error::usage("--shard and --resume are for a data set (--input)", o.shard.empty() ? "--resume" : "--shard");
  if ((!shard.whole() || o.resume) && o.out_dir.empty())
    throw Error::usage("--shard and --resume keep their records in --out-dir: give it", "--out-dir");
  if (!o.input.empty() && !o.target.empty())
    throw Error::usage("--target explains one text; a data set is explained for its predictions", "--target");
  if (!o.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(o.out_dir, ec);
    if (ec) throw Error::io("cannot create the output directory: " + ec.message(), o.out_dir);
  }
  LoadedModel model = load_model(model_options(o.model));
  FaithfulnessRun run(o, model, std::move(given));
  if (!o.input.empty() && !o.out_dir.empty()) {
    run_into_directory(o, model, run, shard);
    return;
  }
  std::vector<FaithfulnessRecord> records;
  if (o.input.empty()) {
    encode_example(*text, o.encoding, model.tokenizer(), model.manifest());
    records.push_back(run.evaluate(*text, run.predict(*text), 0, "", parse_target(o.target, model.runner().manifest())));
  } else {
    evaluate_data_set(o, model, run, shard, {}, [&](FaithfulnessRecord r) { records.push_back(std::move(r)); });
  }
  const FaithfulnessFiles files = faithfulness_files(o.out_dir, {});
  if (!o.out_dir.empty()) write_file_atomic(files.records, faithfulness_jsonl(records));
  report(o, records, model.name(), run.removal(), o.seed, o.out_dir.empty() ? std::filesystem::path() : files.summary,
         o.input.empty());
  run.print_timings();
}

}  // namespace attnmap::explain
