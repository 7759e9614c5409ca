// The check before rendering: a figure that is not finite, a fraction outside [0, 1] or a
// negative cost is a bug, named by its field.
#include "advisor/report_check.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace computefit {
namespace {

Report one_option() {
  Report report;
  report.simulated_days = 1;
  ServiceReport service;
  service.name = "api";
  Option option;
  option.runtime = RuntimeId::lambda;
  option.monthly_cost_usd = 12.5;
  option.latency_ms = LatencyMs{40, 90, 120};
  option.cold_start_fraction = 0.01;
  option.throttled_fraction = 0;
  option.peak_instances = 7;
  option.score = 0.8;
  option.operability = 0.9;
  CostItem item;
  item.quantity = 1e6;
  item.unit_price_usd = 2e-7;
  item.monthly_usd = 0.2;
  option.cost_items = {item};
  service.options = {option};
  report.services = {service};
  report.totals_monthly_cost_usd = 12.5;
  return report;
}

TEST(ReportCheck, ACleanReportPasses) {
  EXPECT_TRUE(report_problems(one_option()).empty());
  EXPECT_NO_THROW(check_report(one_option()));
}

TEST(ReportCheck, NamesANonFiniteFigure) {
  Report report = one_option();
  report.services[0].options[0].latency_ms->p99 = std::numeric_limits<double>::quiet_NaN();
  const auto problems = report_problems(report);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "services[api].options[lambda].latency_ms.p99 is nan (must be finite "
            "and non-negative)");
  EXPECT_THROW(check_report(report), InternalError);
}

TEST(ReportCheck, NamesANegativeCostAndAFractionAboveOne) {
  Report report = one_option();
  report.services[0].options[0].cost_items[0].monthly_usd = -0.01;
  report.services[0].options[0].cold_start_fraction = 1.5;
  report.totals_monthly_cost_usd = std::numeric_limits<double>::infinity();
  const auto problems = report_problems(report);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0],
            "services[api].options[lambda].cost_items[0].monthly_usd is -0.01 (must be finite "
            "and non-negative)");
  EXPECT_EQ(problems[1],
            "services[api].options[lambda].cold_start_fraction is 1.5 (must be finite and in "
            "[0, 1])");
  EXPECT_EQ(problems[2], "totals.monthly_cost_usd is inf (must be finite and non-negative)");
  try {
    check_report(report);
    ADD_FAILURE() << "no InternalError";
  } catch (const InternalError& error) {
    // Each of the three is named.
    for (const std::string& problem : problems) {
      EXPECT_NE(std::string(error.what()).find(problem), std::string::npos) << error.what();
    }
  }
}

TEST(ReportCheck, AnIntervalLeftOutWithItsReasonIsNotShownSoNotChecked) {
  Report report = one_option();
  Option& option = report.services[0].options[0];
  option.p99_low_ms = -5;
  option.p99_high_ms = 200;
  EXPECT_EQ(report_problems(report).size(), 1u);
  option.interval_note = "batches too correlated";
  EXPECT_TRUE(report_problems(report).empty());
}

}  // namespace
}  // namespace computefit
