#!/usr/bin/env python3
"""Golden-file tests of the command line: a case is a folder.

    run_golden.py BINARY [--approve] [--only-format FMT] [--cases DIR] [CASE ...]

Every folder tests/golden/<case>/ that holds `spec.yaml` or `cmd` is a case. `cmd` holds the
arguments (shell words; `#` comments; `$ROOT` is the repository), `recommend spec.yaml` when absent.
The runner runs them in the case's folder with `--format FMT` for every `expected.FMT` present
(expected.text, expected.json, ...), normalises the volatile fields (the version, wall_seconds,
absolute paths) and compares byte for byte, printing a unified diff on a mismatch. The exit status
must be 0, or the number in the case's `exit_status` file. Every JSON output must validate against
docs/schema/<command>.schema.json.

--approve rewrites the expected files from the current outputs (after review; see
tools/approve-golden) and prints what changed. --only-format FMT (may repeat) restricts the run to
those formats; with --approve it writes `expected.FMT` even in cases that had none. A new case with no expected file gets text and json.
"""
import argparse
import difflib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_CASES = os.path.join(ROOT, "tests", "golden")
DEFAULT_FORMATS = ("text", "json")
TIMEOUT_SECONDS = 300


def find_cases(cases_dir, only):
    names = []
    for name in sorted(os.listdir(cases_dir)):
        folder = os.path.join(cases_dir, name)
        if not os.path.isdir(folder):
            continue
        if os.path.exists(os.path.join(folder, "spec.yaml")) or os.path.exists(os.path.join(folder, "cmd")):
            if not only or name in only:
                names.append(name)
    missing = sorted(set(only) - set(names))
    return names, missing


def case_arguments(folder, root):
    cmd = os.path.join(folder, "cmd")
    if not os.path.exists(cmd):
        return ["recommend", "spec.yaml"]
    with open(cmd, encoding="utf-8") as f:
        words = shlex.split(f.read(), comments=True)
    return [w.replace("$ROOT", root) for w in words]


def expected_formats(folder):
    formats = []
    for name in sorted(os.listdir(folder)):
        if name.startswith("expected."):
            formats.append(name[len("expected."):])
    return formats


def expected_status(folder):
    path = os.path.join(folder, "exit_status")
    if not os.path.exists(path):
        return 0
    with open(path, encoding="utf-8") as f:
        return int(f.read().strip())


def normalise(text, version, folder, root):
    """The output with what changes between builds and machines replaced by placeholders."""
    if version:
        text = text.replace(f'"computefit_version": "{version}"', '"computefit_version": "<version>"')
        text = text.replace(f"computefit {version}", "computefit <version>")
        text = text.replace(f'"version": "{version}"', '"version": "<version>"')
        text = text.replace(f'"semanticVersion": "{version}"', '"semanticVersion": "<version>"')
    text = re.sub(r'("computefit_version": )"[^"]*"', r'\1"<version>"', text)
    text = re.sub(r'("wall_seconds": )-?[0-9][0-9.eE+-]*', r"\g<1>0", text)
    text = re.sub(r"(wall[ _](?:seconds|time)\b[^0-9\n\"]{0,4})[0-9][0-9.,]*( ?s\b)?", r"\1<wall>", text)
    # Longest first: the case folder lies inside the repository.
    for path, placeholder in sorted(((folder, "<case>"), (root, "<root>")), key=lambda p: -len(p[0])):
        text = text.replace(path + os.sep, placeholder + "/").replace(path, placeholder)
    return text


def binary_version(binary):
    try:
        run = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60)
    except OSError:
        return ""
    words = run.stdout.split()
    return words[-1] if run.returncode == 0 and words else ""


def load_validators(root):
    try:
        import jsonschema
    except ImportError:
        return None
    validators = {}
    schema_dir = os.path.join(root, "docs", "schema")
    if os.path.isdir(schema_dir):
        for name in os.listdir(schema_dir):
            if name.endswith(".schema.json"):
                with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                    validators[name[: -len(".schema.json")]] = jsonschema.Draft202012Validator(json.load(f))
    return validators


def schema_problems(text, command, validators):
    try:
        doc = json.loads(text)
    except ValueError as error:
        return [f"not JSON: {error}"]
    if validators is None:
        return ["python3-jsonschema is not installed (apt-get install python3-jsonschema)"]
    validator = validators.get(command)
    if validator is None:
        return []  # no published schema for this command's output
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    ]


def unified(expected, actual, name):
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{name} (expected)",
            tofile=f"{name} (actual)",
        )
    )


class Run:
    """One output of the binary: its text, exit status and standard error."""

    def __init__(self, stdout, returncode, stderr):
        self.stdout, self.returncode, self.stderr = stdout, returncode, stderr


