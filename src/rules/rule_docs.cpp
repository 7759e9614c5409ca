#include "rules/rule_docs.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace computefit {

std::string rule_doc_markdown(const Rule& rule) {
  return fmt::format(
      "# {}\n\n"
      "Severity: **{}**\n\n"
      "{}.\n\n"
      "## When it is raised\n\n{}\n\n"
      "## What fixes it\n\n{}\n\n"
      "Each finding states its own figures (from the estimate or the simulation of this "
      "workload) and points at the spec key that causes it. A finding can be suppressed with a "
      "reason in the spec's `suppress:` list; it is then still reported, marked, and never fails "
      "`--fail-on`.\n\n"
      "This page is generated from the rule's metadata in `src/rules/`; edit it there and run "
      "`tools/gen-rule-docs`.\n",
      rule.id, to_string(rule.severity), rule.title, rule.description, rule.remedy);
}

std::string rules_listing() {
  std::size_t id_width = 2;
  for (const Rule& rule : rules()) id_width = std::max(id_width, rule.id.size());
  std::string out = fmt::format("{:<{}}  {:<8}  {}\n", "ID", id_width, "SEVERITY", "TITLE");
  for (const Rule& rule : rules()) {
    out +=
        fmt::format("{:<{}}  {:<8}  {}\n", rule.id, id_width, to_string(rule.severity), rule.title);
  }
  return out;
}

}  // namespace computefit
