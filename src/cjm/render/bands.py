"""Cutting a journey into bands of whole stages, so that big maps stay readable.

A diagram with one column per step grows as wide as the journey is long: sixty steps made
a strip twenty thousand pixels wide that no screen or page shows legibly. Every view
therefore lays the steps out in bands of at most :data:`BAND_COLUMNS` columns. A band
holds whole stages, as many as fit one after the other; a stage longer than a band is
split between steps, and each later part is headed "<stage> (continued)". An empty stage
keeps one column, so that it is seen to be empty. A stage's branches are columns of the
stage too, in reading order: each branch's steps right after the main-line step it leaves
from (:meth:`cjm.model.Stage.ordered_steps`). A split stage's last two parts share
their steps evenly when the last would hold less than half a band (seven steps make four
and three), so that no band holds a lonely step.

The whole diagram (SVG, PNG) stacks the bands one under another, a picture that grows
in height rather than width; the print version has one page per band, each with the title,
"page 2 of 5 · stages 3 to 4 of 9" (with an en dash), the lane names and the legend.

Why six columns: a page of A4 landscape paper has about 800 x 550 pt to print on. The
journey and blueprint views give a step column 160 pt (26 characters of 11 pt text) and
the lane names 140 pt, so a band of six steps is 1,100 pt wide; scaled to the page's width,
body text is printed at 8 pt, above the 7.5 pt below which print gets hard to read. The
emotions view gives a step 130 pt, so its bands of six steps print at a larger scale still.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjm.model import Branch, Stage, Step

BAND_COLUMNS = 6
EN_DASH = "\u2013"


@dataclass(frozen=True)
class Column:
    """One column of the grid: a step (of the stage's main line, or of ``branch``), or an
    empty stage's placeholder."""

    stage_index: int
    step: Step | None
    branch: Branch | None = None


@dataclass(frozen=True)
class Segment:
    """The columns of one stage within a band: the whole stage, or a part of one that is
    split between bands (``continued``: a part after the first; ``continues``: a part
    before the last)."""

    stage_index: int
    columns: tuple[Column, ...]
    continued: bool = False
    continues: bool = False


@dataclass(frozen=True)
class Band:
    """Consecutive stages (or parts of one) drawn side by side; ``number`` counts from 1."""

    number: int
    segments: tuple[Segment, ...]

    @property
    def columns(self) -> list[Column]:
        return [column for segment in self.segments for column in segment.columns]

    @property
    def first_stage(self) -> int:
        return self.segments[0].stage_index

    @property
    def last_stage(self) -> int:
        return self.segments[-1].stage_index


def stage_columns(stage_index: int, stage: Stage) -> list[Column]:
    """A column per step of the stage in reading order (a branch's steps right after the
    main-line step it leaves from), or one empty column for a stage without steps."""
    ordered = stage.ordered_steps()
    if not ordered:
        return [Column(stage_index, None)]
    return [Column(stage_index, step, branch) for _, step, branch in ordered]


def columns_of(stages: list[Stage]) -> list[Column]:
    """Every column of the journey, in order."""
    return [column for index, stage in enumerate(stages) for column in stage_columns(index, stage)]


def cut_into_bands(stages: list[Stage], capacity: int = BAND_COLUMNS) -> list[Band]:
    """The stages in bands of at most ``capacity`` columns, in journey order.

    A stage goes into the current band when it fits there, else it starts a new band; a
    stage longer than a band starts a new band and is split into full parts (see
    :func:`_parts`), its last part shared with the stages that follow when they fit."""
    return cut_columns(
        [stage_columns(index, stage) for index, stage in enumerate(stages)], capacity
    )


def cut_columns(stages: list[list[Column]], capacity: int = BAND_COLUMNS) -> list[Band]:
    """:func:`cut_into_bands` for stages given as their columns (a view that lines up
    columns of its own, such as the compare view, cuts them the same way)."""
    capacity = max(1, capacity)
    bands: list[list[Segment]] = []
    current: list[Segment] = []
    used = 0
    for index, columns in enumerate(stages):
        if used + len(columns) <= capacity:
            current.append(Segment(index, tuple(columns)))
            used += len(columns)
            continue
        if current:
            bands.append(current)
            current, used = [], 0
        parts = _parts(columns, capacity)
        for number, part in enumerate(parts):
            segment = Segment(index, tuple(part), number > 0, number < len(parts) - 1)
            if segment.continues:
                bands.append([segment])
            else:
                current, used = [segment], len(part)
    if current:
        bands.append(current)
    return [Band(number, tuple(segments)) for number, segments in enumerate(bands, start=1)]


def _parts(columns: list[Column], capacity: int) -> list[list[Column]]:
    """``columns`` in full bands, except that a last part of less than half a band shares
    the steps of the part before it evenly: 7 steps make 4 and 3, not 6 and a lonely 1;
    9 make 6 and 3."""
    parts = [columns[at : at + capacity] for at in range(0, len(columns), capacity)]
    if len(parts) > 1 and 2 * len(parts[-1]) < capacity:
        both = parts[-2] + parts[-1]
        half = (len(both) + 1) // 2
        parts[-2:] = [both[:half], both[half:]]
    return parts


def band_caption(band: Band, bands: int, stages: int) -> str:
    """``page 2 of 5 · stages 3-4 of 9`` (with an en dash): where a page is in the journey."""
    first, last = band.first_stage + 1, band.last_stage + 1
    where = f"stage {first}" if first == last else f"stages {first}{EN_DASH}{last}"
    return f"page {band.number} of {bands} \u00b7 {where} of {stages}"
