#pragma once
// A rule's documentation page (docs/rules/<id>.md), made from its metadata so the page and the
// rule cannot drift apart.

#include <string>

#include "rules/rule.hpp"

namespace computefit {

/// The Markdown page of a rule.
std::string rule_doc_markdown(const Rule& rule);
/// The `computefit rules` listing: id, severity and title, aligned.
std::string rules_listing();

}  // namespace computefit
