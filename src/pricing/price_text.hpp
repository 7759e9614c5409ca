#pragma once
// Unit prices in prose ("$0.045 per GB"): with the digits the catalog gives, never rounded to
// cents, so a sentence quotes the same figure as the cost line beside it.

#include <string>

namespace computefit {

/// "$0.045", "$0.01", "$0.0000166667", "$1.212": up to six significant digits, at least two
/// decimals, trailing zeros dropped.
std::string unit_price_text(double usd);

}  // namespace computefit
