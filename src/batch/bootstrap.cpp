#include "batch/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace attnmap::batch {
namespace {

// The mean of each column over `sample` (indices into `rows`); NaN where none is defined.
std::vector<double> column_means(const std::vector<std::vector<double>>& rows, const std::vector<size_t>& sample,
                                 size_t columns) {
  std::vector<double> sum(columns, 0.0), count(columns, 0.0);
  for (size_t i : sample) {
    for (size_t q = 0; q < columns; ++q) {
      if (std::isnan(rows[i][q])) continue;
      sum[q] += rows[i][q];
      count[q] += 1;
    }
  }
  std::vector<double> mean(columns);
  for (size_t q = 0; q < columns; ++q) mean[q] = count[q] > 0 ? sum[q] / count[q] : std::nan("");
  return mean;
}

}  // namespace

std::vector<Estimate> bootstrap_means(const std::vector<std::vector<double>>& rows, size_t columns, uint64_t seed) {
  std::vector<size_t> all(rows.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  const std::vector<double> mean = column_means(rows, all, columns);
  std::vector<std::vector<double>> resampled(columns);
  if (!rows.empty()) {
    std::mt19937_64 rng(seed);
    std::vector<size_t> sample(rows.size());
    for (size_t r = 0; r < kBootstrapResamples; ++r) {
      for (size_t& i : sample) i = static_cast<size_t>(rng() % rows.size());
      const std::vector<double> m = column_means(rows, sample, columns);
      for (size_t q = 0; q < columns; ++q)
        if (!std::isnan(m[q])) resampled[q].push_back(m[q]);
    }
  }
  std::vector<Estimate> out;
  for (size_t q = 0; q < columns; ++q) {
    std::vector<double>& r = resampled[q];
    std::sort(r.begin(), r.end());
    Estimate e{mean[q], mean[q], mean[q]};
    if (!r.empty()) {  // the 2.5th and 97.5th percentiles: of 1,000, the 25th and 975th smallest
      e.low = r[std::max<size_t>(1, r.size() * 25 / 1000) - 1];
      e.high = r[std::max<size_t>(1, r.size() * 975 / 1000) - 1];
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace attnmap::batch
