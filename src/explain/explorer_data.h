#pragma once
// What the explorer page shows of one model on one example: every render view with a matrix on
// the tokens (each layer entry, each head where the view has heads) and every saliency method,
// computed through the registry exactly as `render --view` and `saliency --method` compute them.
#include <string>
#include <vector>

#include "attnmap/integrated_gradients.h"
#include "attnmap/model.h"
#include "explain/registry.h"
#include "explorer/page.h"

namespace attnmap::explain {

// `methods`: the views and saliency methods to include (the registry's, already filtered to what
// the bundle has). A view or method that refuses this input (flow past 64 tokens, a method that
// needs a classifier head) is left out with a note in the page saying why; model failures throw.
explorer::ModelPage explorer_model(ModelRunner& runner, const std::string& name, const Example& example,
                                   const RunResult& run, const std::vector<const Method*>& methods, const IgOptions& ig);

// The methods of a page for `tokens` tokens on the model of `manifest`: those `list` names
// (comma-separated, or "all"), or, for an empty list, all of them less those slow on long texts
// past kQuickPageTokens, which `left_out` then names ("alti, loo"). Unknown names and, from a
// list, names the bundle cannot run are Error::usage naming --methods.
std::vector<const Method*> explorer_methods(const std::string& list, const Manifest& manifest, size_t tokens,
                                            std::string& left_out);
constexpr size_t kQuickPageTokens = 128;  // at 500 tokens each slow method takes 30 s to minutes on 2 cores

// The note a page gets for the methods explorer_methods left out.
std::string slow_methods_note(const std::string& left_out, size_t tokens);

// The views and methods a page can show: render views with a matrix on the tokens, headimportance
// (the page's head table), and every saliency method.
bool explorer_method(const Method& m);

}  // namespace attnmap::explain
