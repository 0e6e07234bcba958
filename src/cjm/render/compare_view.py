"""The compare view: a current-state map and its future state, before above after.

Columns are the aligned steps of both maps (:mod:`cjm.compare.align`: stages by id,
steps by id, a step only one map has in a column of its own), cut into bands of whole
stages as the journey view is (:func:`cjm.render.bands.cut_columns`), so that the view
holds at a hundred steps and more; each band is one table, with one page per band for
PDF. Per column, from the top: the stage, what changed (``added``, ``removed``,
``changed`` and the changes in words), today's step with each persona's score and its
pain points, then the future step with each persona's score and how far it moved
(``▲1``, ``▼2``, ``=``), and the future's pain points. A pain point the future resolves
is struck through, with why (and by which opportunity); a pain point only the future
has is marked ``new``. A removed step is struck through; an added one says so.
"""

from __future__ import annotations

from collections.abc import Callable

from cjm.compare import (
    Comparison,
    PainFate,
    PainOutcome,
    Slot,
    StepStatus,
    compare_maps,
)
from cjm.model import PainPoint, Step
from cjm.render.bands import Band, Column, cut_columns
from cjm.render.cell import Cell, text_room
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource
from cjm.render.grid import COLUMN_WIDTH, band_table, lane_label, legend_width, table_diagram
from cjm.render.legend import (
    emotion_cells,
    legend_row,
    legend_table,
    persona_rows,
    severity_cells,
    small_text,
)
from cjm.render.style import (
    EMOTION_FILL,
    EMOTION_TEXT,
    MUTED,
    SMALL,
    STAGE_FILL,
    chip_cell,
    escape,
    fixed_row,
    score_label,
)
from cjm.render.text import fit, line_height

VIEW = "compare"
ROOM = text_room(COLUMN_WIDTH)
STATUS_INK = {
    StepStatus.ADDED: "#1a6b3a",
    StepStatus.REMOVED: "#b42318",
    StepStatus.CHANGED: "#0b4f8a",
    StepStatus.SAME: MUTED,
}
STATUS_FILL = {
    StepStatus.ADDED: "#e3f4e8",
    StepStatus.REMOVED: "#fdecea",
    StepStatus.CHANGED: "#e6eef7",
    StepStatus.SAME: "#ffffff",
}
CHANGE_LINES = 6
PAIN_BUDGET = 160.0


class NoCurrentState(ValueError):
    """The map names no current state, or the one it names is not in the workspace."""


def _struck(cell: Cell, text: str, *, size: float, bold: bool = False, ink: str = MUTED) -> None:
    """``text`` wrapped and struck through (Graphviz's ``<S>``), in muted ink."""
    fitted = fit(text, cell.width, size, max(1, min(3, cell.room(size))))
    if not fitted.lines:
        return
    body = "".join(f'<S>{escape(line)}</S><BR ALIGN="LEFT"/>' for line in fitted.lines)
    if bold:
        body = f"<B>{body}</B>"
    cell.markup += f'<FONT COLOR="{ink}" POINT-SIZE="{size:g}">{body}</FONT>'
    cell.used += len(fitted.lines) * line_height(size)
    if fitted.shortened:
        cell.hidden.append(fitted.full)


