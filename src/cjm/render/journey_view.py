"""The journey view: stages as columns, lanes as rows.

The whole grid is one Graphviz HTML-like table, which gives exact rows and columns, text
wrapped at word boundaries and cells that grow to fit. The emotion lane is five rows, one
per score from +2 down to -2: each persona's initials sit in the row of its score, so the
marks trace the emotional curve across the steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cjm.model import Opportunity, Stage, Step
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource, html_graph
from cjm.render.style import (
    EMOTION_FILL,
    EMOTION_TEXT,
    EMOTION_WORD,
    LANE_LABEL_FILL,
    LINE_COLOR,
    MUTED,
    SEVERITY_MARK,
    STAGE_FILL,
    chip_cell,
    chips,
    escape,
    fixed_row,
    lines_html,
    min_width,
    score_label,
    text_width,
    wrap,
)

TEXT_WIDTH = 26  # characters per line in a step column
SCORES = (2, 1, 0, -1, -2)


@dataclass(frozen=True)
class Column:
    """One column of the grid: a step, or an empty stage's placeholder."""

    stage_index: int
    step: Step | None


def columns_of(stages: list[Stage]) -> list[Column]:
    found: list[Column] = []
    for index, stage in enumerate(stages):
        if stage.steps:
            found.extend(Column(index, step) for step in stage.steps)
        else:
            found.append(Column(index, None))
    return found


def text_cell(text: str, width: int = TEXT_WIDTH, attrs: str = "") -> str:
    lines = wrap(text, width)
    return f'<TD ALIGN="LEFT" VALIGN="TOP"{attrs}{min_width(lines)}>{lines_html(lines)}</TD>'


def lane_label(title: str, rowspan: int = 1) -> str:
    span = f' ROWSPAN="{rowspan}"' if rowspan > 1 else ""
    return (
        f'<TD BGCOLOR="{LANE_LABEL_FILL}" ALIGN="LEFT" VALIGN="TOP"{span}>'
        f"<B>{escape(title)}</B></TD>"
    )


