#include "explain/batch_run.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <deque>
#include <fstream>
#include <iostream>
#include <memory>
#include <numeric>
#include <set>
#include <thread>

#include "attnmap/display.h"
#include "attnmap/error.h"
#include "attnmap/files.h"
#include "attnmap/model.h"
#include "batch/data_set.h"
#include "batch/examples.h"
#include "batch/html_report.h"
#include "batch/manifest_log.h"
#include "batch/progress.h"
#include "batch/records.h"
#include "batch/run_files.h"
#include "batch/run_settings.h"
#include "batch/summary.h"
#include "batch/task_pool.h"
#include "explain/batch_figures.h"
#include "explain/batch_outputs.h"
#include "explain/stop_signals.h"

namespace attnmap::explain {
namespace {

// --- threads ------------------------------------------------------------------------------------

// The cores are split between drawing (--jobs) and the model (--threads). Unless told otherwise,
// half draw (at most 8) and the model gets the rest: libtorch's default of every core for the
// model makes its idle OpenMP threads spin against the drawing threads, which measured twice as
// slow on 2 cores.
size_t cores() { return batch::usable_cores(); }
size_t drawing_threads(const BatchOptions& o) { return o.jobs > 0 ? o.jobs : std::clamp<size_t>(cores() / 2, 1, 8); }
int model_threads(const BatchOptions& o) {
  if (o.model.threads > 0) return o.model.threads;
  return static_cast<int>(std::max<size_t>(1, cores() - std::min(cores() - 1, drawing_threads(o))));
}

// --- the models --------------------------------------------------------------------------------

std::unique_ptr<Predictor> load_predictor(const ModelOptions& options) {
  return std::make_unique<ModelPredictor>(load_model(options));
}

using Predictors = std::vector<std::unique_ptr<Predictor>>;

// The names a run's settings and files use for its views: the registry's, whatever alias was typed.
std::vector<std::string> view_names(const std::vector<const Method*>& views) {
  std::vector<std::string> names;
  for (const Method* m : views) names.push_back(m->name);
  return names;
}

// --- the run's settings -------------------------------------------------------------------------

// Rows are taken a window at a time: a window is a fixed block of data-row numbers, so its
// batches are the same in a sharded, resumed or plain run and so are its numbers, to the bit.
size_t window_rows(const BatchOptions& o) { return o.batch_size * 8; }

// What a run was asked to do, stored beside its manifest: --resume and --merge check that they
// continue the same job.
batch::RunSettings run_settings(const BatchOptions& o, const std::vector<std::string>& views, const Predictors& loaded,
                                const std::string& model_a, const batch::Shard& shard, batch::InputFormat format) {
  batch::RunSettings s;
  s.input = o.input;
  s.format = batch::format_name(format);
  s.text_column = o.columns.text;
  s.label_column = o.columns.label;
  s.id_column = o.columns.id;
  s.models = {model_a};
  if (!o.compare.empty()) s.models.push_back(o.compare);
  for (const auto& m : loaded) s.model_names.push_back(m->manifest().name);
  s.labels = loaded[0]->manifest().labels;
  s.select = o.select;
  s.views = views;
  s.batch_size = o.batch_size;
  s.limit = o.limit;
  s.max_length = o.max_length;
  s.tokens = o.tokens;
  s.image_format = o.image_format;
  s.cmap = o.cmap;
  s.ig_steps = o.ig_steps;
  if (!shard.whole()) s.shard = shard;
  return s;
}

// --- one window of rows --------------------------------------------------------------------------

struct WindowRow {
  batch::Row row;
  std::optional<size_t> gold;
  std::vector<Example> inputs;  // per model
  std::vector<RunResult> runs;  // per model; attention kept only while figures are built
  std::vector<bool> correct;
  bool selected = false;
  batch::ManifestRecord record;
};

struct Window {
  std::vector<WindowRow> examples;  // in input order: good and bad rows
  std::unique_ptr<batch::TaskGroup> figures = std::make_unique<batch::TaskGroup>();
  size_t selected = 0;
};

class BatchRun {
 public:
  BatchRun(const BatchOptions& o, const batch::RunFiles& files, Predictors& models, std::vector<const Method*> views,
           std::set<size_t> done)
      : o_(o), files_(files), models_(models), views_(std::move(views)), done_(std::move(done)),
        selection_(batch::parse_selection(o.select)) {
    style_.colormap = o.cmap;
    style_.annotate = Annotate::kAuto;
    extension_ = o.image_format == "svg" ? ".svg" : ".png";
  }

