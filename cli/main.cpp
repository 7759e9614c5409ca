// computefit's command line: parse arguments, call the library's facade, render, map to an exit
// status (0 done, 1 a finding at or above --fail-on, 2 bad input or usage).

#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "advisor/recommend.hpp"
#include "advisor/simulate.hpp"
#include "advisor/suppressions.hpp"
#include "render/render.hpp"
#include "render/simulate.hpp"
#include "rules/rule.hpp"
#include "rules/rule_docs.hpp"
#include "spec/spec_loader.hpp"

namespace {

using namespace computefit;

constexpr int kExitDone = 0;
constexpr int kExitFindings = 1;
constexpr int kExitBadInput = 2;

int print_diagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics) std::cerr << format_diagnostic(d) << '\n';
  return kExitBadInput;
}

struct OutputRequest {
  std::string format;
  std::optional<std::string> file;
};

// "json" or "json:report.json".
std::optional<OutputRequest> parse_output(const std::string& text) {
  OutputRequest out;
  const std::size_t colon = text.find(':');
  out.format = text.substr(0, colon);
  if (colon != std::string::npos) {
    out.file = text.substr(colon + 1);
    if (out.file->empty()) return std::nullopt;
  }
  if (!find_format(out.format)) return std::nullopt;
  return out;
}

bool colour_wanted() {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(fileno(stdout)) && (no_color == nullptr || *no_color == '\0');
}

struct RecommendArgs {
  std::string spec;
  std::vector<std::string> formats;
  double days = 1;
  std::uint64_t seed = 1;
  std::string prices;
  std::string fail_on;
  bool no_sweep = false;
};

int run_recommend(const RecommendArgs& args) {
  std::vector<OutputRequest> outputs;
  int to_stdout = 0;
  for (const std::string& text :
       args.formats.empty() ? std::vector<std::string>{"text"} : args.formats) {
    std::optional<OutputRequest> output = parse_output(text);
    if (!output) {
      std::cerr << fmt::format(
          "computefit: error: --format '{}': expected FMT or FMT:FILE with FMT "
          "one of {}\n",
          text, format_names());
      return kExitBadInput;
    }
    to_stdout += output->file ? 0 : 1;
    outputs.push_back(*output);
  }
  if (to_stdout > 1) {
    std::cerr << "computefit: error: only one --format may write to standard output; give the "
                 "others a FILE (FMT:FILE)\n";
    return kExitBadInput;
  }

  const DiskFileSystem fs;
  RecommendRequest request;
  request.spec_path = args.spec;
  if (!args.prices.empty()) request.prices_path = args.prices;
  request.days = args.days;
  request.seed = args.seed;
  request.sweep = !args.no_sweep;
  const RecommendOutcome outcome = recommend(request, fs);
  if (!outcome.report) return print_diagnostics(outcome.diagnostics);

  for (const OutputRequest& output : outputs) {
    RenderOptions options;
    options.colour = !output.file && colour_wanted();
    const std::string text = find_format(output.format)->render(*outcome.report, options);
    if (!output.file) {
      std::cout << text;
      continue;
    }
    std::ofstream file(*output.file, std::ios::binary);
    file << text;
    if (!file) {
      std::cerr << fmt::format("computefit: error: cannot write '{}'\n", *output.file);
      return kExitBadInput;
    }
  }
  if (!args.fail_on.empty()) {
    // Suppressed findings are reported but never fail the run.
    const Severity threshold = *severity_from_string(args.fail_on);
    if (first_failing_finding(*outcome.report, threshold)) return kExitFindings;
  }
  return kExitDone;
}

struct SimulateArgs {
  SimulateRequest request;
  std::string prices;
  std::string format = "text";
};

int run_simulate(SimulateArgs args) {
  if (!args.prices.empty()) args.request.prices_path = args.prices;
  const DiskFileSystem fs;
  // Wall time is reported (and is the only figure that changes from run to run).
  const auto start = std::chrono::steady_clock::now();
  const SimulateOutcome outcome = simulate(args.request, fs);
  const auto stop = std::chrono::steady_clock::now();
  if (!outcome.result) return print_diagnostics(outcome.diagnostics);
  SimulateOutput output;
  output.service = outcome.service;
  output.runtime = outcome.runtime;
  output.result = *outcome.result;
  output.wall_seconds = std::chrono::duration<double>(stop - start).count();
  if (args.format == "json") {
    std::cout << render_simulate_json(output);
  } else {
    TextStyle style;
    style.colour = colour_wanted();
    std::cout << render_simulate_text(output, style);
  }
  return kExitDone;
}

