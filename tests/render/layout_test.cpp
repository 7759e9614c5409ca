// Terminal layout helpers: UTF-8 widths, word wrap, aligned tables.

#include <gtest/gtest.h>

#include "render/layout.hpp"

namespace computefit {
namespace {

TEST(Layout, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("\u2713 ok"), 4u);
  EXPECT_EQ(display_width("\u00d7"), 1u);
}

TEST(Layout, WrapsOnWordsAndKeepsLongWordsWhole) {
  EXPECT_EQ(wrap_words("one two three four", 9),
            (std::vector<std::string>{"one two", "three", "four"}));
  EXPECT_EQ(wrap_words("abcdefghijkl mn", 5), (std::vector<std::string>{"abcdefghijkl", "mn"}));
  EXPECT_EQ(wrap_words("", 5), (std::vector<std::string>{""}));
  EXPECT_EQ(wrap_words("  spaced   out ", 40), (std::vector<std::string>{"spaced out"}));
}

TEST(Layout, TableAlignsAndTrimsTrailingSpace) {
  TextTable table({{"name", TextTable::Align::left}, {"n", TextTable::Align::right}});
  table.add_row({"a", "1"});
  table.add_row({"bbb", "1,240"});
  EXPECT_EQ(table.render(100, "  ", true),
            "  name      n\n"
            "  a         1\n"
            "  bbb   1,240\n");
}

// Durations with their units ("103 h", "1,034 ms"): every column as wide as its longest value,
// whatever its header, and counted in code points ("\u2020" is one column).
TEST(Layout, EveryColumnAsWideAsItsLongestValue) {
  TextTable table({{"runtime", TextTable::Align::left}, {"p99", TextTable::Align::right}});
  table.add_row({"eks\u2020", "103 h"});
  table.add_row({"lambda", "1,034 ms"});
  EXPECT_EQ(table.render(100, "", true),
            "runtime       p99\n"
            "eks\u2020        103 h\n"
            "lambda   1,034 ms\n");
}

TEST(Layout, FlexibleColumnWrapsToFit) {
  TextTable table({{"k", TextTable::Align::left}, {"text", TextTable::Align::left}});
  table.set_flexible_column(1);
  table.add_row({"key", "a rather long description that cannot fit"});
  const std::string out = table.render(30, "", false);
  EXPECT_EQ(out,
            "key  a rather long description\n"
            "     that cannot fit\n");
}

TEST(Layout, PaintAppliesAfterPadding) {
  TextTable table({{"a", TextTable::Align::left}, {"b", TextTable::Align::left}});
  table.add_row({"x", "y"});
  const std::string out =
      table.render(100, "", false, [](std::size_t, std::size_t column, const std::string& padded) {
        return column == 0 ? "[" + padded + "]" : padded;
      });
  EXPECT_EQ(out, "[x]  y\n");
}

}  // namespace
}  // namespace computefit