  // Reads every row of the shard; returns false when stopped by a signal.
  bool run(batch::RowReader& reader, const batch::Shard& shard, batch::Progress& progress) {
    const size_t jobs = drawing_threads(o_);
    std::deque<std::unique_ptr<Window>> windows;  // outlives the pool: its tasks point into them
    batch::TaskPool pool(jobs);
    pool_ = &pool;
    const size_t per_window = window_rows(o_);
    batch::Row row;
    bool more = reader.next(row);
    while (more) {
      const size_t window_index = row.index / per_window;
      auto window = std::make_unique<Window>();
      for (; more && row.index / per_window == window_index; more = reader.next(row)) {
        if (o_.limit > 0 && row.index >= o_.limit) {
          more = false;
          break;
        }
        if (!shard.takes(window_index) || done_.count(row.line) != 0) continue;
        window->examples.push_back(WindowRow{row, {}, {}, {}, {}, false, {}});
      }
      if (window->examples.empty()) continue;
      if (!process(*window)) {
        window->figures->wait();  // its files may be written; its records are not: --resume redoes it
        commit_finished(windows, progress);
        return false;
      }
      windows.push_back(std::move(window));
      if (windows.size() > 1) commit_finished(windows, progress, 1);
    }
    commit_finished(windows, progress);
    return true;
  }

  size_t rows_recorded() const { return recorded_; }
  size_t selected_recorded() const { return selected_recorded_; }
  size_t bad_rows() const { return bad_rows_; }

 private:
  // Waits for the figures of all but the last `keep` windows and appends their records.
  void commit_finished(std::deque<std::unique_ptr<Window>>& windows, batch::Progress& progress, size_t keep = 0) {
    while (windows.size() > keep) {
      Window& w = *windows.front();
      w.figures->wait();
      std::string lines;
      for (const WindowRow& e : w.examples) lines += batch::manifest_line(e.record);
      append_file_durably(files_.manifest, lines);
      recorded_ += w.examples.size();
      selected_recorded_ += w.selected;
      progress.update(done_.size() + recorded_, selected_recorded_);
      windows.pop_front();
    }
  }

  // Predicts and selects the window's rows and queues their figures. False when a stop was
  // requested before all of it was done.
  bool process(Window& w) {
    std::vector<size_t> good;
    for (size_t i = 0; i < w.examples.size(); ++i)
      if (prepare(w.examples[i])) good.push_back(i);
    // Length-sorted batches waste little on padding; ties keep input order, so the batches of a
    // window are always the same.
    std::stable_sort(good.begin(), good.end(), [&](size_t a, size_t b) {
      return w.examples[a].inputs[0].encoding.size() < w.examples[b].inputs[0].encoding.size();
    });
    for (size_t start = 0; start < good.size(); start += o_.batch_size) {
      if (StopOnSignals::requested()) return false;
      std::vector<size_t> batch(good.begin() + static_cast<long>(start),
                                good.begin() + static_cast<long>(std::min(good.size(), start + o_.batch_size)));
      predict(w, batch);
      for (size_t i : batch) finish_example(w, w.examples[i]);
    }
    return !StopOnSignals::requested();
  }

  // Checks the row and encodes it for each model; a bad row gets its record here.
  bool prepare(WindowRow& e) {
    const std::vector<std::string>& labels = models_[0]->manifest().labels;
    if (e.row.error.empty()) {
      if (e.row.label) {
        e.gold = batch::resolve_label(*e.row.label, labels);
        if (!e.gold) e.row.error = batch::unknown_label_message(*e.row.label, labels);
      } else if (selection_ != batch::Selection::kAll) {
        e.row.error = "no label (--select " + o_.select + " needs one)";
      }
    }
    if (!e.row.error.empty()) {
      reject(e);
      return false;
    }
    for (auto& m : models_) {
      Example input;
      input.text = e.row.text;
      EncodingOptions options;
      options.max_length = o_.max_length;
      options.tokens = o_.tokens;
      options.warn_truncation = false;
      try {
        m->encode(input, options);
      } catch (const Error& error) {  // e.g. a text of nothing but zero-width characters
        if (error.category() != ErrorCategory::kInput) throw;
        e.row.error = error.message();
        e.inputs.clear();
        reject(e);
        return false;
      }
      e.inputs.push_back(std::move(input));
    }
    return true;
  }

  void reject(WindowRow& e) {
    ++bad_rows_;
    if (o_.strict) throw Error::input("line " + std::to_string(e.row.line) + ": " + e.row.error, o_.input);
    if (bad_rows_ <= kBadRowsShown)
      std::cerr << "attnmap: line " << e.row.line << ": " << e.row.error << " (row skipped)\n";
    else if (bad_rows_ == kBadRowsShown + 1)
      std::cerr << "attnmap: more bad rows follow; manifest.jsonl lists each with its error\n";
    e.record.line = e.row.line;
    e.record.error = e.row.error;
  }

