// computefit's command line: parse arguments, call the library's facade, render, map to an exit
// status (0 done, 1 a finding at or above --fail-on, 2 bad input or usage, 3 an internal error).

#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "advisor/gate.hpp"
#include "advisor/lint.hpp"
#include "advisor/recommend.hpp"
#include "advisor/report_check.hpp"
#include "advisor/simulate.hpp"
#include "readers/import/import.hpp"
#include "readers/lint_workload.hpp"
#include "render/lint.hpp"
#include "render/names.hpp"
#include "render/render.hpp"
#include "render/simulate.hpp"
#include "rules/rule.hpp"
#include "rules/rule_docs.hpp"
#include "workload/spec_loader.hpp"

namespace {

using namespace computefit;

constexpr int kExitDone = 0;
constexpr int kExitFindings = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitInternal = 3;

// The simulated time a run may ask for.
constexpr double kMinDays = 1e-4;
constexpr double kMaxDays = 3650;

// --days as a plain decimal number of days in [kMinDays, kMaxDays]. CLI11 would read "nan" and
// "inf" into a double, and its Range check lets NaN through, so the text is checked here.
std::optional<double> parse_days(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  if (value < kMinDays || value > kMaxDays) return std::nullopt;
  return value;
}

// --seed as decimal digits that fit 64 bits. CLI11 reads "-1" and 2^64 as 2^64 - 1 (strtoull)
// and "010" as octal, so the text is checked and converted here.
std::optional<std::uint64_t> parse_seed(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || ptr != end) return std::nullopt;
  return value;
}

CLI::Validator days_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (parse_days(text)) return "";
        return fmt::format("expected a number of days from {:g} to {:g}, got '{}'", kMinDays,
                           kMaxDays, text);
      },
      fmt::format("DAYS in [{:g}, {:g}]", kMinDays, kMaxDays));
}

CLI::Validator seed_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (parse_seed(text)) return "";
        return fmt::format("expected a whole number from 0 to {}, got '{}'",
                           std::numeric_limits<std::uint64_t>::max(), text);
      },
      "SEED in [0, 2^64 - 1]");
}

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
  std::vector<std::string> inputs;  ///< a spec, or templates, plans and CDK folders
  std::string overlay;
  std::vector<std::string> formats;
  std::string days = "1";
  std::string seed = "1";
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
  request.spec_path = args.inputs.front();
  request.more_inputs.assign(args.inputs.begin() + 1, args.inputs.end());
  if (!args.overlay.empty()) request.overlay = args.overlay;
  if (!args.prices.empty()) request.prices_path = args.prices;
  request.days = *parse_days(args.days);
  request.seed = *parse_seed(args.seed);
  request.sweep = !args.no_sweep;
  if (!args.fail_on.empty()) request.fail_on = severity_from_string(args.fail_on);
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
  // The gate ran in the library (its outcome is in the JSON too); here it becomes the status.
  if (outcome.report->fail_on && !outcome.report->fail_on->tripped.empty()) {
    std::cerr << fail_on_message(*outcome.report->fail_on) << '\n';
    return kExitFindings;
  }
  return kExitDone;
}

struct LintArgs {
  std::vector<std::string> inputs;  ///< a spec, or templates, plans and CDK folders
  std::string overlay;
  std::vector<std::string> formats;
  std::string fail_on;
};