int run_validate(const std::string& spec_path) {
  const DiskFileSystem fs;
  const SpecLoadResult loaded = load_spec(spec_path, fs);
  if (!loaded.spec) return print_diagnostics(loaded.diagnostics);
  std::cout << fmt::format("{}: ok ({} service{})\n", spec_path, loaded.spec->services.size(),
                           loaded.spec->services.size() == 1 ? "" : "s");
  return kExitDone;
}

int run_rules(const std::string& doc_id) {
  if (doc_id.empty()) {
    std::cout << rules_listing();
    return kExitDone;
  }
  for (const Rule& rule : rules()) {
    if (rule.id == doc_id) {
      std::cout << rule_doc_markdown(rule);
      return kExitDone;
    }
  }
  std::cerr << fmt::format("computefit: error: no rule '{}' (see `computefit rules`)\n", doc_id);
  return kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"computefit: which AWS compute runtime fits each workload, with the numbers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", COMPUTEFIT_VERSION);

  RecommendArgs rec;
  CLI::App* recommend_cmd =
      app.add_subcommand("recommend", "rank the runtimes for every service of SPEC");
  recommend_cmd->add_option("SPEC", rec.spec, "workload spec (YAML)")->required();
  recommend_cmd->add_option("--format", rec.formats,
                            "output format FMT or FMT:FILE (repeatable): " + format_names());
  recommend_cmd->add_option("--days", rec.days, "simulated days (fractions allowed)")
      ->check(CLI::Range(1e-4, 3650.0));
  recommend_cmd->add_option("--seed", rec.seed, "random seed");
  recommend_cmd->add_option("--prices", rec.prices, "price catalog YAML (default: built in)");
  recommend_cmd
      ->add_option("--fail-on", rec.fail_on, "exit 1 when a finding at or above SEVERITY is raised")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  recommend_cmd->add_flag("--no-sweep", rec.no_sweep,
                          "skip the decision-boundary sweep (faster; no boundaries in the report)");

  std::string validate_spec;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check SPEC and print its problems");
  validate_cmd->add_option("SPEC", validate_spec, "workload spec (YAML)")->required();

  SimulateArgs sim;
  CLI::App* simulate_cmd =
      app.add_subcommand("simulate", "simulate one service on one runtime, request by request");
  simulate_cmd->add_option("SPEC", sim.request.spec_path, "workload spec (YAML)")->required();
  simulate_cmd->add_option("--service", sim.request.service, "service name")->required();
  simulate_cmd->add_option("--runtime", sim.request.runtime, "lambda, ecs-fargate, ecs-ec2 or eks")
      ->required();
  simulate_cmd->add_option("--days", sim.request.days, "simulated days (fractions allowed)")
      ->check(CLI::Range(1e-4, 3650.0));
  simulate_cmd->add_option("--seed", sim.request.seed, "random seed");
  simulate_cmd->add_option("--prices", sim.prices, "price catalog YAML (default: built in)");
  simulate_cmd->add_option("--format", sim.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  std::string doc_id;
  CLI::App* rules_cmd =
      app.add_subcommand("rules", "list every rule with its id, severity and title");
  rules_cmd->add_option("--doc", doc_id, "print the documentation page of rule ID (Markdown)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 exits 100+ on usage errors; the contract says 2.
    const int status = app.exit(error);
    return status == 0 ? kExitDone : kExitBadInput;
  }

  try {
    if (*recommend_cmd) return run_recommend(rec);
    if (*validate_cmd) return run_validate(validate_spec);
    if (*rules_cmd) return run_rules(doc_id);
    if (*simulate_cmd) return run_simulate(sim);
  } catch (const std::exception& error) {
    std::cerr << "computefit: internal error: " << error.what() << '\n';
    return 70;  // EX_SOFTWARE: a bug, never bad input
  }
  return kExitBadInput;
}