  // Runs each model on one batch of the window; keeps the attention only of examples that may
  // be drawn, so memory stays at one batch of attention whatever the window.
  void predict(Window& w, const std::vector<size_t>& batch) {
    for (size_t m = 0; m < models_.size(); ++m) {
      std::vector<Encoding> encodings;
      for (size_t i : batch) encodings.push_back(w.examples[i].inputs[m].encoding);
      std::vector<RunResult> runs = models_[m]->predict(encodings);
      for (size_t k = 0; k < batch.size(); ++k) w.examples[batch[k]].runs.push_back(std::move(runs[k]));
    }
  }

  void finish_example(Window& w, WindowRow& e) {
    const std::vector<std::string>& labels = models_[0]->manifest().labels;
    batch::ManifestRecord& r = e.record;
    for (size_t m = 0; m < models_.size(); ++m) {
      const RunResult& run = e.runs[m];
      const bool right = e.gold && run.predicted == *e.gold;
      e.correct.push_back(right);
      batch::ModelVerdict verdict;
      verdict.model = models_[m]->manifest().name;
      verdict.predicted = run.predicted_label;
      for (size_t c = 0; c < run.probabilities.size() && c < labels.size(); ++c)
        verdict.probabilities[labels[c]] = run.probabilities[c];
      if (e.gold) verdict.correct = right;
      r.models.push_back(std::move(verdict));
    }
    e.selected = batch::selected(selection_, e.correct, e.gold.has_value());
    r.line = e.row.line;
    r.id = e.row.id;
    r.text = e.row.text;
    if (e.gold) r.gold = labels[*e.gold];
    r.outcome = batch::outcome(e.correct, e.gold.has_value());
    r.selected = e.selected;
    r.truncated = std::any_of(e.inputs.begin(), e.inputs.end(), [](const Example& in) { return in.encoding.truncated; });
    if (e.selected) {
      ++w.selected;
      queue_figures(w, e);
    }
    e.runs.clear();  // the attention is in the queued figures now
    e.inputs.clear();
  }

  void queue_figures(Window& w, WindowRow& e) {
    const std::string folder = "examples/" + batch::example_folder(e.row.line, e.row.id);
    std::filesystem::create_directories(files_.dir / folder);
    ExampleContext context{folder, e.gold ? models_[0]->manifest().labels[*e.gold] : "", extension_, style_,
                           o_.ig_steps, e.row.line};
    std::vector<ModelPart> parts;
    for (size_t m = 0; m < models_.size(); ++m)
      parts.push_back({models_[m]->runner(), models_[m]->manifest().name, &e.inputs[m], &e.runs[m]});
    for (const Method* view : views_) {
      std::vector<PendingFigure> figures;
      try {
        figures = example_figures(*view, parts, context, &e.record.faithfulness);
      } catch (const Error& error) {
        if (error.category() != ErrorCategory::kUsage && error.category() != ErrorCategory::kInput) throw;
        e.record.skipped[view->name] = error.message();
        continue;
      }
      for (PendingFigure& f : figures) {
        e.record.files[f.view] = f.path;
        std::string full = (files_.dir / f.path).string();
        pool_->submit(*w.figures, [write = std::move(f.write), full] { write(full); });
      }
    }
  }

  static constexpr size_t kBadRowsShown = 20;
  const BatchOptions& o_;
  const batch::RunFiles& files_;
  Predictors& models_;
  std::vector<const Method*> views_;
  std::set<size_t> done_;
  batch::Selection selection_;
  FigureStyle style_;
  std::string extension_;
  batch::TaskPool* pool_ = nullptr;
  size_t recorded_ = 0, selected_recorded_ = 0, bad_rows_ = 0;
};

// --- after the run -----------------------------------------------------------------------------

// A SIGKILL in the middle of a write leaves its temporary (".NAME.tmp-XXXXXX"): never a file
// anyone reads, but litter; a resumed run sweeps it.
void remove_temporaries(const std::filesystem::path& dir) {
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::recursive_directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos && it->is_regular_file(ec))
      std::filesystem::remove(it->path(), ec);
  }
}

std::optional<size_t> count_rows(const BatchOptions& o, batch::InputFormat format, const batch::Shard& shard) {
  if (o.input == "-") return o.limit > 0 ? std::optional<size_t>(o.limit / shard.count) : std::nullopt;
  std::ifstream in(o.input, std::ios::binary);
  size_t lines = 0;
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    lines += static_cast<size_t>(std::count(buffer.begin(), buffer.begin() + in.gcount(), '\n'));
  if (format != batch::InputFormat::kJsonl && lines > 0) --lines;  // the header
  if (o.limit > 0) lines = std::min(lines, o.limit);
  return (lines + shard.count - 1) / shard.count;
}

}  // namespace

