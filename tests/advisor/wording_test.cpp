#include "rules/wording.hpp"

#include <gtest/gtest.h>

#include "advisor/ranking.hpp"

namespace computefit {
namespace {

TEST(Wording, Numbers) {
  EXPECT_EQ(thousands(1240), "1,240");
  EXPECT_EQ(thousands(1234567.891, 2), "1,234,567.89");
  EXPECT_EQ(thousands(-0.001, 2), "0.00");
  EXPECT_EQ(money(52.468), "$52.47");
  EXPECT_EQ(signed_money(-3.1), "$3.10 less");
  EXPECT_EQ(signed_money(0.001), "the same");
  EXPECT_EQ(milliseconds(45), "45.0 ms");
  EXPECT_EQ(milliseconds(1240.4), "1,240 ms");
  EXPECT_EQ(signed_milliseconds(-12), "-12.0 ms");
  // From 10 s on, seconds, minutes and hours, as the report's tables read them.
  EXPECT_EQ(milliseconds(9'999.4), "9,999 ms");
  EXPECT_EQ(milliseconds(60'000), "1 min");
  EXPECT_EQ(milliseconds(95'158), "1.6 min");
  EXPECT_EQ(milliseconds(2'438'353), "40.6 min");
  EXPECT_EQ(milliseconds(59'960), "1 min");  // never "60 s"
  EXPECT_EQ(milliseconds(13'186'892), "3.7 h");
  EXPECT_EQ(signed_milliseconds(136'950), "+2.3 min");
}

TEST(Wording, AFigureAboveItsLimitIsPrintedAboveIt) {
  EXPECT_EQ(milliseconds_above(100.4, 100), "100.4 ms");  // milliseconds() alone: "100 ms"
  EXPECT_EQ(milliseconds_above(60.04, 60), "60.04 ms");
  EXPECT_EQ(milliseconds_above(412, 300), "412 ms");
  EXPECT_EQ(milliseconds_above(100, 100), "100 ms");  // not above: as milliseconds()
  // From 10 s on, in the unit a reader reads, with the precision that shows it is above.
  EXPECT_EQ(milliseconds_above(95'158, 60'000), "1.6 min");
  EXPECT_EQ(milliseconds_above(60'020, 60'000), "1.0003 min");
  EXPECT_EQ(milliseconds_above(120'000, 60'000), "2 min");
}

TEST(Wording, QuotedCostIsTheSumOfTheItemsAsPrinted) {
  Option option;
  option.monthly_cost_usd = 0.015;
  EXPECT_DOUBLE_EQ(quoted_monthly_cost(option), 0.01);  // no items: the total, in cents
  CostItem a, b;
  a.monthly_usd = 0.004;  // printed $0.00
  b.monthly_usd = 0.004;
  option.cost_items = {a, b};
  EXPECT_DOUBLE_EQ(quoted_monthly_cost(option), 0.0);  // the table shows $0.00 + $0.00
  EXPECT_EQ(span_text(660), "11 min");
  EXPECT_EQ(span_text(86'400), "24 h");
  EXPECT_EQ(span_text(45), "45 s");
}

TEST(Wording, Sentences) {
  EXPECT_EQ(join_sentence({"a", "b", "c"}), "a, b and c");
  EXPECT_EQ(join_sentence({"a"}), "a");
  EXPECT_EQ(lower_first("A run takes 40 min."), "a run takes 40 min");
  EXPECT_EQ(lower_first("GPU needed"), "GPU needed");
}

}  // namespace
}  // namespace computefit
