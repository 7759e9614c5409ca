#!/usr/bin/env python3
"""The renderers' JSON of the sample report (steady-state, simulated, and with revision 2's fields:
samples, estimate kinds, interval notes, no SLO) must validate against
docs/schema/recommend.schema.json, and of the sample simulate run against simulate.schema.json:
the schemas the project publishes for its JSON outputs. The sample report's SARIF must validate
against sarif-2.1.0-subset.schema.json beside this script (the OASIS schema's objects that
computefit writes).
Usage: validate_sample_json.py RENDER_SAMPLE_JSON SCHEMA_DIR"""
import os
import json
import subprocess
import sys

import jsonschema


def main():
    binary, schema_dir = sys.argv[1], sys.argv[2]
    validators = {}
    for name in ("recommend", "simulate"):
        with open(os.path.join(schema_dir, f"{name}.schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[name] = jsonschema.Draft202012Validator(schema)
    failures = 0
    for mode in ([], ["simulated"], ["revision2"], ["templates"], ["simulate"]):
        out = subprocess.run([binary, *mode], capture_output=True, text=True, check=True).stdout
        doc = json.loads(out)
        validator = validators["simulate" if mode == ["simulate"] else "recommend"]
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for error in errors:
            path = "/".join(map(str, error.absolute_path)) or "(root)"
            print(f"{' '.join(mode) or 'steady-state'}: {path}: {error.message}")
        failures += len(errors)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "sarif-2.1.0-subset.schema.json"), encoding="utf-8") as f:
        sarif_schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(sarif_schema)
    sarif = jsonschema.Draft7Validator(sarif_schema)
    log = json.loads(subprocess.run([binary, "sarif"], capture_output=True, text=True,
                                    check=True).stdout)
    for error in sorted(sarif.iter_errors(log), key=lambda e: list(e.absolute_path)):
        print(f"sarif: {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}")
        failures += 1
    misspelt = json.loads(json.dumps(log))
    misspelt["runs"][0]["results"][0]["rule_id"] = "x"  # not a SARIF property
    if not list(sarif.iter_errors(misspelt)):
        print("the SARIF subset accepts a property the standard does not define")
        failures += 1
    # The schema must also reject what the contract forbids.
    validator = validators["recommend"]
    bad = json.loads(subprocess.run([binary], capture_output=True, text=True, check=True).stdout)
    bad["services"][0]["options"][2]["score"] = 0.9  # an infeasible option with a metric
    bad["services"][0]["options"][0]["cost_items"][0]["kind"] = "fargate-cpu"  # not a kind
    if len(list(validator.iter_errors(bad))) < 2:
        print("the schema accepts a metric on an infeasible option or an unknown cost kind")
        failures += 1
    # Revision 2: intervals never negative, an estimate kind on every option, a note with a
    # left-out interval, a sample's weights positive.
    revision2 = json.loads(subprocess.run([binary, "revision2"], capture_output=True, text=True,
                                          check=True).stdout)
    for name, spoil in (
        ("a negative p99 interval", lambda d: d["services"][0]["options"][0].update(
            p99_ms_interval_95=[-3117.0, 8272.0])),
        ("an option without its estimate kind", lambda d: d["services"][0]["options"][0].pop(
            "estimate")),
        ("an unknown estimate kind", lambda d: d["services"][0]["options"][0].update(
            estimate="analytic")),
        ("an interval beside the note that leaves it out", lambda d: d["services"][0]["options"][1]
            .update(p99_ms_interval_95=[1.0, 2.0])),
        ("a sample window of weight 0", lambda d: d["services"][0]["sample"]["windows"][0].update(
            weight=0)),
        ("slo_met that is neither a boolean nor null", lambda d: d["services"][2]["options"][0]
            .update(slo_met="n/a")),
    ):
        doc = json.loads(json.dumps(revision2))
        spoil(doc)
        if not list(validator.iter_errors(doc)):
            print(f"the schema accepts {name}")
            failures += 1
    # From templates: what they leave unknown and what was skipped, both or neither, no empty line.
    templates = json.loads(subprocess.run([binary, "templates"], capture_output=True, text=True,
                                          check=True).stdout)
    if "unknowns" in bad or "skipped" in bad:
        print("the sample spec's report lists unknowns or skipped resources")
        failures += 1
    for name, spoil in (
        ("unknowns without skipped", lambda d: d.pop("skipped")),
        ("skipped without unknowns", lambda d: d.pop("unknowns")),
        ("an empty unknown", lambda d: d["unknowns"].append("")),
        ("a skipped resource that is not a string", lambda d: d["skipped"].append(3)),
    ):
        doc = json.loads(json.dumps(templates))
        spoil(doc)
        if not list(validator.iter_errors(doc)):
            print(f"the schema accepts {name}")
            failures += 1
    print("ok" if failures == 0 else f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
