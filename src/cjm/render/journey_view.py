"""The journey view: stages as columns, lanes as rows, in bands of whole stages.

Each band is one Graphviz HTML-like table, which gives exact rows and columns; the bands
are stacked one under another (see :mod:`cjm.render.bands` for how a journey is cut and
:mod:`cjm.render.grid` for the fixed column widths). The emotion lane is five rows, one
per score from +2 down to -2: each persona's initials sit in the row of its score, with
the emotion's label beside them, so the marks trace the emotional curve across the steps.
Opportunities sit under every step whose pain point they address. A measured map has a
Data lane (:mod:`cjm.render.data_lane`): each step's reach and drop-off. A stage's branches,
optional steps, pain points that span steps and moments of truth are drawn as
:mod:`cjm.render.step_marks` says.
"""

from __future__ import annotations

from collections.abc import Callable

from cjm.model import Opportunity, Step
from cjm.render.bands import BAND_COLUMNS, Band, Column, cut_into_bands
from cjm.render.cell import Cell, text_room
from cjm.render.context import RenderContext
from cjm.render.data_lane import DataLane
from cjm.render.dot import DiagramSource
from cjm.render.grid import (
    COLUMN_WIDTH,
    LABEL_WIDTH,
    band_table,
    lane_label,
    legend_width,
    stage_row,
    table_diagram,
)
from cjm.render.journey_cells import JourneyCells, empty_cell
from cjm.render.legend import (
    broken_row,
    emotion_cells,
    legend_row,
    legend_table,
    persona_rows,
    severity_cells,
    wrapped_rows,
)
from cjm.render.opportunities import Placement, place_opportunities
from cjm.render.step_marks import (
    any_continued,
    has_paths,
    mark_groups,
    path_groups,
    path_row,
    workspace_severity_cells,
)
from cjm.render.style import (
    EMOTION_FILL,
    EMOTION_TEXT,
    LANE_LABEL_FILL,
    chips,
    score_label,
)

VIEW = "journey"
SCORES = (2, 1, 0, -1, -2)
OTHER_ROWS = 3  # rows of other opportunities drawn before the rest are counted


def _tint(score: int) -> str:
    """A very light version of a score's colour, for the background of its row."""
    return {2: "#eef5fa", 1: "#f5f9fc", 0: "#ffffff", -1: "#fdf6f2", -2: "#fbeceb"}[score]


