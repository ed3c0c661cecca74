// Writes one file of every figure kind, PNG and SVG, into $ATTNMAP_FIGURE_DIR, for the ctest entry
// that parses the SVGs with Python's xml.etree and for looking at them. Skipped when it is unset.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "attnmap/figure_output.h"
#include "attnmap/views.h"
#include "unit/figures.h"

namespace attnmap {
namespace {

// Tokens that need escaping in XML, a CJK one, an accented one and an emoji.
std::vector<std::string> awkward_tokens() {
  return {"[CLS]", "<s>", "a&b", "\"quoted\"", "it's", "]]>", "caf\xc3\xa9", "\xe4\xb8\xad\xe6\x96\x87",
          "\xf0\x9f\x9a\x80", "tab\there", "\x01" "ctl", "[SEP]"};
}

TEST(Gallery, WritesEveryFigureKind) {
  const char* dir_env = std::getenv("ATTNMAP_FIGURE_DIR");
  if (dir_env == nullptr) GTEST_SKIP() << "ATTNMAP_FIGURE_DIR is not set";
  const std::filesystem::path dir = dir_env;
  std::filesystem::create_directories(dir);

  HeatmapFigure heatmap = testing::heatmap_of_size(12);
  heatmap.matrix.row_labels = heatmap.matrix.col_labels = awkward_tokens();
  heatmap.metadata = {"tiny-bert", "a <b> & \"c\"", "matrix", "0", "mean"};
  FigureStyle diagonal;
  diagonal.label_rotation = 45;

  const AttentionStack stack = testing::stack_of(12, 12, 12);
  PanelFigure grid = model_view_figure(stack, testing::tokens(12));
  grid.title = "model view · 12 layers × 12 heads";
  PanelFigure grid64 = model_view_figure(testing::stack_of(12, 12, 64), testing::tokens(64));
  PanelFigure heads = layer_heads_figure(stack, 3, awkward_tokens(), 4);
  heads.title = "layer 3, every head";
  HeatmapFigure other = testing::heatmap_of_size(9);
  other.title = "tiny-roberta";
  heatmap.title = "tiny-bert";
  PanelFigure compare = compare_figure(heatmap, other);

  StripFigure cls = attention_row_strip(testing::attention_matrix(12), 0);
  cls.title = "[CLS] row";
  std::vector<float> ig, grad;
  for (int i = 0; i < 12; ++i) {
    ig.push_back(static_cast<float>((i % 5) - 2) / 4.0f);
    grad.push_back(static_cast<float>((i % 3) - 1) / 8.0f);
  }
  StripFigure saliency = saliency_strip(awkward_tokens(), {{"integrated gradients", ig}, {"grad × attention", grad}});
  FigureStyle signed_style;
  signed_style.colormap = "RdBu_r";

  for (const char* ext : {".png", ".svg"}) {
    write_figure(dir / (std::string("heatmap") + ext), heatmap, FigureStyle{});
    write_figure(dir / (std::string("heatmap45") + ext), heatmap, diagonal);
    write_figure(dir / (std::string("grid") + ext), grid, FigureStyle{});
    write_figure(dir / (std::string("grid64") + ext), grid64, FigureStyle{});
    write_figure(dir / (std::string("heads") + ext), heads, diagonal);
    write_figure(dir / (std::string("compare") + ext), compare, FigureStyle{});
    write_figure(dir / (std::string("cls") + ext), cls, FigureStyle{});
    write_figure(dir / (std::string("saliency") + ext), saliency, signed_style);
  }
}

}  // namespace
}  // namespace attnmap
