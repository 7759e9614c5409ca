#pragma once
// Spellings of the report's own enums: EstimateKind's here (to_string in advisor/report.hpp);
// Severity's live with it in rules/finding.hpp, since the rules print them too. The spec's enums
// are spelled in src/workload.

#include <string_view>

#include "advisor/report.hpp"
#include "rules/finding.hpp"
