#!/usr/bin/env python3
"""expert_cases_test.py BINARY [FOLDER...]: runs `recommend FILE --no-sweep --format json` on every
workload an expert answered (FOLDER/expect.json, default: every expert-set-* folder beside this
script) and checks the report against the answer: the recommended runtime is one the expert
accepts and meets its SLO, the monthly costs fall in the expert's ranges, the findings the expert
requires are raised and those ruled out are not, no figure is negative or non-finite, and `why`
names the recommended runtime. Prints one line per workload; exits 1 when any is wrong.

The workloads were written, with their answers, before computefit ran on them (the comment block
of each spec); they are copied here so that a checkout alone can run them."""
import json
import math
import os
import subprocess
import sys

LABELS = {"lambda": "Lambda", "ecs-fargate": "ECS on Fargate", "ecs-ec2": "ECS on EC2", "eks": "EKS"}


def bad_numbers(node, path=""):
    """Every number in the report that is negative (where a cost, latency or share cannot be) or
    not finite."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from bad_numbers(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from bad_numbers(value, f"{path}[{i}]")
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        if not math.isfinite(node) or (node < 0 and any(w in path for w in ("usd", "ms", "fraction", "latency"))):
            yield f"{path}={node}"


def check(binary, folder, name, answer):
    run = subprocess.run([binary, "recommend", name, "--no-sweep", "--format", "json"],
                         capture_output=True, text=True, cwd=folder, timeout=900)
    try:
        report = json.loads(run.stdout)
    except ValueError:
        return [f"exit {run.returncode}, no JSON: {run.stderr.strip()[:200]}"]
    problems = []
    for service in report["services"]:
        chosen = service["recommendation"]
        options = {o["runtime"]: o for o in service["options"]}
        if chosen not in answer["allowed"]:
            problems.append(f"{service['name']}: recommends {chosen}, the expert accepts "
                            + " or ".join(answer["allowed"]))
        elif options[chosen]["slo_met"] is False:
            problems.append(f"{service['name']}: the recommended {chosen} misses the SLO")
        elif LABELS[chosen] not in service["why"]:
            problems.append(f"{service['name']}: why does not name {LABELS[chosen]}")
        for runtime, (low, high) in answer["costs"].items():
            cost = options.get(runtime, {}).get("monthly_cost_usd")
            if cost is None or not low <= cost <= high:
                problems.append(f"{service['name']}: {runtime} at ${cost}/month, the expert ${low}-{high}")
        raised = {(f["id"], f["severity"]) for f in service["findings"]}
        for rule in answer["must"]:
            if rule not in {rule_id for rule_id, _ in raised}:
                problems.append(f"{service['name']}: {rule} is not raised")
        for rule, severity in answer["must_not"]:
            if (rule, severity) in raised:
                problems.append(f"{service['name']}: {rule} is raised at {severity}")
    problems += [f"bad figure {n}" for n in list(bad_numbers(report))[:3]]
    return problems


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    here = os.path.dirname(os.path.abspath(__file__))
    folders = sys.argv[2:] or sorted(
        os.path.join(here, d) for d in os.listdir(here) if d.startswith("expert-set-"))
    wrong = 0
    total = 0
    for folder in folders:
        with open(os.path.join(folder, "expect.json")) as f:
            answers = json.load(f)
        for name, answer in answers.items():
            total += 1
            problems = check(binary, folder, name, answer)
            if problems:
                wrong += 1
                print(f"FAIL {os.path.basename(folder)}/{name}: " + "; ".join(problems))
            else:
                print(f"ok   {os.path.basename(folder)}/{name}")
    print(f"{total - wrong} of {total} workloads as the expert answered")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
