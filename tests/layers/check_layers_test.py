#!/usr/bin/env python3
"""tools/check-layers against small trees: the layers it accepts, and the upward include, the
cycle, the unplaced folder and the call of a function only a higher stage defines that it must
refuse, each with the file to fix."""
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

CHECKER = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "check-layers")

LAYERS = "# bottom first\nbase\nmiddle\ntop\ncli\n"


class CheckLayers(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name
        self.write("src/LAYERS", LAYERS)
        self.write("src/base/base.hpp", '#pragma once\n#include <string>\n')
        self.write("src/middle/middle.hpp", '#pragma once\n#include "base/base.hpp"\n')
        self.write("src/middle/middle.cpp",
                   '#include "middle/middle.hpp"\n#include "base/base.hpp"\n')
        self.write("src/top/top.cpp", '#include "middle/middle.hpp"\n#include "base/base.hpp"\n')
        self.write("cli/main.cpp", '#include "top/top.hpp"\n#include "base/base.hpp"\n')

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, path, text):
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)

    def run_checker(self, *args):
        return subprocess.run([sys.executable, CHECKER, "--root", self.root, *args],
                              capture_output=True, text=True)

    def test_downward_includes_pass_and_stamp(self):
        stamp = os.path.join(self.root, "build", "layers.stamp")
        result = self.run_checker("--stamp", stamp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        self.assertTrue(os.path.exists(stamp))

    def test_upward_include_fails_at_its_line(self):
        self.write("src/base/base.cpp", textwrap.dedent("""\
            #include "base/base.hpp"

            #include "middle/middle.hpp"
            """))
        stamp = os.path.join(self.root, "layers.stamp")
        self.write("layers.stamp", "")
        result = self.run_checker("--stamp", stamp)
        self.assertEqual(result.returncode, 1)
        self.assertIn("src/base/base.cpp:3:11: error: base includes middle, which is above it",
                      result.stderr)
        self.assertFalse(os.path.exists(stamp), "a failed check must not leave its stamp")

    def test_cycle_is_named(self):
        self.write("src/base/base.cpp", '#include "top/top.hpp"\n')
        result = self.run_checker()
        self.assertEqual(result.returncode, 1)
        self.assertIn("the folders base, middle, top include each other", result.stderr)
        graph = self.run_checker("--graph")
        self.assertEqual(graph.returncode, 0)
        self.assertIn("base -> top  (1 includes)", graph.stdout)
        self.assertIn("cycle: base <-> middle <-> top", graph.stdout)

    def test_unplaced_folder_and_stale_name(self):
        self.write("src/extra/extra.hpp", '#pragma once\n')
        self.write("src/LAYERS", LAYERS.replace("middle\n", "middle\ngone\n"))
        result = self.run_checker()
        self.assertEqual(result.returncode, 1)
        self.assertIn("extra/ is not in the layer order", result.stderr)
        self.assertIn("the layer order names gone, which is not a folder", result.stderr)

    def test_same_folder_and_system_includes_are_ignored(self):
        self.write("src/base/other.cpp", '#include "base/base.hpp"\n#include <top/top.hpp>\n'
                   '#include "nested.hpp"\n')
        self.assertEqual(self.run_checker().returncode, 0)

    @unittest.skipUnless(shutil.which("c++") and shutil.which("nm"), "needs a compiler and nm")
    def test_call_defined_only_above_fails(self):
        # base declares a function that only top defines; top calls one base defines (fine).
        self.write("src/base/a.cpp",
                   "int high();\nint low() { return 1; }\nint use() { return high(); }\n")
        self.write("src/top/b.cpp", "int low();\nint high() { return low() + 1; }\n")
        objects = []
        for source in ("src/base/a.cpp", "src/top/b.cpp"):
            obj = os.path.join(self.root, source + ".o")
            subprocess.run(["c++", "-c", os.path.join(self.root, source), "-o", obj], check=True)
            objects.append(obj)
        listing = os.path.join(self.root, "objects.txt")
        with open(listing, "w") as f:
            f.write(f"base {objects[0]}\nmiddle\ntop {objects[1]}\n")
        result = self.run_checker("--objects", listing)
        self.assertEqual(result.returncode, 1)
        self.assertIn("a.cpp (src/base): error: base calls high(), which only top (above it) "
                      "defines", result.stderr)
        self.assertNotIn("low()", result.stderr)


if __name__ == "__main__":
    unittest.main()