class CompareGrid:
    """Builds the band tables of the compare view for one pair of maps."""

    def __init__(self, current: RenderContext, future: RenderContext) -> None:
        self.current, self.future = current, future
        self.comparison: Comparison = compare_maps(current, future)
        self.slot_of: dict[int, Slot] = {}
        stage_columns: list[list[Column]] = []
        for index, stage in enumerate(self.comparison.stages):
            columns = []
            for slot in stage.slots:
                step = slot.after or slot.before
                assert step is not None
                self.slot_of[id(step)] = slot
                columns.append(Column(index, step))
            stage_columns.append(columns or [Column(index, None)])
        self.bands = cut_columns(stage_columns)
        pains = self.comparison.pains
        self.fate_today = {p.pain_id: p for p in pains if p.fate is not PainFate.NEW}
        self.fate_new = {p.pain_id: p for p in pains if p.fate is PainFate.NEW}
        self.marks = list(future.marks) + [
            m for m in current.marks if future.mark(m.persona_id) is None
        ]
        self.pains_before = current.journey.pain_points_at()
        self.pains_after = future.journey.pain_points_at()

    def slot(self, column: Column) -> Slot | None:
        return self.slot_of.get(id(column.step)) if column.step is not None else None

    # -- rows ------------------------------------------------------------------------

    def stage_row(self, band: Band) -> str:
        cells = [lane_label("Stage")]
        for segment in band.segments:
            stage = self.comparison.stages[segment.stage_index]
            span = len(segment.columns)
            width = span * COLUMN_WIDTH
            cell = Cell(text_room(width), 70)
            name = stage.name + (" (continued)" if segment.continued else "")
            cell.add(name, max_lines=2, bold=True)
            if stage.status is not StepStatus.SAME:
                words = "only in the future state" if not stage.in_current else "only today"
                cell.add(words, size=SMALL, ink=STATUS_INK[stage.status])
            if segment.continues:
                cell.add("continues in the next band \u2192", size=SMALL, ink=MUTED)
            colspan = f' COLSPAN="{span}"' if span > 1 else ""
            fill = STAGE_FILL[segment.stage_index % 2]
            cells.append(cell.td(f'{colspan} BGCOLOR="{fill}"', width))
        return "<TR>" + "".join(cells) + "</TR>"

    def per_column(self, band: Band, title: str, content: Callable[[Slot], str]) -> str:
        cells = [lane_label(title)]
        for column in band.columns:
            slot = self.slot(column)
            if slot is None:
                empty = Cell(ROOM)
                empty.add("no steps", size=SMALL, italic=True, ink=MUTED)
                cells.append(empty.td())
            else:
                cells.append(content(slot))
        return "<TR>" + "".join(cells) + "</TR>"

    def change(self, slot: Slot) -> str:
        cell = Cell(ROOM, 110)
        if slot.status is StepStatus.SAME:
            cell.add("step unchanged", size=SMALL, ink=MUTED, italic=True)
            return cell.td()
        cell.add(slot.status.value, bold=True, ink=STATUS_INK[slot.status])
        for words in slot.changes[:CHANGE_LINES]:
            cell.add(words, size=SMALL, max_lines=3)
        if len(slot.changes) > CHANGE_LINES:
            cell.more(list(slot.changes[CHANGE_LINES:]), "change", "changes")
        return cell.td(f' BGCOLOR="{STATUS_FILL[slot.status]}"')

    def action(self, step: Step | None, today: bool, status: StepStatus) -> str:
        cell = Cell(ROOM, 90)
        if step is None:
            words = "not in the future state" if not today else "not in the current state"
            cell.add(words, size=SMALL, italic=True, ink=MUTED)
            return cell.td()
        if today and status is StepStatus.REMOVED:
            _struck(cell, step.action, size=11, bold=True)
            cell.add("removed", size=SMALL, ink=STATUS_INK[StepStatus.REMOVED])
        else:
            cell.add(step.action, max_lines=4, bold=True)
        return cell.td()

    def emotions(self, slot: Slot, today: bool) -> str:
        step = slot.before if today else slot.after
        covered = (self.current if today else self.future).journey.persona_ids
        rows = []
        for mark in self.marks:
            if mark.persona_id not in covered:
                continue
            score = _score(step, mark.persona_id)
            if score is None:
                continue
            cells = [
                chip_cell(mark.initials, mark.fill, mark.text),
                chip_cell(score_label(score), EMOTION_FILL[score], EMOTION_TEXT[score]),
            ]
            if not today:
                known = mark.persona_id in self.current.journey.persona_ids
                was = _score(slot.before, mark.persona_id) if known else None
                cells.append(_delta(was, score, slot.before is None, known))
            rows.append(f'<TR><TD ALIGN="LEFT">{fixed_row(cells)}</TD></TR>')
        if not rows:
            cell = Cell(ROOM)
            if step is not None:
                cell.add("no score", size=SMALL, italic=True, ink=MUTED)
            return cell.td()
        table = (
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" ALIGN="LEFT">'
            + "".join(rows)
            + "</TABLE>"
        )
        return f'<TD ALIGN="LEFT" VALIGN="TOP" WIDTH="{COLUMN_WIDTH}">{table}</TD>'

    def pains(self, slot: Slot, today: bool) -> str:
        step = slot.before if today else slot.after
        cell = Cell(ROOM, PAIN_BUDGET)
        if step is None:
            return cell.td()
        found: list[PainPoint] = (self.pains_before if today else self.pains_after).get(step.id, [])
        for number, pain in enumerate(found):
            if not cell.has_room(lines=2):
                cell.more([p.summary for p in found[number:]], "pain point", "pain points")
                break
            outcome = self.fate_today.get(pain.id)
            if not today:
                outcome = self.fate_new.get(pain.id, outcome)
            self.pain(cell, pain, outcome, today)
        return cell.td()

    def pain(self, cell: Cell, pain: PainPoint, outcome: PainOutcome | None, today: bool) -> None:
        head = f"[{pain.severity}] {pain.summary}"
        if today and outcome is not None and outcome.fate is PainFate.RESOLVED:
            _struck(cell, head, size=SMALL)
            why = ", ".join(o.summary for o in outcome.by)
            cell.add(
                "\u2713 resolved" + (f" by {why}" if why else ": gone from the future state"),
                size=SMALL,
                ink=STATUS_INK[StepStatus.ADDED],
                max_lines=2,
            )
            return
        cell.add(head, size=SMALL, max_lines=3)
        if not today and outcome is not None and outcome.fate is PainFate.NEW:
            cell.add("new in the future state", size=SMALL, ink=STATUS_INK[StepStatus.REMOVED])
        elif not today and outcome is not None and outcome.fate is PainFate.STILL_PRESENT:
            cell.add(f"still {outcome.future_status}", size=SMALL, ink=MUTED)

    def band_table(self, band: Band) -> str:
        rows = [
            self.stage_row(band),
            self.per_column(band, "Change", self.change),
            self.per_column(band, "Today", lambda s: self.action(s.before, True, s.status)),
            self.per_column(band, "Today: emotion", lambda s: self.emotions(s, True)),
            self.per_column(band, "Today: pain points", lambda s: self.pains(s, True)),
            self.per_column(band, "Future", lambda s: self.action(s.after, False, s.status)),
            self.per_column(band, "Future: emotion", lambda s: self.emotions(s, False)),
            self.per_column(band, "Future: pain points", lambda s: self.pains(s, False)),
        ]
        return band_table(rows)

    def legend(self, broken: bool) -> str:
        width = legend_width(self.bands)
        current = self.current.journey
        rows = [
            legend_row(
                "Compared with",
                [small_text(f"today: {current.title} ({current.id})")],
            ),
            *persona_rows(self.marks, width),
            legend_row("Emotion", emotion_cells()),
            legend_row(
                "Marks",
                [
                    small_text("\u25b2 raised, \u25bc lowered, = same as today"),
                    small_text("\u2713 resolved: a pain point of today the future resolves"),
                ],
            ),
            legend_row("Pain severity", severity_cells()),
        ]
        return legend_table(rows)


