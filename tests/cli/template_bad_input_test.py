#!/usr/bin/env python3
"""Bad templates, plans and CDK folders (issue 10, "Bad input"): each file of tests/iac/bad is
imported and ends with exit 2 and the first line of stderr its `.expected` file holds, or with
exit 0 when `.expected` says `ok` (a listed skip or unknown, never a crash). Inputs too large to
keep in the repository (a 50 MB plan, 100,000 resources, intrinsics nested 10,000 deep) are written
by the test; each run must end within 10 s and 1 GiB, measured on the child alone."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_test  # noqa: E402  (run_bounded, and BINARY set below)

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "iac", "bad")
MAX_SECONDS = 10.0
MAX_KIB = 1 << 20


def bounded(case, *args):
    code, out, err, wall, kib = cli_test.run_bounded(list(args), MAX_SECONDS)
    case.assertIsNotNone(code, f"{args}: still running after {MAX_SECONDS} s")
    case.assertLess(kib, MAX_KIB, f"{args}: peak RSS {kib} KiB")
    if os.environ.get("COMPUTEFIT_SEEN_FIGURES"):
        print(f"\n{case.id().rsplit('.', 1)[-1]}: exit {code}, {wall:.2f} s, {kib / 1024:.0f} MiB",
              file=sys.stderr)
    return code, out, err


class Corpus(unittest.TestCase):
    def test_every_bad_input_gives_its_located_message(self):
        names = sorted(n for n in os.listdir(CORPUS)
                       if not n.endswith(".expected") and n != "README.md")
        self.assertGreaterEqual(len(names), 10)
        for name in names:
            with self.subTest(input=name):
                with open(os.path.join(CORPUS, name + ".expected")) as f:
                    expected = f.read().strip()
                # Run from the corpus folder so messages name the file as the user typed it.
                cwd = os.getcwd()
                os.chdir(CORPUS)
                try:
                    code, _, err = bounded(self, "import", name)
                finally:
                    os.chdir(cwd)
                if expected == "ok":
                    self.assertEqual(code, 0, err)
                    continue
                self.assertEqual(code, 2, err)
                self.assertEqual(err.splitlines()[0], expected)


class Generated(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def test_a_fifty_megabyte_plan_is_read_within_bounds(self):
        """A plan of 50 MB (Terraform writes big plans on one line): read or refused, in time."""
        resources = []
        pad = "x" * 900
        i = 0
        while len(resources) * 1000 < 51 << 20:
            resources.append({"address": f"aws_sqs_queue.q{i}", "mode": "managed",
                              "type": "aws_sqs_queue", "name": f"q{i}",
                              "values": {"name": f"q{i}", "tags": {"note": pad}}})
            i += 1
        resources.append({"address": "aws_lambda_function.worker", "mode": "managed",
                          "type": "aws_lambda_function", "name": "worker",
                          "values": {"function_name": "worker", "memory_size": 512,
                                     "timeout": 30}})
        plan = {"format_version": "1.2", "terraform_version": "1.9.8",
                "planned_values": {"root_module": {"resources": resources}},
                "resource_changes": [], "configuration": {"root_module": {}}}
        with open(self.path("plan.json"), "w") as f:
            json.dump(plan, f, separators=(",", ":"))
        self.assertGreater(os.path.getsize(self.path("plan.json")), 50 << 20)
        code, out, err = bounded(self, "import", self.path("plan.json"))
        self.assertIn(code, (0, 2), err)
        if code == 0:
            self.assertIn("name: worker", out)
        else:
            self.assertRegex(err.splitlines()[0], r"plan\.json(:\d+:\d+)?: error: ")

    def test_a_hundred_thousand_resources_are_refused_at_the_templates_bound(self):
        lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:"]
        for i in range(100_000):
            lines += [f"  Function{i}:", "    Type: AWS::Lambda::Function",
                      "    Properties: { MemorySize: 128 }"]
        with open(self.path("big.yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")
        code, _, err = bounded(self, "import", self.path("big.yaml"))
        self.assertEqual(code, 2, err)
        self.assertRegex(err.splitlines()[0], r"big\.yaml(:\d+:\d+)?: error: .*(bytes|values)")

    def test_intrinsics_nested_ten_thousand_deep_are_a_located_error(self):
        inner = '"x"'
        for _ in range(10_000):
            inner = '{"Fn::Join": ["", [' + inner + ']]}'
        template = ('{"Resources": {"Handler": {"Type": "AWS::Lambda::Function", '
                    '"Properties": {"MemorySize": 512, "Environment": {"Variables": {"V": '
                    + inner + '}}}}}}')
        with open(self.path("deep.json"), "w") as f:
            f.write(template)
        code, _, err = bounded(self, "import", self.path("deep.json"))
        self.assertEqual(code, 2, err)
        self.assertRegex(err.splitlines()[0], r"deep\.json:1:\d+: error: ")

    def test_yaml_tags_nested_ten_thousand_deep_are_a_located_error(self):
        text = "Resources:\n  Handler:\n    Type: AWS::Lambda::Function\n    Properties:\n" \
               "      Role: " + "!Join [ '', [ " * 10_000 + "x" + " ] ]" * 10_000 + "\n"
        with open(self.path("deep.yaml"), "w") as f:
            f.write(text)
        code, _, err = bounded(self, "import", self.path("deep.yaml"))
        self.assertEqual(code, 2, err)
        self.assertRegex(err.splitlines()[0], r"deep\.yaml:\d+:\d+: error: ")


if __name__ == "__main__":
    cli_test.BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=1)
