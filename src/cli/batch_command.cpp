// attnmap batch: a labelled data set through one classifier, or two (--compare). Every row is
// predicted in length-sorted padded batches; the rows --select keeps get the figures of --views,
// rendered on worker threads; the output directory holds examples/, manifest.jsonl (one record
// per row), summary.json and index.html. Sharding, resuming and merging are in batch_run.cpp.
#include <memory>

#include "attnmap/error.h"
#include "explain/batch_run.h"
#include "explain/registry.h"
#include "cli/commands.h"

namespace attnmap::cli {
namespace {

constexpr const char* kBatchHelp = R"(Run a labelled data set through a classifier and keep the examples it gets wrong.

Input (--input FILE or - for standard input): TSV or CSV with a header line, or JSON Lines, each
gzip-compressed or not (read as it streams); the format comes from the extension (data.tsv,
data.tsv.gz) or --format. Columns: --text-col (default text), --label-col
(default label; a class name from the model's id2label or a class id), --id-col (default id; when
absent, examples are named by their line number). Rows that cannot be used (no text, an unknown
label, invalid UTF-8, a wrong number of fields) are reported with their line number and skipped;
the summary counts them; --strict stops at the first.

Output (--out-dir DIR):
  examples/LINE-ID/VIEW.png   the figures of each selected example (the id reduced to safe
                              characters: nothing is ever written outside DIR)
  manifest.jsonl              one record per row: id, text, gold label, each model's prediction
                              and probabilities, outcome, the files written (or the row's error)
  summary.json                counts, accuracy and confusion matrix per model, agreement
  index.html                  a gallery that opens from disk: filter by outcome, sort

--select misclassified (default; with --compare: wrong by either model), correct, or all.
--compare DIR2: both models run on every row; outcomes are both_right, only_a_wrong,
only_b_wrong, both_wrong, and figures show the two side by side.
--views (comma-separated): mean (last layer, mean over heads; default), grid (layers x heads),
cls (the [CLS] row as a strip), rollout, flow, gradattn, valuenorm (as in render), saliency
(IG, gradient-weighted rollout and rollout as a strip).

Large data sets: --shard K/N (0 <= K < N) takes every N-th row starting at the K-th, so N
processes (a Slurm array, a Kubernetes indexed Job: examples/slurm, examples/k8s) split the work
with no coordination, into one shared --out-dir; then `attnmap batch --merge --out-dir DIR` joins their manifests and writes the
summary and gallery. --resume continues a killed or interrupted run where it stopped: the manifest
is appended only after an example's files exist, and files are written whole (temporary + rename).
Ctrl-C stops after the current window of rows with a consistent manifest (exit 130).)";

}  // namespace

Command add_batch_command(CLI::App& app) {
  auto o = std::make_shared<explain::BatchOptions>();
  CLI::App* cmd = app.add_subcommand("batch", "Run a labelled data set; keep and draw the examples a model gets wrong");
  cmd->footer(kBatchHelp);
  add_model_options(*cmd, o->model);
  cmd->add_option("--input,-i", o->input, "The data set: .tsv, .csv or .jsonl (each maybe .gz), or - for standard input");
  cmd->add_option("--out-dir,-o", o->out_dir, "Directory for the figures, manifest, summary and gallery")->required();
  cmd->add_option("--format", o->format, "Input format when the name does not say: tsv, csv, jsonl")
      ->check(CLI::IsMember({"tsv", "csv", "jsonl"}));
  cmd->add_option("--text-col", o->columns.text, "Column (or JSON field) with the text")->capture_default_str();
  CLI::Option* label_col = cmd->add_option("--label-col", o->columns.label, "Column with the gold label (name or class id)")->capture_default_str();
  CLI::Option* id_col = cmd->add_option("--id-col", o->columns.id, "Column with the example id (default: line numbers)")->capture_default_str();
  cmd->add_option("--select", o->select, "misclassified, correct or all")
      ->check(CLI::IsMember({"misclassified", "correct", "all"}))->capture_default_str();
  cmd->add_option("--compare", o->compare, "A second model bundle, run on every row and drawn beside the first");
  cmd->add_option("--views", o->views, "Figures per selected example: " + explain::method_names(explain::batch_view))
      ->capture_default_str();
  cmd->add_option("--batch-size", o->batch_size, "Rows per padded model batch")->check(CLI::Range(1, 4096))
      ->capture_default_str();
  cmd->add_option("--jobs,-j", o->jobs, "Threads drawing figures (0: half the cores, at most 8; the model gets the rest unless --threads)")
      ->check(CLI::Range(0, 256))->capture_default_str();
  cmd->add_option("--shard", o->shard, "K/N: this process's slice of the rows (0 <= K < N)");
  cmd->add_flag("--resume", o->resume, "Continue the run in --out-dir, skipping examples already complete");
  cmd->add_flag("--merge", o->merge, "Join the shards written into --out-dir (no model is run)");
  cmd->add_option("--limit", o->limit, "Only the first N data rows")->check(CLI::PositiveNumber);
  cmd->add_flag("--strict", o->strict, "Stop at the first bad row instead of skipping it");
  cmd->add_option("--max-length", o->max_length, "Truncate to this many tokens (default: the model's maximum)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--tokens", o->tokens, "Token labels: clean, raw or text")
      ->check(CLI::IsMember({"clean", "raw", "text"}))->capture_default_str();
  cmd->add_option("--image-format", o->image_format, "png or svg")->check(CLI::IsMember({"png", "svg"}))
      ->capture_default_str();
  cmd->add_option("--cmap", o->cmap, "Colormap of the attention views")->capture_default_str();
  cmd->add_option("--steps", o->ig_steps, "--views saliency: Integrated Gradients steps")->check(CLI::Range(1, 10000))
      ->capture_default_str();
  cmd->add_flag("--no-progress", o->no_progress, "No progress lines on standard error");
  return [o, label_col, id_col] {
    o->columns.label_given = label_col->count() > 0;
    o->columns.id_given = id_col->count() > 0;
    if (o->merge) {
      explain::merge_batch_shards(*o);
      return;
    }
    if (o->input.empty()) throw Error::usage("no data set: give --input FILE (or - for standard input)", "--input");
    if (!explain::run_batch(*o)) throw Interrupted{};
  };
}

}  // namespace attnmap::cli