// `lint FILE... [--overlay SPEC] [--format FMT[:FILE]]... [--fail-on SEVERITY]`.
int run_lint(const LintArgs& args) {
  struct LintOutput {
    const LintFormat* format = nullptr;
    std::optional<std::string> file;
  };
  std::vector<LintOutput> outputs;
  int to_stdout = 0;
  for (const std::string& text :
       args.formats.empty() ? std::vector<std::string>{"text"} : args.formats) {
    const std::size_t colon = text.find(':');
    LintOutput output{find_lint_format(text.substr(0, colon)), std::nullopt};
    if (colon != std::string::npos) output.file = text.substr(colon + 1);
    if (!output.format || (output.file && output.file->empty())) {
      std::cerr << fmt::format(
          "computefit: error: --format '{}': expected FMT or FMT:FILE with FMT one of {}\n", text,
          lint_format_names());
      return kExitBadInput;
    }
    to_stdout += output.file ? 0 : 1;
    outputs.push_back(output);
  }
  if (to_stdout > 1) {
    std::cerr << "computefit: error: only one --format may write to standard output; give the "
                 "others a FILE (FMT:FILE)\n";
    return kExitBadInput;
  }

  const DiskFileSystem fs;
  LintRequest request;
  request.inputs = args.inputs;
  if (!args.overlay.empty()) request.overlay = args.overlay;
  if (!args.fail_on.empty()) request.fail_on = severity_from_string(args.fail_on);
  const LintOutcome outcome = lint(request, fs);
  if (!outcome.report) return print_diagnostics(outcome.diagnostics);

  for (const LintOutput& output : outputs) {
    const std::string text = output.format->render(*outcome.report);
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
  const std::optional<FailOnSummary>& gate = outcome.report->report.fail_on;
  if (gate && !gate->tripped.empty()) {
    std::cerr << fail_on_message(*gate) << '\n';
    return kExitFindings;
  }
  return kExitDone;
}

struct SimulateArgs {
  SimulateRequest request;
  std::string days = "1";
  std::string seed = "1";
  std::string prices;
  std::string format = "text";
};

int run_simulate(SimulateArgs args) {
  if (!args.prices.empty()) args.request.prices_path = args.prices;
  args.request.days = *parse_days(args.days);
  args.request.seed = *parse_seed(args.seed);
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
  output.notes = outcome.notes;
  if (args.format == "json") {
    std::cout << render_simulate_json(output);
  } else {
    TextStyle style;
    style.colour = colour_wanted();
    std::cout << render_simulate_text(output, style);
  }
  return kExitDone;
}

int run_validate(const std::vector<std::string>& inputs, const std::string& overlay) {
  const DiskFileSystem fs;
  const readers::LintWorkload workload = readers::load_lint_workload(
      inputs, overlay.empty() ? std::nullopt : std::optional<std::string>(overlay), fs);
  const SpecLoadResult& loaded = workload.loaded;
  if (!loaded.spec) {
    if (!workload.no_services) return print_diagnostics(loaded.diagnostics);
    return print_diagnostics({{inputs.front(),
                               {},
                               "no-services",
                               "the files describe no Lambda function or ECS service"}});
  }
  std::string named;
  for (const std::string& input : inputs) named += (named.empty() ? "" : ", ") + input;
  if (!overlay.empty()) named += " with " + overlay;
  const std::size_t services = loaded.spec->services.size();
  std::cout << fmt::format("{}: ok ({} service{})\n", named, services, services == 1 ? "" : "s");
  // SPEC.md "Without traffic": not an error, but recommend will not rank them.
  std::vector<std::string> unranked;
  for (const Service& service : loaded.spec->services) {
    if (service.unranked) unranked.push_back(service.name);
  }
  if (!unranked.empty()) {
    std::string names;
    for (const std::string& name : unranked) names += (names.empty() ? "" : ", ") + name;
    std::cout << fmt::format(
        "note: no traffic for {} (an overlay adds it): recommend reports {} unranked\n", names,
        unranked.size() == 1 ? "it" : "them");
  }
  return kExitDone;
}

// `import FILE... [-o SPEC]`: the spec the templates describe, to standard output or a file.
int run_import(const std::vector<std::string>& inputs, const std::string& output) {
  const DiskFileSystem fs;
  const readers::ImportResult imported = readers::import_files(inputs, fs);
  if (!imported.value) return print_diagnostics(imported.diagnostics);
  const std::string yaml = readers::imported_spec_yaml(*imported.value);
  if (output.empty() || output == "-") {
    std::cout << yaml;
    return kExitDone;
  }
  std::ofstream file(output, std::ios::binary);
  file << yaml;
  file.close();
  if (!file) {
    std::cerr << fmt::format("{}: error: cannot write the spec\n", output);
    return kExitBadInput;
  }
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

// The command line; main() adds the last guard.
int run_cli(int argc, char** argv) {
  CLI::App app{"computefit: which AWS compute runtime fits each workload, with the numbers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", COMPUTEFIT_VERSION);

  RecommendArgs rec;
  CLI::App* recommend_cmd = app.add_subcommand(
      "recommend", "rank the runtimes for every service of SPEC (or of templates with --overlay)");
  recommend_cmd
      ->add_option("FILE", rec.inputs,
                   "workload spec (YAML), or CloudFormation/SAM templates, Terraform plans "
                   "(terraform show -json) and CDK cloud assembly folders")
      ->required();
  recommend_cmd->add_option("--overlay", rec.overlay,
                            "spec merged over what the templates give (traffic, durations, SLOs)");
  recommend_cmd->add_option("--format", rec.formats,
                            "output format FMT or FMT:FILE (repeatable): " + format_names());
  recommend_cmd->add_option("--days", rec.days, "simulated days (fractions allowed)")
      ->check(days_check());
  recommend_cmd->add_option("--seed", rec.seed, "random seed")->check(seed_check());
  recommend_cmd->add_option("--prices", rec.prices, "price catalog YAML (default: built in)");
  recommend_cmd
      ->add_option("--fail-on", rec.fail_on, "exit 1 when a finding at or above SEVERITY is raised")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  recommend_cmd->add_flag("--no-sweep", rec.no_sweep,
                          "skip the decision-boundary sweep (faster; no boundaries in the report)");

  LintArgs lint_args;
  CLI::App* lint_cmd = app.add_subcommand(
      "lint",
      "the findings on templates (or a spec): no ranking, no cost; with --overlay traffic, "
      "the simulated ones too");
  lint_cmd
      ->add_option("FILE", lint_args.inputs,
                   "CloudFormation/SAM templates, Terraform plans (terraform show -json), CDK "
                   "cloud assembly folders, or a workload spec")
      ->required();
  lint_cmd->add_option("--overlay", lint_args.overlay,
                       "spec merged over what the templates give (traffic, durations, SLOs)");
  lint_cmd->add_option("--format", lint_args.formats,
                       "output format FMT or FMT:FILE (repeatable): " + lint_format_names());
  lint_cmd
      ->add_option("--fail-on", lint_args.fail_on,
                   "exit 1 when any finding at or above SEVERITY is raised")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));

  std::vector<std::string> validate_inputs;
  std::string validate_overlay;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check SPEC and print its problems");
  validate_cmd
      ->add_option("FILE", validate_inputs,
                   "workload spec (YAML), or templates, Terraform plans and CDK folders")
      ->required();
  validate_cmd->add_option("--overlay", validate_overlay,
                           "spec merged over what the templates give");

  SimulateArgs sim;
  CLI::App* simulate_cmd =
      app.add_subcommand("simulate", "simulate one service on one runtime, request by request");
  simulate_cmd->add_option("SPEC", sim.request.spec_path, "workload spec (YAML)")->required();
  simulate_cmd->add_option("--service", sim.request.service, "service name")->required();
  simulate_cmd->add_option("--runtime", sim.request.runtime, "lambda, ecs-fargate, ecs-ec2 or eks")
      ->required();
  simulate_cmd->add_option("--days", sim.days, "simulated days (fractions allowed)")
      ->check(days_check());
  simulate_cmd->add_option("--seed", sim.seed, "random seed")->check(seed_check());
  simulate_cmd->add_option("--prices", sim.prices, "price catalog YAML (default: built in)");
  simulate_cmd->add_option("--format", sim.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  std::vector<std::string> import_inputs;
  std::string import_output;
  CLI::App* import_cmd = app.add_subcommand(
      "import", "read templates, Terraform plans or CDK output and write the spec they describe");
  import_cmd
      ->add_option("FILE", import_inputs,
                   "CloudFormation/SAM template (YAML or JSON), Terraform plan (terraform show "
                   "-json) or CDK cloud assembly folder (cdk.out)")
      ->required();
  import_cmd->add_option("-o,--output", import_output, "write the spec here (default: stdout)");

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
    if (*lint_cmd) return run_lint(lint_args);
    if (*validate_cmd) return run_validate(validate_inputs, validate_overlay);
    if (*rules_cmd) return run_rules(doc_id);
    if (*import_cmd) return run_import(import_inputs, import_output);
    if (*simulate_cmd) return run_simulate(sim);
  } catch (const std::exception& error) {
    // A bug, never bad input: a figure came out of range (InternalError) or something threw.
    std::cerr << "computefit: internal error: " << error.what()
              << " (this is a bug in computefit; please report it with the spec)\n";
    return kExitInternal;
  }
  return kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  // Setting up the command line itself threw (out of memory, a clash of option names): a bug.
  try {
    return run_cli(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "computefit: internal error: " << error.what()
              << " (this is a bug in computefit; please report it with the spec)\n";
  } catch (...) {
    std::cerr << "computefit: internal error (this is a bug in computefit; please report it)\n";
  }
  return kExitInternal;
}
