#pragma once
// A remedy that names a setting is checked before it is offered: the service is copied, the
// setting changed, and the option evaluated as `recommend` evaluates it (limits, estimate,
// simulation with the run's budget and seed), so the finding quotes what the setting does.

#include <functional>
#include <string>

#include "rules/rule.hpp"

namespace computefit {

/// spec.services[index] on `runtime` with `change` applied to a copy of the service.
RuntimeEstimate try_setting(const RuleContext& context, std::size_t index, RuntimeId runtime,
                            const std::function<void(Service&)>& change);

/// Whether a cap of `instances` on the option would have bound: when its simulated fleet never
/// went past the cap, the same seed gives the same run with the cap, so its outcome is the
/// option's own and nothing needs to be simulated again.
bool cap_would_bind(const Service& service, RuntimeId runtime, const RuntimeEstimate& option,
                    double instances);

/// What an option does, in the words of a remedy: "p99 850 ms (meets the SLO's 1,000 ms), 2.1%
/// of requests throttled (HTTP 429), 1.4% cold starts".
std::string outcome_phrase(const Service& service, RuntimeId runtime,
                           const RuntimeEstimate& estimate);

/// "simulated" or "estimated": how try_setting() judged the option.
std::string_view judged_by(const Service& service, RuntimeId runtime);

/// Whether the option meets every latency target the service declares (true without an SLO).
bool meets_slo(const Service& service, const Behaviour& behaviour);

}  // namespace computefit
