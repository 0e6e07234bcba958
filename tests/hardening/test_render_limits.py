"""Rendering the largest maps that pass validation, within a gigabyte of memory.

Each map goes through ``cjm render --format all --view all`` in a subprocess whose address
space is limited to 1 GiB (Graphviz, started by it, inherits the limit). Every file that
can be drawn within cjm's limits is written; an image or a PDF page that would be too
large is refused with its size and the way out, and nothing crashes.
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.big_maps import big_map

from .conftest import MEMORY_LIMIT, command_env

# Generous: drawing a 1,000-step map in every format takes about half a minute of CPU.
TIMEOUT_SECONDS = 300
VIEWS = ("journey", "blueprint", "emotions")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def render_all(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cjm", "render", "map.yaml", "-f", "all", "--view", "all"],
        cwd=folder,
        env=command_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT_SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )


REFUSAL = re.compile(
    r"^error: map\.yaml: the (journey|blueprint|emotions) view as (PNG|PDF) "
    r"\(out/big-\1\.(png|pdf)\) was not drawn: "
    r"(the image would be [\d,]+ by [\d,]+ pixels .* over the 256 MB limit for one image"
    r"|one page would hold [\d,]+ characters of text, over the 200,000)",
    re.MULTILINE,
)


@pytest.mark.parametrize(
    ("steps", "length"),
    [
        pytest.param(5, 1000, id="1000-character-texts"),
        pytest.param(5, 5000, id="5000-character-texts"),
        pytest.param(1000, 20, id="1000-steps"),
    ],
)
def test_the_largest_maps_render_within_a_gigabyte(tmp_path: Path, steps: int, length: int) -> None:
    (tmp_path / "map.yaml").write_text(big_map(steps, length), encoding="utf-8")
    done = render_all(tmp_path)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]
    refused = {(m.group(1), m.group(2).lower()) for m in REFUSAL.finditer(done.stderr)}
    assert done.returncode == (1 if refused else 0), output[-3000:]
    # Every error printed is one of those refusals: nothing else went wrong.
    assert done.stderr.count("error:") == len(refused), done.stderr[-3000:]
    expected = {f"big-{view}.{ext}" for view in VIEWS for ext in ("svg", "png", "pdf", "dot")}
    expected -= {f"big-{view}.{ext}" for view, ext in refused}
    expected |= {"big.mmd", "big-report.html", "big.md"}
    assert {path.name for path in (tmp_path / "out").iterdir()} == expected
