#pragma once
// The defaults of SPEC.md's table that depend on other values (kind, language, memory).

#include "workload/spec.hpp"

namespace computefit {

/// Lambda cold start by language when the spec gives no `cold_start_ms`.
DurationSpec default_cold_start(Language language);
/// duration_ms when the spec gives none: 100 ms, fixed.
DurationSpec default_duration();
/// The smallest Fargate CPU size whose memory range includes `memory_mb`.
double default_vcpu(double memory_mb);
/// Requests one container instance serves at once: http 20, event 10, worker 1, scheduled 1.
int default_concurrency(ServiceKind kind);
/// Tasks (or pods) kept running: 2 for http (one per AZ behind a load balancer), else 1.
int default_min_tasks(ServiceKind kind);
/// The target of target tracking when the runtime block gives none: for http and event services
/// 0.7 of the busy slots (or CPU), ECS's usual 70% target that leaves room for a burst while the
/// fleet scales; for a worker 1.0, one message per slot counting in-flight ones, since a message
/// can wait its turn in the queue (KEDA's SQS scaler: "if one pod can handle 10 messages, set the
/// queue length target to 10", keda.sh/docs/scalers/aws-sqs, read 2026-12-02; AWS's SQS scaling
/// guide sizes the backlog per instance from the latency a message may wait).
double default_target_utilization(ServiceKind kind);
/// May run on Spot: false for http, true otherwise.
bool default_interruption_tolerant(ServiceKind kind);

}  // namespace computefit
