#!/usr/bin/env python3
"""The drill's HTML report opened in headless Chromium: no SEVERE entry in the browser console,
and every chart of every service is an <svg> element drawn with a non-zero size.

    html_browser_test.py COMPUTEFIT_BINARY

Uses Debian's chromium, chromium-driver and python3-selenium (scripts/install-deps). Exits 77
(skipped) with a note when they are not installed.
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMEDRIVER = "/usr/bin/chromedriver"
SYSTEM_PYTHON = "/usr/bin/python3"
SKIP = 77
CHARTS = ("chart-cost-vs-traffic", "chart-latency", "chart-busiest-hour")
# The drill has three services (api, thumbnails, nightly-report).
SERVICES = 3

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError:
    # Debian's python3-selenium is installed for Debian's interpreter, which may not be the
    # first python3 on PATH.
    if os.path.exists(SYSTEM_PYTHON) and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, *sys.argv])
    print("skipped: python3-selenium is not installed (scripts/install-deps)")
    sys.exit(SKIP)


def render(binary, path):
    spec = os.path.join(ROOT, "examples", "drill.yaml")
    run = subprocess.run([binary, "recommend", spec, "--days", "0.25", "--format", f"html:{path}"],
                         capture_output=True, text=True, timeout=240)
    if run.returncode != 0:
        print(run.stdout, run.stderr, sep="\n")
        raise SystemExit(f"computefit exited {run.returncode}")


def main():
    binary = sys.argv[1]
    if not os.path.exists(CHROMEDRIVER):
        print(f"skipped: {CHROMEDRIVER} is missing (chromium-driver; scripts/install-deps)")
        return SKIP
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "drill.html")
        render(binary, page)
        with open(page, encoding="utf-8") as f:
            html = f.read()
        if not html.startswith("<!DOCTYPE html>"):
            failures.append("the page does not start with <!DOCTYPE html>")

        options = webdriver.ChromeOptions()
        # Containers in CI often have a small /dev/shm: Chromium then writes its shared memory to /tmp.
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,2000"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            driver.get("file://" + page)
            for entry in driver.get_log("browser"):
                if entry.get("level") == "SEVERE":
                    failures.append(f"console: {entry.get('message')}")
            for chart in CHARTS:
                svgs = driver.find_elements(By.CSS_SELECTOR, f"svg.chart.{chart}")
                if len(svgs) != SERVICES:
                    failures.append(f"{chart}: {len(svgs)} <svg> elements, expected {SERVICES}")
                for svg in svgs:
                    size = svg.size
                    name = svg.get_attribute("id")
                    if size["width"] <= 0 or size["height"] <= 0:
                        failures.append(f"{name}: drawn at {size['width']}x{size['height']}")
                    if not svg.find_elements(By.TAG_NAME, "title"):
                        failures.append(f"{name}: no <title>")
            print(f"{driver.title}: {sum(len(driver.find_elements(By.CSS_SELECTOR, 'svg.' + c)) for c in CHARTS)} charts")
        finally:
            driver.quit()
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