def _score(step: Step | None, persona_id: str) -> int | None:
    if step is None or not step.involves(persona_id):
        return None
    emotion = step.emotion_for(persona_id)
    return emotion.score if emotion is not None else None


def _delta(was: int | None, now: int, added: bool, covered_today: bool) -> tuple[str, int]:
    """How far a persona's score moved: ``▲1``, ``▼2``, ``=``, or why it cannot say."""
    if added:
        text = "new step"
    elif not covered_today:
        text = "not in today's map"
    elif was is None:
        text = "no score today"
    elif now > was:
        text = f"\u25b2{now - was}"
    elif now < was:
        text = f"\u25bc{was - now}"
    else:
        text = "="
    return (f'<FONT POINT-SIZE="{SMALL}" COLOR="{MUTED}">{escape(text)}</FONT>', 14 + 6 * len(text))


def current_context(context: RenderContext) -> RenderContext:
    """The current-state map ``context``'s map names, resolved with the same references
    (used when the caller has no context of its own for it)."""
    named = context.journey.current_state
    if named is None:
        raise NoCurrentState(f"map '{context.journey.id}' names no current state to compare with")
    current = context.maps.get(named)
    if current is None:
        raise NoCurrentState(
            f"the current-state map '{named}' that map '{context.journey.id}' names is not "
            "in the workspace"
        )
    return RenderContext(current, context.scope, context.maps)


def compare_view(context: RenderContext, current: RenderContext | None = None) -> DiagramSource:
    """The compare view of a future-state map (``context``) against ``current`` (by
    default the current-state map it names, from ``context.maps``); raises
    :class:`NoCurrentState` when there is none."""
    grid = CompareGrid(current or current_context(context), context)
    return table_diagram(
        context,
        VIEW,
        grid.bands,
        grid.band_table,
        grid.legend,
        stages=len(grid.comparison.stages),
    )
