"""The blueprint view: a service blueprint with steps as columns and lanes as rows.

Like the journey view, the whole blueprint is one Graphviz HTML-like table under stage
headers. From top to bottom: the touchpoints (the evidence the customer meets), the
customer's actions, the line of interaction, what staff do in view of the customer
(frontstage), the line of visibility, what they do out of view (backstage), the line of
internal interaction and the support processes behind them. Every activity names its
owning team; handoffs and pain points sit under the customer's action, where the journey
breaks. On a map that is not a blueprint the activity lanes stay empty and a note says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cjm.model import Activity, Step
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource, html_graph
from cjm.render.journey_view import TEXT_WIDTH, JourneyGrid
from cjm.render.style import (
    LANE_LABEL_FILL,
    LINE_COLOR,
    MUTED,
    SEVERITY_MARK,
    escape,
    fixed_row,
    lines_html,
    min_width,
    text_width,
    wrap,
)

SMALL = 9  # point size of owners, handoffs and pain summaries
NOTE_WIDTH = TEXT_WIDTH + 4  # characters per line of small text in a step column
LABEL_WIDTH = 22  # characters per line of a lane's explanation
HANDOFF_INK = "#7f3b08"  # dark brown: reads on white and is not a severity colour
SILENT_HANDOFF_INK = "#b35806"
ARROW = "\u2192"


@dataclass(frozen=True)
class Line:
    """One of the three lines that divide a blueprint, and what it separates."""

    name: str
    ink: str
    fill: str
    meaning: str


INTERACTION = Line("line of interaction", "#2166ac", "#e8f0f8", "the customer meets the service")
VISIBILITY = Line("line of visibility", "#762a83", "#f2eaf4", "below: out of the customer's sight")
INTERNAL = Line(
    "line of internal interaction", "#4d4d4d", "#ececec", "below: what supports the staff"
)
LINES = (INTERACTION, VISIBILITY, INTERNAL)

# Light tints that tell the zones apart; black text reads on all of them.
CUSTOMER_FILL = "#fffcf0"
FRONTSTAGE_FILL = "#f7fafd"
BACKSTAGE_FILL = "#fbf8fc"
SUPPORT_FILL = "#f8f8f8"


@dataclass
class Cell:
    """The markup of a cell and its plain lines (to size cells with non-ASCII text)."""

    markup: str = ""
    lines: list[str] = field(default_factory=list)

    def add(self, lines: list[str], before: str = "", after: str = "") -> None:
        """``lines`` escaped and broken, wrapped in the tags ``before`` and ``after``."""
        if lines:
            self.markup += before + lines_html(lines) + after
            self.lines.extend(lines)

    def small(self, text: str | None, ink: str = MUTED, italic: bool = False) -> None:
        """``text`` in small type, wrapped."""
        if text:
            i, end_i = ("<I>", "</I>") if italic else ("", "")
            self.add(
                wrap(text, NOTE_WIDTH),
                f'<FONT COLOR="{ink}" POINT-SIZE="{SMALL}">{i}',
                f"{end_i}</FONT>",
            )


@dataclass(frozen=True)
class Lane:
    """A row of the blueprint: its title, what it holds, its tint and its cells."""

    title: str
    explanation: str
    fill: str
    cell: Callable[[Step], Cell]


class BlueprintGrid(JourneyGrid):
    """Builds the rows of the blueprint table (title and stage headers as in the journey
    view)."""

    def __init__(self, context: RenderContext) -> None:
        super().__init__(context)
        steps = [column.step for column in self.columns if column.step is not None]
        # The owner of the step before each step, in journey order (by position).
        self.previous_owner = [None, *(step.owner for step in steps[:-1])]
        self.step_number = {id(step): number for number, step in enumerate(steps)}
        self.has_activities = any(s.frontstage or s.backstage or s.support for s in steps)

    # -- header ------------------------------------------------------------------------

    def note_row(self) -> str:
        """Why the activity lanes are empty, on a map that records no activities."""
        text = (
            "This map records no frontstage, backstage or support activities: add them "
            "to its steps to complete the blueprint."
        )
        return (
            f'<TR><TD COLSPAN="{self.width}" ALIGN="LEFT" BORDER="0" CELLPADDING="4">'
            f'<FONT COLOR="{MUTED}"><I>{escape(text)}</I></FONT></TD></TR>'
        )

    # -- lanes -------------------------------------------------------------------------

    def lane_row(self, lane: Lane) -> str:
        explanation = wrap(lane.explanation, LABEL_WIDTH)
        cells = [
            f'<TD BGCOLOR="{LANE_LABEL_FILL}" ALIGN="LEFT" VALIGN="TOP">'
            f'<B>{escape(lane.title)}</B><BR ALIGN="LEFT"/>'
            f'<FONT COLOR="{MUTED}" POINT-SIZE="{SMALL}">{lines_html(explanation)}</FONT></TD>'
        ]
        for column in self.columns:
            cell = lane.cell(column.step) if column.step is not None else Cell()
            cells.append(
                f'<TD BGCOLOR="{lane.fill}" ALIGN="LEFT" VALIGN="TOP"{min_width(cell.lines)}>'
                f"{cell.markup or ' '}</TD>"
            )
        return "<TR>" + "".join(cells) + "</TR>"

    def line_row(self, line: Line) -> str:
        """A thin full-width band, dashed in the line's colour, with the line's name."""
        return (
            f'<TR><TD COLSPAN="{self.width}" BGCOLOR="{line.fill}" COLOR="{line.ink}" '
            f'STYLE="dashed" SIDES="TB" ALIGN="LEFT" CELLPADDING="2">'
            f'<FONT COLOR="{line.ink}" POINT-SIZE="8"><B>{line.name.upper()}</B></FONT>'
            "</TD></TR>"
        )

    def touchpoints_cell(self, step: Step) -> Cell:
        """Each touchpoint with its channel, and the team that owns it."""
        cell = Cell()
        for touchpoint_id in step.touchpoints:
            touchpoint = self.context.touchpoint(touchpoint_id)
            if touchpoint is None:
                cell.add(wrap("• " + touchpoint_id, TEXT_WIDTH))
                continue
            cell.add(wrap(f"• {touchpoint.name} ({touchpoint.channel.value})", TEXT_WIDTH))
            cell.small(self.context.team_name(touchpoint.owner))
        return cell

    def customer_cell(self, step: Step) -> Cell:
        """The action in bold, its owner, the handoff into it and its pain points."""
        cell = Cell()
        cell.add(wrap(step.action, TEXT_WIDTH), "<B>", "</B>")
        cell.small(self.context.team_name(step.owner))
        self.add_handoff(cell, step)
        for pain in step.pain_points:
            severity = pain.severity.value
            status = "" if pain.status.value == "open" else f" ({pain.status.value})"
            cell.markup += (
                f'<FONT COLOR="{SEVERITY_MARK[severity]}">\u25a0</FONT> '
                f'<FONT POINT-SIZE="{SMALL}"><B>{severity.upper()}{status}</B></FONT>'
                '<BR ALIGN="LEFT"/>'
            )
            cell.add(wrap(pain.summary, NOTE_WIDTH), f'<FONT POINT-SIZE="{SMALL}">', "</FONT>")
        return cell

    def add_handoff(self, cell: Cell, step: Step) -> None:
        """``→ Handoff from <team>: <how>``, or a warning when ownership changes silently."""
        previous = self.previous_owner[self.step_number[id(step)]]
        changed = previous is not None and step.owner is not None and previous != step.owner
        source = f" from {self.context.team_name(previous)}" if changed else ""
        how = (step.handoff or "").strip()
        if how:
            cell.small(f"{ARROW} Handoff{source}: {how}", HANDOFF_INK, italic=True)
        elif changed:
            cell.small(f"{ARROW} Handoff{source}: not described", SILENT_HANDOFF_INK, True)

    def activity_cell(self, activities: list[Activity]) -> Cell:
        """Each activity as a bullet, with the team that does it underneath."""
        cell = Cell()
        for activity in activities:
            cell.add(wrap("• " + activity.action, TEXT_WIDTH))
            cell.small(self.context.team_name(activity.owner))
        return cell

    def lanes(self) -> list[Lane]:
        return [
            Lane(
                "Touchpoints",
                "the evidence the customer sees and uses",
                "white",
                self.touchpoints_cell,
            ),
            Lane(
                "Customer actions",
                "what the customer does, handoffs and pain points",
                CUSTOMER_FILL,
                self.customer_cell,
            ),
            Lane(
                "Frontstage",
                "what staff and systems do in view of the customer",
                FRONTSTAGE_FILL,
                lambda step: self.activity_cell(step.frontstage),
            ),
            Lane(
                "Backstage",
                "what staff do out of the customer's view",
                BACKSTAGE_FILL,
                lambda step: self.activity_cell(step.backstage),
            ),
            Lane(
                "Support processes",
                "systems, partners and processes behind them",
                SUPPORT_FILL,
                lambda step: self.activity_cell(step.support),
            ),
        ]

    # -- assembly ----------------------------------------------------------------------

    def legend(self) -> str:
        """What the lines, the handoff notes and the severity marks mean."""
        lines: list[tuple[str, int]] = []
        for line in LINES:
            name = line.name.upper()
            lines.append(
                (
                    f'<TD BGCOLOR="{line.fill}" COLOR="{line.ink}" STYLE="dashed" BORDER="1">'
                    f'<FONT COLOR="{line.ink}" POINT-SIZE="8"><B>{name}</B></FONT></TD>',
                    text_width([name], 8) + 12,
                )
            )
            lines.append(_small_text(line.meaning))
        handoffs = [
            _small_text(f"{ARROW} Handoff from a team: how", HANDOFF_INK),
            _small_text("responsibility passes to this step's owner"),
            _small_text(f"{ARROW} \u2026: not described", SILENT_HANDOFF_INK),
            _small_text("the owner changes and nobody says how"),
        ]
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
                ("Lines", lines),
                ("Handoffs", handoffs),
                ("Pain severity", severities),
            )
        )
        return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2">{rows}</TABLE>'

    def table(self) -> str:
        touchpoints, customer, frontstage, backstage, support = self.lanes()
        rows = [self.title_row()]
        if not self.has_activities:
            rows.append(self.note_row())
        rows += [
            self.stage_row(),
            self.lane_row(touchpoints),
            self.lane_row(customer),
            self.line_row(INTERACTION),
            self.lane_row(frontstage),
            self.line_row(VISIBILITY),
            self.lane_row(backstage),
            self.line_row(INTERNAL),
            self.lane_row(support),
        ]
        return (
            '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="6" '
            f'COLOR="{LINE_COLOR}">' + "".join(rows) + "</TABLE>"
        )


def _small_text(text: str, ink: str = "black") -> tuple[str, int]:
    """A legend entry: ``text`` in small type, and the width it needs."""
    return (
        f'<TD ALIGN="LEFT"><FONT COLOR="{ink}" POINT-SIZE="9">{escape(text)}</FONT></TD>',
        text_width([text], 9) + 14,
    )


def blueprint_view(context: RenderContext) -> DiagramSource:
    grid = BlueprintGrid(context)
    return html_graph(context.journey.id, "blueprint", grid.table(), legend=grid.legend())
