#include <fmt/format.h>

#include <map>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Spec& spec = context.spec;
  std::map<std::string, std::vector<std::size_t>> by_role;
  for (std::size_t i = 0; i < spec.services.size(); ++i) {
    if (!spec.services[i].iam_role.empty()) by_role[spec.services[i].iam_role].push_back(i);
  }
  const Rule rule = shared_iam_role_rule();
  for (const auto& [role, users] : by_role) {
    if (users.size() < 2) continue;
    std::vector<std::string> names;
    for (std::size_t i : users) names.push_back(spec.services[i].name);
    for (std::size_t i : users) {
      const Service& service = spec.services[i];
      out.push_back({i, make_finding(rule, std::nullopt,
                                     fmt::format("IAM role '{}' is shared by {}: each gets the "
                                                 "others' permissions, and a compromise of one is "
                                                 "a compromise of all; give each service its own "
                                                 "role (one task role per task definition, one "
                                                 "execution role per function).",
                                                 role, join_sentence(names)),
                                     service_location(spec, service, "iam_role"))});
    }
  }
}

}  // namespace

Rule shared_iam_role_rule() {
  return {"shared-iam-role",
          Severity::medium,
          "Several services share one IAM role",
          "Two or more services use the same IAM role, so each holds the union of their "
          "permissions and a compromise of one service reaches the resources of all.",
          "Give every task definition its own task role and every function its own execution "
          "role, each with the least privilege its service needs.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
