"""The stage grid's tables: one wide table on screen, page-sized parts in print.

On screen the grid is one table that scrolls sideways. On paper it is cut into parts of a
few step columns each, as wide as a landscape page: at stage boundaries where whole stages
fit, else between two steps of a long stage, never through a step. A printed part should
also not be taller than a page, since a browser can only break a table between its rows:
the lanes of the steps would then run on over two pages. The height of a part is not
known before the browser lays it out, so it is estimated here from the text in each cell,
generously (the way diagram cells are sized, :func:`cjm.render.style.text_width`), and a
part takes fewer, wider columns when its text would make it too tall. A step that alone
is taller than a page gets a part of its own, and the browser breaks it between lanes.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cjm.display import reveal_bidi_controls
from cjm.render.style import clean, text_width
from cjm.report.facts import Column, StageView, StepView

PRINT_COLUMNS = 6  # step columns per printed part, at most
# The printable area of a landscape page with the stylesheet's 12 mm margins: the width of
# Letter (the narrower paper) and the height of A4 (the shorter one), in millimetres.
PAGE_WIDTH, PAGE_HEIGHT = 255.0, 186.0
# What a printed part may fill: a tenth is left for the estimate being only an estimate,
# and the first part shares its page with the section's heading, note and legend.
PART_HEIGHT = PAGE_HEIGHT * 0.9
FIRST_PART_HEIGHT = PART_HEIGHT - 32.0
LANE_WIDTH = 25.0  # the lane names' column
MAX_COLUMN = 70.0  # a narrow part's step columns (the stylesheet's .narrow.cols-N)
NARROW_COLUMNS = 2  # parts of this many columns or fewer may be narrow
PAD_X, PAD_Y = 2.8, 3.0  # a cell's padding and border (both sides), in millimetres
POINT = 25.4 / 72  # millimetres in a point
FONT, SMALL, LEADING = 7.5, 6.8, 1.35  # the printed grid's font sizes (pt) and line height
WRAP_SLACK = 1.0  # the widths are generous already: lines break at spaces, not exactly


@dataclass(frozen=True)
class StageSpan:
    stage: StageView
    span: int
    continued: bool  # the stage started in an earlier printed part


@dataclass(frozen=True)
class GridChunk:
    """The columns of one grid table: all of them on screen, a page's worth in print."""

    columns: list[Column]
    stages: list[StageSpan]
    last: bool
    narrow: bool = False  # printed with columns of MAX_COLUMN, not as wide as the page


def chunks(columns: list[Column], size: int) -> list[GridChunk]:
    """``columns`` cut into tables of at most ``size`` columns, at stage boundaries where a
    stage fits, else inside the stage."""
    return _as_chunks(_cut(columns, lambda part: len(part) <= size))


def print_chunks(columns: list[Column], blueprint: bool) -> list[GridChunk]:
    """``columns`` cut into printed parts of at most :data:`PRINT_COLUMNS` columns whose
    estimated height fits a page (see the module's docstring)."""

    alone = {id(c): part_height([c], blueprint) for c in columns}

    def budget(part: list[Column]) -> float:
        return FIRST_PART_HEIGHT if part[0] is columns[0] else PART_HEIGHT

    def fits(part: list[Column]) -> bool:
        # A part may be as tall as the tallest of its steps would be on its own: a step
        # taller than a page runs on over two pages whatever its neighbours.
        limit = max(budget(part), *(alone[id(c)] for c in part))
        return len(part) <= PRINT_COLUMNS and part_height(part, blueprint) <= limit

    parts = _cut(columns, fits)
    # A part of one or two steps keeps its columns to a readable measure when it still
    # fits its page at that width.
    narrow = [
        len(part) <= NARROW_COLUMNS and part_height(part, blueprint, MAX_COLUMN) <= budget(part)
        for part in parts
    ]
    return [
        dataclasses.replace(chunk, narrow=cap)
        for chunk, cap in zip(_as_chunks(parts), narrow, strict=True)
    ]


def _cut(columns: list[Column], fits: Callable[[list[Column]], bool]) -> list[list[Column]]:
    """Whole stages while they fit together; a stage that does not fit alone is cut
    between its steps. A single column always makes a part."""
    parts: list[list[Column]] = []
    current: list[Column] = []
    for stage in _stages(columns):
        if fits([*current, *stage]):
            current.extend(stage)
            continue
        if current:
            parts.append(current)
            current = []
        for column in stage:
            if current and not fits([*current, column]):
                parts.append(current)
                current = []
            current.append(column)
    if current:
        parts.append(current)
    return parts


def _stages(columns: list[Column]) -> list[list[Column]]:
    found: list[list[Column]] = []
    for column in columns:
        if found and found[-1][0].stage is column.stage:
            found[-1].append(column)
        else:
            found.append([column])
    return found


