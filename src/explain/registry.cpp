#include "explain/registry.h"

#include <algorithm>
#include <iostream>

#include "attnmap/error.h"
#include "attnmap/views.h"
#include "explain/methods.h"

namespace attnmap::explain {

const std::vector<Method>& methods() {
  static const std::vector<Method> table = {
      matrix_method(), grid_method(), heads_method(), cls_method(), ig_method(), gradattn_method(),
      rollout_method(), flow_method(), valuenorm_method(), headimportance_method(), headweighted_method(), alti_method(), globenc_method(), valuezeroing_method(),
      decompx_method(), gradnorm_method(), gradxinput_method(), attnlrp_method(), cplrp_method(), loo_method(),
      saliency_strip_method(), faithfulness_method(), explorer_page_method(),
  };
  return table;
}

bool render_view(const Method& m) { return m.in_render; }
bool batch_view(const Method& m) { return m.in_batch; }
bool saliency_method(const Method& m) { return static_cast<bool>(m.scores); }
bool faithfulness_scored(const Method& m) { return saliency_method(m) && m.name != "loo"; }

std::string method_names(const std::function<bool(const Method&)>& accepts) {
  std::string names;
  for (const Method& m : methods())
    if (accepts(m)) names += (names.empty() ? "" : ", ") + m.name;
  return names;
}

const Method& find_method(std::string_view name, const std::function<bool(const Method&)>& accepts, const char* option,
                          const char* what) {
  for (const Method& m : methods()) {
    if (!accepts(m)) continue;
    if (m.name == name) return m;
    for (const std::string& alias : m.aliases)
      if (alias == name) return m;
  }
  throw Error::usage("unknown " + std::string(what) + " '" + std::string(name) + "' (" + method_names(accepts) + ")",
                     option);
}

std::vector<const Method*> find_methods(const std::string& list, const std::function<bool(const Method&)>& accepts,
                                        const char* option, const char* what) {
  std::vector<const Method*> out;
  if (list == "all") {
    for (const Method& m : methods())
      if (accepts(m)) out.push_back(&m);
    return out;
  }
  size_t start = 0;
  while (true) {
    const size_t comma = list.find(',', start);
    const Method* m = &find_method(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start),
                                   accepts, option, what);
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

std::string unavailable_reason(const Method& m, const Manifest& manifest) {
  if (m.bundle_method.empty()) return {};
  const auto found = manifest.unavailable_methods.find(m.bundle_method);
  return found == manifest.unavailable_methods.end() ? std::string() : found->second;
}

std::vector<const Method*> available_methods(std::vector<const Method*> methods, const Manifest& manifest, bool all,
                                             const char* option) {
  std::string left_out, reasons;
  std::vector<const Method*> kept;
  for (const Method* m : methods) {
    const std::string why = unavailable_reason(*m, manifest);
    if (why.empty()) {
      kept.push_back(m);
      continue;
    }
    if (!all) throw Error::usage("'" + m->name + "' is not available for this model: " + why, option);
    left_out += (left_out.empty() ? "" : ", ") + m->name;
    if (reasons.find(why) == std::string::npos) reasons += (reasons.empty() ? "" : "; ") + why;
  }
  if (!left_out.empty()) std::cerr << "attnmap: note: " << left_out << " left out of all: " << reasons << "\n";
  return kept;
}

ViewMatrix compute_view(const Method& method, const Subject& subject, const ViewRequest& request) {
  if (!method.matrix) throw Error::usage("'" + method.name + "' is not a matrix view", "--view");
  ViewMatrix v = method.matrix(subject, request);
  if (method.token_axes) label_axes(v.matrix, subject.example.labels);
  return v;
}

Saliency compute_saliency(const std::vector<const Method*>& methods, const Subject& subject, const IgOptions& ig) {
  Saliency s;
  s.target = subject.run.predicted;
  for (const Method* m : methods) {
    s.methods.push_back(m->scores(subject, ig));
    if (s.methods.back().target) s.target = *s.methods.back().target;
  }
  return s;
}

}  // namespace attnmap::explain
