#include <fmt/format.h>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"

namespace computefit {
namespace {

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = secrets_in_env_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (service.secrets != SecretsSource::env) continue;
    out.push_back(
        {i, make_finding(rule, std::nullopt,
                         fmt::format("{} reads its secrets from plain environment variables: they "
                                     "are stored in the task definition or function "
                                     "configuration, shown to anyone who can describe it, and "
                                     "often echoed in CI logs; read them from Secrets Manager or "
                                     "SSM Parameter Store (SecureString) at start-up instead.",
                                     service.name),
                         service_location(context.spec, service, "secrets"))});
  }
}

}  // namespace

Rule secrets_in_env_rule() {
  return {"secrets-in-env",
          Severity::high,
          "Secrets in plain environment variables",
          "A service reads its secrets from plain environment variables, which live in the task "
          "definition or function configuration in clear text and leak through describe calls, "
          "crash dumps and CI logs.",
          "Store secrets in AWS Secrets Manager or SSM Parameter Store and reference them "
          "(ECS `secrets`, Lambda extensions or SDK calls at init); grant the role read access to "
          "those secrets only.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