bool run_batch(const BatchOptions& o, const PredictorLoader& load) {
  const std::vector<const Method*> views = split_views(o.views);
  const batch::Shard shard = o.shard.empty() ? batch::Shard{} : batch::parse_shard(o.shard);
  const batch::Selection selection = batch::parse_selection(o.select);
  const batch::RunFiles files = batch::run_files(o.out_dir, shard);

  // The input first: a missing file or a bad header fails before the models load.
  batch::DataSet data(o.input, o.format, o.columns, selection, o.select);
  batch::RowReader& reader = data.rows();
  const batch::InputFormat format = data.format();

  Predictors models = load(o);
  if (models.empty()) throw Error::usage("no model to run");
  if (models.size() > 1 && models[1]->manifest().labels != models[0]->manifest().labels)
    throw Error::usage("the two models name their classes differently; --compare needs the same id2label", o.compare);
  if (models[0]->manifest().labels.empty())
    throw Error::usage("the model has no classifier head (no id2label): batch mode compares predictions with labels");
  for (const auto& model : models) {
    available_methods(views, model->manifest(), false, "--views");
    if (std::any_of(views.begin(), views.end(), [](const Method* v) { return v->shape == Shape::kCurves; }))
      available_methods(find_methods("all", faithfulness_scored, "--views"), model->manifest(), true, "--views");
  }

  const batch::RunSettings settings =
      run_settings(o, view_names(views), models, resolve_model(o.model).string(), shard, format);
  std::error_code ec;
  std::filesystem::create_directories(files.dir, ec);
  if (ec) throw Error::io("cannot create the output directory: " + ec.message(), o.out_dir);
  std::set<size_t> done;
  if (std::filesystem::exists(files.settings)) {
    if (!o.resume)
      throw Error::usage("the output directory already holds this run (" + files.settings.filename().string() +
                             "): add --resume to continue it, or choose another directory",
                         o.out_dir);
    std::string differ = batch::differing_settings(read_settings(files.settings), settings);
    if (!differ.empty())
      throw Error::usage("--resume with different settings than the run in the output directory (" + differ + ")",
                         files.settings.string());
    remove_temporaries(files.dir);
    done = batch::completed_lines(files.manifest, files.dir);
  } else if (std::filesystem::exists(files.manifest)) {
    throw Error::usage("the output directory has a manifest but no settings file: not a run to continue", o.out_dir);
  }
  write_settings(files.settings, settings, false);
  if (!std::filesystem::exists(files.manifest)) append_file_durably(files.manifest, "");

  if (!done.empty()) std::cerr << "attnmap: resuming: " << done.size() << " rows already done\n";
  // Counting the rows reads the input once more: only worth it when someone sees the total.
  std::optional<size_t> total = o.no_progress ? std::nullopt : count_rows(o, format, shard);
  batch::Progress progress(total, !o.no_progress && ::isatty(STDERR_FILENO) != 0, o.no_progress ? 1e18 : 10.0);

  bool finished = false;
  size_t recorded = 0, selected = 0;
  {
    StopOnSignals signals;
    BatchRun run(o, files, models, views, done);
    finished = run.run(reader, shard, progress);
    recorded = run.rows_recorded();
    selected = run.selected_recorded();
  }
  if (!o.no_progress) progress.finish(done.size() + recorded, selected);

  if (finished) {
    write_settings(files.settings, settings, true);
  }
  if (shard.whole()) {
    write_reports(files, settings, finished, [&](const auto& each) { batch::read_manifest(files.manifest, each); });
  }
  if (!finished) {
    std::cerr << "attnmap: interrupted; " << files.manifest.filename().string() << " holds "
              << done.size() + recorded << " complete rows. Run the same command with --resume to continue.\n";
    return false;
  }
  if (shard.whole()) {
    std::cout << files.index.string() << "\n";
  } else {
    std::cerr << "attnmap: shard " << shard.index << "/" << shard.count
              << " done; when every shard is, join them with: attnmap batch --merge --out-dir " << o.out_dir << "\n";
  }
  return true;
}

bool run_batch(const BatchOptions& o) {
  return run_batch(o, [](const BatchOptions& options) {
    ModelOptions model_options = options.model;
    model_options.threads = model_threads(options);
    Predictors models;
    models.push_back(load_predictor(model_options));
    if (!options.compare.empty()) models.push_back(load_predictor(other_model(model_options, options.compare)));
    return models;
  });
}

}  // namespace attnmap::explain
