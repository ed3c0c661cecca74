// attnmap faithfulness: which map to trust. Each saliency method's token scores are tested by
// removing the tokens they rank highest (comprehensiveness) or all but those (sufficiency), on one
// text or a data set, against a random ranking and leave-one-out occlusion.
#include <memory>

#include "cli/commands.h"
#include "cli/ig_options.h"
#include "cli/input.h"
#include "cli/options.h"
#include "explain/faithfulness_run.h"
#include "explain/registry.h"

namespace attnmap::cli {
namespace {

constexpr const char* kFaithfulnessHelp = R"(Does a saliency map tell what the prediction rests on? Each method's token scores are put to
the test on the model itself: remove the tokens it ranks highest, and the prediction should fall
(comprehensiveness); keep only those, and it should stand (sufficiency).

Definitions (anyone can recompute them from --json, which lists every score and ranking):
  For an example with target class y (default: the predicted class), a method gives a score per
  token. Special tokens ([CLS], [SEP], <s>, </s>, the pair separator) are never removed and not
  counted; the other n tokens are ranked by score, highest first, ties by position.
  Bins K = {1, 5, 10, 20, 50}% (ERASER's); at bin k the top ceil(k*n/100) tokens are the
  rationale r_k.
  comprehensiveness_k = p(y|x) - p(y|x \ r_k); sufficiency_k = p(y|x) - p(y|r_k + specials).
  AOPC-comprehensiveness and AOPC-sufficiency are the plain means over K. Higher
  comprehensiveness and lower sufficiency are better.
  Removal works on token ids, never by decoding and re-tokenizing: delete drops the ids and packs
  the sequence (positions shift, as in ERASER); mask replaces them with the model's mask token
  ([MASK], <mask>). For sufficiency the tokens removed are all non-special tokens outside r_k.
  Scores come from each method with the same defaults as `saliency` (so `saliency --json` gives
  the ranking that faithfulness evaluates).
  Baselines: random, 5 seeded random rankings with their numbers averaged; loo, leave-one-out
  occlusion, whose score for token i is p(y|x) - p(y|x \ {i}). tau-LOO is Kendall's tau-b between
  a method's scores and loo's.
  Over a data set: each number's mean with a 95% bootstrap interval (1,000 resamples of the
  examples, seeded by --seed), for all examples and split into rightly and wrongly classified
  ones (--json and faithfulness.json).

Every distinct perturbed input is run once, in length-sorted padded batches. A method that cannot
run on an example (flow over its length limit) is skipped there and the count is reported. With
--threads 0 the model gets half the cores: libtorch's all-cores default spins against anything
else running.)";

struct FaithfulnessCliOptions {
  explain::FaithfulnessOptions run;
  InputOptions input;
  IgCliOptions ig;
};

}  // namespace

Command add_faithfulness_command(CLI::App& app) {
  auto o = std::make_shared<FaithfulnessCliOptions>();
  explain::FaithfulnessOptions& run = o->run;
  CLI::App* cmd =
      app.add_subcommand("faithfulness", "Which map to trust: each saliency method's comprehensiveness and sufficiency");
  cmd->footer(kFaithfulnessHelp);
  add_model_options(*cmd, run.model);
  add_input_options(*cmd, o->input);
  cmd->add_option("--input,-i", run.input, "A data set (.tsv, .csv, .jsonl, each maybe .gz, or - for standard input) instead of one text");
  cmd->add_option("--format", run.format, "Input format when the name does not say: tsv, csv, jsonl")
      ->check(CLI::IsMember({"tsv", "csv", "jsonl"}));
  cmd->add_option("--text-col", run.columns.text, "Column (or JSON field) with the text")->capture_default_str();
  cmd->add_option("--label-col", run.columns.label, "Column with the gold label (name or class id)")->capture_default_str();
  cmd->add_option("--id-col", run.columns.id, "Column with the example id (default: line numbers)")->capture_default_str();
  cmd->add_option("--select", run.select, "all, misclassified or correct")
      ->check(CLI::IsMember({"all", "misclassified", "correct"}))
      ->capture_default_str();
  cmd->add_option("--limit", run.limit, "Only the first N data rows")->check(CLI::PositiveNumber);
  cmd->add_option("--methods", run.methods, explain::method_names(explain::faithfulness_scored) + " (comma-separated), all, or none (only --scores)")
      ->capture_default_str();
  cmd->add_option("--scores", run.scores,
                  "JSON Lines of your own methods' token scores, ranked beside attnmap's: per line {\"line\": N (or "
                  "\"id\": ...), \"scores\": {\"name\": [one number per token of attnmap's encoding, specials "
                  "included]}}");
  cmd->add_option("--removal", run.removal, "delete (drop the ids) or mask (the mask token in their place)")
      ->check(CLI::IsMember({"delete", "mask"}))
      ->capture_default_str();
  cmd->add_option("--target", run.target, "One text: class name or id to explain (default: the predicted class)");
  add_ig_options(*cmd, o->ig);
  cmd->add_option("--batch-size", run.batch_size, "Perturbed inputs per padded model batch")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  cmd->add_option("--seed", run.seed, "Seed of the random baseline and the bootstrap")->capture_default_str();
  cmd->add_option("--out-dir", run.out_dir, "Write faithfulness.jsonl (per example) and faithfulness.json (summary) here");
  cmd->add_option("--shard", run.shard, "K/N: this process's slice of the data set's rows (with --out-dir)");
  cmd->add_flag("--resume", run.resume, "Continue the run in --out-dir, skipping the examples already there");
  cmd->add_flag("--merge", run.merge, "Join the finished shards in --out-dir (no model is run)");
  cmd->add_option("--output,-o", run.figure, "The curves figure (.png or .svg); default DIR/curves.png with --out-dir");
  cmd->add_option("--image-format", run.image_format, "The curves figure's format in --out-dir: png or svg")
      ->check(CLI::IsMember({"png", "svg"}))
      ->capture_default_str();
  cmd->add_flag("--json", run.json, "Print the summary (and a single text's record) as JSON instead of the table");
  cmd->add_flag("--no-progress", run.no_progress, "No progress lines on standard error");
  cmd->add_flag("--timings", run.timings,
                "At the end, one line on standard error: the seconds spent on the methods' scores and on the perturbed inputs (how many, their tokens)");
  return [o] {
    explain::FaithfulnessOptions options = o->run;
    options.ig = ig_options(o->ig);
    options.encoding = o->input.encoding;
    std::optional<Example> text;
    if (options.input.empty() && !options.merge) text = read_input(o->input);
    explain::run_faithfulness(options, std::move(text));
  };
}

}  // namespace attnmap::cli
