#include <fmt/format.h>

#include "rules/rule_helpers.hpp"
#include "rules/rule_list.hpp"

namespace computefit {
namespace {

void check(const RuleContext& context, std::vector<RaisedFinding>& out) {
  const Rule rule = shared_execution_task_role_rule();
  for (std::size_t i = 0; i < context.spec.services.size(); ++i) {
    const Service& service = context.spec.services[i];
    if (service.execution_role.empty() || service.execution_role != service.iam_role) continue;
    Finding finding = make_finding(
        rule, std::nullopt,
        fmt::format("{}'s task definition uses role '{}' as both its task role (what the "
                    "application's code may call) and its execution role (what the ECS agent "
                    "needs to start the task: pull the image from ECR, write its logs, fetch the "
                    "secrets it injects): the code holds the agent's grants, every secret the "
                    "task is given among them, and the agent the application's. Give the task "
                    "definition its own execution role with AmazonECSTaskExecutionRolePolicy and "
                    "read access to those secrets alone.",
                    service.name, service.iam_role),
        service_location(context.spec, service, "execution_role"));
    // The roles are the task definition's: the finding names it (the service's own resource
    // when the spec does not say which it is).
    finding.resource = service.task_definition;
    out.push_back({i, std::move(finding)});
  }
}

}  // namespace

Rule shared_execution_task_role_rule() {
  return {"shared-execution-task-role",
          Severity::medium,
          "A task definition uses one role as task role and execution role",
          "ECS gives a task two roles: the execution role, which the ECS agent uses to pull the "
          "image, write logs and fetch the task's secrets, and the task role, which the "
          "application's code uses for its own AWS calls "
          "(docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html, "
          "task-iam-roles.html). One role in both places gives the code the agent's grants and "
          "the agent the code's.",
          "Create a separate execution role with AmazonECSTaskExecutionRolePolicy (and read "
          "access to the task's secrets) and keep the task role for the application's "
          "permissions.",
          check,
          /*needs_simulation=*/false};
}

}  // namespace computefit
