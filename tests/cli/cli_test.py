#!/usr/bin/env python3
"""The command line as a user runs it: exit statuses (0 done, 1 --fail-on, 2 bad input or usage,
3 an internal error), located messages, every output format, and the examples."""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

BINARY = None


def run(*args, env=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=120, env=env)


class Usage(unittest.TestCase):
    def test_no_command_is_a_usage_error(self):
        self.assertEqual(run().returncode, 2)

    def test_unknown_command_is_a_usage_error(self):
        self.assertEqual(run("frobnicate").returncode, 2)

    def test_unknown_option_is_a_usage_error(self):
        self.assertEqual(run("recommend", "examples/drill.yaml", "--frobnicate").returncode, 2)

    def test_bad_format_is_a_usage_error(self):
        r = run("recommend", "examples/drill.yaml", "--format", "pdf")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--format 'pdf'", r.stderr)

    def test_two_formats_on_stdout_are_refused(self):
        r = run("recommend", "examples/drill.yaml", "--format", "json", "--format", "text")
        self.assertEqual(r.returncode, 2)

    def test_help_exits_zero(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("recommend", r.stdout)


class NumbersOnTheCommandLine(unittest.TestCase):
    """--days and --seed are checked where they are parsed: never a silent NaN or a wrapped seed."""
    SPEC = "examples/drill.yaml"

    def assert_usage_error(self, *args):
        for command in (("recommend", self.SPEC, "--no-sweep"),
                        ("simulate", self.SPEC, "--service", "api", "--runtime", "lambda")):
            r = run(*command, *args)
            self.assertEqual(r.returncode, 2, f"{command[0]} {args}: {r.stderr}")
            self.assertEqual(r.stdout, "")
            self.assertIn(args[0], r.stderr)

    def test_days_must_be_a_finite_number_in_range(self):
        for days in ("nan", "NaN", "inf", "-inf", "-1", "0", "3651", "1e400", "two", "1.5x", ""):
            self.assert_usage_error("--days", days)

    def test_seed_must_fit_64_bits_unsigned(self):
        for seed in ("-1", "18446744073709551616", "99999999999999999999999", "1.5", "0x10", "+3", "", "one"):
            self.assert_usage_error("--seed", seed)

    def test_largest_seed_and_fractional_days_are_accepted(self):
        r = run("simulate", self.SPEC, "--service", "api", "--runtime", "lambda", "--days", "0.01",
                "--seed", "18446744073709551615", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["seed"], 18446744073709551615)

    def test_seed_is_decimal(self):
        # "010" is ten, not octal eight.
        a = run("simulate", self.SPEC, "--service", "api", "--runtime", "lambda", "--days", "0.01",
                "--seed", "010", "--format", "json")
        b = run("simulate", self.SPEC, "--service", "api", "--runtime", "lambda", "--days", "0.01",
                "--seed", "10", "--format", "json")
        self.assertEqual(a.returncode, 0, a.stderr)
        self.assertEqual(json.loads(a.stdout)["seed"], 10)
        self.assertEqual(json.loads(a.stdout)["requests"], json.loads(b.stdout)["requests"])


class Validate(unittest.TestCase):
    def test_examples_are_valid(self):
        for name in sorted(os.listdir("examples")):
            if name.endswith(".yaml"):
                r = run("validate", os.path.join("examples", name))
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn(": ok (", r.stdout)

    def test_missing_file_is_bad_input(self):
        r = run("validate", "no/such/spec.yaml")
        self.assertEqual(r.returncode, 2)
        self.assertIn("no/such/spec.yaml", r.stderr)
        self.assertIn("error:", r.stderr)

    def test_located_message(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write("version: 1\nservices:\n  - name: api\n    kind: htp\n")
        try:
            r = run("validate", f.name)
            self.assertEqual(r.returncode, 2)
            self.assertRegex(r.stderr, rf"^{f.name}:4:11: error: .*htp", )
        finally:
            os.unlink(f.name)

    def test_recommend_refuses_bad_spec_and_computes_nothing(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write("version: 2\n")
        try:
            r = run("recommend", f.name)
            self.assertEqual(r.returncode, 2)
            self.assertEqual(r.stdout, "")
        finally:
            os.unlink(f.name)


class Recommend(unittest.TestCase):
    def test_every_example_in_text_and_json(self):
        for name in sorted(os.listdir("examples")):
            if not name.endswith(".yaml"):
                continue
            spec = os.path.join("examples", name)
            # A few simulated hours: this checks the command line, not the simulation.
            text = run("recommend", spec, "--days", "0.05")
            self.assertEqual(text.returncode, 0, text.stderr)
            self.assertNotIn("\x1b[", text.stdout, "no colour when not on a terminal")
            js = run("recommend", spec, "--format", "json", "--days", "0.05")
            self.assertEqual(js.returncode, 0, js.stderr)
            doc = json.loads(js.stdout)
            self.assertEqual(doc["contract_version"], 1)
            for service in doc["services"]:
                for option in service["options"]:
                    if option["feasible"]:
                        total = round(sum(i["monthly_usd"] for i in option["cost_items"]), 2)
                        self.assertAlmostEqual(total, option["monthly_cost_usd"], places=2)

    def test_format_to_file(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "r.json")
            r = run("recommend", "examples/drill.yaml", "--format", f"json:{out}", "--format", "text",
                    "--days", "0.05")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out) as f:
                json.load(f)
            self.assertIn("api", r.stdout)

    def test_same_input_same_bytes(self):
        a = run("recommend", "examples/drill.yaml", "--format", "json", "--days", "0.25")
        b = run("recommend", "examples/drill.yaml", "--format", "json", "--days", "0.25")
        self.assertEqual(a.stdout, b.stdout)

    def test_unknown_region_needs_prices(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write("version: 1\nregion: xx-nowhere-9\nservices:\n  - name: a\n    kind: worker\n"
                    "    traffic: { rps: 1 }\n")
        try:
            r = run("recommend", f.name)
            self.assertEqual(r.returncode, 2)
            self.assertIn("--prices", r.stderr)
        finally:
            os.unlink(f.name)


class Simulate(unittest.TestCase):
    ARGS = ("simulate", "examples/drill.yaml", "--service", "api", "--runtime", "lambda", "--days", "0.05")

    def test_json_is_reproducible_but_for_wall_time(self):
        a = run(*self.ARGS, "--format", "json")
        b = run(*self.ARGS, "--format", "json")
        self.assertEqual(a.returncode, 0, a.stderr)
        da, db = json.loads(a.stdout), json.loads(b.stdout)
        for volatile in ("wall_seconds", "per_wall_second"):
            da.pop(volatile), db.pop(volatile)
        self.assertEqual(da, db)
        self.assertEqual(da["seed"], 1)
        self.assertEqual(da["simulated_seconds"], 4320)
        self.assertGreater(da["requests"], 0)

    def test_seed_changes_the_run(self):
        a = json.loads(run(*self.ARGS, "--format", "json").stdout)
        b = json.loads(run(*self.ARGS, "--format", "json", "--seed", "2").stdout)
        self.assertNotEqual(a["requests"], b["requests"])

    def test_bad_names_are_usage_errors(self):
        r = run("simulate", "examples/drill.yaml", "--service", "nope", "--runtime", "lambda")
        self.assertEqual(r.returncode, 2)
        self.assertIn("no service 'nope'", r.stderr)
        r = run("simulate", "examples/drill.yaml", "--service", "api", "--runtime", "fargate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("no runtime 'fargate'", r.stderr)
        self.assertEqual(run("simulate", "examples/drill.yaml", "--runtime", "lambda").returncode, 2)

    def test_infeasible_runtime_is_refused(self):
        r = run("simulate", "examples/drill.yaml", "--service", "nightly-reconcile", "--runtime", "lambda")
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot run on lambda", r.stderr)


class FailOn(unittest.TestCase):
    """--fail-on: exit 1 when a finding at or above the severity is raised, unless suppressed."""
    SPEC = ("version: 1\nservices:\n  - name: a\n    kind: worker\n    secrets: env\n"
            "    traffic: { rps: 1 }\n    runtimes: { consider: [ecs-fargate] }\n")

    def run_spec(self, text, *args):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(text)
        try:
            return run("recommend", f.name, "--days", "0.05", "--no-sweep", *args)
        finally:
            os.unlink(f.name)

    def test_high_finding_fails_high(self):
        r = self.run_spec(self.SPEC, "--fail-on", "high")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("secrets-in-env", r.stdout)

    def test_without_fail_on_exits_zero(self):
        self.assertEqual(self.run_spec(self.SPEC).returncode, 0)

    def test_suppressed_finding_never_fails(self):
        spec = self.SPEC + "suppress:\n  - { id: secrets-in-env, reason: moving to SSM }\n"
        r = self.run_spec(spec, "--fail-on", "high")
        self.assertEqual(r.returncode, 0, r.stderr)
        # Still reported, with its reason.
        self.assertIn("secrets-in-env", r.stdout)
        self.assertIn("moving to SSM", r.stdout)

    def test_unmatched_suppression_is_said(self):
        spec = self.SPEC + "suppress:\n  - { id: lambda-duration-cap, reason: n/a }\n"
        r = self.run_spec(spec, "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(any("matched no finding" in a for a in json.loads(r.stdout)["assumptions"]))

    def test_bad_severity_is_a_usage_error(self):
        self.assertEqual(self.run_spec(self.SPEC, "--fail-on", "severe").returncode, 2)

    def test_standard_error_names_each_tripped_finding(self):
        r = self.run_spec(self.SPEC, "--fail-on", "high")
        self.assertEqual(r.returncode, 1)
        self.assertIn("computefit: --fail-on high: 1 finding at or above high: secrets-in-env@a",
                      r.stderr)

    def test_json_carries_the_gate(self):
        r = self.run_spec(self.SPEC, "--fail-on", "high", "--format", "json")
        self.assertEqual(r.returncode, 1)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["fail_on"], {"threshold": "high", "tripped": ["secrets-in-env@a"]})
        try:
            import jsonschema
        except ImportError:
            jsonschema = None
        if jsonschema:
            with open("docs/schema/recommend.schema.json") as f:
                schema = json.load(f)
            jsonschema.validate(doc["fail_on"], {**schema["properties"]["fail_on"],
                                                 "$defs": schema["$defs"]})
        # Without --fail-on there is no gate to report.
        r = self.run_spec(self.SPEC, "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("fail_on", json.loads(r.stdout))

    def test_passing_gate_is_in_json_and_silent(self):
        r = self.run_spec(self.SPEC, "--fail-on", "critical", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        self.assertEqual(json.loads(r.stdout)["fail_on"], {"threshold": "critical", "tripped": []})

    # An http service whose start-up outlasts the health-check grace: a medium finding on ECS on
    # Fargate only. Lambda is recommended here, so the finding on the option not chosen does not
    # count; with Fargate alone it does.
    SLOW_START = ("version: 1\nservices:\n  - name: a\n    kind: http\n    duration_ms: 50\n"
                  "    traffic: { rps: 1 }\n    startup_seconds: 120\n"
                  "    runtimes: { consider: [%s] }\n")

    def test_findings_on_options_not_chosen_do_not_count(self):
        r = self.run_spec(self.SLOW_START % "lambda, ecs-fargate", "--fail-on", "medium", "--format", "json")
        doc = json.loads(r.stdout)
        service = doc["services"][0]
        self.assertEqual(service["recommendation"], "lambda")
        self.assertIn(("health-check-grace-short", "ecs-fargate"),
                      {(f["id"], f["runtime"]) for f in service["findings"]})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(doc["fail_on"]["tripped"], [])

    def test_findings_on_the_recommended_option_count(self):
        r = self.run_spec(self.SLOW_START % "ecs-fargate", "--fail-on", "medium")
        self.assertEqual(r.returncode, 1)
        self.assertIn("health-check-grace-short@a", r.stderr)

    def test_no_feasible_runtime_fails_high(self):
        spec = ("version: 1\nservices:\n  - name: infer\n    kind: http\n    traffic: { rps: 1 }\n"
                "    needs: { gpu: 1 }\n    runtimes: { consider: [lambda] }\n")
        r = self.run_spec(spec, "--fail-on", "high", "--format", "json")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("no-feasible-runtime@infer", r.stderr)
        doc = json.loads(r.stdout)
        self.assertIsNone(doc["services"][0]["recommendation"])
        self.assertEqual(doc["fail_on"]["tripped"], ["no-feasible-runtime@infer"])
        finding = doc["services"][0]["findings"][0]
        self.assertEqual((finding["id"], finding["severity"], finding["runtime"]),
                         ("no-feasible-runtime", "critical", None))
        self.assertIn("Lambda has no GPUs", finding["message"])


class LargestPrices(unittest.TestCase):
    """Catalog numbers are bounded where read (limits.hpp), so that no report figure built on them
    can overflow: the exit-3 check before rendering (report_check) is then a bug's alone."""

    def test_largest_accepted_price_gives_finite_figures(self):
        with open("data/prices/aws/us-east-1.yaml") as f:
            catalog = f.read()
        catalog, n = re.subn(r"(lambda\.requests:\n\s+usd: )\S+", r"\g<1>1e6", catalog)
        self.assertEqual(n, 1)
        spec = ("version: 1\nservices:\n  - name: a\n    kind: http\n    duration_ms: 50\n"
                "    traffic: { rps: 5 }\n    runtimes: { consider: [lambda] }\n")
        with tempfile.TemporaryDirectory() as d:
            prices, path = os.path.join(d, "prices.yaml"), os.path.join(d, "spec.yaml")
            with open(prices, "w") as f:
                f.write(catalog)
            with open(path, "w") as f:
                f.write(spec)
            r = run("recommend", path, "--prices", prices, "--days", "0.01", "--no-sweep",
                    "--format", "json")
            self.assertEqual(r.returncode, 0, r.stderr)
            option = json.loads(r.stdout)["services"][0]["options"][0]
            self.assertGreater(option["monthly_cost_usd"], 1e12)
            for fmt in ("text",):
                r = run("recommend", path, "--prices", prices, "--days", "0.01", "--no-sweep",
                        "--format", fmt)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertNotRegex(r.stdout, r"\b(nan|inf)\b")


SEEN_SERVICE = ("version: 1\nname: seen\nregion: us-east-1\nservices:\n  - name: svc\n    kind: http\n"
                "    language: go\n    memory_mb: 1024\n    vcpu: 1\n")
LOCATED = re.compile(r"^[^\s:]+:\d+:\d+: error: ", re.MULTILINE)


def run_bounded(args, seconds=10.0):
    """Runs the binary, killing it after `seconds`; returns (returncode or None, stdout, stderr,
    wall seconds, peak RSS in KiB of that child alone)."""
    import time
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([BINARY, *args], stdout=out, stderr=err)
        status, usage = None, None
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > seconds:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                status = None
                break
            time.sleep(0.02)
        child.returncode = 0  # reaped by wait4: keep Popen from waiting again
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        code = None if status is None else os.waitstatus_to_exitcode(status)
        return (code, out.read().decode(), err.read().decode(), wall, usage.ru_maxrss)


class Seen(unittest.TestCase):
    """issue 11, "Seen": each input, run as `recommend --no-sweep --days 0.01`, ends within 10 s
    and 1 GiB with a located error (exit 2) or a sane report (no nan, inf or negative figure)."""
    MAX_SECONDS = 10.0
    MAX_KIB = 1 << 20

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def write(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def spec(self, body, extra=""):
        return self.write("spec.yaml", SEEN_SERVICE + body + extra)

    def recommend(self, path, *more):
        args = ["recommend", "--no-sweep", "--days", "0.01", path, *more]
        code, out, err, wall, kib = run_bounded(args, self.MAX_SECONDS)
        self.assertIsNotNone(code, f"{args}: still running after {self.MAX_SECONDS} s")
        self.assertLess(kib, self.MAX_KIB, f"{args}: peak RSS {kib} KiB")
        if os.environ.get("COMPUTEFIT_SEEN_FIGURES"):
            print(f"\n{self.id().rsplit('.', 1)[-1]}: exit {code}, {wall:.2f} s, "
                  f"{kib / 1024:.0f} MiB", file=sys.stderr)
        return code, out, err

    def assert_sane(self, path, *more):
        """One run writing text to stdout and JSON to a file: no nan, inf or negative figure."""
        json_path = os.path.join(self.dir.name, "report.json")
        code, out, err = self.recommend(path, *more, "--format", "text",
                                        "--format", "json:" + json_path)
        self.assertEqual(code, 0, err)
        # Deltas such as "(-9.2 ms)" are signed on purpose; a figure is not.
        for bad in (r"\bnan\b", r"\binf\b", r"\$-", r"(?<![\w.(])-\d[\d.,]*\s*(ms|s|%)\b"):
            self.assertIsNone(re.search(bad, out, re.IGNORECASE), f"{bad!r} in:\n{out}")
        with open(json_path) as f:
            doc = json.load(f, parse_constant=lambda c: self.fail(f"{c} in the JSON"))

        def walk(node, where):
            if isinstance(node, dict):
                for key, value in node.items():
                    walk(value, f"{where}.{key}")
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{where}[{i}]")
            elif isinstance(node, (int, float)) and not isinstance(node, bool):
                if re.search(r"(usd|_ms|fraction|requests|arrivals|instances|hosts|score)\b",
                             where) and "delta" not in where and "difference" not in where:
                    self.assertGreaterEqual(node, 0, where)
        walk(doc, "$")
        return doc

    def assert_located(self, path, *more, message=""):
        code, out, err = self.recommend(path, *more)
        self.assertEqual(code, 2, err)
        self.assertEqual(out, "")
        self.assertRegex(err, LOCATED)
        self.assertIn(message, err)

    def test_diurnal_peak_far_above_the_mean(self):
        self.assert_sane(self.spec("    traffic: { rps: 2, peak_rps: 4000, shape: diurnal }\n"))

    def test_ten_million_configured_tasks(self):
        self.assert_sane(self.spec(
            "    duration_ms: { p50: 50, p99: 200 }\n    traffic: { rps: 5 }\n",
            "runtimes:\n  ecs-fargate: { min_tasks: 10000000, max_tasks: 10000000 }\n"))

    def test_million_row_trace(self):
        rows = "".join(f"{i},{(i * 7919) % 13}\n" for i in range(1_000_000))
        self.write("big.csv", "seconds,count\n" + rows)
        self.assert_sane(self.spec("    duration_ms: { p50: 50, p99: 200 }\n"
                                   "    traffic: { shape: trace, trace: big.csv }\n"))

    def test_a_million_requests_a_second_of_30_s(self):
        self.assert_sane(self.spec("    duration_ms: 30000\n    traffic: { rps: 1000000 }\n"))

    def test_ten_million_requests_a_second(self):
        self.assert_sane(self.spec(
            "    duration_ms: { p50: 50, p99: 200 }\n    traffic: { rps: 10000000 }\n"))

    def test_ten_million_slots_per_instance_with_diurnal_traffic(self):
        self.assert_sane(self.spec(
            "    duration_ms: { p50: 50, p99: 200 }\n"
            "    traffic: { rps: 2, peak_rps: 40, shape: diurnal }\n"
            "    concurrency_per_instance: 10000000\n"))

    def test_trace_peaking_at_the_limit(self):
        self.write("peak.csv", "0,1\n0.0000001,0\n")
        self.assert_sane(self.spec("    duration_ms: { p50: 50, p99: 200 }\n"
                                   "    traffic: { shape: trace, trace: peak.csv }\n"))

    def test_days_nan(self):
        code, out, err = self.recommend(self.spec("    traffic: { rps: 5 }\n"))
        self.assertEqual(code, 0, err)
        for days in ("nan", "inf"):
            r = run("recommend", "--no-sweep", "--days", days, self.spec("    traffic: { rps: 5 }\n"))
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("--days", r.stderr)

    def test_price_catalog_of_1e308(self):
        with open("data/prices/aws/us-east-1.yaml") as f:
            catalog = f.read()
        catalog, n = re.subn(r"(lambda\.requests:\n\s+usd: )\S+", r"\g<1>1e308", catalog)
        self.assertEqual(n, 1)
        prices = self.write("prices.yaml", catalog)
        self.assert_located(self.spec("    traffic: { rps: 5 }\n"), "--prices", prices,
                            message="must be at most 1e6 USD")

    def test_seeds_out_of_range(self):
        for seed in ("-1", "18446744073709551616"):
            r = run("recommend", "--no-sweep", "--days", "0.01", "--seed", seed,
                    self.spec("    traffic: { rps: 5 }\n"))
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("--seed", r.stderr)

    def test_trace_whose_first_row_is_nan(self):
        self.write("nan.csv", "0,nan\n10,5\n")
        self.assert_located(self.spec("    traffic: { shape: trace, trace: nan.csv }\n"),
                            message="line 1")

    def test_trace_seconds_in_hexadecimal(self):
        self.write("hex.csv", "0,1\n0x10,5\n")
        self.assert_located(self.spec("    traffic: { shape: trace, trace: hex.csv }\n"),
                            message="line 2")

    def test_diurnal_window_with_no_arrivals(self):
        self.assert_sane(self.spec("    traffic: { rps: 2, peak_rps: 400, shape: diurnal }\n"))


class Import(unittest.TestCase):
    """`import` on every example under examples/iac/: it exits 0, names the services the overlay
    names (those the templates hold), comments every value with its location, and what it writes
    loads once the TODO keys are given."""

    EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                            "iac")

    def inputs(self, folder):
        for name in ("template.yaml", "template.json", "plan.json", "cdk.out"):
            path = os.path.join(folder, name)
            if os.path.exists(path):
                return path
        self.fail(f"no input in {folder}")

    @staticmethod
    def filled(yaml):
        out = []
        for line in yaml.splitlines():
            indent = line[:len(line) - len(line.lstrip())]
            if line.strip().startswith("# TODO traffic:"):
                out.append(indent + "traffic: { rps: 5 }")
            elif line.strip().startswith("# TODO duration_ms:"):
                out.append(indent + "duration_ms: 100")
            elif line.strip().startswith("# TODO services:"):
                out.append("services:\n  - { name: added, kind: http, traffic: { rps: 1 } }")
            else:
                out.append(line)
        return "\n".join(out) + "\n"

    def test_every_example_imports_and_loads(self):
        folders = sorted(os.listdir(self.EXAMPLES))
        self.assertGreaterEqual(len([f for f in folders if not f.endswith(".md")]), 4)
        for example in folders:
            folder = os.path.join(self.EXAMPLES, example)
            if not os.path.isdir(folder):
                continue
            with self.subTest(example=example):
                r = run("import", self.inputs(folder))
                self.assertEqual(r.returncode, 0, r.stderr)
                names = re.findall(r"^  - name: (\S+)", r.stdout, re.M)
                with open(os.path.join(folder, "overlay.yaml")) as f:
                    overlay = f.read()
                wanted = re.findall(r"^  - name: (\S+)", overlay, re.M)
                for name in names:
                    self.assertIn(name, wanted, f"{example}: {name} is not in the overlay")
                for line in r.stdout.splitlines():
                    if re.match(r"^\s+[a-z_]+: [^#]+$", line) and "kind: database" not in line:
                        # every scalar value written carries its origin, but for constants
                        self.assertRegex(line, r"(proxy|version|name): ", line)
                with tempfile.TemporaryDirectory() as tmp:
                    spec = os.path.join(tmp, "spec.yaml")
                    with open(spec, "w") as f:
                        f.write(self.filled(r.stdout))
                    v = run("validate", spec)
                    self.assertEqual(v.returncode, 0, v.stderr + self.filled(r.stdout))

    def test_every_example_with_its_overlay_is_a_spec_recommend_runs(self):
        for example in sorted(os.listdir(self.EXAMPLES)):
            folder = os.path.join(self.EXAMPLES, example)
            if not os.path.isdir(folder):
                continue
            with self.subTest(example=example), tempfile.TemporaryDirectory() as tmp:
                spec = os.path.join(tmp, "spec.yaml")
                overlay = os.path.join(folder, "overlay.yaml")
                r = run("import", self.inputs(folder), overlay, "-o", spec)
                self.assertEqual(r.returncode, 0, r.stderr)
                with open(spec) as f:
                    text = f.read()
                self.assertNotIn("# TODO traffic", text)
                # the overlay's values name the overlay, the template's the template
                self.assertIn("overlay.yaml:", text)
                r = run("recommend", spec, "--no-sweep", "--days", "0.05", "--format", "json")
                self.assertEqual(r.returncode, 0, r.stderr)
                report = json.loads(r.stdout)
                self.assertTrue(all(s["recommendation"] for s in report["services"]), example)

    def test_output_file_and_bad_input(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "spec.yaml")
            r = run("import", self.inputs(os.path.join(self.EXAMPLES, "sam-orders")), "-o", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out) as f:
                self.assertIn("create-order-function", f.read())
            bad = os.path.join(tmp, "bad.yaml")
            with open(bad, "w") as f:
                f.write("Resources:\n  Fn: { Properties: {} }\n")
            r = run("import", bad)
            self.assertEqual(r.returncode, 2)
            self.assertRegex(r.stderr, re.escape(bad) + r":2:\d+: error: ")
            r = run("import", os.path.join(tmp, "missing.yaml"))
            self.assertEqual(r.returncode, 2)
            r = run("import", os.path.join(self.EXAMPLES, "sam-orders", "overlay.yaml"))
            self.assertEqual(r.returncode, 2)
            self.assertIn("import reads templates", r.stderr)


class RecommendOnTemplates(unittest.TestCase):
    """`recommend FILE… --overlay SPEC` on every examples/iac case: the same report as `import`
    then `recommend` on the imported spec, locations aside (SPEC.md "One model"), and every
    location in the template or the overlay, never in a spec written in between."""

    @staticmethod
    def without_locations(node):
        if isinstance(node, dict):
            return {k: RecommendOnTemplates.without_locations(v) for k, v in node.items()
                    if k not in ("location", "wall_seconds")}
        if isinstance(node, list):
            return [RecommendOnTemplates.without_locations(v) for v in node]
        return node

    def test_same_report_as_import_then_recommend(self):
        for example in sorted(os.listdir(Import.EXAMPLES)):
            folder = os.path.join(Import.EXAMPLES, example)
            if not os.path.isdir(folder):
                continue
            with self.subTest(example=example), tempfile.TemporaryDirectory() as tmp:
                source = Import.inputs(self, folder)
                overlay = os.path.join(folder, "overlay.yaml")
                args = ("--no-sweep", "--days", "0.05", "--format", "json")
                direct = run("recommend", source, "--overlay", overlay, *args)
                self.assertEqual(direct.returncode, 0, direct.stderr)
                spec = os.path.join(tmp, "spec.yaml")
                r = run("import", source, overlay, "-o", spec)
                self.assertEqual(r.returncode, 0, r.stderr)
                imported = run("recommend", spec, *args)
                self.assertEqual(imported.returncode, 0, imported.stderr)
                # The spec imported without the overlay takes the overlay as the templates do.
                bare = os.path.join(tmp, "bare.yaml")
                r = run("import", source, "-o", bare)
                self.assertEqual(r.returncode, 0, r.stderr)
                overlaid = run("recommend", bare, "--overlay", overlay, *args)
                self.assertEqual(overlaid.returncode, 0, overlaid.stderr)
                a, b = json.loads(direct.stdout), json.loads(imported.stdout)
                c = json.loads(overlaid.stdout)
                for key in ("services", "totals"):
                    self.assertEqual(self.without_locations(a[key]),
                                     self.without_locations(b[key]), f"{example}: {key}")
                    self.assertEqual(self.without_locations(a[key]),
                                     self.without_locations(c[key]), f"{example}: {key}")
                for service in a["services"]:
                    for finding in service["findings"]:
                        where = finding["location"]
                        self.assertTrue(where.startswith(source) or where.startswith(overlay),
                                        f"{example}: {finding['id']} at {where}")

    def test_lists_what_the_files_leave_unknown_and_skip(self):
        """What `lint` lists as unknown within the files or skipped, the report lists too (text,
        near the top, and JSON), so a rule that stayed quiet for want of a value can be told from
        one that had nothing to say; a workload spec's report says nothing of it."""
        cases = (
            # Subnets not in the files: the network, and private-subnet-no-egress, stay unknown.
            (os.path.join("tests", "iac", "rules", "task-public-ip", "raise.cfn.yaml"), None),
            # A Lambda-backed custom resource: skipped.
            (os.path.join(Import.EXAMPLES, "cdk-catalog", "cdk.out"),
             os.path.join(Import.EXAMPLES, "cdk-catalog", "overlay.yaml")),
        )
        for source, overlay in cases:
            with self.subTest(source=source):
                given = ("--overlay", overlay) if overlay else ()
                linted = run("lint", source, *given, "--format", "json")
                self.assertEqual(linted.returncode, 0, linted.stderr)
                linted = json.loads(linted.stdout)
                self.assertTrue(linted["unknowns"] or linted["skipped"])
                args = (source, *given, "--no-sweep", "--days", "0.01")
                r = run("recommend", *args, "--format", "json")
                self.assertEqual(r.returncode, 0, r.stderr)
                report = json.loads(r.stdout)
                self.assertEqual(report["unknowns"], linted["unknowns"])
                self.assertEqual(report["skipped"], linted["skipped"])
                try:
                    import jsonschema
                except ImportError:
                    jsonschema = None
                if jsonschema:
                    with open("docs/schema/recommend.schema.json") as f:
                        jsonschema.validate(report, json.load(f))
                r = run("recommend", *args)
                self.assertEqual(r.returncode, 0, r.stderr)
                first_service = r.stdout.index("\n== ")
                for title, lines in (("Unknown within the files (", linted["unknowns"]),
                                     ("Skipped (not modelled):\n", linted["skipped"])):
                    if not lines:
                        self.assertNotIn("\n" + title, r.stdout)
                        continue
                    at = r.stdout.index("\n\n" + title)
                    self.assertLess(at, first_service)
                    for line in lines:
                        self.assertIn("\n  " + line + "\n", r.stdout[at:first_service])
        for fmt in ("text", "json"):
            r = run("recommend", "examples/drill.yaml", "--no-sweep", "--days", "0.01",
                    "--format", fmt)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertNotIn("Unknown within the files", r.stdout)
            self.assertNotIn("Skipped (", r.stdout)
            if fmt == "json":
                self.assertNotIn("unknowns", json.loads(r.stdout))
                self.assertNotIn("skipped", json.loads(r.stdout))

    def test_sarif_points_into_the_template(self):
        folder = os.path.join(Import.EXAMPLES, "sam-orders")
        template = os.path.join(folder, "template.yaml")
        r = run("recommend", template, "--overlay", os.path.join(folder, "overlay.yaml"),
                "--no-sweep", "--days", "0.05", "--format", "sarif")
        self.assertEqual(r.returncode, 0, r.stderr)
        results = json.loads(r.stdout)["runs"][0]["results"]
        located = [x["locations"][0]["physicalLocation"] for x in results
                   if "region" in x["locations"][0]["physicalLocation"]]
        self.assertTrue(located)
        for where in located:
            self.assertEqual(where["artifactLocation"]["uri"], "file://" + template)
            self.assertGreater(where["region"]["startLine"], 1)

    def test_without_traffic_services_are_reported_unranked(self):
        """SPEC.md "Without traffic": limits, feasibility and the findings that need no traffic,
        recommendation null and `why` naming the keys; never an invented rate."""
        template = os.path.join(Import.EXAMPLES, "sam-orders", "template.yaml")
        r = run("validate", template)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("recommend reports them unranked", r.stdout)
        r = run("recommend", template, "--no-sweep", "--days", "0.01", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        report = json.loads(r.stdout)
        self.assertEqual(len(report["services"]), 5)
        for service in report["services"]:
            self.assertIsNone(service["recommendation"])
            self.assertTrue(service["unranked"])
            self.assertIn("overlay", service["why"])
            self.assertIn("traffic" if service["kind"] != "scheduled" else "duration_ms",
                          service["why"])
            for option in service["options"]:
                self.assertIsNone(option["monthly_cost_usd"])
                self.assertIsNone(option["latency_ms"])
                self.assertNotIn("estimate", option)
            for finding in service["findings"]:
                self.assertRegex(finding["location"], re.escape(template) + r":\d+:\d+$")
        self.assertEqual(report["totals"]["monthly_cost_usd"], 0)
        # With the overlay for some services only, those are ranked and the rest are not.
        with tempfile.TemporaryDirectory() as tmp:
            overlay = os.path.join(tmp, "overlay.yaml")
            with open(overlay, "w") as f:
                f.write("version: 1\nservices:\n  - name: get-order-function\n    kind: http\n"
                        "    traffic: { rps: 5 }\n    duration_ms: { p50: 20, p99: 90 }\n")
            r = run("recommend", template, "--overlay", overlay, "--no-sweep", "--days", "0.01",
                    "--format", "json")
            self.assertEqual(r.returncode, 0, r.stderr)
            ranked = {s["name"]: s["recommendation"] for s in json.loads(r.stdout)["services"]}
            self.assertIsNotNone(ranked.pop("get-order-function"))
            self.assertEqual(set(ranked.values()), {None})

    def test_a_plan_after_its_first_apply_links_by_id(self):
        """A plan that names subnets, route tables and roles by their ids (as `terraform show
        -json` writes it once they exist) gives the task its network: a private subnet whose
        route table has no routes, so private-subnet-no-egress fires on the container options."""
        def res(kind, name, values):
            return {"address": kind + "." + name, "mode": "managed", "type": kind, "name": name,
                    "values": values}
        plan = {"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": {
            "root_module": {"resources": [
                res("aws_vpc", "main", {"id": "vpc-0e5"}),
                res("aws_subnet", "app", {"id": "subnet-0e5app", "vpc_id": "vpc-0e5"}),
                res("aws_route_table", "app", {"id": "rtb-0e5app", "vpc_id": "vpc-0e5",
                                               "route": []}),
                res("aws_route_table_association", "app",
                    {"subnet_id": "subnet-0e5app", "route_table_id": "rtb-0e5app"}),
                res("aws_ecs_task_definition", "api",
                    {"arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/api:2",
                     "cpu": "512", "memory": "1024", "requires_compatibilities": ["FARGATE"]}),
                res("aws_ecs_service", "api",
                    {"name": "api", "launch_type": "FARGATE", "desired_count": 2,
                     "task_definition": "arn:aws:ecs:us-east-1:123456789012:task-definition/api:2",
                     "load_balancer": [{"container_name": "api", "container_port": 8080}],
                     "network_configuration": [{"subnets": ["subnet-0e5app"],
                                                "assign_public_ip": False}]})]}}}
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "plan.json")
            with open(path, "w") as f:
                json.dump(plan, f)
            overlay = os.path.join(tmp, "overlay.yaml")
            with open(overlay, "w") as f:
                f.write("version: 1\nservices:\n  - name: api\n    kind: http\n"
                        "    traffic: { rps: 5 }\n    duration_ms: { p50: 20, p99: 90 }\n")
            r = run("import", path)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("subnet: private", r.stdout)
            self.assertIn("nat_gateway: false", r.stdout)
            r = run("recommend", path, "--overlay", overlay, "--no-sweep", "--days", "0.01",
                    "--format", "json")
            self.assertEqual(r.returncode, 0, r.stderr)
            findings = json.loads(r.stdout)["services"][0]["findings"]
            self.assertIn("private-subnet-no-egress", {f["id"] for f in findings})

    def test_a_default_route_beyond_the_files_is_egress_unknown(self):
        """A default route to a transit gateway, a NAT instance or a network interface may lead
        to the internet through what the files do not hold: egress unknown (an unknown at the
        route, no private-subnet-no-egress). A VPC peering connection carries no traffic on to
        the internet (no edge-to-edge routing), so it still raises; in CloudFormation and in a
        Terraform plan alike."""
        def res(kind, name, values):
            return {"address": kind + "." + name, "mode": "managed", "type": kind, "name": name,
                    "values": values}

        def plan_with(route):
            return {"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": {
                "root_module": {"resources": [
                    res("aws_vpc", "main", {"id": "vpc-0e5"}),
                    res("aws_subnet", "app", {"id": "subnet-0e5app", "vpc_id": "vpc-0e5"}),
                    res("aws_route_table", "app", {"id": "rtb-0e5app", "vpc_id": "vpc-0e5",
                                                   "route": []}),
                    res("aws_route", "default", dict(
                        {"route_table_id": "rtb-0e5app", "destination_cidr_block": "0.0.0.0/0",
                         "nat_gateway_id": "", "gateway_id": ""}, **route)),
                    res("aws_route_table_association", "app",
                        {"subnet_id": "subnet-0e5app", "route_table_id": "rtb-0e5app"}),
                    res("aws_ecs_task_definition", "api",
                        {"arn": "arn:aws:ecs:us-east-1:1:task-definition/api:2",
                         "cpu": "512", "memory": "1024", "requires_compatibilities": ["FARGATE"]}),
                    res("aws_ecs_service", "api",
                        {"name": "api", "launch_type": "FARGATE", "desired_count": 2,
                         "task_definition": "arn:aws:ecs:us-east-1:1:task-definition/api:2",
                         "load_balancer": [{"container_name": "api", "container_port": 8080}],
                         "network_configuration": [{"subnets": ["subnet-0e5app"],
                                                    "assign_public_ip": False}]})]}}}

        def template_with(key, target):
            return ("Resources:\n"
                    "  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }\n"
                    "  App: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, "
                    "CidrBlock: 10.0.1.0/24 } }\n"
                    "  AppRoutes: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }\n"
                    "  AppAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: "
                    "{ SubnetId: !Ref App, RouteTableId: !Ref AppRoutes } }\n"
                    "  DefaultRoute:\n"
                    "    Type: AWS::EC2::Route\n"
                    "    Properties: { RouteTableId: !Ref AppRoutes, DestinationCidrBlock: "
                    "0.0.0.0/0, " + key + ": " + target + " }\n"
                    "  Task:\n"
                    "    Type: AWS::ECS::TaskDefinition\n"
                    "    Properties: { Cpu: '512', Memory: '1024', RequiresCompatibilities: "
                    "[FARGATE], ContainerDefinitions: [{ Name: api, Image: api }] }\n"
                    "  Api:\n"
                    "    Type: AWS::ECS::Service\n"
                    "    Properties:\n"
                    "      LaunchType: FARGATE\n"
                    "      TaskDefinition: !Ref Task\n"
                    "      NetworkConfiguration:\n"
                    "        AwsvpcConfiguration: { Subnets: [!Ref App] }\n")

        cases = [
            ("tgw", "plan.json", plan_with({"transit_gateway_id": "tgw-0a1"}), True),
            ("instance", "plan.json", plan_with({"instance_id": "i-0nat"}), True),
            ("eni", "plan.json", plan_with({"network_interface_id": "eni-0a1"}), True),
            ("pcx", "plan.json", plan_with({"vpc_peering_connection_id": "pcx-0a1"}), False),
            ("tgw", "template.yaml", template_with("TransitGatewayId", "tgw-0a1"), True),
            ("instance", "template.yaml", template_with("InstanceId", "i-0nat"), True),
            ("eni", "template.yaml", template_with("NetworkInterfaceId", "eni-0a1"), True),
            ("pcx", "template.yaml", template_with("VpcPeeringConnectionId", "pcx-0a1"), False),
        ]
        with tempfile.TemporaryDirectory() as tmp:
            overlay = os.path.join(tmp, "overlay.yaml")
            for kind, name, content, unknown in cases:
                with self.subTest(kind=kind, file=name):
                    path = os.path.join(tmp, name)
                    with open(path, "w") as f:
                        f.write(content if isinstance(content, str) else json.dumps(content,
                                                                                  indent=1))
                    with open(overlay, "w") as f:
                        f.write("version: 1\nservices:\n  - name: api\n    kind: http\n"
                                "    traffic: { rps: 5 }\n    duration_ms: { p50: 20, p99: 90 }\n")
                    r = run("lint", path, "--format", "json")
                    self.assertEqual(r.returncode, 0, r.stderr)
                    unknowns = [u for u in json.loads(r.stdout)["unknowns"]
                                if "default route goes to" in u]
                    if unknown:
                        self.assertEqual(len(unknowns), 1, r.stdout)
                        self.assertRegex(unknowns[0], "^" + re.escape(path) + r":\d+:\d+: ")
                    else:
                        self.assertEqual(unknowns, [], r.stdout)
                    r = run("recommend", path, "--overlay", overlay, "--no-sweep", "--days",
                            "0.01", "--format", "json")
                    self.assertEqual(r.returncode, 0, r.stderr)
                    findings = json.loads(r.stdout)["services"][0]["findings"]
                    self.assertEqual("private-subnet-no-egress" in {f["id"] for f in findings},
                                     not unknown, findings)

    def test_validate_with_overlay(self):
        folder = os.path.join(Import.EXAMPLES, "sam-orders")
        r = run("validate", os.path.join(folder, "template.yaml"), "--overlay",
                os.path.join(folder, "overlay.yaml"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("ok (5 services)", r.stdout)


class TemplateRules(unittest.TestCase):
    """The template rule fixtures of tests/iac/rules (expect.json) for the rules built so far: each
    imported (with its TODO keys given), recommended, and the finding raised or not as the fixture
    says; a raised finding's location is a line of the imported spec whose comment names the
    fixture's own line, one of those expect.json allows. Each is also linted as it stands: the
    finding points straight at one of those lines, on the service expect.json names, or on the
    resource alone when it names no service."""

    RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "iac", "rules")
    BUILT = {"lambda-reserved-zero", "eks-extended-support", "sqs-visibility-timeout",
             "fargate-invalid-size", "shared-execution-task-role", "task-public-ip",
             "lambda-env-size", "iam-wildcard-action"}
    SCHEMA = os.path.join("docs", "schema", "lint.schema.json")

    def fixtures(self):
        with open(os.path.join(self.RULES, "expect.json")) as f:
            fixtures = json.load(f)["fixtures"]
        return [(name, want) for name, want in sorted(fixtures.items())
                if want["rule"] in self.BUILT]

    def test_fixtures_of_the_rules_built(self):
        checked = 0
        for name, want in self.fixtures():
            checked += 1
            with self.subTest(fixture=name), tempfile.TemporaryDirectory() as tmp:
                fixture = os.path.join(self.RULES, name)
                r = run("import", fixture)
                self.assertEqual(r.returncode, 0, r.stderr)
                spec = os.path.join(tmp, "spec.yaml")
                text = Import.filled(r.stdout)
                with open(spec, "w") as f:
                    f.write(text)
                r = run("recommend", spec, "--no-sweep", "--days", "0.02", "--format", "json")
                self.assertEqual(r.returncode, 0, r.stderr + text)
                doc = json.loads(r.stdout)
                found = [dict(f, service=s["name"]) for s in doc["services"]
                         for f in s["findings"] if f["id"] == want["rule"]]
                found += [dict(f, service=None) for f in doc["findings"]
                          if f["id"] == want["rule"]]
                if not want["raises"]:
                    self.assertEqual(found, [], text)
                    continue
                self.assertTrue(found, text)
                self.assertEqual(found[0]["severity"], want["severity"])
                if want["service"] is not None:
                    self.assertEqual(found[0]["service"], want["service"], found[0])
                elif want["rule"] == "iam-wildcard-action":
                    # A policy no service stands for: top-level, named by its resource.
                    self.assertEqual((found[0]["service"], found[0]["resource"]),
                                     (None, want["resource"]))
                if want["service"] is not None:
                    # From the imported spec as from the template: the resource expect.json names
                    # (a task definition's logical id or address for its size and roles).
                    self.assertEqual(found[0].get("resource"), want["resource"], found[0])
                line = int(found[0]["location"].rsplit(":", 2)[1])
                comment = text.splitlines()[line - 1]
                m = re.search(re.escape(name) + r":(\d+):", comment)
                self.assertTrue(m, comment)
                self.assertIn(int(m.group(1)), want["location_lines"], comment)
        self.assertGreaterEqual(checked, 46)

    def test_fixtures_linted(self):
        for name, want in self.fixtures():
            with self.subTest(fixture=name):
                fixture = os.path.join(self.RULES, name)
                r = run("lint", fixture, "--format", "json", "--fail-on", "info")
                self.assertIn(r.returncode, (0, 1), r.stderr)
                doc = json.loads(r.stdout)
                Lint.check_schema(self, doc)
                found = [f for f in doc["findings"] if f["id"] == want["rule"]]
                if not want["raises"]:
                    self.assertEqual(found, [], r.stdout)
                    continue
                self.assertTrue(found, r.stdout)
                finding = found[0]
                self.assertEqual(finding["severity"], want["severity"])
                where, line, _ = finding["location"].rsplit(":", 2)
                self.assertEqual(where, fixture)
                self.assertIn(int(line), want["location_lines"], finding)
                self.assertEqual(finding.get("service"), want["service"], finding)
                self.assertEqual(finding.get("resource"), want["resource"], finding)
                subject = want["service"] or want["resource"]
                self.assertIn(f"{want['rule']}@{subject}", doc["fail_on"]["tripped"])


class Lint(unittest.TestCase):
    """`lint FILE… [--overlay SPEC]` on every examples/iac case, with its overlay and without:
    findings only, every one located in the template or the overlay; --fail-on counts every
    unsuppressed finding; the JSON is valid against docs/schema/lint.schema.json; SARIF points
    into the template; a broken template is a located error (exit 2)."""

    SCHEMA = os.path.join("docs", "schema", "lint.schema.json")

    def check_schema(self, doc):
        try:
            import jsonschema
        except ImportError:
            self.skipTest("python3-jsonschema is not installed")
        with open(self.SCHEMA) as f:
            jsonschema.validate(doc, json.load(f))

    def examples(self):
        for example in sorted(os.listdir(Import.EXAMPLES)):
            folder = os.path.join(Import.EXAMPLES, example)
            if os.path.isdir(folder):
                yield example, Import.inputs(self, folder), os.path.join(folder, "overlay.yaml")

    def test_every_example_with_and_without_its_overlay(self):
        for example, source, overlay in self.examples():
            for extra in ([], ["--overlay", overlay]):
                with self.subTest(example=example, overlay=bool(extra)):
                    r = run("lint", source, *extra, "--format", "json")
                    self.assertEqual(r.returncode, 0, r.stderr)
                    doc = json.loads(r.stdout)
                    self.check_schema(doc)
                    self.assertEqual(doc["files"], [source, *extra[1:]])
                    self.assertIsNone(doc["fail_on"])
                    for finding in doc["findings"]:
                        where = finding["location"]
                        self.assertTrue(where.startswith(source) or where.startswith(overlay),
                                        f"{finding['id']} at {where}")
                    # Without an overlay nothing is simulated; with one, what it gives traffic is.
                    simulated = {s["name"] for s in doc["services"] if s["simulated"]}
                    if not extra:
                        self.assertEqual(simulated, set())
                    elif example == "sam-orders":
                        self.assertEqual(len(simulated), 5)
                    text = run("lint", source, *extra)
                    self.assertEqual(text.returncode, 0, text.stderr)
                    self.assertRegex(text.stdout.splitlines()[-1],
                                     r"^\d+ findings? .*in \d+ services?")

    def test_a_template_fixes_the_runtime(self):
        doc = json.loads(run("lint", os.path.join(Import.EXAMPLES, "tf-ecs-billing", "plan.json"),
                             "--format", "json").stdout)
        runtimes = {s["name"]: s["runtimes"] for s in doc["services"]}
        self.assertEqual(runtimes, {"billing-api": ["ecs-fargate"], "billing-worker": ["lambda"]})

    def test_skipped_resources_are_listed(self):
        # An Auto Scaling group of EC2 hosts no reader models: listed and skipped, with its place.
        template = (
            "Resources:\n"
            "  Hosts:\n"
            "    Type: AWS::AutoScaling::AutoScalingGroup\n"
            "    Properties: { MinSize: 1, MaxSize: 2, LaunchTemplate: { LaunchTemplateId: lt-1 } }\n"
            "  Worker:\n"
            "    Type: AWS::Lambda::Function\n"
            "    Properties: { Runtime: python3.12, Handler: a.h, Role: arn:aws:iam::1:role/r,\n"
            "                  Code: { ZipFile: x } }\n")
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "hosts.yaml")
            with open(path, "w") as f:
                f.write(template)
            r = run("lint", path)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("skipped: " + path + ":2:3: Hosts (AWS::AutoScaling::AutoScalingGroup)",
                          r.stdout)
            doc = json.loads(run("lint", path, "--format", "json").stdout)
            self.assertTrue(any("Hosts (AWS::AutoScaling::AutoScalingGroup)" in s
                                for s in doc["skipped"]), doc["skipped"])

    def test_the_platform_example_names_its_cluster(self):
        plan = os.path.join(Import.EXAMPLES, "tf-eks-platform", "plan.json")
        r = run("lint", plan, "--format", "json", "--fail-on", "medium")
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        self.check_schema(doc)
        # The plan says the cluster exists, not whether a platform team runs it: that is unknown
        # (listed with the cluster's place), and EKS's upkeep is not judged on a default.
        self.assertEqual([(f["id"], f.get("resource"), f["severity"]) for f in doc["findings"]],
                         [("eks-extended-support", "module.eks.aws_eks_cluster.this[0]",
                           "medium")])
        self.assertTrue(any(u.startswith(plan + ":") and "team.kubernetes_platform" in u
                            and "module.eks.aws_eks_cluster.this[0]" in u
                            for u in doc["unknowns"]), doc["unknowns"])
        self.assertEqual(doc["fail_on"]["tripped"],
                         ["eks-extended-support@module.eks.aws_eks_cluster.this[0]"])
        self.assertIn("eks-extended-support@module.eks.aws_eks_cluster.this[0]", r.stderr)

    def test_the_platform_team_is_the_overlays_to_say(self):
        # An overlay that writes kubernetes_platform: false raises EKS's upkeep (low: the cluster
        # runs already); one that writes true is the near miss; either way nothing is unknown.
        plan = os.path.join(Import.EXAMPLES, "tf-eks-platform", "plan.json")
        with tempfile.TemporaryDirectory() as tmp:
            for platform, expected in (("false", [("eks-ops-burden", "low")]), ("true", [])):
                overlay = os.path.join(tmp, "team-" + platform + ".yaml")
                with open(overlay, "w") as f:
                    f.write("version: 1\nservices: []\nteam:\n  kubernetes_platform: " +
                            platform + "\n")
                r = run("lint", plan, "--overlay", overlay, "--format", "json")
                self.assertEqual(r.returncode, 0, r.stderr)
                doc = json.loads(r.stdout)
                self.assertEqual([(f["id"], f["severity"]) for f in doc["findings"]
                                  if f["id"] == "eks-ops-burden"], expected, platform)
                self.assertFalse(any("team.kubernetes_platform" in u for u in doc["unknowns"]),
                                 doc["unknowns"])

    def test_fail_on_counts_every_finding(self):
        fixture = os.path.join(TemplateRules.RULES, "lambda-reserved-zero", "raise.sam.yaml")
        r = run("lint", fixture, "--fail-on", "high")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("lambda-reserved-zero@export-function", r.stderr)
        self.assertRegex(r.stdout, re.escape(fixture) +
                         r":21:\d+: high: export-function on Lambda \(ExportFunction\): "
                         r".*\[lambda-reserved-zero\]")
        r = run("lint", fixture, "--fail-on", "critical")
        self.assertEqual(r.returncode, 0, r.stderr)
        near = os.path.join(TemplateRules.RULES, "lambda-reserved-zero", "near-miss.sam.yaml")
        r = run("lint", near, "--fail-on", "info")
        self.assertEqual(r.returncode, 0, r.stderr + r.stdout)

    def test_suppressed_findings_never_count(self):
        fixture = os.path.join(TemplateRules.RULES, "lambda-reserved-zero", "raise.sam.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            overlay = os.path.join(tmp, "overlay.yaml")
            with open(overlay, "w") as f:
                f.write("version: 1\nservices: []\nsuppress:\n"
                        "  - { id: lambda-reserved-zero, reason: switched off on purpose }\n")
            r = run("lint", fixture, "--overlay", overlay, "--fail-on", "high", "--format", "json")
            self.assertEqual(r.returncode, 0, r.stderr)
            doc = json.loads(r.stdout)
            self.check_schema(doc)
            self.assertEqual(doc["findings"][0]["suppressed_reason"], "switched off on purpose")
            self.assertEqual(doc["fail_on"]["tripped"], [])

    def test_a_suppress_entry_names_a_resource(self):
        # A finding on a policy no service stands for is gated as ID@RESOURCE; an entry with
        # resource: covers that resource's finding alone, in lint and in recommend alike.
        fixture = os.path.join(TemplateRules.RULES, "iam-wildcard-action", "raise.cfn.json")
        with tempfile.TemporaryDirectory() as tmp:
            for resource, covered in (("ExportPolicy", True), ("ImportPolicy", False)):
                overlay = os.path.join(tmp, resource + ".yaml")
                with open(overlay, "w") as f:
                    f.write("version: 1\nservices: []\nsuppress:\n"
                            "  - { id: iam-wildcard-action, resource: " + resource +
                            ", reason: the export job needs it }\n")
                r = run("lint", fixture, "--overlay", overlay, "--fail-on", "high", "--format",
                        "json")
                self.assertEqual(r.returncode, 0 if covered else 1, r.stderr)
                doc = json.loads(r.stdout)
                self.check_schema(doc)
                found = [f for f in doc["findings"] if f["id"] == "iam-wildcard-action"]
                self.assertEqual([(f.get("resource"), f.get("suppressed_reason")) for f in found],
                                 [("ExportPolicy",
                                   "the export job needs it" if covered else None)])
                self.assertEqual(doc["fail_on"]["tripped"],
                                 [] if covered else ["iam-wildcard-action@ExportPolicy"])
                r = run("recommend", fixture, "--overlay", overlay, "--no-sweep", "--days",
                        "0.02", "--fail-on", "high", "--format", "json")
                self.assertEqual(r.returncode, 0 if covered else 1, r.stderr)
                doc = json.loads(r.stdout)
                found = [f for f in doc["findings"] if f["id"] == "iam-wildcard-action"]
                self.assertEqual([(f.get("resource"), f.get("suppressed_reason")) for f in found],
                                 [("ExportPolicy",
                                   "the export job needs it" if covered else None)])
                if not covered:
                    self.assertIn("iam-wildcard-action@ExportPolicy", r.stderr)
                    self.assertTrue(any("matched no finding" in a and "ImportPolicy" in a
                                        for a in doc["assumptions"]), doc["assumptions"])

    def test_the_rule_fixtures_built_so_far(self):
        with open(os.path.join(TemplateRules.RULES, "expect.json")) as f:
            fixtures = json.load(f)["fixtures"]
        for name, want in sorted(fixtures.items()):
            if want["rule"] not in TemplateRules.BUILT:
                continue
            with self.subTest(fixture=name):
                path = os.path.join(TemplateRules.RULES, name)
                r = run("lint", path, "--format", "json")
                self.assertEqual(r.returncode, 0, r.stderr)
                found = [f for f in json.loads(r.stdout)["findings"] if f["id"] == want["rule"]]
                if not want["raises"]:
                    self.assertEqual(found, [])
                    continue
                self.assertEqual(len(found), 1, found)
                self.assertEqual(found[0]["severity"], want["severity"])
                self.assertEqual(found[0].get("service") or found[0].get("resource"),
                                 want["service"] or want["resource"])
                file, line, _ = found[0]["location"].rsplit(":", 2)
                self.assertEqual(file, path)
                self.assertIn(int(line), want["location_lines"])

    def test_sarif_points_into_the_template(self):
        # A relative path, as CI passes it: the artifact is that path (an absolute one is a
        # file: URI).
        fixture = os.path.relpath(
            os.path.join(TemplateRules.RULES, "lambda-reserved-zero", "raise.tf.json"))
        with tempfile.TemporaryDirectory() as tmp:
            sarif = os.path.join(tmp, "lint.sarif")
            r = run("lint", fixture, "--format", "sarif:" + sarif, "--format", "text")
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(sarif) as f:
                results = json.load(f)["runs"][0]["results"]
        self.assertEqual([x["ruleId"] for x in results], ["lambda-reserved-zero"])
        where = results[0]["locations"][0]["physicalLocation"]
        self.assertEqual(where["artifactLocation"]["uri"], fixture)
        self.assertEqual(where["region"]["startLine"], 59)

    def test_a_broken_template_is_a_located_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            broken = os.path.join(tmp, "template.yaml")
            with open(broken, "w") as f:
                f.write("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n"
                        "    Properties: { MemorySize: [1, 2\n")
            r = run("lint", broken)
            self.assertEqual(r.returncode, 2, r.stdout)
            self.assertRegex(r.stderr, re.escape(broken) + r":\d+:\d+: error: ")
        r = run("lint", "nowhere.yaml")
        self.assertEqual(r.returncode, 2)
        r = run("lint", "--format", "html", "x.yaml")
        self.assertEqual(r.returncode, 2)

class TemplateFacts(unittest.TestCase):
    """`import` on each raise fixture of the template rules whose rules read template facts
    (tests/iac/rules, expect.json): the spec holds the fact the rule reads, on a line whose comment
    names one of the fixture lines expect.json allows; a queue nothing reads gives no event_source.
    The rules themselves are checked by TemplateRules once built."""

    # rule -> the keys (the start of a written line) holding the fact it reads
    FACTS = {
        "sqs-visibility-timeout": ("visibility_timeout_seconds:",),
        "fargate-invalid-size": ("vcpu:", "memory_mb:"),
        "shared-execution-task-role": ("iam_role:", "execution_role:"),
        "task-public-ip": ("assign_public_ip: true",),
        "lambda-env-size": ("environment_bytes:",),
        "iam-wildcard-action": ("- \"",),
    }

    def test_every_raise_fixture_has_its_fact_at_an_allowed_line(self):
        with open(os.path.join(TemplateRules.RULES, "expect.json")) as f:
            fixtures = json.load(f)["fixtures"]
        checked = 0
        for name, want in sorted(fixtures.items()):
            keys = self.FACTS.get(want["rule"])
            if not keys or not want["raises"]:
                continue
            checked += 1
            with self.subTest(fixture=name):
                r = run("import", os.path.join(TemplateRules.RULES, name))
                self.assertEqual(r.returncode, 0, r.stderr)
                lines = [line.strip() for line in r.stdout.splitlines()
                         if line.strip().startswith(keys)]
                located = [int(m.group(1)) for m in
                           (re.search(re.escape(name) + r":(\d+):", line) for line in lines) if m]
                self.assertTrue(set(located) & set(want["location_lines"]),
                                f"{want['location_lines']} not in {located}\n{r.stdout}")
        self.assertGreaterEqual(checked, 12)

    def test_a_queue_nothing_reads_gives_no_event_source(self):
        r = run("import", os.path.join(TemplateRules.RULES, "sqs-visibility-timeout",
                                       "near-miss-no-consumer.cfn.yaml"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("event_source", r.stdout)


class ReservedZero(unittest.TestCase):
    """A function with reserved concurrency 0 (the template fixture's ExportFunction) fed by a queue
    or by asynchronous events: every message is throttled and retried as AWS retries it (SQS: back
    every 30 s until the 4-day retention ends, 11,520 times; events: backoff to 5 min until 6 hours
    old, 79 times), and those retries are counted, not simulated one by one: the events simulated
    stay one an arrival, so a day of it and the whole sweep finish (retried one by one, a day at
    5 messages a second is 5 x 10^9 retries)."""

    FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "iac", "rules",
                           "lambda-reserved-zero", "raise.sam.yaml")

    def spec(self, tmp, kind):
        r = run("import", self.FIXTURE)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = []
        in_export = False
        for line in Import.filled(r.stdout).splitlines():
            if line.startswith("  - name: "):
                in_export = "export-function" in line
            if in_export and line.strip().startswith("kind: scheduled"):
                line = f"    kind: {kind}\n    traffic: {{ rps: 5 }}"
            elif in_export and line.strip().startswith("schedule:"):
                continue
            lines.append(line)
        path = os.path.join(tmp, f"{kind}.yaml")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def test_a_day_of_retries_is_counted_not_simulated(self):
        for kind, retries_each in (("worker", 11_520), ("event", 79)):
            with self.subTest(kind=kind), tempfile.TemporaryDirectory() as tmp:
                spec = self.spec(tmp, kind)
                r = run("simulate", spec, "--service", "export-function", "--runtime", "lambda",
                        "--days", "1", "--format", "json")
                self.assertEqual(r.returncode, 0, r.stderr)
                out = json.loads(r.stdout)
                self.assertGreater(out["requests"], 400_000)
                self.assertEqual(out["throttled"], out["requests"])
                self.assertEqual(out["completed"], 0)
                self.assertEqual(out["retries"], retries_each * out["requests"])
                # One event an arrival (the burn-in's too), none per retry.
                self.assertLessEqual(out["events"], 1.1 * out["requests"])

    def test_recommend_with_the_sweep_ends_and_raises_the_finding(self):
        with tempfile.TemporaryDirectory() as tmp:
            spec = self.spec(tmp, "worker")
            r = run("recommend", spec, "--days", "0.02", "--format", "json")
            self.assertEqual(r.returncode, 0, r.stderr)
            report = json.loads(r.stdout)
            export = [s for s in report["services"] if s["name"] == "export-function"][0]
            self.assertIn("lambda-reserved-zero", [f["id"] for f in export["findings"]])
            lam = [o for o in export["options"] if o["runtime"] == "lambda"][0]
            self.assertEqual(lam["throttled_fraction"], 1.0)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
