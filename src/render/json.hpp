#pragma once
// `recommend --format json`: SPEC.md's output contract, every name in its order, extensions after.

#include <string>

#include "advisor/report.hpp"

namespace computefit {

/// The report as the contract's JSON document (two-space indent, newline-terminated). Money to
/// the cent, fractions to 6 significant digits, latencies to 0.1 ms, integral counts as
/// integers, null for anything not applicable or not finite; the same report gives the same bytes.
std::string render_json(const Report& report);

}  // namespace computefit
