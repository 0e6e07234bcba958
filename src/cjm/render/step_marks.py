"""What the table views (journey, blueprint) mark at a step beyond its own lanes: the
paths through a stage, pain points that span steps, moments of truth, fail and wait points.

Paths. A stage's branches are drawn as columns of their own, right after the main-line
step they leave from (:meth:`cjm.model.Stage.ordered_steps`). A *Path* lane under the
stage headers groups a branch's columns under one tinted cell with its condition, the
step it leaves after and the step where it comes back; the main-line columns of a stage
with branches read "main line", so that a branch is seen as an alternative, not as the
next steps. An optional
step is marked "optional" in the lane and its action's cell has a dashed border. The lane
is drawn only on a map that has branches or optional steps.

Pain points that span steps. A pain point that covers several steps (``spans``) or a
whole stage (a stage's ``pain_points``) is drawn in full once, at the first step it
covers, with how far it reaches; every other step it covers shows its severity and
"continued" with its summary, so that it is visible wherever the customer feels it. Its
colour is that of the built-in severity it is or counts as (:attr:`PainPoint.level`);
its word is the one the map writes, a workspace's own severity included.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjm.model import Branch, JourneyMap, PainPoint, Severity, Stage, Step
from cjm.render.bands import Band, Column
from cjm.render.cell import Cell, text_room
from cjm.render.grid import COLUMN_WIDTH, lane_label
from cjm.render.legend import Entry, small_text
from cjm.render.style import MUTED, SEVERITY_MARK, SMALL, escape, text_width

MOMENT_SIGN = "\u2605"  # ★
FAIL_SIGN = "\u24bb"  # Ⓕ, as service blueprints mark fail points
WAIT_SIGN = "\u24cc"  # Ⓦ, and wait points
CONTINUED_SIGN = "\u22ef"  # ⋯
BRANCH_SIGN = "\u2197"  # ↗
MOMENT_INK = "#6a3d9a"
FAIL_INK = "#b35806"
WAIT_INK = "#35978f"
BRANCH_FILL = "#fff3d6"  # a branch's columns in the Path lane: light amber
BRANCH_INK = "#8c5a00"
OPTIONAL_STYLE = ' STYLE="dashed"'


# -- paths -----------------------------------------------------------------------------


def has_paths(journey: JourneyMap) -> bool:
    """Whether the map has branches or optional steps (and so a Path lane)."""
    return any(
        stage.branches or any(step.optional for step in stage.all_steps())
        for stage in journey.stages
    )


def branch_name(branch: Branch) -> str:
    """The branch's condition, or its id when it has none."""
    condition = (branch.condition or "").strip()
    return condition or f"branch {branch.id} (no condition)"


def branch_ends(stage: Stage, branch: Branch) -> tuple[str, str]:
    """Where ``branch`` leaves the main line and where it comes back, in words."""
    main = stage.steps
    ids = [step.id for step in main]
    if branch.after in ids:
        after = main[ids.index(branch.after)]
        leaves = f"leaves after \u201c{after.action}\u201d"
        next_index = ids.index(branch.after) + 1
    else:
        leaves = "starts the stage"
        next_index = 0
    if branch.rejoin in ids:
        back: Step | None = main[ids.index(branch.rejoin)]
    else:
        back = main[next_index] if next_index < len(main) else None
    rejoins = (
        f"back at \u201c{back.action}\u201d" if back is not None else "goes on to the next stage"
    )
    return leaves, rejoins


def path_row(journey: JourneyMap, band: Band) -> str:
    """The Path lane of a band: a cell per run of one branch's columns, labelled with its
    condition and ends; "main line" (and "optional") over the main line's columns."""
    cells = [lane_label("Path")]
    columns = band.columns
    position = 0
    while position < len(columns):
        column = columns[position]
        if column.branch is None:
            stage = journey.stages[column.stage_index]
            cells.append(_main_cell(stage, column, bool(stage.branches)))
            position += 1
            continue
        run = 1
        while (
            position + run < len(columns)
            and columns[position + run].branch is column.branch
            and columns[position + run].stage_index == column.stage_index
        ):
            run += 1
        cells.append(_branch_cell(journey.stages[column.stage_index], column.branch, run))
        position += run
    return "<TR>" + "".join(cells) + "</TR>"


