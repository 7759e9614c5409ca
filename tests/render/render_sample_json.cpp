// Prints render_json of the sample report, for the schema check (validate_sample_json.py);
// `render_sample_json simulated` prints it as if a one-day simulation had run.

#include <iostream>
#include <string_view>

#include "render/json.hpp"
#include "render/sample_report.hpp"

int main(int argc, char** argv) {
  computefit::Report report = computefit::sample_report();
  if (argc > 1 && std::string_view(argv[1]) == "simulated") report.simulated_days = 1;
  std::cout << computefit::render_json(report);
  return 0;
}
