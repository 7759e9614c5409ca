// How figures are rounded and spelled (the renderers' shared helpers).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "render/numbers.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

TEST(Numbers, RoundingGivesTheDoubleNearestTheDecimal) {
  EXPECT_EQ(round_significant(0.1 + 0.2, 6), 0.3);
  EXPECT_EQ(round_significant(0.000286123456, 6), 0.000286123);
  EXPECT_EQ(round_decimals(29.5504, 2), 29.55);
  EXPECT_EQ(round_decimals(-0.001, 2), 0.0);
  EXPECT_FALSE(std::signbit(round_decimals(-0.001, 2)));  // no "-0.0"
  // The binary value is rounded: 2.675 is stored as 2.67499999...
  EXPECT_EQ(round_decimals(2.675, 2), 2.67);
}

TEST(Numbers, Money) {
  EXPECT_EQ(format_usd(1234.5), "$1,234.50");
  EXPECT_EQ(format_usd(0), "$0.00");
  EXPECT_EQ(format_usd(1234567.891), "$1,234,567.89");
  EXPECT_EQ(format_usd(0.004), "$0.00");
}

TEST(Numbers, UnitPricesKeepTheCatalogsDigits) {
  EXPECT_EQ(format_unit_price(0.0000166667), "$0.0000166667");
  EXPECT_EQ(format_unit_price(0.04048), "$0.04048");
  EXPECT_EQ(format_unit_price(0.0225), "$0.0225");
  EXPECT_EQ(format_unit_price(0.2), "$0.20");
  EXPECT_EQ(format_unit_price(73), "$73.00");
}

TEST(Numbers, QuantitiesCountsPercentsLatencies) {
  EXPECT_EQ(with_thousands(1240, 0), "1,240");
  EXPECT_EQ(with_thousands(-1240, 0), "-1,240");
  EXPECT_EQ(format_quantity(730), "730");
  EXPECT_EQ(format_quantity(4320000), "4,320,000");
  EXPECT_EQ(format_quantity(225069.6), "225,070");
  EXPECT_EQ(format_quantity(486.666667), "486.67");
  EXPECT_EQ(format_quantity(0.001234), "0.00123");
  EXPECT_EQ(format_count(6), "6");
  EXPECT_EQ(format_count(3.25), "3.2");  // an exact tie: fmt rounds half to even
  EXPECT_EQ(format_percent(0), "0%");
  EXPECT_EQ(format_percent(0.000286), "0.03%");
  EXPECT_EQ(format_percent(1e-7), "<0.01%");
  EXPECT_EQ(format_percent(0.125), "12.50%");
  EXPECT_EQ(format_ms(1234.56), "1,235");
  EXPECT_EQ(format_ms(999.94), "999.9");
  EXPECT_EQ(format_ms(45), "45.0");
}

// Milliseconds below 10 s; then seconds, minutes, hours, one decimal below 100 and whole above.
TEST(Numbers, DurationsReadInTheUnitThatFitsThem) {
  EXPECT_EQ(format_duration_ms(270.26), "270.3 ms");
  EXPECT_EQ(format_duration_ms(9999.4), "9,999 ms");
  EXPECT_EQ(format_duration_ms(9999.6), "10 s");  // prints as 10,000 ms: read in seconds
  EXPECT_EQ(format_duration_ms(12345), "12.3 s");
  EXPECT_EQ(format_duration_ms(59960), "1 min");  // never "60 s"
  EXPECT_EQ(format_duration_ms(840958), "14 min");
  EXPECT_EQ(format_duration_ms(1036500), "17.3 min");
  EXPECT_EQ(format_duration_ms(3599000), "1 h");  // 59.98 min rounds to 60.0: read in hours
  EXPECT_EQ(format_duration_ms(3600000), "1 h");
  EXPECT_EQ(format_duration_ms(370440929), "103 h");  // was "370,440,929 ms"
  EXPECT_EQ(format_duration_ms(3.6e10), "10,000 h");
  EXPECT_EQ(format_duration_seconds(87120), "24.2 h");
  EXPECT_EQ(duration_unit(9999.4), DurationUnit::ms);
  EXPECT_EQ(duration_unit(12345), DurationUnit::s);
  EXPECT_EQ(format_duration_range_ms(897.24, 902.6), "897.2-902.6 ms");
  EXPECT_EQ(format_duration_range_ms(840958, 900000), "14-15 min");
  EXPECT_EQ(format_duration_range_ms(9870, 10240), "9,870 ms-10.2 s");
}

// A figure that is negative or not finite is a bug upstream: never printed as a number.
TEST(Numbers, NoNegativeOrNonFiniteFigureIsPrinted) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  for (const double bad : {-3117.0, -0.5, nan, inf, -inf}) {
    EXPECT_EQ(format_ms(bad), "n/a") << bad;
    EXPECT_EQ(format_duration_ms(bad), "n/a") << bad;
    EXPECT_EQ(format_usd(bad), "n/a") << bad;
    EXPECT_EQ(format_unit_price(bad), "n/a") << bad;
    EXPECT_EQ(format_quantity(bad), "n/a") << bad;
    EXPECT_EQ(format_percent(bad), "n/a") << bad;
    EXPECT_EQ(format_count(bad), "n/a") << bad;
    EXPECT_FALSE(printable(bad)) << bad;
  }
  EXPECT_EQ(format_duration_range_ms(-3117, 8272), "n/a-8,272 ms");
  EXPECT_EQ(with_thousands(inf, 0), "n/a");
  EXPECT_TRUE(printable(0.0));
}

TEST(Numbers, PrintedMonthlyCostIsTheSumOfPrintedItems) {
  Option option;
  option.monthly_cost_usd = 0.015;
  CostItem a;
  a.monthly_usd = 0.004;  // prints $0.00
  CostItem b;
  b.monthly_usd = 0.011;  // prints $0.01
  option.cost_items = {a, b};
  EXPECT_EQ(printed_monthly_cost(option), 0.01);
  option.feasible = false;
  EXPECT_EQ(printed_monthly_cost(option), std::nullopt);
}

}  // namespace
}  // namespace computefit
