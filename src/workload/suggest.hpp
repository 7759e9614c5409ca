#pragma once
// "Did you mean ...?" for misspelt keys and values.

#include <optional>
#include <string_view>
#include <vector>

namespace computefit {

/// Optimal-string-alignment (Damerau-Levenshtein) distance: insertions, deletions,
/// substitutions and swaps of neighbours each cost 1.
int edit_distance(std::string_view a, std::string_view b);

/// The closest candidate when it is close enough to be a likely typo (distance at most 2, and
/// less than half the word), else nullopt.
std::optional<std::string_view> nearest(std::string_view word,
                                        const std::vector<std::string_view>& candidates);

}  // namespace computefit
