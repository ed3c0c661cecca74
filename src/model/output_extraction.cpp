#include "model/output_extraction.h"

#include <sstream>
#include <vector>

#include "attnmap/error.h"

namespace attnmap::model {
namespace {

struct Found {
  std::vector<torch::Tensor> tensors;          // every tensor, in order of appearance
  std::vector<std::vector<torch::Tensor>> groups;  // every tuple/list made only of tensors
};

void collect(const c10::IValue& v, Found& found, int depth = 0) {
  if (depth > 4) return;
  if (v.isTensor()) {
    found.tensors.push_back(v.toTensor());
    return;
  }
  std::vector<c10::IValue> items;
  if (v.isTuple()) {
    for (const auto& e : v.toTupleRef().elements()) items.push_back(e);
  } else if (v.isList()) {
    for (const auto& e : v.toListRef()) items.push_back(e);
  } else if (v.isGenericDict()) {
    for (const auto& e : v.toGenericDict()) items.push_back(e.value());
  } else {
    return;
  }
  std::vector<torch::Tensor> group;
  bool all_tensors = !items.empty();
  for (const auto& item : items) {
    if (item.isTensor()) group.push_back(item.toTensor());
    else all_tensors = false;
  }
  if (all_tensors && depth > 0) found.groups.push_back(group);
  for (const auto& item : items) collect(item, found, depth + 1);
}

std::string describe(const Found& found) {
  std::ostringstream out;
  out << "the module returned " << found.tensors.size() << " tensor(s)";
  for (size_t i = 0; i < found.tensors.size() && i < 6; ++i) out << (i ? ", " : ": ") << found.tensors[i].sizes();
  return out.str();
}

bool is_attention_4d(const torch::Tensor& t, int64_t batch, int64_t tokens) {
  return t.dim() == 4 && t.size(0) == batch && t.size(2) == tokens && t.is_floating_point();
}

// Attention rows are probability distributions over the keys; a tensor of the right shape whose
// rows are not (raw scores, say) is not attention, and a figure of it would mislead.
void check_distributions(const torch::Tensor& attentions) {
  const double worst = (attentions.sum(-1) - 1).abs().max().item<double>();
  const double lowest = attentions.min().item<double>();
  if (!(worst <= 1e-3) || lowest < -1e-6) {
    std::ostringstream what;
    what << "the attention tensor " << attentions.sizes() << " does not hold probabilities: a row sums to "
         << 1 + worst << " or a weight is " << lowest << " (are these scores before the softmax?)";
    throw Error::model(what.str());
  }
}

}  // namespace

ModelOutputs extract_outputs(const c10::IValue& output, int64_t batch, int64_t tokens) {
  Found found;
  collect(output, found);
  ModelOutputs out;
  for (const auto& t : found.tensors) {
    if (!out.logits.defined() && t.dim() == 2 && t.size(0) == batch && t.is_floating_point()) out.logits = t;
    if (!out.attentions.defined() && t.dim() == 5 && t.size(1) == batch && t.size(3) == tokens &&
        t.is_floating_point())
      out.attentions = t;
  }
  if (!out.attentions.defined()) {
    for (const auto& group : found.groups) {
      bool all = !group.empty();
      for (const auto& t : group) all = all && is_attention_4d(t, batch, tokens) && t.sizes() == group[0].sizes();
      if (all) {
        out.attentions = torch::stack(group);
        break;
      }
    }
  }
  if (!out.attentions.defined())
    throw Error::model("no attention tensors found; " + describe(found) +
                       " (expected (L,B,H,T,K) or a tuple of (B,H,T,K): trace the model with output_attentions=True)");
  if (!out.logits.defined())
    throw Error::model("no logits (B, classes) found; " + describe(found) + " (is this a classifier?)");
  if (out.attentions.numel() == 0) {
    std::ostringstream what;
    what << "the attention tensor " << out.attentions.sizes() << " is empty (no layers, heads or keys)";
    throw Error::model(what.str());
  }
  out.logits = out.logits.to(torch::kCPU, torch::kFloat).contiguous();
  out.attentions = out.attentions.to(torch::kCPU, torch::kFloat).contiguous();
  check_distributions(out.attentions);
  return out;
}

}  // namespace attnmap::model
