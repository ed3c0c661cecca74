// The renderer alone: an N × N matrix laid out, rasterized, PNG-encoded and written, as `attnmap
// render` does after the model has run. One untimed warm-up render (fonts found and loaded, pages
// touched), then --repeat timed ones; prints one JSON object.
//
//   attnmap_render_bench [--matrix attention.npy | --size 512] [--repeat 5] [--annotate auto|on|off] -o out.png
//   {"size": 512, "repeat": 5, "width": 1711, "height": 1647, "png_bytes": 812345,
//    "seconds": [..], "median_s": 0.12}
//
// --matrix reads a 2-D float32 .npy (e.g. a real attention matrix). Without it the matrix is
// synthetic, the one scripts/bench/peers/mpl_heatmap.py builds from the same formula: row i of
// exp(-|i - j| / 8) + 0.3 * noise(i, j), normalized to sum to 1, where noise is a fixed integer
// hash scaled to [0, 1). Its noise in every cell makes it a worst case for PNG compression.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "attnmap/error.h"
#include "attnmap/figure_output.h"
#include "attnmap/files.h"

namespace {

// A deterministic value in [0, 1) for cell (i, j): the low 24 bits of an integer hash.
double noise(uint32_t i, uint32_t j) {
  uint32_t h = i * 73856093u ^ j * 19349663u;
  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return static_cast<double>(h & 0xffffffu) / 16777216.0;
}

attnmap::Matrix synthetic(size_t n) {
  attnmap::Matrix m;
  m.rows = m.cols = n;
  m.values.resize(n * n);
  for (size_t i = 0; i < n; ++i) {
    double sum = 0;
    for (size_t j = 0; j < n; ++j) {
      const double d = std::abs(static_cast<double>(i) - static_cast<double>(j));
      const double n_ij = noise(static_cast<uint32_t>(i), static_cast<uint32_t>(j));
      sum += m.at(i, j) = static_cast<float>(std::exp(-d / 8.0) + 0.3 * n_ij);
    }
    for (size_t j = 0; j < n; ++j) m.at(i, j) = static_cast<float>(m.at(i, j) / sum);
  }
  return m;
}

// A 2-D little-endian float32 C-order .npy: "\x93NUMPY", version (2 bytes), header length (2
// bytes in version 1, 4 in 2 and 3), then a Python dict such as
// "{'descr': '<f4', 'fortran_order': False, 'shape': (512, 512), }" padded with spaces.
attnmap::Matrix read_npy(const std::string& path) {
  const std::string bytes = attnmap::read_file(path);
  auto bad = [&](const std::string& why) { return attnmap::Error::input("not a 2-D float32 .npy: " + why, path); };
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) throw bad("no .npy magic");
  const bool v1 = bytes[6] == 1;
  size_t header = static_cast<unsigned char>(bytes[8]) | static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8;
  if (!v1) header |= static_cast<size_t>(static_cast<unsigned char>(bytes[10])) << 16 |
                     static_cast<size_t>(static_cast<unsigned char>(bytes[11])) << 24;
  const size_t start = (v1 ? 10 : 12) + header;
  const std::string dict = bytes.substr(v1 ? 10 : 12, header);
  if (dict.find("'descr': '<f4'") == std::string::npos) throw bad("dtype is not <f4");
  if (dict.find("'fortran_order': False") == std::string::npos) throw bad("Fortran order");
  attnmap::Matrix m;
  if (std::sscanf(dict.c_str() + dict.find("'shape': ("), "'shape': (%zu, %zu)", &m.rows, &m.cols) != 2)
    throw bad("shape is not (rows, cols)");
  if (bytes.size() != start + m.rows * m.cols * 4) throw bad("size does not match the shape");
  m.values.resize(m.rows * m.cols);
  std::memcpy(m.values.data(), bytes.data() + start, m.values.size() * 4);  // x86 and ARM are little-endian
  return m;
}

attnmap::HeatmapFigure figure_of(attnmap::Matrix m, const std::string& what) {
  for (size_t i = 0; i < std::max(m.rows, m.cols); ++i) {
    if (i < m.rows) m.row_labels.push_back("tok" + std::to_string(i));
    if (i < m.cols) m.col_labels.push_back("tok" + std::to_string(i));
  }
  attnmap::HeatmapFigure figure;
  figure.title = std::to_string(m.rows) + " x " + std::to_string(m.cols) + " " + what;
  figure.matrix = std::move(m);
  return figure;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Width and height from the IHDR chunk, which libpng always writes first (bytes 16..23).
std::pair<uint32_t, uint32_t> png_size(const std::string& png) {
  auto be32 = [&](size_t at) {
    return static_cast<uint32_t>(static_cast<unsigned char>(png[at])) << 24 |
           static_cast<uint32_t>(static_cast<unsigned char>(png[at + 1])) << 16 |
           static_cast<uint32_t>(static_cast<unsigned char>(png[at + 2])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(png[at + 3]));
  };
  return {be32(16), be32(20)};
}

int usage() {
  std::fprintf(stderr, "usage: attnmap_render_bench [--matrix M.npy | --size N] [--repeat N] "
                       "[--annotate auto|on|off] -o OUT.png\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  size_t size = 512;
  int repeat = 5;
  std::string output, annotate = "auto", matrix;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--size" && i + 1 < argc) size = static_cast<size_t>(std::max(1, std::atoi(argv[++i])));
    else if (arg == "--matrix" && i + 1 < argc) matrix = argv[++i];
    else if (arg == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--annotate" && i + 1 < argc) annotate = argv[++i];
    else if (arg == "-o" && i + 1 < argc) output = argv[++i];
    else return usage();
  }
  if (output.empty() || (annotate != "auto" && annotate != "on" && annotate != "off")) return usage();
  try {
    const attnmap::HeatmapFigure figure =
        matrix.empty() ? figure_of(synthetic(size), "attention-like matrix") : figure_of(read_npy(matrix), "matrix");
    size = figure.matrix.rows;
    attnmap::FigureStyle style;
    style.annotate = annotate == "on" ? attnmap::Annotate::kOn
                     : annotate == "off" ? attnmap::Annotate::kOff : attnmap::Annotate::kAuto;
    attnmap::write_figure(output, figure, style);  // warm-up
    std::vector<double> seconds;
    for (int r = 0; r < repeat; ++r) {
      const auto start = std::chrono::steady_clock::now();
      attnmap::write_figure(output, figure, style);
      seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    const std::string png = attnmap::encode_figure(figure, style, attnmap::ImageFormat::kPng);
    const auto [width, height] = png_size(png);
    std::printf("{\"size\": %zu, \"repeat\": %d, \"width\": %u, \"height\": %u, \"png_bytes\": %zu, \"seconds\": [",
                size, repeat, width, height, png.size());
    for (size_t i = 0; i < seconds.size(); ++i) std::printf("%s%.6f", i ? ", " : "", seconds[i]);
    std::printf("], \"median_s\": %.6f}\n", median(seconds));
  } catch (const attnmap::Error& e) {
    std::fprintf(stderr, "attnmap_render_bench: error: %s\n", e.message().c_str());
    return 3;
  }
  return 0;
}
