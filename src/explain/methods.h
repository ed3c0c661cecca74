#pragma once
// The entries of the registry, one function each, defined in the method_*.cpp files; and what
// several of them share. registry.cpp lists them.
#include <string>

#include "attnmap/attention.h"
#include "attnmap/rollout.h"
#include "explain/registry.h"

namespace attnmap::explain {

Method matrix_method();     // method_heads.cpp
Method cls_method();        // method_heads.cpp
Method grid_method();       // method_panels.cpp
Method heads_method();      // method_panels.cpp
Method rollout_method();    // method_rollout.cpp
Method flow_method();       // method_rollout.cpp
Method gradattn_method();   // method_gradattn.cpp
Method headimportance_method();  // method_gradattn.cpp
Method headweighted_method();    // method_gradattn.cpp
Method valuenorm_method();  // method_valuenorm.cpp
Method explorer_page_method();  // method_panels.cpp
Method ig_method();         // method_ig.cpp
Method alti_method();          // method_decompositions.cpp
Method globenc_method();       // method_decompositions.cpp
Method valuezeroing_method();  // method_decompositions.cpp
Method decompx_method();       // method_decompositions.cpp
Method gradnorm_method();      // method_gradients.cpp
Method gradxinput_method();    // method_gradients.cpp
Method attnlrp_method();       // method_gradients.cpp
Method cplrp_method();         // method_gradients.cpp
Method loo_method();           // method_gradients.cpp
Method saliency_strip_method();  // method_panels.cpp
Method faithfulness_method();    // method_panels.cpp

// One layer's heads as `head` says: "mean", "max" or one head's index; head_text says which.
Matrix heads_of(const AttentionStack& stack, size_t layer, const std::string& head, std::string& head_text);

// --layer of the views through the stack: "" or "all" for every layer, N for layers 0..N, A..B for
// layers A to B (N..N: layer N's own matrix).
LayerRange chained_layers(const std::string& layer);
// "layers 0..N" as chained_layers reads `layer`.
std::string chained_text(const std::string& layer, size_t layers);

// The first row of a matrix: the [CLS] / <s> row, what the saliency methods take of a view.
std::vector<float> first_row(const Matrix& m);

}  // namespace attnmap::explain
