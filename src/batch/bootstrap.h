#pragma once
// Means with 95% percentile bootstrap intervals, for the faithfulness numbers of `faithfulness`
// and of batch's faithfulness view alike, so the two give the same intervals for the same rows.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace attnmap::batch {

// A mean and its 95% percentile bootstrap interval.
struct Estimate {
  double mean = 0, low = 0, high = 0;
};

inline constexpr size_t kBootstrapResamples = 1000;

// For each of the `columns` columns of `rows` (one row per example; NaN where the quantity is not
// defined for it): the mean over the rows where it is defined, and the 25th and 975th smallest of
// the means of 1,000 resamples of the rows drawn with replacement — one resample for all columns,
// its indices drawn as rng() % rows from a 64-bit Mersenne Twister seeded with `seed`. A column
// defined nowhere has a NaN mean; with no spread, low and high are the mean.
std::vector<Estimate> bootstrap_means(const std::vector<std::vector<double>>& rows, size_t columns, uint64_t seed);

}  // namespace attnmap::batch
