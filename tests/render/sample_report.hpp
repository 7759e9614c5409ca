#pragma once
// A hand-built report that exercises every part of the renderers: a recommended service with
// feasible, SLO-missing and infeasible options, shared cost items and findings, and a service with
// no feasible runtime.

#include "advisor/report.hpp"
#include "render/simulate.hpp"

namespace computefit {

/// The sample report (analytic estimate: simulated_days 0).
Report sample_report();

/// A sample simulate run: one day of a Lambda service with cold starts and a few throttles.
SimulateOutput sample_simulation();

}  // namespace computefit
