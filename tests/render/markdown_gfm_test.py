#!/usr/bin/env python3
"""The sample report's Markdown through cmark-gfm, GitHub's own GFM parser (Debian's cmark-gfm):
every table keeps its rows and cells, every <details> block closes, and what the renderer escaped
reads as itself (no stray backslash, no emphasis, strikethrough or heading made from a user's
text). Exits 77 (skipped) when cmark-gfm is not installed.
Usage: markdown_gfm_test.py RENDER_SAMPLE_JSON"""
import re
import shutil
import subprocess
import sys


def main():
    cmark = shutil.which("cmark-gfm")
    if cmark is None:
        print("skipped: cmark-gfm is not installed (apt-get install cmark-gfm)")
        return 77
    markdown = subprocess.run([sys.argv[1], "markdown"], capture_output=True, text=True,
                              check=True).stdout
    # --unsafe keeps the <details> blocks, as GitHub does for these tags.
    html = subprocess.run([cmark, "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink"],
                          input=markdown, capture_output=True, text=True, check=True).stdout
    problems = []

    def check(ok, what):
        if not ok:
            problems.append(what)

    delimiter_rows = len(re.findall(r"^\| ---", markdown, re.M))
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    check(len(tables) == delimiter_rows == 5, f"{len(tables)} tables rendered, {delimiter_rows} written")
    for table in tables:
        cells = {len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)}
        check(len(cells) == 1, f"a table with rows of {sorted(cells)} cells")
    check(html.count("<details>") == html.count("</details>") == 2, "details blocks do not balance")
    check("\\" not in html, "a backslash shows in the rendered page")
    check("<del>" not in html, "strikethrough made from text")
    emphasis = [e for e in re.findall(r"<em>(.*?)</em>", html)
                if e not in ("peak", "DB conn", "cold", "throttled") and not e.startswith("(suppressed")]
    check(not emphasis, f"emphasis made from text: {emphasis}")
    check("one deploy pipeline | reviewed in *ADR-7* &lt;2026&gt;" in html,
          "the suppression reason does not read as written")
    check("<p># Without a Kubernetes platform" in html, "a probe's answer became a heading")
    check("<td align=\"right\">$44.25</td>" in html, "the money cell does not read $44.25")
    for problem in problems:
        print(problem)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