def _main_cell(stage: Stage, column: Column, branched: bool) -> str:
    """The Path cell of a main-line step: "main line" in a stage with branches, "optional"
    over an optional step, and each branch without steps that leaves after this step (or,
    over the stage's first step, that starts the stage), which has no column of its own."""
    cell = Cell(text_room(COLUMN_WIDTH))
    if column.step is None:
        return cell.td()
    if branched:
        cell.add("main line", size=SMALL, ink=MUTED)
    for branch in _empty_branches_at(stage, column.step):
        _, rejoins = branch_ends(stage, branch)
        cell.add(f"{BRANCH_SIGN} {branch_name(branch)}", size=SMALL, bold=True, ink=BRANCH_INK)
        cell.add(f"no steps of its own: skips ahead, {rejoins}", size=SMALL, ink=MUTED)
    if column.step.optional:
        cell.add("optional: may be skipped", size=SMALL, italic=True, ink=MUTED)
        return cell.td(OPTIONAL_STYLE)
    return cell.td()


def _branch_cell(stage: Stage, branch: Branch, span: int) -> str:
    width = span * COLUMN_WIDTH
    cell = Cell(text_room(width), 80)
    cell.add(f"{BRANCH_SIGN} {branch_name(branch)}", max_lines=2, bold=True, ink=BRANCH_INK)
    leaves, rejoins = branch_ends(stage, branch)
    cell.add(f"alternative path: {leaves}, {rejoins}", size=SMALL, max_lines=3, ink=MUTED)
    colspan = f' COLSPAN="{span}"' if span > 1 else ""
    return cell.td(f'{colspan} BGCOLOR="{BRANCH_FILL}"', width)


def _empty_branches_at(stage: Stage, step: Step) -> list[Branch]:
    """The branches of ``stage`` without steps that leave after ``step``; those that
    start the stage are shown at its first step."""
    ids = [s.id for s in stage.steps]
    found = []
    for branch in stage.branches:
        if branch.steps:
            continue
        after = branch.after if branch.after in ids else None
        if after == step.id or (after is None and ids and ids[0] == step.id):
            found.append(branch)
    return found


def step_style(step: Step) -> str:
    """Attributes for the cell of a step's action: dashed when the step is optional."""
    return OPTIONAL_STYLE if step.optional else ""


def add_optional(cell: Cell, step: Step) -> None:
    """``optional step`` under the action of a step customers may skip."""
    if step.optional:
        cell.add("optional step", size=SMALL, italic=True, ink=MUTED)


# -- flags -----------------------------------------------------------------------------


def flag_text(value: bool | str | None, name: str) -> str:
    """``Moment of truth``, or ``Moment of truth: why`` when the map says why."""
    if isinstance(value, str) and value.strip():
        return f"{name}: {value.strip()}"
    return name


def add_moment(cell: Cell, step: Step) -> None:
    """``★ Moment of truth: why`` under a step's action."""
    if step.is_moment_of_truth:
        text = flag_text(step.moment_of_truth, "Moment of truth")
        cell.add(f"{MOMENT_SIGN} {text}", size=SMALL, max_lines=3, bold=True, ink=MOMENT_INK)


def add_fail_point(cell: Cell, step: Step) -> None:
    """``Ⓕ Fail point: how`` under a step's action."""
    if step.is_fail_point:
        text = flag_text(step.fail_point, "Fail point")
        cell.add(f"{FAIL_SIGN} {text}", size=SMALL, max_lines=3, bold=True, ink=FAIL_INK)


# -- pain points -----------------------------------------------------------------------


@dataclass(frozen=True)
class PainMark:
    """A pain point as drawn at one step it covers: in full at the first (``first``),
    as "continued" at the others."""

    pain: PainPoint
    first: bool
    covered: int  # how many steps it covers
    stage_wide: bool  # a stage's pain point: it covers every step of the stage
    last: Step


def pain_marks(journey: JourneyMap) -> dict[int, list[PainMark]]:
    """``id(step)`` to the pain points that cover the step, in the order the map writes
    them."""
    stage_wide = {id(pain) for stage in journey.stages for pain in stage.pain_points}
    found: dict[int, list[PainMark]] = {}
    for pain in journey.pain_points():
        covered = journey.covered_steps(pain)
        for number, step in enumerate(covered):
            mark = PainMark(pain, number == 0, len(covered), id(pain) in stage_wide, covered[-1])
            found.setdefault(id(step), []).append(mark)
    return found


