#pragma once
// The defaults of SPEC.md's table that depend on other values (kind, language, memory).

#include "spec/spec.hpp"

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
/// May run on Spot: false for http, true otherwise.
bool default_interruption_tolerant(ServiceKind kind);

}  // namespace computefit
