#pragma once
// SPEC.md's month: every monthly figure is usage over 730 hours (8,760 hours a year / 12), as AWS's
// own pricing examples and calculator count it.

namespace computefit {

inline constexpr double kHoursPerMonth = 730;
inline constexpr double kSecondsPerMonth = kHoursPerMonth * 3600;
inline constexpr double kHoursPerYear = 8760;
inline constexpr double kHoursPerDay = 24;

}  // namespace computefit
