#pragma once
// Progress of a batch run on standard error: on a terminal, one line redrawn in place with a bar,
// the rate and the time left; otherwise (a log file, CI) a plain line every `log_every` seconds.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace attnmap::batch {

class Progress {
 public:
  // `total`: rows this run will look at, when known (unknown for standard input).
  Progress(std::optional<size_t> total, bool terminal, double log_every_seconds = 10.0);

  void update(size_t rows_done, size_t selected);  // cheap; draws at most a few times a second
  void finish(size_t rows_done, size_t selected);  // the last line, always drawn

  // "1,234 rows · 56.7 rows/s · ETA 1m 05s" and friends, for tests.
  static std::string duration_text(double seconds);

 private:
  void draw(size_t rows_done, size_t selected, bool last);

  std::optional<size_t> total_;
  bool terminal_;
  double log_every_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace attnmap::batch
