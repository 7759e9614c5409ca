#include <fmt/format.h>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/lambda_limits.hpp"

namespace computefit {
namespace {

// Lambda caps a function's environment variables at 4 KB together, measured as the variables
// map in JSON; a deploy over it fails. Values the files do not fix are counted empty, so the
// size is then a lower bound: it raises only when even that bound is over the cap, and says so.
void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = lambda_env_size_rule();
  const int cap = lambda_limits().environment_max_bytes;
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (!service.environment_bytes || *service.environment_bytes <= cap) continue;
    if (!estimate_of(context, i, RuntimeId::lambda)) continue;
    const int bytes = *service.environment_bytes;
    const std::size_t unknown = service.environment_unresolved.size();
    const std::string measured =
        unknown == 0 ? fmt::format("{} bytes", thousands(bytes))
                     : fmt::format(
                           "at least {} bytes (a lower bound: {} {} whose value the files do not "
                           "fix counted empty)",
                           thousands(bytes), join_sentence(service.environment_unresolved),
                           unknown == 1 ? "is a variable" : "are variables");
    Finding finding = make_finding(
        rule, RuntimeId::lambda,
        fmt::format(
            "{}'s environment variables measure {} as Lambda counts them (the variables map as "
            "JSON), {} bytes over Lambda's {} KB ({} bytes) for all of a function's variables "
            "together: the deploy fails. Move large values (configuration documents, lists, "
            "certificates) to SSM Parameter Store, Secrets Manager or AppConfig and read them at "
            "start, keeping their names in the environment.",
            service.name, measured, thousands(bytes - cap), cap / 1024, thousands(cap)),
        service_location(context.spec, service, "environment_bytes"));
    finding.remedy = fmt::format(
        "at least {} bytes out of the environment, into SSM Parameter Store or AppConfig",
        thousands(bytes - cap));
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule lambda_env_size_rule() {
  return {"lambda-env-size",
          Severity::high,
          "A Lambda function's environment variables exceed 4 KB",
          "Lambda allows 4 KB of environment variables per function, all of them together, "
          "measured as the variables map in JSON "
          "(docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); a deploy over it "
          "fails. When the files leave some values unresolved (a reference to something outside "
          "them), those count as empty: the rule raises only when the known part alone exceeds "
          "4 KB, and says the size is a lower bound; below it, it says nothing.",
          "Keep names and small settings in the environment and move large values to SSM "
          "Parameter Store, Secrets Manager or AppConfig, read at start.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
