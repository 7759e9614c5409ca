#include <fmt/format.h>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"
#include "rules/wording.hpp"
#include "runtimes/fargate_sizes.hpp"
#include "runtimes/wording.hpp"

namespace computefit {
namespace {

std::string size_text(double vcpu, double memory_gb) {
  return fmt::format("{} vCPU / {} GB", short_number(vcpu), short_number(memory_gb));
}

// A task definition fixes its CPU/memory pair, and Fargate runs only the pairs of its table
// (fargate_sizes.cpp, with its source): any other pair is refused when the task definition is
// registered. The ecs-fargate option is infeasible for the same reason (its limit check says so
// in one clause that names this rule); the finding carries the figures and the fix.
void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = fargate_invalid_size_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (!service.task_size || !estimate_of(context, i, RuntimeId::ecs_fargate)) continue;
    const TaskSize& size = *service.task_size;
    if (is_fargate_size(size.vcpu, size.memory_mb)) continue;
    const double memory_gb = size.memory_mb / 1024;
    const FargateCpuTier* tier = fargate_tier(size.vcpu);
    const std::string allowed =
        tier ? fmt::format("{} vCPU takes {}", short_number(tier->vcpu), fargate_memory_text(*tier))
             : fmt::format("Fargate's CPU sizes are {}", fargate_cpu_text());
    const std::optional<FargateSize> nearest = smallest_fargate_size(size.vcpu, size.memory_mb);
    const std::string fix =
        nearest ? fmt::format("declare {} (the smallest Fargate size that holds both)",
                              size_text(nearest->vcpu, nearest->memory_gb))
                : std::string("split the task: no Fargate size holds it");
    Finding finding = make_finding(
        rule, RuntimeId::ecs_fargate,
        fmt::format(
            "{}'s task definition declares {} ({} MB), which is not a Fargate task size: {} "
            "(AWS's task CPU and memory table), so registering it for Fargate fails and "
            "ecs-fargate is infeasible; {}, or run it on ECS on EC2, where any pair that fits "
            "the instance is valid.",
            service.name, size_text(size.vcpu, memory_gb), thousands(size.memory_mb), allowed, fix),
        // The key that is off the table: the memory when the CPU is a Fargate size.
        service_location(context.spec, service, tier ? "task_size.memory_mb" : "task_size.vcpu"));
    // The pair is the task definition's: the finding names it (the service's own resource when
    // the spec does not say which it is).
    finding.resource = service.task_definition;
    if (nearest) {
      finding.remedy =
          fmt::format("task_size: {{ vcpu: {}, memory_mb: {} }}", short_number(nearest->vcpu),
                      short_number(nearest->memory_gb * 1024));
    }
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule fargate_invalid_size_rule() {
  return {"fargate-invalid-size",
          Severity::high,
          "A task definition's CPU/memory pair is not a Fargate size",
          "Fargate runs a fixed set of task sizes: 0.25 vCPU with 0.5, 1 or 2 GB; 0.5 vCPU with "
          "1-4 GB; 1 vCPU with 2-8 GB; 2 vCPU with 4-16 GB; 4 vCPU with 8-30 GB (1 GB steps); 8 "
          "vCPU with 16-60 GB (4 GB steps); 16 vCPU with 32-120 GB (8 GB steps) "
          "(docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html, "
          "task CPU and memory). A task definition that declares another pair cannot be "
          "registered for Fargate, so the deploy fails and the ecs-fargate option is infeasible.",
          "Declare a pair from the table (the finding names the smallest that holds the task), "
          "or run the task on ECS on EC2.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
