// EventBridge schedules on the simulator's clock (second 0 = Monday 2024-01-01 00:00 UTC).
// Expected times are whole days from 2024-01-01, counted with Python's datetime.date.
#include "workload/schedule.hpp"

#include <gtest/gtest.h>

namespace computefit {
namespace {

constexpr double kDay = 86400;
constexpr double kHour = 3600;

Schedule parse(const char* expression) {
  ScheduleParse p = parse_schedule(expression);
  EXPECT_TRUE(p.schedule) << expression << ": " << p.error;
  return p.schedule.value_or(Schedule{});
}

TEST(Schedule, DailyCronRuns365TimesIn2025) {
  const Schedule s = parse("cron(0 3 * * ? *)");
  EXPECT_FALSE(s.is_rate);
  EXPECT_EQ(next_run_seconds(s, -1), 3 * kHour);
  EXPECT_EQ(next_run_seconds(s, 3 * kHour), kDay + 3 * kHour);
  EXPECT_EQ(next_run_seconds(s, 3 * kHour - 0.5), 3 * kHour);
  EXPECT_NEAR(runs_per_month(s), 365.0 / 8760 * 730, 1e-9);  // 30.4166...
}

TEST(Schedule, StepsAndWeekdays) {
  EXPECT_EQ(next_run_seconds(parse("cron(0/15 * * * ? *)"), 0), 900);
  EXPECT_EQ(next_run_seconds(parse("cron(*/5 * * * ? *)"), 299), 300);
  const Schedule weekdays = parse("cron(0 9 ? * MON-FRI *)");
  EXPECT_EQ(next_run_seconds(weekdays, -1), 9 * kHour);  // 2024-01-01 is a Monday
  // After Friday 09:00 the next run is the following Monday.
  EXPECT_EQ(next_run_seconds(weekdays, 4 * kDay + 9 * kHour), 7 * kDay + 9 * kHour);
  EXPECT_EQ(runs_between(weekdays, 0, 7 * kDay), 5);
  // Day-of-week 1 is Sunday: the first is 2024-01-07.
  EXPECT_EQ(next_run_seconds(parse("cron(0 0 ? * 1 *)"), -1), 6 * kDay);
  EXPECT_EQ(next_run_seconds(parse("cron(0 0 ? * SUN *)"), -1), 6 * kDay);
  EXPECT_NEAR(runs_per_month(weekdays), 261.0 / 8760 * 730, 1e-9);  // 2025 has 261 weekdays
}

TEST(Schedule, LastDayNearestWeekdayAndNthWeekday) {
  EXPECT_EQ(next_run_seconds(parse("cron(0 12 L * ? *)"), -1), 30 * kDay + 12 * kHour);
  const Schedule w = parse("cron(0 8 15W * ? *)");
  // 2024-06-15 is a Saturday: the Friday before (day 165); 2024-09-15 a Sunday: the Monday after.
  EXPECT_EQ(next_run_seconds(w, 152 * kDay), 165 * kDay + 8 * kHour);
  EXPECT_EQ(next_run_seconds(w, 244 * kDay), 259 * kDay + 8 * kHour);
  const Schedule first_monday = parse("cron(0 10 ? * 2#1 *)");
  EXPECT_EQ(next_run_seconds(first_monday, -1), 10 * kHour);
  EXPECT_EQ(next_run_seconds(first_monday, 10 * kHour), 35 * kDay + 10 * kHour);  // 2024-02-05
  EXPECT_EQ(next_run_seconds(parse("cron(0 18 ? * 6L *)"), -1), 25 * kDay + 18 * kHour);
}

TEST(Schedule, YearsAndLeapDays) {
  const Schedule once = parse("cron(30 2 1 JAN ? 2025)");
  EXPECT_EQ(next_run_seconds(once, -1), 366 * kDay + 2.5 * kHour);
  EXPECT_FALSE(next_run_seconds(once, 366 * kDay + 2.5 * kHour));
  EXPECT_NEAR(runs_per_month(once), 1.0 / 8760 * 730, 1e-12);
  const Schedule leap = parse("cron(0 0 29 FEB ? *)");
  EXPECT_EQ(next_run_seconds(leap, -1), 59 * kDay);
  EXPECT_EQ(next_run_seconds(leap, 59 * kDay), 1520 * kDay);  // 2028-02-29
  EXPECT_EQ(runs_per_month(leap), 0);                         // 2025 has no 29 February
}

TEST(Schedule, Rates) {
  const Schedule five = parse("rate(5 minutes)");
  EXPECT_TRUE(five.is_rate);
  EXPECT_EQ(five.rate_seconds, 300);
  EXPECT_EQ(next_run_seconds(five, -1), 0);
  EXPECT_EQ(next_run_seconds(five, 0), 300);
  EXPECT_EQ(next_run_seconds(five, 301), 600);
  EXPECT_NEAR(runs_per_month(five), 730 * 12, 1e-9);
  EXPECT_NEAR(runs_per_month(parse("rate(1 day)")), 730.0 / 24, 1e-9);
  EXPECT_EQ(parse("rate(1 hour)").rate_seconds, 3600);
  EXPECT_EQ(runs_between(five, 0, 3600), 12);
}

TEST(Schedule, RejectsWhatEventBridgeRejects) {
  for (const char* bad :
       {"cron(0 3 * * * *)", "cron(0 3 ? * ? *)", "cron(0 24 * * ? *)", "cron(0 3 * * ?)",
        "cron(0 3 32 * ? *)", "cron(0 3 ? * 8 *)", "cron(0 3 ? * 2#6 *)", "cron(0 3 * 13 ? *)",
        "cron(0 3 * * ? 2200)", "cron(*/0 3 * * ? *)", "cron(0 3 LW * ? *)", "rate(1 minutes)",
        "rate(2 minute)", "rate(0 days)", "rate(5)", "rate(5 weeks)", "every 5 minutes", ""}) {
    EXPECT_FALSE(parse_schedule(bad).schedule) << bad;
  }
}

TEST(Schedule, ListsRangesAndNames) {
  const Schedule s = parse("cron(0,30 8-10 ? JAN,JUL mon-fri 2024-2026)");
  EXPECT_EQ(s.minutes, (std::vector<int>{0, 30}));
  EXPECT_EQ(s.hours, (std::vector<int>{8, 9, 10}));
  EXPECT_EQ(s.months, (std::vector<int>{1, 7}));
  EXPECT_EQ(s.days_of_week, (std::vector<int>{2, 3, 4, 5, 6}));
  EXPECT_EQ(s.years, (std::vector<int>{2024, 2025, 2026}));
  EXPECT_TRUE(s.day_of_month_any);
  EXPECT_FALSE(s.day_of_week_any);
}

}  // namespace
}  // namespace computefit
