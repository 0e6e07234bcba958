"""Measure `cjm serve`: from a map saved on disk to the open page showing the change.

Copies the b2b-saas-trial example into a temporary folder, starts `python -m cjm serve` on
it, opens the map's report in headless Chromium and renames a step again and again; each
time it measures how long after the save the new name is on the page (watching, waiting
for the burst of changes to end, checking, rendering, the event, the page's fetch and the
swap). Run it from the repository:

    python bench/serve.py               # 10 edits
    python bench/serve.py --edits 30
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from tests.report.chromium import ARGS, CHROMIUM  # noqa: E402
from tests.serve.conftest import Served  # noqa: E402

EXAMPLE = HERE.parent / "examples" / "b2b-saas-trial"
MAP = Path("maps") / "trial-to-paid.yaml"
REPORT = "trial-to-paid-report.html"
# When the page's last fetch of itself started and ended, in milliseconds since the epoch.
FETCHED = """() => {
  const all = performance.getEntriesByType("resource").filter((e) => e.initiatorType === "fetch");
  const last = all[all.length - 1];
  return [performance.timeOrigin + last.startTime, performance.timeOrigin + last.responseEnd];
}"""
STEP = "Signs up for the free trial with her work email"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10)
    edits = parser.parse_args().edits
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(EXAMPLE, work / "b2b")
        journey = work / "b2b" / MAP
        original = journey.read_text(encoding="utf-8")
        assert STEP in original, f"{MAP} no longer names the step '{STEP}'"
        served = Served(work, "b2b", "--port", "0")
        seconds: list[float] = []
        parts: list[tuple[float, float, float]] = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(served.url + REPORT, wait_until="load")
                page.wait_for_selector("#cjm-live[data-connection=live]")
                for edit in range(edits):
                    name = f"{STEP} (edit {edit + 1})"
                    time.sleep(0.5)
                    started = time.perf_counter()
                    saved = time.time() * 1000
                    journey.write_text(original.replace(STEP, name), encoding="utf-8")
                    page.wait_for_function(
                        "(name) => document.body.innerText.includes(name)",
                        arg=name,
                        polling=10,
                        timeout=20_000,
                    )
                    seconds.append(time.perf_counter() - started)
                    shown = time.time() * 1000
                    fetched = page.evaluate(FETCHED)
                    parts.append((fetched[0] - saved, fetched[1] - fetched[0], shown - fetched[1]))
                browser.close()
        finally:
            _, _, err = served.interrupt()
    renders = [int(m) for m in re.findall(r"rendered \d+ files in (\d+) ms", err)][1:]
    ms = sorted(round(s * 1000) for s in seconds)
    print(f"{edits} edits of {MAP} (b2b-saas-trial), saved -> page changed:")
    print(f"  median {statistics.median(ms):.0f} ms, fastest {ms[0]} ms, slowest {ms[-1]} ms")
    print(f"  of which checking and rendering: median {statistics.median(renders):.0f} ms")
    for at, what in enumerate(
        ("saved -> the page asks for itself", "the page's fetch", "fetched -> new text shown")
    ):
        print(f"  {what}: median {statistics.median(p[at] for p in parts):.0f} ms")


if __name__ == "__main__":
    main()