class JourneyGrid:
    """Builds the rows of the journey table for one map."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.journey = context.journey
        self.columns = columns_of(self.journey.stages)
        self.width = len(self.columns) + 1

    # -- header ------------------------------------------------------------------------

    def title_row(self) -> str:
        journey = self.journey
        owner = self.context.team_name(journey.owner) or journey.owner
        facts = f"{journey.type.value} · owner: {owner} · reviewed {journey.reviewed.isoformat()}"
        return (
            f'<TR><TD COLSPAN="{self.width}" ALIGN="LEFT" CELLPADDING="10" BORDER="0">'
            f'<FONT POINT-SIZE="18"><B>{escape(journey.title)}</B></FONT><BR ALIGN="LEFT"/>'
            f'<FONT COLOR="{MUTED}">{escape(facts)}</FONT><BR ALIGN="LEFT"/></TD></TR>'
        )

    def stage_row(self) -> str:
        cells = [lane_label("Stage")]
        for index, stage in enumerate(self.journey.stages):
            span = sum(1 for column in self.columns if column.stage_index == index)
            goal = (
                wrap(f"Goal: {stage.customer_goal}", TEXT_WIDTH * span)
                if stage.customer_goal
                else []
            )
            text = f"<B>{escape(stage.name)}</B>"
            if goal:
                text += f'<BR ALIGN="LEFT"/><FONT POINT-SIZE="9">{lines_html(goal)}</FONT>'
            else:
                text += '<BR ALIGN="LEFT"/>'
            cells.append(
                f'<TD COLSPAN="{span}" BGCOLOR="{STAGE_FILL[index % 2]}" ALIGN="LEFT"'
                f"{min_width([stage.name])}>{text}</TD>"
            )
        return "<TR>" + "".join(cells) + "</TR>"

    # -- lanes -------------------------------------------------------------------------

    def per_step(self, title: str, content: Callable[[Step], str]) -> str:
        """A lane whose cells come from ``content(step)``; empty-stage columns stay blank."""
        cells = [lane_label(title)]
        for column in self.columns:
            cells.append(content(column.step) if column.step is not None else "<TD> </TD>")
        return "<TR>" + "".join(cells) + "</TR>"

    def action_cell(self, step: Step) -> str:
        lines = wrap(step.action, TEXT_WIDTH)
        owner = self.context.team_name(step.owner)
        extra = (
            f'<FONT COLOR="{MUTED}" POINT-SIZE="9">{escape(owner)}</FONT><BR ALIGN="LEFT"/>'
            if owner
            else ""
        )
        width = min_width(lines)
        return f'<TD ALIGN="LEFT" VALIGN="TOP"{width}><B>{lines_html(lines)}</B>{extra}</TD>'

    def touchpoint_cell(self, step: Step) -> str:
        lines: list[str] = []
        for touchpoint_id in step.touchpoints:
            touchpoint = self.context.touchpoint(touchpoint_id)
            label = (
                f"{touchpoint.name} ({touchpoint.channel.value})" if touchpoint else touchpoint_id
            )
            lines.extend(wrap("• " + label, TEXT_WIDTH))
        return f'<TD ALIGN="LEFT" VALIGN="TOP"{min_width(lines)}>{lines_html(lines) or " "}</TD>'

    def thoughts_cell(self, step: Step) -> str:
        lines: list[str] = []
        for thought in step.thoughts:
            lines.extend(wrap(f"“{thought}”", TEXT_WIDTH))
        if not lines:
            return "<TD> </TD>"
        return f'<TD ALIGN="LEFT" VALIGN="TOP"{min_width(lines)}><I>{lines_html(lines)}</I></TD>'

    def emotion_rows(self) -> list[str]:
        """Five rows, +2 at the top: each persona's initials in the row of its score."""
        rows = []
        for score in SCORES:
            title = "<B>Emotion</B>" if score == SCORES[0] else " "
            label = (
                f'<TD BGCOLOR="{LANE_LABEL_FILL}" ALIGN="LEFT">'
                '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
                f'<TD ALIGN="LEFT" WIDTH="70">{title}</TD>'
                f"<TD>{chips([(score_label(score), EMOTION_FILL[score], EMOTION_TEXT[score])])}"
                "</TD>"
                "</TR></TABLE></TD>"
            )
            cells = [label]
            for column in self.columns:
                marks = self.marks_at(column.step, score) if column.step is not None else ""
                cells.append(f'<TD BGCOLOR="{_tint(score)}" HEIGHT="20">{marks or " "}</TD>')
            rows.append("<TR>" + "".join(cells) + "</TR>")
        return rows

    def marks_at(self, step: Step, score: int) -> str:
        """The initials of the personas who feel ``score`` at ``step``, side by side."""
        found = []
        for mark in self.context.marks:
            emotion = step.emotion_for(mark.persona_id)
            if step.involves(mark.persona_id) and emotion is not None and emotion.score == score:
                found.append((mark.initials, mark.fill, mark.text))
        return chips(found)

    def pain_cell(self, step: Step) -> str:
        """Each pain point: a severity mark and word, its summary, and its owner."""
        parts = []
        for pain in step.pain_points:
            severity = pain.severity.value
            status = "" if pain.status.value == "open" else f" ({pain.status.value})"
            owner = self.context.team_name(pain.owner)
            lines = wrap(pain.summary, TEXT_WIDTH)
            note = f"owner: {owner}" if owner else "no owner"
            parts.append(
                f'<FONT COLOR="{SEVERITY_MARK[severity]}">\u25a0</FONT> '
                f"<B>{escape(severity.upper() + status)}</B>"
                f'<BR ALIGN="LEFT"/>{lines_html(lines)}'
                f'<FONT COLOR="{MUTED}" POINT-SIZE="9">{escape(note)}</FONT><BR ALIGN="LEFT"/>'
            )
        if not parts:
            return "<TD> </TD>"
        widths = [line for pain in step.pain_points for line in wrap(pain.summary, TEXT_WIDTH)]
        body = '<BR ALIGN="LEFT"/>'.join(parts)
        return f'<TD ALIGN="LEFT" VALIGN="TOP"{min_width(widths)}>{body}</TD>'

    def opportunity_cells(self) -> tuple[dict[int, list[Opportunity]], list[Opportunity]]:
        """Opportunities by the column they belong to, and those tied to no step."""
        column_of_pain: dict[str, int] = {}
        first_column_of_stage: dict[str, int] = {}
        for number, column in enumerate(self.columns):
            stage = self.journey.stages[column.stage_index]
            first_column_of_stage.setdefault(stage.id, number)
            if column.step is not None:
                for pain in column.step.pain_points:
                    column_of_pain.setdefault(pain.id, number)
        placed: dict[int, list[Opportunity]] = {}
        unplaced: list[Opportunity] = []
        for opportunity in self.journey.opportunities:
            where = next(
                (column_of_pain[p] for p in opportunity.addresses if p in column_of_pain), None
            )
            if where is None and opportunity.stage is not None:
                where = first_column_of_stage.get(opportunity.stage)
            if where is None:
                unplaced.append(opportunity)
            else:
                placed.setdefault(where, []).append(opportunity)
        return placed, unplaced

    def opportunity_text(self, opportunity: Opportunity) -> str:
        facts = [opportunity.status.value]
        if opportunity.impact is not None:
            facts.append(f"impact {opportunity.impact.value}")
        if opportunity.effort is not None:
            facts.append(f"effort {opportunity.effort.value}")
        lines = wrap(opportunity.summary, TEXT_WIDTH)
        return (
            lines_html(lines)
            + f'<FONT COLOR="{MUTED}" POINT-SIZE="9">{escape(", ".join(facts))}</FONT>'
            + '<BR ALIGN="LEFT"/>'
        )

    def opportunity_rows(self) -> list[str]:
        placed, unplaced = self.opportunity_cells()
        cells = [lane_label("Opportunities")]
        for number in range(len(self.columns)):
            found = placed.get(number, [])
            text = '<BR ALIGN="LEFT"/>'.join(self.opportunity_text(o) for o in found)
            cells.append(f'<TD ALIGN="LEFT" VALIGN="TOP">{text or " "}</TD>')
        rows = ["<TR>" + "".join(cells) + "</TR>"]
        if unplaced:
            text = '<BR ALIGN="LEFT"/>'.join(self.opportunity_text(o) for o in unplaced)
            rows.append(
                f"<TR>{lane_label('Other opportunities')}"
                f'<TD COLSPAN="{len(self.columns)}" ALIGN="LEFT">{text}</TD></TR>'
            )
        return rows

    def legend(self) -> str:
        """What the colours and marks mean: personas, emotion scores, severities."""
        personas: list[tuple[str, int]] = []
        for m in self.context.marks:
            personas.append(chip_cell(m.initials, m.fill, m.text))
            personas.append((f'<TD ALIGN="LEFT">{escape(m.name)}</TD>', text_width([m.name]) + 14))
        emotions: list[tuple[str, int]] = []
        for score in SCORES:
            label = score_label(score)
            emotions.append(chip_cell(label, EMOTION_FILL[score], EMOTION_TEXT[score]))
            word = EMOTION_WORD[score]
            emotions.append(
                (
                    f'<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{word}</FONT></TD>',
                    text_width([word], 9) + 12,
                )
            )
        severities = [
            (
                f'<TD ALIGN="LEFT"><FONT COLOR="{SEVERITY_MARK[s]}">\u25a0</FONT> '
                f'<FONT POINT-SIZE="9"><B>{s.upper()}</B></FONT></TD>',
                text_width([s.upper()], 9) + 28,
            )
            for s in SEVERITY_MARK
        ]
        rows = "".join(
            f'<TR><TD ALIGN="LEFT" WIDTH="100"><B>{title}</B></TD>'
            f'<TD ALIGN="LEFT">{fixed_row(cells)}</TD></TR>'
            for title, cells in (
                ("Personas", personas),
                ("Emotion", emotions),
                ("Pain severity", severities),
            )
        )
        return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2">{rows}</TABLE>'

    def table(self) -> str:
        rows = [
            self.title_row(),
            self.stage_row(),
            self.per_step("Customer actions", self.action_cell),
            self.per_step("Touchpoints", self.touchpoint_cell),
            self.per_step("Thoughts", self.thoughts_cell),
            *self.emotion_rows(),
            self.per_step("Pain points", self.pain_cell),
            *self.opportunity_rows(),
        ]
        return (
            '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="6" '
            f'COLOR="{LINE_COLOR}">' + "".join(rows) + "</TABLE>"
        )


def _tint(score: int) -> str:
    """A very light version of a score's colour, for the background of its row."""
    return {2: "#eef5fa", 1: "#f5f9fc", 0: "#ffffff", -1: "#fdf6f2", -2: "#fbeceb"}[score]


def journey_view(context: RenderContext) -> DiagramSource:
    grid = JourneyGrid(context)
    return html_graph(context.journey.id, "journey", grid.table(), legend=grid.legend())
