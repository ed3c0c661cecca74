#include "explain/explorer_data.h"

#include <algorithm>
#include <optional>

#include "attnmap/error.h"
#include "attnmap/value_norm.h"
#include "attnmap/words.h"

namespace attnmap::explain {
namespace {

// "layer 3", "layers 0..3", "layer 0 alone": the layer part of a view's description, which goes
// on to say what the view is ("attention rollout through layers 0..3 (mean over heads, ...)").
std::string layer_label(const std::string& description) {
  const size_t start = description.find("layer");
  if (start == std::string::npos) return description;
  std::string label = description.substr(start);
  for (const char* end : {" \xC2\xB7 ", " (", " for "}) label = label.substr(0, label.find(end));
  return label;
}

// The head entries of a view: each head, and "all heads" (--head mean) where the view takes a head.
bool takes_heads(const Method& m) { return m.name == "valuenorm"; }

// One view's matrices for every layer entry: --layer 0, 1, ... and, when it differs from all of
// them (gradattn's rollout), the view's default.
explorer::MatrixSet view_set(const Method& method, const Subject& subject, size_t heads,
                             const std::optional<size_t>& target) {
  explorer::MatrixSet set;
  set.name = method.name;
  set.title = method.name;
  set.help = method.help;
  // Every view is asked for --head mean; valuenorm's heads are each head's attention with its key
  // columns scaled by ‖f_h(x_j)‖, which the page multiplies out (a twelfth of the bytes).
  const std::vector<std::string> head_options = {"mean"};
  if (takes_heads(method)) {
    for (size_t h = 0; h < heads; ++h) {
      set.head_options.push_back(std::to_string(h));
      set.head_labels.push_back("head " + std::to_string(h));
    }
    set.head_options.push_back("mean");
    set.head_labels.push_back("all heads");
    set.scaled_heads = heads;
    set.column_scales = value_vector_norms(subject.value_vectors().vectors);
  }
  const size_t layers = subject.run.attention.layers;
  if (method.layer_chain) {
    for (ViewMatrix& v : method.layer_chain(subject)) {
      set.rows = v.matrix.rows;
      set.cols = v.matrix.cols;
      set.value_caption = v.value_caption;
      set.layer_labels.push_back(layer_label(v.description));
      set.layer_options.push_back(v.layer_text);
      set.values.insert(set.values.end(), v.matrix.values.begin(), v.matrix.values.end());
    }
    return set;
  }
  std::vector<std::string> layer_requests;
  for (size_t l = 0; l < layers; ++l) layer_requests.push_back(std::to_string(l));
  layer_requests.push_back("");
  std::vector<std::string> descriptions;
  for (const std::string& layer : layer_requests) {
    std::vector<float> values;
    std::string label;
    for (const std::string& head : head_options) {
      ViewRequest request;
      request.view = method.name;
      request.layer = layer;
      request.head = head;
      request.target = target;  // gradattn, headweighted: the class --target names
      const ViewMatrix v = compute_view(method, subject, request);
      set.rows = v.matrix.rows;
      set.cols = v.matrix.cols;
      set.value_caption = v.value_caption;
      values.insert(values.end(), v.matrix.values.begin(), v.matrix.values.end());
      // A view's description names the layers and, for one head, the head after a " · ".
      if (label.empty()) label = takes_heads(method) ? "layer " + v.layer_text : layer_label(v.description);
    }
    if (layer.empty() && std::find(descriptions.begin(), descriptions.end(), label) != descriptions.end()) break;
    descriptions.push_back(label);
    set.layer_labels.push_back(label.empty() ? "all layers" : label);
    set.layer_options.push_back(layer.empty() ? "all" : layer);
    set.values.insert(set.values.end(), values.begin(), values.end());
  }
  return set;
}

// A method that is both a view and a saliency method fails twice for the same reason: one note.
void note_left_out(explorer::ModelPage& page, const Method& m, const Error& e) {
  const std::string note = m.name + " left out: " + e.message();
  if (std::find(page.notes.begin(), page.notes.end(), note) == page.notes.end()) page.notes.push_back(note);
}

}  // namespace

bool explorer_method(const Method& m) {
  if (saliency_method(m)) return true;
  if (!m.in_render || !m.matrix) return false;
  return m.name == "headimportance" || (m.shape == Shape::kMatrix && m.token_axes);
}

std::vector<const Method*> explorer_methods(const std::string& list, const Manifest& manifest, size_t tokens,
                                            std::string& left_out) {
  const bool chosen = !list.empty();
  std::vector<const Method*> methods = available_methods(find_methods(chosen ? list : "all", explorer_method, "--methods"),
                                                         manifest, !chosen || list == "all", "--methods");
  left_out.clear();
  if (chosen || tokens <= kQuickPageTokens) return methods;
  std::vector<const Method*> quick;
  for (const Method* m : methods) {
    if (!m->slow_on_long_texts) quick.push_back(m);
    else left_out += (left_out.empty() ? "" : ", ") + m->name;
  }
  return quick;
}

std::string slow_methods_note(const std::string& left_out, size_t tokens) {
  return left_out + " left out: at " + std::to_string(tokens) +
         " tokens each takes a minute or more on a CPU (--methods all includes them)";
}

explorer::ModelPage explorer_model(ModelRunner& runner, const std::string& name, const Example& example,
                                   const RunResult& run, const std::vector<const Method*>& methods, const IgOptions& ig) {
  explorer::ModelPage page;
  page.name = name;
  page.tokens = example.labels;
  const Encoding& e = example.encoding;
  page.special.assign(e.special_tokens_mask.begin(), e.special_tokens_mask.end());
  page.segment = e.sequence_ids;
  const std::vector<WordGroup> groups = word_groups(e, example.text, example.pair);
  page.word.resize(e.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    page.word_labels.push_back(groups[g].label);
    for (size_t t = groups[g].begin; t < groups[g].end; ++t) page.word[t] = g;
  }
  const std::vector<std::string>& labels = runner.manifest().labels;
  for (size_t c = 0; c < run.probabilities.size(); ++c)
    page.class_labels.push_back(c < labels.size() ? labels[c] : std::to_string(c));
  page.probabilities = run.probabilities;
  page.predicted = run.predicted;
  page.gold = example.gold;
  page.attention = run.attention;
  const Subject subject{&runner, example, run};
  for (const Method* m : methods) {
    if (!m->matrix || m->name == "matrix") continue;
    try {
      if (m->name == "headimportance") {
        ViewRequest request;
        request.view = m->name;
        request.target = ig.target;
        page.head_importance = compute_view(*m, subject, request).matrix.values;
      } else {
        page.views.push_back(view_set(*m, subject, run.attention.heads, ig.target));
      }
    } catch (const Error& err) {
      if (err.category() == ErrorCategory::kModel || err.category() == ErrorCategory::kIO) throw;
      note_left_out(page, *m, err);
    }
  }
  for (const Method* m : methods) {
    if (!saliency_method(*m)) continue;
    try {
      MethodScores s = m->scores(subject, ig);
      page.scores.push_back({m->name, m->help, std::move(s.values), s.target});
    } catch (const Error& err) {
      if (err.category() == ErrorCategory::kModel || err.category() == ErrorCategory::kIO) throw;
      note_left_out(page, *m, err);
    }
  }
  return page;
}

}  // namespace attnmap::explain
