#include "batch/progress.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace attnmap::batch {

Progress::Progress(std::optional<size_t> total, bool terminal, double log_every_seconds)
    : total_(total), terminal_(terminal), log_every_(log_every_seconds), start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

std::string Progress::duration_text(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  long s = std::lround(seconds);
  char out[32];
  if (s >= 3600) std::snprintf(out, sizeof out, "%ldh %02ldm", s / 3600, (s / 60) % 60);
  else if (s >= 60) std::snprintf(out, sizeof out, "%ldm %02lds", s / 60, s % 60);
  else std::snprintf(out, sizeof out, "%lds", s);
  return out;
}

void Progress::update(size_t rows_done, size_t selected) {
  auto now = std::chrono::steady_clock::now();
  double since = std::chrono::duration<double>(now - last_draw_).count();
  if (since < (terminal_ ? 0.2 : log_every_)) return;
  draw(rows_done, selected, false);
}

void Progress::finish(size_t rows_done, size_t selected) { draw(rows_done, selected, true); }

void Progress::draw(size_t rows_done, size_t selected, bool last) {
  last_draw_ = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(last_draw_ - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(rows_done) / elapsed : 0.0;
  char line[256];
  std::string bar;
  std::string eta;
  if (total_ && *total_ > 0) {
    double fraction = std::min(1.0, static_cast<double>(rows_done) / static_cast<double>(*total_));
    if (terminal_) {
      const int width = 24;
      int filled = static_cast<int>(fraction * width);
      bar = "[" + std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(width - filled), '.') + "] ";
    }
    if (!last && rate > 0) eta = " · ETA " + duration_text(static_cast<double>(*total_ - std::min(*total_, rows_done)) / rate);
    std::snprintf(line, sizeof line, "%zu/%zu rows (%.0f%%) · %zu selected · %.1f rows/s", rows_done, *total_,
                  100 * fraction, selected, rate);
  } else {
    std::snprintf(line, sizeof line, "%zu rows · %zu selected · %.1f rows/s", rows_done, selected, rate);
  }
  std::string text = "attnmap: " + bar + line + eta + (last ? " · " + duration_text(elapsed) : "");
  if (terminal_) std::cerr << "\r\033[K" << text << (last ? "\n" : "") << std::flush;
  else std::cerr << text << "\n";
}

}  // namespace attnmap::batch
