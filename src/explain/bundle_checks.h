#pragma once
// The checks of `attnmap check`: a model bundle smoke-tested as CI wants it (manifest and module
// agree, the tokenizer fits the embedding table, forward passes on sentences of several lengths,
// attention rows are distributions, padding changes nothing, a figure renders, optionally the
// golden reference outputs).
#include <string>

#include "batch/checklist.h"
#include "explain/model_setup.h"

namespace attnmap::explain {

struct CheckOptions {
  ModelOptions model;
  std::string golden, junit;
  double attention_tolerance = 1e-5, logit_tolerance = 1e-4;
};

// Runs every check that what came before allows into `list`; returns the model's name for the
// report ("default" when the bundle could not be opened and none was named).
std::string check_bundle(const CheckOptions& options, batch::Checklist& list);

}  // namespace attnmap::explain
