#include "explorer/head_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace attnmap::explorer {

HeadStats head_stats(const AttentionStack& a, const std::vector<uint8_t>& special) {
  HeadStats s;
  const bool first_special = !special.empty() && special[0] != 0;
  for (size_t l = 0; l < a.layers; ++l)
    for (size_t h = 0; h < a.heads; ++h) {
      double entropy = 0, first = 0, other_special = 0, distance = 0, max = 0;
      for (size_t i = 0; i < a.queries; ++i)
        for (size_t j = 0; j < a.keys; ++j) {
          const double w = a.at(l, h, i, j);
          if (w > 0) entropy -= w * std::log2(w);
          if (j == 0 && first_special) first += w;
          else if (j < special.size() && special[j]) other_special += w;
          distance += w * std::abs(static_cast<double>(i) - static_cast<double>(j));
          max = std::max(max, w);
        }
      const double rows = a.queries == 0 ? 1.0 : static_cast<double>(a.queries);
      for (double v : {entropy / rows, first / rows, other_special / rows, distance / rows, max}) s.values.push_back(v);
    }
  return s;
}

}  // namespace attnmap::explorer