def run_formats(binary, args, formats, folder, env):
    """{format: Run or None (timed out)}. `recommend` writes every format in one run
    (--format FMT:FILE), so a case costs one simulation whatever the number of formats."""
    if args and args[0] == "recommend" and len(formats) > 1:
        with tempfile.TemporaryDirectory() as tmp:
            files = {fmt: os.path.join(tmp, f"out.{fmt}") for fmt in formats}
            command = [binary, *args]
            for fmt in formats:
                command += ["--format", f"{fmt}:{files[fmt]}"]
            try:
                run = subprocess.run(command, cwd=folder, capture_output=True, text=True,
                                     timeout=TIMEOUT_SECONDS, env=env)
            except subprocess.TimeoutExpired:
                return {fmt: None for fmt in formats}
            outputs = {}
            for fmt in formats:
                text = ""
                if os.path.exists(files[fmt]):
                    with open(files[fmt], encoding="utf-8", newline="") as f:
                        text = f.read()
                outputs[fmt] = Run(text, run.returncode, run.stderr)
            return outputs
    outputs = {}
    for fmt in formats:
        try:
            run = subprocess.run([binary, *args, "--format", fmt], cwd=folder, capture_output=True,
                                 text=True, timeout=TIMEOUT_SECONDS, env=env)
            outputs[fmt] = Run(run.stdout, run.returncode, run.stderr)
        except subprocess.TimeoutExpired:
            outputs[fmt] = None
    return outputs


def run_case(binary, name, folder, root, version, validators, approve, out, only_formats=None):
    """Returns the number of problems in the case."""
    args = case_arguments(folder, root)
    formats = expected_formats(folder)
    if only_formats:
        formats = list(only_formats) if approve else [f for f in formats if f in only_formats]
        if not formats:
            return 0
    if not formats and approve:
        formats = list(DEFAULT_FORMATS)
    if not formats:
        print(f"FAIL {name}: no expected.FMT file (run tools/approve-golden {name})", file=out)
        return 1
    want_status = expected_status(folder)
    env = dict(os.environ, NO_COLOR="1")
    problems = 0
    runs = run_formats(binary, args, formats, folder, env)
    for fmt in formats:
        label = f"{name}/expected.{fmt}"
        run = runs[fmt]
        if run is None:
            print(f"FAIL {label}: no answer in {TIMEOUT_SECONDS} s", file=out)
            problems += 1
            continue
        actual = normalise(run.stdout, version, folder, root)
        if run.returncode < 0 or run.returncode >= 64:
            # A signal or an internal error is never an output to keep.
            print(f"FAIL {label}: crashed (exit status {run.returncode})", file=out)
            if run.stderr:
                print("     " + run.stderr.strip().replace("\n", "\n     "), file=out)
            problems += 1
            continue
        if run.returncode != want_status and not approve:
            print(f"FAIL {label}: exit status {run.returncode}, expected {want_status}", file=out)
            if run.stderr:
                print("     " + run.stderr.strip().replace("\n", "\n     "), file=out)
            problems += 1
            continue
        if fmt == "json":
            for problem in schema_problems(run.stdout, args[0] if args else "", validators):
                print(f"FAIL {label}: schema: {problem}", file=out)
                problems += 1
        path = os.path.join(folder, f"expected.{fmt}")
        expected = None
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                expected = f.read()
        if approve:
            if expected == actual:
                print(f"same {label}", file=out)
            else:
                print(f"{'new ' if expected is None else 'updated'} {label}", file=out)
                if expected is not None:
                    out.write(unified(expected, actual, label))
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(actual)
            if run.returncode != want_status:
                with open(os.path.join(folder, "exit_status"), "w", encoding="utf-8") as f:
                    f.write(f"{run.returncode}\n")
                print(f"updated {name}/exit_status: {run.returncode}", file=out)
                want_status = run.returncode
            continue
        if expected != actual:
            print(f"FAIL {label}: output differs", file=out)
            out.write(unified(expected or "", actual, label))
            problems += 1
        else:
            print(f"ok   {label}", file=out)
    return problems


def main(argv=None, out=sys.stdout):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", help="the computefit binary")
    parser.add_argument("cases", nargs="*", help="case names (default: every case)")
    parser.add_argument("--approve", action="store_true", help="rewrite the expected files")
    parser.add_argument("--only-format", action="append", default=[], metavar="FMT",
                        help="only this output format (may repeat)")
    parser.add_argument("--cases-dir", default=DEFAULT_CASES, help=argparse.SUPPRESS)
    parser.add_argument("--root", default=ROOT, help=argparse.SUPPRESS)
    options = parser.parse_intermixed_args(argv)
    binary = os.path.abspath(options.binary)
    root = os.path.abspath(options.root)
    names, missing = find_cases(options.cases_dir, options.cases)
    if missing:
        print(f"no such case: {', '.join(missing)}", file=out)
        return 2
    version = binary_version(binary)
    validators = load_validators(root)
    failed = 0
    for name in names:
        folder = os.path.abspath(os.path.join(options.cases_dir, name))
        if run_case(binary, name, folder, root, version, validators, options.approve, out,
                    options.only_format):
            failed += 1
    if not names:
        print("no golden cases", file=out)
    print(f"{len(names) - failed} passed, {failed} failed", file=out)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
