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

The printed grid sets the items of a list (touchpoints, artifacts, blueprint activities,
policies) and a stage's KPIs side by side as far as a cell's width allows, and the
estimate counts them so.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

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
PAD_X, PAD_Y = 2.8, 2.4  # a cell's padding and border (both sides), in millimetres
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


def print_chunks(
    columns: list[Column], blueprint: bool, rows: frozenset[str] = frozenset()
) -> list[GridChunk]:
    """``columns`` cut into printed parts of at most :data:`PRINT_COLUMNS` columns whose
    estimated height fits a page (see the module's docstring); ``rows`` names the optional
    rows the grid shows (see :data:`OPTIONAL_ROWS`)."""

    known = Known(rows)
    alone = {id(c): part_height([c], blueprint, known=known) for c in columns}

    def budget(part: list[Column]) -> float:
        return FIRST_PART_HEIGHT if part[0] is columns[0] else PART_HEIGHT

    def fits(part: list[Column]) -> bool:
        # A part may be as tall as the tallest of its steps would be on its own: a step
        # taller than a page runs on over two pages whatever its neighbours.
        limit = max(budget(part), *(alone[id(c)] for c in part))
        return len(part) <= PRINT_COLUMNS and part_height(part, blueprint, known=known) <= limit

    parts = _cut(columns, fits)
    # A part of one or two steps keeps its columns to a readable measure when it still
    # fits its page at that width.
    narrow = [
        len(part) <= NARROW_COLUMNS
        and part_height(part, blueprint, MAX_COLUMN, known) <= budget(part)
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

# A text in a cell: its width in ems, its font size in points, the millimetres of chips set
# beside it, and how much narrower than the cell it is set (a handoff's box).
Item = tuple[float, float, float, float]
# A lane of one step: the texts stacked in its cell, millimetres of fixed height, and the
# least height of the row (a lane name that wraps onto lines of its own).
Lane = tuple[tuple[Item, ...], float, float]
# The rows the grid shows only when some step of the map fills them, each with the least
# height its row takes in print (its lane name wraps in the narrow lane column).
OPTIONAL_ROWS = {"path": 6.0, "artifacts": 5.0, "time": 5.0, "policies": 5.0}
KPI_FIGURES = 52.0  # a KPI line's figures and badge beside its name, in millimetres
KPI_GAP = 4.0  # between two KPI lines set side by side
SEPARATOR = 0.9  # the " · " between two items of a list printed in a line, in ems
QUOTE = 2.0  # a quote's margin and rule, in millimetres
DETAIL = 6.0  # a persona's chip and the rule above their words


@functools.lru_cache(maxsize=8192)
def _ems(text: str) -> float:
    """How wide ``text`` is as the page shows it, in ems (generously)."""
    return text_width([clean(reveal_bidi_controls(text))], 100) / 100


def _item(
    text: str | None, size: float = FONT, extra: float = 0.0, inset: float = 0.0
) -> list[Item]:
    return [(_ems(text), size, extra, inset)] if text else []


def _run(texts: list[str], size: float = FONT, extra: float = 0.0) -> list[Item]:
    """The items of a list that print on in a line (the stylesheet's inline lists and KPI
    lines), each with ``extra`` millimetres beside it, as one text."""
    found = [_ems(t) for t in texts if t]
    if not found:
        return []
    gaps = SEPARATOR * (len(found) - 1)  # the " · " between two items
    return [(sum(found) + gaps, size, extra * len(found), 0.0)]


def lines(text: str | None, width: float, size: float = FONT, extra: float = 0.0) -> int:
    """How many lines ``text`` (plus ``extra`` millimetres of chips beside it) takes in a
    cell ``width`` millimetres wide at ``size`` points."""
    return sum(_lines(item, width) for item in _item(text, size, extra))


def _lines(item: Item, width: float) -> int:
    ems, size, extra, inset = item
    room = max(width - inset - PAD_X, 4.0)
    return max(1, math.ceil((ems * size * POINT * WRAP_SLACK + extra) / room))


def _lane_height(lane: Lane, width: float) -> float:
    items, fixed, least = lane
    text = sum(_lines(i, width) * i[1] * LEADING * POINT for i in items)
    return max(least, PAD_Y + fixed + text)


def _optional(name: str, rows: frozenset[str], items: tuple[Item, ...]) -> Lane:
    """A row the grid shows only when some step of the map fills it (``rows`` names
    those shown): it takes no height when it is not shown."""
    if name not in rows:
        return ((), -PAD_Y, 0.0)
    return (items, 0.0, OPTIONAL_ROWS[name])


def _lanes(step: StepView, blueprint: bool, rows: frozenset[str] = frozenset()) -> list[Lane]:
    """What each lane of ``step`` holds, in the order of the grid's rows (the KPI row,
    which spans stages, is counted apart)."""
    handoff: list[Item] = []
    for h in step.handoffs:
        source = f"Handoff from {h.from_owner} (step {h.from_step}) {' '.join(h.personas)}"
        handoff += _item(source, SMALL, inset=2.0)
    if step.handoffs or step.handoff:
        handoff += _item(step.handoff or "Not described.", SMALL, inset=2.0)
    groups = step.emotion_groups
    flags = " ".join(
        word
        for word, on in (
            ("Optional", step.optional),
            ("Moment of truth", step.moment),
            ("Fail point", step.fail_point),
            ("Wait point", step.wait),
        )
        if on
    )
    words = [*step.thoughts, *step.questions, *step.quotes]
    quotes = len(step.quotes)
    for detail in step.details:
        words += [*detail.thoughts, *detail.questions, *detail.quotes]
        quotes += len(detail.quotes)
    branch = step.branch
    lanes: list[Lane] = [
        (
            (
                *_item(f"{step.number} {step.action}", FONT * 1.05),
                *_item(flags, SMALL),
                *_item(", ".join(step.personas), SMALL),
                *_item(step.description, SMALL),
                *_item(f"Fails: {step.fail_note}" if step.fail_note else None, SMALL),
            ),
            0.0,
            0.0,
        ),
        # The path row: a branch's condition and route, counted on each of its steps.
        _optional(
            "path",
            rows,
            (
                *_item(branch.condition or branch.id, SMALL),
                *_item("Leaves after step 00; rejoins at step 00", SMALL),
            )
            if branch is not None
            else (),
        ),
        ((*_item(step.owner or "No owner"), *handoff), 2.0 if handoff else 0.0, 0.0),
        (tuple(_run([t.name for t in step.touchpoints], extra=9.0)), 0.0, 0.0),
        _optional("artifacts", rows, tuple(_run(list(step.artifacts)))),
        _optional(
            "time",
            rows,
            (
                *_item(f"Takes {step.duration}" if step.duration else None),
                *_item(f"Waits {step.wait}" if step.wait else None),
            ),
        ),
        (
            tuple(i for t in words for i in _item(t)),
            DETAIL * len(step.details) + QUOTE * quotes,
            0.0,
        ),
        (
            tuple(
                i
                for g in groups
                for i in (
                    *_item(g.label or "neutral", extra=6.0 * (len(g.marks) + 1)),
                    *_item(g.note, SMALL),
                )
            ),
            0.0,
            0.0,
        ),
        (
            tuple(
                i
                for p in step.pains
                for i in (
                    *_item(p.summary, extra=14.0),
                    *_item("continues: steps 00, 00 and 00" if p.spans else None, SMALL),
                )
            ),
            0.0,
            0.0,
        ),
        (tuple(i for o in step.opportunities for i in _item(o.summary, extra=18.0)), 0.0, 0.0),
        ((), FONT * LEADING * POINT, 0.0),  # the evidence badge
    ]
    if blueprint:
        for activities in (step.frontstage, step.backstage, step.support):
            owned = [f"{a.action} {a.owner or ''}" for a in activities]
            lanes.append((tuple(_run(owned)), 0.0, 0.0))
        lanes.append(((), 3 * 3.2 - PAD_Y, 0.0))  # the three lines between blueprint lanes
    lanes.append(_optional("policies", rows, tuple(_run(list(step.policies)))))
    return lanes


def _stage_lanes(stage: StageView) -> tuple[Lane, list[float]]:
    """What a stage's header cell holds, and how wide each line of its KPI cell is (both
    span the stage's columns)."""
    header: Lane = (
        (
            *_item(stage.name, FONT * 1.1),
            *_item(stage.customer_goal, SMALL, 22.0),
            *_item(stage.business_goal, SMALL, 22.0),
        ),
        0.0,
        0.0,
    )
    kpis = [_ems(k.name) * FONT * POINT + KPI_FIGURES for k in stage.all_kpis]
    return header, kpis


def _kpi_height(kpis: list[float], width: float) -> float:
    """The height of a KPI cell ``width`` wide whose KPI lines, each as wide as given, are
    set side by side while they fit (a line wider than the cell wraps within itself)."""
    if not kpis:
        return PAD_Y + FONT * LEADING * POINT
    room = max(width - PAD_X, 4.0)
    lines, used = 0, room
    for kpi in kpis:
        if used + KPI_GAP + kpi <= room:
            used += KPI_GAP + kpi
            continue
        lines += math.ceil(kpi / room)
        used = kpi if kpi <= room else room
    return PAD_Y + lines * (FONT * LEADING * POINT + 0.4)


@dataclass
class Known:
    """The lanes of the steps and stages worked out so far, by the id of each, for the many
    parts tried while cutting one grid."""

    rows: frozenset[str] = frozenset()  # the optional rows the grid shows
    steps: dict[int, list[Lane]] = field(default_factory=dict)
    stages: dict[int, tuple[Lane, list[float]]] = field(default_factory=dict)
    heights: dict[tuple[int, float], list[float]] = field(default_factory=dict)

    def lane_heights(self, step: StepView, blueprint: bool, width: float) -> list[float]:
        """The height of each lane of ``step`` in a column ``width`` wide."""
        key = (id(step), width)
        if key not in self.heights:
            if id(step) not in self.steps:
                self.steps[id(step)] = _lanes(step, blueprint, self.rows)
            self.heights[key] = [_lane_height(lane, width) for lane in self.steps[id(step)]]
        return self.heights[key]


def part_height(
    part: list[Column], blueprint: bool, column: float | None = None, known: Known | None = None
) -> float:
    """The estimated height, in millimetres, of the printed table of ``part`` whose step
    columns are ``column`` millimetres wide (default: sharing the page's width)."""
    width = column or (PAGE_WIDTH - LANE_WIDTH) / len(part)
    known = Known() if known is None else known
    stage_row = kpi_row = 0.0
    for stage_columns in _stages(part):
        stage = stage_columns[0].stage
        if id(stage) not in known.stages:
            known.stages[id(stage)] = _stage_lanes(stage)
        header, kpis = known.stages[id(stage)]
        span = width * len(stage_columns)
        stage_row = max(stage_row, _lane_height(header, span))
        kpi_row = max(kpi_row, _kpi_height(kpis, span))
    rows: list[float] = []
    for step in (c.step for c in part if c.step is not None):
        heights = known.lane_heights(step, blueprint, width)
        rows = [max(a, b) for a, b in zip(rows, heights, strict=True)] if rows else heights
    return stage_row + kpi_row + (sum(rows) if rows else 30.0)
