#pragma once
// A hand-built report that exercises every part of the renderers: a recommended service with
// feasible, SLO-missing and infeasible options, shared cost items and findings, and a service with
// no feasible runtime.

#include "advisor/report.hpp"
#include "render/simulate.hpp"

namespace computefit {

/// The sample report (analytic estimate: simulated_days 0).
Report sample_report();

/// The sample report as revision 2 fills it after a simulation: options that say where their
/// figures come from (simulated, or the steady-state estimate), an interval left out with its
/// reason, failed requests, the sample each service was judged on (one window; strata with
/// weights), and a worker without an SLO whose runs last hours.
Report revision2_report();

/// The sample report as `recommend` makes it from templates: what the files leave unknown (a
/// located parameter, an unlocated role, subnets not in the files) and a resource it skipped.
Report templates_report();

/// A sample simulate run: one day of a Lambda service with cold starts and a few throttles.
SimulateOutput sample_simulation();

}  // namespace computefit
