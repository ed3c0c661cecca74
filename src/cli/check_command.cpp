// attnmap check: smoke-tests a model bundle, for CI. Each check prints one line; --junit writes
// the same as JUnit XML; the exit code is 0 when every check passed and 4 (model) otherwise.
#include <algorithm>
#include <iostream>
#include <memory>

#include "attnmap/error.h"
#include "attnmap/files.h"
#include "batch/checklist.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "explain/bundle_checks.h"

namespace attnmap::cli {
namespace {

constexpr const char* kCheckHelp = R"(Checks, each one line (ok / FAIL):
  manifest and module agree (layers, heads, classes, methods), the tokenizer's ids fit the
  embedding table, forward passes on built-in sentences (several lengths up to the maximum, a
  pair), attention rows are probability distributions, a padded batch equals single runs, a
  figure renders; with --golden FILE (attnmap export --golden FILE, or
  scripts/ref/make_golden.py model) logits and attentions match the recorded reference outputs.
Exit code 0 when all pass, 4 when any fails. --junit OUT.xml writes JUnit XML for CI.)";

void run_check(const explain::CheckOptions& o) {
  if (!o.junit.empty()) check_output_location(o.junit);
  batch::Checklist list(std::cout);
  const std::string model = explain::check_bundle(o, list);
  if (!o.junit.empty()) write_file_atomic(o.junit, batch::junit_xml(list, model));
  const size_t failed = list.failures();
  if (failed > 0) {
    const auto& all = list.outcomes();
    const batch::Outcome& first = *std::find_if(all.begin(), all.end(), [](const batch::Outcome& c) { return !c.passed; });
    throw Error::model(std::to_string(failed) + " of " + std::to_string(all.size()) + " checks failed, first '" +
                       first.name + "': " + first.detail);
  }
  std::cout << "all " << list.outcomes().size() << " checks passed\n";
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto o = std::make_shared<explain::CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Smoke-test a model bundle (for CI): one line per check, exit code");
  cmd->footer(kCheckHelp);
  add_model_options(*cmd, o->model);
  cmd->add_option("--golden", o->golden, "Reference outputs to match (JSON from attnmap export --golden)");
  cmd->add_option("--junit", o->junit, "Write the results as JUnit XML");
  cmd->add_option("--attention-tolerance", o->attention_tolerance, "Largest allowed |attention diff| with --golden")
      ->capture_default_str();
  cmd->add_option("--logit-tolerance", o->logit_tolerance, "Largest allowed |logit diff| with --golden")
      ->capture_default_str();
  return [o] { run_check(*o); };
}

}  // namespace attnmap::cli