class JourneyGrid:
    """Builds the band tables of the journey view for one map."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.journey = context.journey
        self.cells = JourneyCells(context)
        self.bands = cut_into_bands(self.journey.stages)
        self.placement: Placement = place_opportunities(context)
        self.paths = has_paths(self.journey)
        self.data = DataLane(context)

    # -- lanes -------------------------------------------------------------------------

    def per_step(
        self, band: Band, title: str, content: Callable[[Step], str], empty: str = ""
    ) -> str:
        """A lane whose cells come from ``content(step)``; an empty stage's column gets
        ``empty`` as a note."""
        cells = [lane_label(title)]
        for column in band.columns:
            cells.append(content(column.step) if column.step is not None else empty_cell(empty))
        return "<TR>" + "".join(cells) + "</TR>"

    def emotion_rows(self, band: Band) -> list[str]:
        """Five rows, +2 at the top: each persona's initials in the row of its score."""
        rows = []
        for score in SCORES:
            title = "<B>Emotion</B>" if score == SCORES[0] else " "
            label = (
                f'<TD BGCOLOR="{LANE_LABEL_FILL}" ALIGN="LEFT" WIDTH="{LABEL_WIDTH}">'
                '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
                f'<TD ALIGN="LEFT" WIDTH="70">{title}</TD>'
                f"<TD>{chips([(score_label(score), EMOTION_FILL[score], EMOTION_TEXT[score])])}"
                "</TD>"
                "</TR></TABLE></TD>"
            )
            cells = [label]
            for column in band.columns:
                cell = (
                    self.cells.marks(column.step, score)
                    if column.step is not None
                    else f'<TD WIDTH="{COLUMN_WIDTH}"> </TD>'
                )
                cells.append(cell.replace("<TD", f'<TD BGCOLOR="{_tint(score)}" HEIGHT="20"', 1))
            rows.append("<TR>" + "".join(cells) + "</TR>")
        return rows

    def opportunities_at(self, band: Band, column: Column) -> list[Opportunity]:
        """The opportunities drawn in ``column``: those addressing a pain point of its
        step, and those of its stage when it is the stage's first column."""
        found = list(self.placement.by_step.get(id(column.step), [])) if column.step else []
        for segment in band.segments:
            if not segment.continued and segment.columns[0] is column:
                found = self.placement.by_stage.get(column.stage_index, []) + found
        return found

    def opportunity_row(self, band: Band) -> str:
        cells = [lane_label("Opportunities")]
        for column in band.columns:
            cells.append(self.cells.opportunities(self.opportunities_at(band, column)))
        return "<TR>" + "".join(cells) + "</TR>"

    def band_table(self, band: Band) -> str:
        rows = [
            stage_row(self.journey, band),
            *([path_row(self.journey, band)] if self.paths else []),
            self.per_step(band, "Customer actions", self.cells.action, "no steps"),
            self.per_step(band, "Touchpoints", self.cells.touchpoints),
            self.per_step(band, "Thoughts", self.cells.thoughts),
            *self.emotion_rows(band),
            *([self.per_step(band, self.data.title, self.data.cell)] if self.data.shown else []),
            self.per_step(band, "Pain points", self.cells.pains),
            self.opportunity_row(band),
        ]
        return band_table(rows)

    def other_opportunities(self) -> tuple[str, int] | None:
        """The opportunities tied to no step of this map, a step column each, in rows
        as wide as a band; those beyond :data:`OTHER_ROWS` rows are counted."""
        others = self.placement.others
        if not others:
            return None
        per_row = min(BAND_COLUMNS, len(others))
        shown = others[: per_row * OTHER_ROWS]
        rows = []
        for start in range(0, len(shown), per_row):
            chunk = shown[start : start + per_row]
            cells = [lane_label("Other opportunities") if start == 0 else lane_label("")]
            for number, opportunity in enumerate(chunk):
                cell = Cell(text_room(COLUMN_WIDTH))
                self.cells.opportunity(cell, opportunity)
                last = start + number == len(shown) - 1
                if last and len(others) > len(shown):
                    rest = [o.summary for o in others[len(shown) :]]
                    cell.more(rest, "opportunity", "opportunities")
                cells.append(cell.td())
            rows.append("<TR>" + "".join(cells) + "</TR>")
        return band_table(rows), per_row

    def legend(self, broken: bool) -> str:
        """What the colours and marks mean: personas, emotion scores, severities, and
        references that name nothing when some are drawn (``broken``)."""
        width = legend_width(self.bands)
        rows = [
            *persona_rows(self.context.marks, width),
            legend_row("Emotion", emotion_cells()),
            legend_row("Pain severity", severity_cells()),
        ]
        own = workspace_severity_cells(self.journey)
        if own:
            rows += wrapped_rows("", [[cell] for cell in own], width)
        if self.paths:
            rows += wrapped_rows("Paths", path_groups(), width)
        steps = [step for _, _, step in self.journey.iter_steps()]
        marks = mark_groups(steps, any_continued(self.cells.pain_marks), blueprint=False)
        if marks:
            rows += wrapped_rows("Marks", marks, width)
        rows += self.data.legend_rows(width)
        if broken or not all(mark.known for mark in self.context.marks):
            rows.append(broken_row())
        return legend_table(rows)


def journey_view(context: RenderContext) -> DiagramSource:
    grid = JourneyGrid(context)
    return table_diagram(
        context,
        VIEW,
        grid.bands,
        grid.band_table,
        grid.legend,
        after=grid.other_opportunities(),
    )
