#pragma once
// What the explorer page shows of one model on one example: every render view with a matrix on
// the tokens (each layer entry, each head where the view has heads) and every saliency method,
// computed through the registry exactly as `render --view` and `saliency --method` compute them.
#include <vector>

#include "attnmap/integrated_gradients.h"
#include "explain/model_setup.h"
#include "explain/registry.h"
#include "explorer/page.h"

namespace attnmap::explain {

// `methods`: the views and saliency methods to include (the registry's, already filtered to what
// the bundle has). A view or method that refuses this input (flow past 64 tokens, a method that
// needs a classifier head) is left out with a note in the page saying why; model failures throw.
explorer::ModelPage explorer_model(LoadedModel& model, const Example& example, const RunResult& run,
                                   const std::vector<const Method*>& methods, const IgOptions& ig);

// The views and methods a page can show: render views with a matrix on the tokens, headimportance
// (the page's head table), and every saliency method.
bool explorer_method(const Method& m);

}  // namespace attnmap::explain
