#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"

namespace computefit {
namespace {

// `*`, or every action of one service (`s3:*`; IAM reads action names case-insensitively). A
// prefix (`s3:Get*`) is not every action, and a part the files do not fix (`${...}`) is unknown.
bool every_action(const std::string& action) {
  if (action == "*") return true;
  const std::size_t colon = action.find(':');
  if (colon == std::string::npos || colon == 0 || action.substr(colon + 1) != "*") return false;
  return std::all_of(action.begin(), action.begin() + static_cast<std::ptrdiff_t>(colon),
                     [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

std::string what_it_grants(const std::vector<std::string>& wildcards) {
  if (std::find(wildcards.begin(), wildcards.end(), "*") != wildcards.end()) {
    return "every action of every AWS service, IAM itself included: administrator access (a "
           "compromised caller can create users and keys and grant itself anything)";
  }
  std::vector<std::string> services;
  for (const std::string& a : wildcards) services.push_back(a.substr(0, a.find(':')));
  return fmt::format(
      "every {} action, the destructive and permission-changing ones included (deleting what "
      "the service holds, rewriting its resource policies)",
      join_sentence(services));
}

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = iam_wildcard_action_rule();
  const Spec& spec = context.spec;
  for (const IamPolicy& policy : spec.iam_policies) {
    // The services whose role holds the policy, and the one that is the policy's own resource
    // (a SAM function's Policies): the finding is on that service, else on the policy alone.
    std::vector<std::string> holders;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < spec.services.size(); ++i) {
      const Service& service = spec.services[i];
      if (!service.resource.empty() && service.resource == policy.id) owners.push_back(i);
      if (std::find(policy.roles.begin(), policy.roles.end(), service.iam_role) !=
          policy.roles.end()) {
        holders.push_back(service.name);
      }
    }
    for (const IamStatement& statement : policy.statements) {
      if (!statement.allow) continue;
      if (std::find(statement.resources.begin(), statement.resources.end(), "*") ==
          statement.resources.end()) {
        continue;
      }
      // The location is the broadest action: `*` when listed, else the first `service:*`.
      std::vector<std::string> wildcards;
      std::optional<SourceMark> first;
      for (std::size_t k = 0; k < statement.actions.size(); ++k) {
        if (!every_action(statement.actions[k])) continue;
        wildcards.push_back(statement.actions[k]);
        if (!first || statement.actions[k] == "*") {
          first = k < statement.action_marks.size() ? statement.action_marks[k] : statement.mark;
        }
      }
      // An Allow with NotAction grants every action but those it lists, of every service, the
      // ones AWS adds later included: on every resource, broader than any wildcard it names.
      const bool allow_but = !statement.not_actions.empty();
      if (allow_but) {
        first = statement.not_action_marks.empty() ? statement.mark
                                                   : statement.not_action_marks.front();
      }
      if (wildcards.empty() && !allow_but) continue;
      const std::string held =
          holders.empty()
              ? (policy.roles.empty()
                     ? std::string("It is attached to no role the files name")
                     : fmt::format("It is attached to {}, which no service here uses",
                                   join_sentence(policy.roles)))
              : fmt::format("{} hold{} it", join_sentence(holders), holders.size() == 1 ? "s" : "");
      const std::string granted =
          allow_but ? "every action but " + join_sentence(statement.not_actions) + " (NotAction)"
                    : join_sentence(wildcards);
      const std::string grants =
          allow_but ? fmt::format(
                          "every action of every AWS service except {}, the ones AWS "
                          "adds later included: close to administrator access",
                          join_sentence(statement.not_actions))
                    : what_it_grants(wildcards);
      Finding finding = make_finding(
          rule, std::nullopt,
          fmt::format(
              "Policy {} allows {} on every resource (\"Resource\": \"*\"){}: {}. {}. Grant the "
              "actions the code calls, on the ARNs it uses (s3:PutObject on "
              "arn:aws:s3:::BUCKET/*, not s3:* on *); IAM Access Analyzer can generate that "
              "policy from CloudTrail.",
              policy.id, granted, statement.conditional ? ", under a Condition" : "", grants, held),
          spec.location(first && first->known() ? *first : policy.mark));
      finding.resource = policy.id;
      finding.remedy = "name the actions and resource ARNs the code uses instead of " +
                       (allow_but ? std::string("NotAction") : join_sentence(wildcards)) + " on *";
      if (owners.empty()) {
        out.push_back({std::nullopt, std::move(finding)});
      } else {
        for (std::size_t i : owners) out.push_back({i, finding});
      }
    }
  }
}

}  // namespace

Rule iam_wildcard_action_rule() {
  return {"iam-wildcard-action",
          Severity::high,
          "An IAM policy allows every action, or every action of a service, on every resource",
          "An Allow statement with Action \"*\" (or \"s3:*\", every action of one service) and "
          "Resource \"*\" grants far more than any workload calls: whoever runs code under the "
          "role can delete, re-permission or read everything that service holds in the account. "
          "AWS's IAM best practices ask for least privilege, the specific actions on the specific "
          "resources (docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html). A prefix "
          "(s3:Get*), a Deny, and an action the files do not fix raise nothing. An Allow with "
          "NotAction "
          "on Resource \"*\" grants every action but the few it lists, and is raised too (a Deny "
          "with NotAction restricts, and raises nothing). A policy held by "
          "no service is reported on the policy itself (ID@RESOURCE).",
          "List the actions the code calls on the ARNs it uses; IAM Access Analyzer generates "
          "such a policy from CloudTrail activity.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
