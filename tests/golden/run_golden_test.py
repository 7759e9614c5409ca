#!/usr/bin/env python3
"""The golden runner itself, against a stand-in CLI: discovery, normalisation of volatile fields,
byte-for-byte comparison with a diff, exit statuses, schema validation and approval."""
import io
import json
import os
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_golden  # noqa: E402

# A stand-in for the computefit binary: prints its version, or an output holding every volatile
# field (version, wall time, the absolute folder it runs in) and what a case's `variant` file says.
FAKE_CLI = textwrap.dedent(
    """\
    #!/usr/bin/env python3
    import json, os, sys
    args = sys.argv[1:]
    if args == ["--version"]:
        print("9.8.7"); sys.exit(0)
    variant = open("variant").read().strip() if os.path.exists("variant") else "a"
    def render(fmt):
        if fmt == "json":
            return json.dumps({"computefit_version": "9.8.7", "command": args[0], "variant": variant,
                               "spec": os.path.abspath(args[1]), "wall_seconds": 0.1234},
                              indent=2) + "\\n"
        return (f"computefit 9.8.7: {os.path.abspath(args[1])}\\n"
                f"variant {variant}, wall time 0.53 s\\n")
    # --format FMT prints; --format FMT:FILE writes the file (several may be given).
    for i, word in enumerate(args):
        if word == "--format":
            fmt, _, path = args[i + 1].partition(":")
            if path:
                open(path, "w").write(render(fmt))
            else:
                sys.stdout.write(render(fmt))
    sys.exit(int(open("status").read()) if os.path.exists("status") else 0)
    """
)

SCHEMA = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
          "required": ["variant"], "properties": {"variant": {"enum": ["a", "b"]}}}


class Runner(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name
        self.cases = os.path.join(self.root, "cases")
        os.makedirs(os.path.join(self.root, "docs", "schema"))
        with open(os.path.join(self.root, "docs", "schema", "recommend.schema.json"), "w") as f:
            json.dump(SCHEMA, f)
        self.cli = os.path.join(self.root, "fake-cli")
        with open(self.cli, "w") as f:
            f.write(FAKE_CLI)
        os.chmod(self.cli, 0o755)
        self.case = os.path.join(self.cases, "one")
        os.makedirs(self.case)
        self.write("spec.yaml", "version: 1\n")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        with open(os.path.join(self.case, name), "w") as f:
            f.write(text)

    def read(self, name):
        with open(os.path.join(self.case, name)) as f:
            return f.read()

    def run_golden(self, *extra):
        out = io.StringIO()
        status = run_golden.main([self.cli, "--cases-dir", self.cases, "--root", self.root, *extra], out)
        return status, out.getvalue()

    def test_approve_writes_normalised_text_and_json_then_the_case_passes(self):
        status, out = self.run_golden("--approve")
        self.assertEqual(status, 0, out)
        self.assertIn("new  one/expected.text", out)
        self.assertEqual(self.read("expected.text"),
                         "computefit <version>: <case>/spec.yaml\nvariant a, wall time <wall>\n")
        doc = json.loads(self.read("expected.json"))
        self.assertEqual(doc["computefit_version"], "<version>")
        self.assertEqual(doc["wall_seconds"], 0)
        self.assertEqual(doc["spec"], "<case>/spec.yaml")
        status, out = self.run_golden()
        self.assertEqual(status, 0, out)
        self.assertIn("1 passed, 0 failed", out)

    def test_a_change_fails_with_a_unified_diff_and_approval_shows_it(self):
        self.run_golden("--approve")
        self.write("variant", "b")
        status, out = self.run_golden()
        self.assertEqual(status, 1)
        self.assertIn("FAIL one/expected.text: output differs", out)
        self.assertIn("-variant a, wall time <wall>\n+variant b, wall time <wall>\n", out)
        status, out = self.run_golden("--approve", "one")
        self.assertIn("updated one/expected.json", out)
        self.assertIn('+  "variant": "b",', out)
        self.assertEqual(self.run_golden()[0], 0)

    def test_only_the_formats_present_are_run(self):
        self.write("expected.json", "{}")
        status, out = self.run_golden()
        self.assertNotIn("expected.text", out)
        self.assertIn("FAIL one/expected.json", out)

    def test_json_is_validated_against_the_commands_schema(self):
        self.write("variant", "c")
        status, out = self.run_golden("--approve")
        self.assertEqual(status, 1)
        self.assertIn("schema: variant: 'c' is not one of ['a', 'b']", out)

    def test_exit_status_is_checked(self):
        self.run_golden("--approve")
        self.write("status", "1")
        status, out = self.run_golden()
        self.assertIn("exit status 1, expected 0", out)
        self.run_golden("--approve")
        self.assertEqual(self.read("exit_status"), "1\n")
        self.assertEqual(self.run_golden()[0], 0)

    def test_cmd_file_gives_the_arguments_with_root(self):
        os.remove(os.path.join(self.case, "spec.yaml"))
        other = os.path.join(self.root, "examples")
        os.makedirs(other)
        with open(os.path.join(other, "x.yaml"), "w") as f:
            f.write("version: 1\n")
        self.write("cmd", "# an example through the runner\nrecommend $ROOT/examples/x.yaml\n")
        self.run_golden("--approve")
        self.assertEqual(json.loads(self.read("expected.json"))["spec"], "<root>/examples/x.yaml")

    def test_a_case_without_expected_files_fails_and_unknown_names_are_refused(self):
        status, out = self.run_golden()
        self.assertEqual(status, 1)
        self.assertIn("no expected.FMT file", out)
        self.assertEqual(self.run_golden("nope")[0], 2)


if __name__ == "__main__":
    unittest.main(verbosity=1)
