#include "workload/suggest.hpp"

#include <algorithm>
#include <string>

namespace computefit {

int edit_distance(std::string_view a, std::string_view b) {
  // Keys are short; cap the work so a megabyte-long key costs nothing.
  if (a.size() > 64 || b.size() > 64) return 1000;
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::optional<std::string_view> nearest(std::string_view word,
                                        const std::vector<std::string_view>& candidates) {
  std::optional<std::string_view> best;
  int best_distance = 3;
  for (std::string_view c : candidates) {
    const int dist = edit_distance(word, c);
    if (dist < best_distance && dist * 2 < static_cast<int>(std::max(word.size(), c.size()))) {
      best = c;
      best_distance = dist;
    }
  }
  return best;
}

}  // namespace computefit
