// The list of output formats the CLI's --format chooses from, and severity spellings.

#include <gtest/gtest.h>

#include "render/markdown.hpp"
#include "render/render.hpp"
#include "render/sample_report.hpp"
#include "render/sarif.hpp"

namespace computefit {
namespace {

TEST(Formats, ListedOnceTextFirst) {
  ASSERT_EQ(render_formats().size(), 5u);
  EXPECT_EQ(render_formats()[0].name, "text");
  EXPECT_EQ(format_names(), "text, json, markdown, html, sarif");
  EXPECT_EQ(find_format("pdf"), nullptr);
}

TEST(Formats, RenderThroughTheList) {
  const Report report = sample_report();
  RenderOptions options;
  EXPECT_EQ(find_format("json")->render(report, options), render_json(report));
  EXPECT_EQ(find_format("text")->render(report, options), render_text(report, TextStyle{}));
  EXPECT_EQ(find_format("markdown")->render(report, options), render_markdown(report));
  EXPECT_EQ(find_format("sarif")->render(report, options), render_sarif(report));
  options.colour = true;
  EXPECT_NE(find_format("text")->render(report, options).find("\x1b["), std::string::npos);
  // Colour is for terminals only.
  EXPECT_EQ(find_format("markdown")->render(report, options).find("\x1b["), std::string::npos);
}

TEST(Severities, SpelledAsTheContractAndBack) {
  for (Severity s :
       {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical}) {
    EXPECT_EQ(severity_from_string(to_string(s)), s);
  }
  EXPECT_EQ(to_string(Severity::critical), "critical");
  EXPECT_EQ(severity_from_string("HIGH"), std::nullopt);
}

}  // namespace
}  // namespace computefit