def severity_head(pain: PainPoint, size: float | None = None, extra: str = "") -> str:
    """``■ HIGH (mitigated)``: the mark in the colour of the pain point's level and its
    severity as the map writes it, ending with a line break."""
    status = "" if pain.status.value == "open" else f" ({pain.status.value})"
    words = f"<B>{escape(pain.severity.upper() + status)}</B>"
    if extra:
        words += f" {escape(extra)}"
    if size is not None:
        words = f'<FONT POINT-SIZE="{size:g}">{words}</FONT>'
    return (
        f'<FONT COLOR="{SEVERITY_MARK[pain.level.value]}">\u25a0</FONT> {words}<BR ALIGN="LEFT"/>'
    )


def reach(mark: PainMark) -> str | None:
    """How far a pain point reaches, said at its first step; None for one step."""
    if mark.stage_wide:
        return f"the whole stage ({mark.covered} steps)" if mark.covered > 1 else "the whole stage"
    if mark.covered > 1:
        return f"spans {mark.covered} steps, to \u201c{mark.last.action}\u201d"
    return None


def add_continued(cell: Cell, mark: PainMark, size: float) -> None:
    """A pain point that began at an earlier step: its severity, and its summary muted."""
    cell.raw(severity_head(mark.pain, size, f"{CONTINUED_SIGN} continued"), size)
    cell.add(mark.pain.summary, size=SMALL, max_lines=2, italic=True, ink=MUTED)


# -- legend ----------------------------------------------------------------------------


def workspace_severities(journey: JourneyMap) -> list[tuple[str, Severity]]:
    """The severities of the map that are a workspace's own words, with the built-in one
    each counts as, in the order the map first uses them."""
    built_in = {severity.value for severity in Severity}
    found: dict[str, Severity] = {}
    for pain in journey.pain_points():
        if pain.severity not in built_in:
            found.setdefault(pain.severity, pain.level)
    return list(found.items())


def workspace_severity_cells(journey: JourneyMap) -> list[Entry]:
    """``■ BLOCKER = critical`` for each workspace severity the map uses."""
    cells: list[Entry] = []
    for word, level in workspace_severities(journey):
        text = f"{word.upper()} counts as {level.value}"
        cells.append(
            (
                f'<TD ALIGN="LEFT"><FONT COLOR="{SEVERITY_MARK[level.value]}">\u25a0</FONT> '
                f'<FONT POINT-SIZE="{SMALL}"><B>{escape(word.upper())}</B> counts as '
                f"{level.value}</FONT></TD>",
                text_width(["\u25a0 " + text], SMALL) + 16,
            )
        )
    return cells


def path_groups() -> list[list[Entry]]:
    """What the Path lane's cells mean."""
    sample = f"{BRANCH_SIGN} condition"
    return [
        [
            (
                f'<TD BGCOLOR="{BRANCH_FILL}" ALIGN="LEFT"><FONT COLOR="{BRANCH_INK}" '
                f'POINT-SIZE="{SMALL}"><B>{escape(sample)}</B></FONT></TD>',
                text_width([sample], SMALL) + 16,
            ),
            small_text("a branch: an alternative to the main line"),
        ],
        [
            (
                f'<TD BORDER="1" STYLE="dashed" COLOR="{MUTED}" ALIGN="LEFT">'
                f'<FONT POINT-SIZE="{SMALL}">optional</FONT></TD>',
                text_width(["optional"], SMALL) + 16,
            ),
            small_text("a step customers may skip"),
        ],
    ]


def mark_groups(steps: list[Step], pains: bool, blueprint: bool) -> list[list[Entry]]:
    """The signs the map's steps use, each with its meaning: moments of truth, and in a
    blueprint fail and wait points; ``pains``: a pain point continued from a step before."""
    entries: list[list[Entry]] = []
    if any(step.is_moment_of_truth for step in steps):
        entries += [
            [
                small_text(MOMENT_SIGN, MOMENT_INK),
                small_text("moment of truth: makes or breaks trust"),
            ]
        ]
    if blueprint and any(step.is_fail_point for step in steps):
        entries += [[small_text(FAIL_SIGN, FAIL_INK), small_text("fail point")]]
    if blueprint and any(step.is_wait_point for step in steps):
        entries += [[small_text(WAIT_SIGN, WAIT_INK), small_text("wait point: the customer waits")]]
    if pains:
        entries += [
            [
                small_text(f"{CONTINUED_SIGN} continued", MUTED),
                small_text("a pain point that began at an earlier step"),
            ]
        ]
    return entries


def any_continued(marks: dict[int, list[PainMark]]) -> bool:
    return any(not mark.first for found in marks.values() for mark in found)


def step_columns(columns: list[Column]) -> list[Step]:
    return [column.step for column in columns if column.step is not None]
