"""Benchmark `cjm render`: time and peak memory by map size and by text length, per format.

Each measurement is one `cjm render MAP --format FORMAT --view all` in a fresh process
(see bench/measure.py): wall time, CPU time (cjm's and Graphviz's), the peak memory of the
largest process, the bytes written, and how many files were refused for their size. The
maps are the synthetic maps of bench/validate.py (20 to 1,000 steps, short texts) and maps
of five steps whose every text is 100 to 5,000 characters long (tests/big_maps.py). Run
it from the repository:

    python bench/render.py                        # every size, every format
    python bench/render.py --quick                # 20 and 200 steps, 100 and 1,000 characters
    python bench/render.py --markdown results.md  # also write the tables as Markdown
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from tests.big_maps import big_map  # noqa: E402

from measure import run_once  # noqa: E402
from validate import synthetic_map  # noqa: E402

FORMATS = ("svg", "png", "pdf", "dot", "html", "markdown", "mermaid")
STEPS = (20, 60, 200, 1000)
LENGTHS = (100, 1000, 5000)
QUICK_STEPS, QUICK_LENGTHS = (20, 200), (100, 1000)
REFUSED = re.compile(r"^error: .* was not drawn:", re.MULTILINE)


def _cjm() -> str:
    found = shutil.which("cjm", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit("no cjm next to this Python: pip install -e . first")
    return found


def measure(cjm: str, path: Path, output_format: str) -> list[str]:
    """One table row's cells for ``path`` drawn in ``output_format``."""
    out = path.parent / f"out-{path.stem}-{output_format}"
    shutil.rmtree(out, ignore_errors=True)
    command = [cjm, "render", str(path), "-f", output_format, "--view", "all", "-o", str(out)]
    sample, output = run_once(command, cwd=path.parent)
    if sample.status not in (0, 1):
        return [output_format, "failed", "", "", "", output.splitlines()[-1] if output else ""]
    written = sorted(out.iterdir()) if out.is_dir() else []
    size = sum(p.stat().st_size for p in written)
    refused = len(REFUSED.findall(output))
    return [
        output_format,
        f"{sample.seconds:.2f} s",
        f"{sample.cpu_seconds:.2f} s",
        f"{sample.peak_rss_bytes / 1_000_000:.0f} MB",
        f"{size / 1_000_000:.2f} MB in {len(written)}",
        f"{refused} refused" if refused else "",
    ]


def table(title: str, rows: list[list[str]]) -> str:
    header = ["input", "format", "time", "CPU", "peak RSS", "written", "note"]
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |"]
    lines.append("| " + " | ".join(["---"] * 2 + ["---:"] * 4 + ["---"]) + " |")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def run(inputs: list[tuple[str, str]], cjm: str, folder: Path) -> list[list[str]]:
    rows = []
    for label, text in inputs:
        path = folder / f"{re.sub(r'[^a-z0-9]+', '-', label.lower())}.yaml"
        path.write_text(text, encoding="utf-8")
        size = f"{label} ({path.stat().st_size / 1000:.0f} KB)"
        for output_format in FORMATS:
            row = [size, *measure(cjm, path, output_format)]
            print(" | ".join(row), flush=True)
            rows.append(row)
            size = ""
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer and smaller inputs")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    arguments = parser.parse_args()
    steps = QUICK_STEPS if arguments.quick else STEPS
    lengths = QUICK_LENGTHS if arguments.quick else LENGTHS
    cjm = _cjm()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        by_steps = run([(f"{n} steps", synthetic_map(n)) for n in steps], cjm, folder)
        by_length = run(
            [(f"{n:,} characters", big_map(steps=5, length=n)) for n in lengths], cjm, folder
        )
    text = table("By map size (short texts, `--view all`)", by_steps)
    text += "\n" + table("By text length (5 steps, every text this long, `--view all`)", by_length)
    print()
    print(text)
    if arguments.markdown:
        arguments.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
