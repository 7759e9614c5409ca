#pragma once
// Small helpers that turn numbers into the words of a report ("$1,234.56", "1,240 ms").

#include <string>
#include <string_view>
#include <vector>

#include "rules/duration_unit.hpp"
#include "runtimes/wording.hpp"
#include "workload/spec.hpp"

namespace computefit {

/// "Lambda", "ECS on Fargate", "ECS on EC2", "EKS".
std::string_view runtime_label(RuntimeId runtime);
/// 1234.5 -> "1,234.5" with `decimals` digits after the point.
std::string thousands(double value, int decimals = 0);
/// "$1,234.56".
std::string money(double usd);
/// "$12.30 more" / "$3.10 less" / "the same".
std::string signed_money(double usd_difference);
/// "45 ms", "1,240 ms", "12.3 ms" (one decimal below 100 ms); from 10 s on in seconds, minutes or
/// hours, one decimal below 100 and whole above, a trailing ".0" dropped ("95.2 s", "40 min").
std::string milliseconds(double ms);
/// milliseconds(ms), with more decimals when that alone would not show it above `limit_ms`
/// ("100.4 ms" rather than "100 ms" against a 100 ms target).
std::string milliseconds_above(double ms, double limit_ms);
/// "+75 ms" / "-12 ms".
std::string signed_milliseconds(double ms_difference);
/// "a, b and c".
std::string join_sentence(const std::vector<std::string>& parts);
/// "a; b; c".
std::string join_list(const std::vector<std::string>& parts);
std::string lower_first(std::string text);
std::string upper_first(std::string text);

}  // namespace computefit
