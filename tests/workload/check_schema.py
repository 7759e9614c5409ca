#!/usr/bin/env python3
"""Validates every examples/*.yaml and tests/workload/good/*.yaml against docs/schema/spec.schema.json
(the schema editors use for completion), and checks the bad corpus is not all accepted by it."""
import glob
import json
import os
import sys

import jsonschema
import yaml


def main() -> int:
    root = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
    with open(os.path.join(root, "docs/schema/spec.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    paths = sorted(glob.glob(os.path.join(root, "examples/*.yaml")) +
                   glob.glob(os.path.join(root, "tests/workload/good/*.yaml")))
    for path in paths:
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f)
        for error in validator.iter_errors(document):
            failures += 1
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{os.path.relpath(path, root)}: {where}: {error.message}")
    # A few bad specs the schema must reject too, so it cannot silently accept everything.
    for name in ["unknown-key", "bad-enum", "wrong-version", "absurd-values", "missing-traffic",
                 "vpc-endpoints", "outbound-items", "revision-2-types", "cpu-ms-per-request",
                 "template-facts", "iam-policies"]:
        with open(os.path.join(root, "tests/workload/bad", name + ".yaml"), encoding="utf-8") as f:
            if validator.is_valid(yaml.safe_load(f)):
                failures += 1
                print(f"tests/workload/bad/{name}.yaml: accepted by the schema")
    print(f"{len(paths)} specs checked, {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
