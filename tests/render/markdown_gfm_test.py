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
    problems = []

    def check(ok, what):
        if not ok:
            problems.append(what)

    # The sample report, the one made from templates (what they leave unknown, what was skipped)
    # and the one with revision 2's fields (a strata table, more options), checked last below.
    for mode, want_tables, want_details in (("markdown", 5, 2), ("templates-markdown", 5, 2),
                                            ("revision2-markdown", 9, 4)):
        markdown = subprocess.run([sys.argv[1], mode], capture_output=True, text=True,
                                  check=True).stdout
        # --unsafe keeps the <details> blocks, as GitHub does for these tags.
        html = subprocess.run([cmark, "--unsafe", "-e", "table", "-e", "strikethrough", "-e",
                               "autolink"], input=markdown, capture_output=True, text=True,
                              check=True).stdout
        delimiter_rows = len(re.findall(r"^\| ---", markdown, re.M))
        tables = re.findall(r"<table>.*?</table>", html, re.S)
        check(len(tables) == delimiter_rows == want_tables,
              f"{mode}: {len(tables)} tables rendered, {delimiter_rows} written")
        for table in tables:
            cells = {len(re.findall(r"<t[hd][ >]", row))
                     for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)}
            check(len(cells) == 1, f"{mode}: a table with rows of {sorted(cells)} cells")
        check(html.count("<details>") == html.count("</details>") == want_details,
              f"{mode}: details blocks do not balance")
        check("\\" not in html, f"{mode}: a backslash shows in the rendered page")
        check("<del>" not in html, f"{mode}: strikethrough made from text")
        emphasis = [e for e in re.findall(r"<em>(.*?)</em>", html)
                    if e not in ("peak", "DB conn", "cold", "throttled")
                    and not e.startswith("(suppressed")]
        check(not emphasis, f"{mode}: emphasis made from text: {emphasis}")
        check("one deploy pipeline | reviewed in *ADR-7* &lt;2026&gt;" in html,
              f"{mode}: the suppression reason does not read as written")
        check("<p># Without a Kubernetes platform" in html,
              f"{mode}: a probe's answer became a heading")
        check("<td align=\"right\">$44.25</td>" in html,
              f"{mode}: the money cell does not read $44.25")
        if mode == "templates-markdown":
            check("<li>infra/template.yaml:91:20: ReportsService AwsvpcConfiguration.Subnets: in a "
                  "VPC whose subnets are not in the files (subnet 'subnet-0a1b2c3d4e5f60718' is "
                  "not in the files): network.subnet, nat_gateway and vpc_endpoints</li>" in html
                  .replace("&#39;", "'"), f"{mode}: an unknown does not read as written")
            check("<li>infra/template.yaml:15:3: Workflow (AWS::StepFunctions::StateMachine):" in html,
                  f"{mode}: the skipped resource does not read as written")
    check("<td align=\"right\">103 h</td>" in html, "an hour-long p99 does not read 103 h")
    for problem in problems:
        print(problem)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
