"""Text in every script the product promises comes out as glyphs in PNG and PDF files.

A map whose thoughts are characters of each script (and, for comparison, characters that
no font has) goes through ``cjm render`` as a user runs it. Each character's picture in
the PNG, and in the PDF page as pdftoppm draws it, must differ from the picture of a
missing character: an empty box.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from cjm.cli import app
from cjm.render.canvas import read_canvas
from cjm.render.paper import page_setup, place
from tests.render.glyphs import SAMPLES, missing, references
from tests.samples import PLAIN_ENV
from tests.tools import require

TEXTS = [text for sample in SAMPLES.values() for text in sample]
MAP = """\
id: scripts
title: Scripts
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}]
personas: [{{id: olivia, name: Olivia}}]
stages:
  - id: one
    name: One
    steps:
{steps}"""
STEP = """      - id: step-{number}
        action: Reads
        emotion: 1
        thoughts: {thoughts}
"""
# A thought cell shows a handful of short thoughts; five steps take less than a band,
# so the whole sample is drawn on one page at full size.
PER_STEP = 6
PNG_SCALE = 2.0  # pixels a point at the default 144 dpi


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scripts map drawn as SVG (for where each text is), PNG and PDF: on A3
    landscape, where the diagram fits at full size."""
    folder = tmp_path_factory.mktemp("scripts")
    texts = [*TEXTS, *references(TEXTS)]
    steps = "".join(
        STEP.format(
            number=start, thoughts=json.dumps(texts[start : start + PER_STEP], ensure_ascii=False)
        )
        for start in range(0, len(texts), PER_STEP)
    )
    (folder / "map.yaml").write_text(MAP.format(steps=steps), encoding="utf-8")
    arguments = ["render", str(folder / "map.yaml"), "-f", "svg,png,pdf", "-o", str(folder)]
    result = CliRunner().invoke(app, [*arguments, "--paper", "a3"], env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    return folder


def test_the_sample_covers_every_promised_script() -> None:
    assert set(SAMPLES) >= {
        "Latin",
        "Greek",
        "Cyrillic",
        "Chinese",
        "Japanese",
        "Korean",
        "Arabic",
        "Hebrew",
        "Devanagari",
        "emoji",
    }


def test_every_script_is_drawn_in_png(drawn: Path) -> None:
    svg = (drawn / "scripts-journey.svg").read_text(encoding="utf-8")
    with Image.open(drawn / "scripts-journey.png") as image:
        assert missing(image, svg, TEXTS, PNG_SCALE) == []


def test_the_check_sees_a_missing_character(drawn: Path) -> None:
    """The comparison itself: a missing character looks like another missing one, and
    unlike a letter."""
    svg = (drawn / "scripts-journey.svg").read_text(encoding="utf-8")
    with Image.open(drawn / "scripts-journey.png") as image:
        reference = references(["x"])[0]
        assert missing(image, svg, [reference], PNG_SCALE) == [reference]


def test_every_script_is_drawn_in_pdf(drawn: Path) -> None:
    require(
        shutil.which("pdftoppm") is not None,
        "pdftoppm",
        "apt-get install poppler-utils",
    )
    subprocess.run(
        ["pdftoppm", "-r", "144", "-png", "-singlefile", "scripts-journey.pdf", "page"],
        cwd=drawn,
        check=True,
    )
    svg = (drawn / "scripts-journey.svg").read_text(encoding="utf-8")
    canvas = read_canvas(svg)
    spot = place(canvas.width, canvas.height, page_setup("a3", portrait=False))
    assert spot.scale == 1.0
    with Image.open(drawn / "page.png") as image:
        assert missing(image, svg, TEXTS, PNG_SCALE, spot.x, spot.y) == []
