// The three multi-panel views, built from the attention stack with views.h.
#include "attnmap/error.h"
#include "attnmap/panels.h"
#include "attnmap/views.h"

namespace attnmap {
namespace {

Panel head_panel(const AttentionStack& stack, size_t layer, size_t head, const std::vector<std::string>& tokens,
                 std::string title) {
  Panel p{head_matrix(stack, layer, head), std::move(title)};
  label_axes(p.matrix, tokens);
  return p;
}

void check_stack(const AttentionStack& stack) {
  if (stack.layers == 0 || stack.heads == 0 || stack.queries == 0 || stack.keys == 0)
    throw Error::input("nothing to draw: the attention stack is empty");
}

}  // namespace

PanelFigure model_view_figure(const AttentionStack& stack, const std::vector<std::string>& tokens) {
  check_stack(stack);
  PanelFigure f;
  f.columns = stack.heads;
  for (size_t layer = 0; layer < stack.layers; ++layer) {
    f.row_headers.push_back("layer " + std::to_string(layer));
    for (size_t head = 0; head < stack.heads; ++head) f.panels.push_back(head_panel(stack, layer, head, tokens, ""));
  }
  for (size_t head = 0; head < stack.heads; ++head) f.column_headers.push_back("head " + std::to_string(head));
  f.tick_labels = PanelLabels::kNone;
  f.annotations = false;
  f.metadata.view = "grid";
  f.metadata.layer = "all";
  f.metadata.head = "all";
  return f;
}

PanelFigure layer_heads_figure(const AttentionStack& stack, size_t layer, const std::vector<std::string>& tokens,
                               size_t columns) {
  check_stack(stack);
  resolve_index(static_cast<long>(layer), stack.layers, "layer");
  PanelFigure f;
  f.columns = columns == 0 ? stack.heads : columns;
  for (size_t head = 0; head < stack.heads; ++head)
    f.panels.push_back(head_panel(stack, layer, head, tokens, "head " + std::to_string(head)));
  f.tick_labels = PanelLabels::kOuter;
  f.metadata.view = "heads";
  f.metadata.layer = std::to_string(layer);
  f.metadata.head = "all";
  return f;
}

PanelFigure compare_figure(const HeatmapFigure& left, const HeatmapFigure& right) {
  PanelFigure f;
  f.columns = 2;
  f.panels = {{left.matrix, left.title}, {right.matrix, right.title}};
  f.tick_labels = PanelLabels::kEach;
  f.value_caption = left.value_caption;
  f.metadata = left.metadata;
  f.metadata.view = "compare";
  if (!right.metadata.model.empty() && right.metadata.model != left.metadata.model)
    f.metadata.model = left.metadata.model + " vs " + right.metadata.model;
  return f;
}

}  // namespace attnmap