def _as_chunks(groups: list[list[Column]]) -> list[GridChunk]:
    found = []
    for number, group in enumerate(groups):
        spans: list[StageSpan] = []
        for column in group:
            if spans and spans[-1].stage is column.stage:
                last = spans[-1]
                spans[-1] = StageSpan(last.stage, last.span + 1, last.continued)
            else:
                spans.append(StageSpan(column.stage, 1, not column.first_of_stage))
        found.append(GridChunk(group, spans, number == len(groups) - 1))
    return found


# -- estimating a printed part's height ------------------------------------------------------


def lines(text: str | None, width: float, size: float = FONT, extra: float = 0.0) -> int:
    """How many lines ``text`` (plus ``extra`` millimetres of chips beside it) takes in a
    cell ``width`` millimetres wide at ``size`` points."""
    if not text:
        return 0
    shown = clean(reveal_bidi_controls(text))
    room = max(width - PAD_X, 4.0)
    used = text_width([shown], size) * POINT * WRAP_SLACK + extra
    return max(1, math.ceil(used / room))


def _height(counts: Iterable[tuple[int, float]]) -> float:
    """Millimetres for ``(lines, size)`` pairs stacked in one cell, with its padding."""
    return PAD_Y + sum(n * size * LEADING * POINT for n, size in counts)


def _items(texts: Iterable[str], width: float, size: float = FONT, extra: float = 0.0) -> int:
    return sum(lines(text, width, size, extra) for text in texts)


def _lanes(step: StepView, width: float, blueprint: bool) -> list[float]:
    """The estimated height of each lane of ``step`` in a column ``width`` wide, in the
    order of the grid's rows (the KPI row, which spans stages, is counted apart)."""
    handoff = sum(
        lines(
            f"Handoff from {h.from_owner} (step {h.from_step}) {' '.join(h.personas)}",
            width - 2,
            SMALL,
        )
        for h in step.handoffs
    )
    if step.handoffs or step.handoff:
        handoff += lines(step.handoff or "Not described.", width - 2, SMALL)
    groups = step.emotion_groups
    lanes = [
        _height(
            [
                (lines(f"{step.number} {step.action}", width, FONT * 1.05), FONT),
                (lines(", ".join(step.personas), width, SMALL), SMALL),
                (lines(step.description, width, SMALL), SMALL),
            ]
        ),
        _height([(lines(step.owner or "No owner", width), FONT), (handoff, SMALL)])
        + (2.0 if handoff else 0.0),
        _height([(_items((t.name for t in step.touchpoints), width, extra=9.0), FONT)]),
        _height([(_items(step.thoughts, width), FONT)]),
        _height(
            [
                (
                    sum(
                        lines(g.label or "neutral", width, extra=6.0 * (len(g.marks) + 1))
                        for g in groups
                    ),
                    FONT,
                ),
                (sum(lines(g.note, width, SMALL) for g in groups), SMALL),
            ]
        ),
        _height([(_items((p.summary for p in step.pains), width, extra=14.0), FONT)]),
        _height([(_items((o.summary for o in step.opportunities), width, extra=18.0), FONT)]),
        _height([(1, FONT)]),  # the evidence badge
    ]
    if blueprint:
        for activities in (step.frontstage, step.backstage, step.support):
            owned = (f"{a.action} {a.owner or ''}" for a in activities)
            lanes.append(_height([(_items(owned, width), FONT)]) + 1.5)
        lanes.append(3 * 3.2)  # the three lines between the blueprint's lanes
    return lanes


def part_height(part: list[Column], blueprint: bool, column: float | None = None) -> float:
    """The estimated height, in millimetres, of the printed table of ``part`` whose step
    columns are ``column`` millimetres wide (default: sharing the page's width)."""
    width = column or (PAGE_WIDTH - LANE_WIDTH) / len(part)
    stage_row = kpi_row = 0.0
    spans = _stages(part)
    for stage_columns in spans:
        stage = stage_columns[0].stage
        span_width = width * len(stage_columns)
        stage_row = max(
            stage_row,
            _height(
                [
                    (lines(stage.name, span_width, FONT * 1.1), FONT * 1.1),
                    (lines(stage.customer_goal, span_width, SMALL, 22.0), SMALL),
                    (lines(stage.business_goal, span_width, SMALL, 22.0), SMALL),
                ]
            ),
        )
        kpis = sum(lines(k.name, span_width, FONT, 45.0) for k in stage.all_kpis)
        kpi_row = max(kpi_row, _height([(kpis, FONT)]))
    columns = [_lanes(c.step, width, blueprint) for c in part if c.step is not None]
    lane_rows = [max(lane) for lane in zip(*columns, strict=True)]
    return stage_row + kpi_row + (sum(lane_rows) if lane_rows else 30.0)
