#pragma once
// The last check before a report is rendered: every figure finite, every fraction in [0, 1],
// every cost, latency and count non-negative. A report that fails it shows a bug, never bad
// input, so the command line exits 3 naming the field instead of printing `nan` to a user.

#include <stdexcept>
#include <string>
#include <vector>

#include "advisor/report.hpp"

namespace computefit {

/// A broken invariant of the library's own output (exit status 3).
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// Every figure of the report that breaks its range, one line each:
/// "services[api].options[lambda].latency_ms.p99 is nan (must be finite and non-negative)".
std::vector<std::string> report_problems(const Report& report);

/// Throws InternalError listing report_problems() when there are any.
void check_report(const Report& report);

}  // namespace computefit
