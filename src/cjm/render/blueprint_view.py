"""The blueprint view: a service blueprint with steps as columns and lanes as rows.

Like the journey view, the blueprint is drawn in bands of whole stages, each one Graphviz
HTML-like table under stage headers. From top to bottom: the artifacts (the physical
evidence lane: what the customer sees or holds, a letter, a receipt, a screen), the
touchpoints (where the customer meets the service), the time each step takes and how long
the customer waits, the customer's actions, the line of interaction, what staff do in view
of the customer (frontstage), the line of visibility, what they do out of view
(backstage), the line of internal interaction, the support processes behind them, and the
policies and regulations that govern each step. The artifact, time and policy lanes are
drawn when the map records some. Every activity names its owning team; handoffs, fail
points (\u24bb), moments of truth (\u2605) and pain points sit under the customer's action,
where the journey breaks; a wait point is marked \u24cc in the time lane. Branches,
optional steps and pain points that span steps are drawn as :mod:`cjm.render.step_marks`
says. Handoffs are worked out along each persona's own path
(:func:`cjm.model.paths.handoffs`): a step only one persona takes never makes another
persona's next step look handed over. On a map that is not a blueprint the activity lanes
stay empty and a note says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cjm.model import Activity, Step
from cjm.model.paths import Handoff, handoffs
from cjm.render.bands import Band, cut_into_bands
from cjm.render.cell import Cell, text_room
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource
from cjm.render.grid import (
    LABEL_WIDTH,
    band_table,
    band_width,
    lane_label,
    legend_width,
    stage_row,
    table_diagram,
)
from cjm.render.journey_cells import ROOM, empty_cell
from cjm.render.legend import (
    Entry,
    broken_row,
    legend_row,
    legend_table,
    severity_cells,
    small_text,
    wrapped_rows,
)
from cjm.render.step_marks import (
    WAIT_INK,
    WAIT_SIGN,
    add_continued,
    add_fail_point,
    add_moment,
    add_optional,
    any_continued,
    has_paths,
    mark_groups,
    pain_marks,
    path_groups,
    path_row,
    reach,
    severity_head,
    step_style,
    workspace_severity_cells,
)
from cjm.render.style import (
    BROKEN_INK,
    MUTED,
    SMALL,
    text_width,
)
from cjm.render.text import clip

VIEW = "blueprint"
HANDOFF_INK = "#7f3b08"  # dark brown: reads on white and is not a severity colour
SILENT_HANDOFF_INK = "#b35806"
ARROW = "\u2192"
NAME_LIMIT = 48  # characters of a team or persona name inside a handoff note
HANDOFF_LINES = 6
CUSTOMER_BUDGET = 230.0  # points: the action, its owner, handoffs and pain points
ACTIVITY_BUDGET = 150.0
TOUCHPOINT_BUDGET = 130.0
ARTIFACT_BUDGET = 100.0
POLICY_BUDGET = 120.0
TIMER_SIGN = "\u23f1"  # ⏱


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
POLICY_FILL = "#f4f4ee"


@dataclass(frozen=True)
class Lane:
    """A row of the blueprint: its title, what it holds, its tint and its cells."""

    title: str
    explanation: str
    fill: str
    cell: Callable[[Step], str]
    empty: str = ""  # the note in an empty stage's column


class BlueprintGrid:
    """Builds the band tables of the blueprint for one map."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.journey = context.journey
        self.bands = cut_into_bands(self.journey.stages)
        steps = [step for _, _, step in self.journey.iter_steps()]
        self.steps = steps
        self.has_activities = any(s.frontstage or s.backstage or s.support for s in steps)
        self.has_artifacts = any(s.artifacts for s in steps)
        self.has_policies = any(s.policies for s in steps)
        self.has_times = any(s.duration is not None or s.wait is not None for s in steps)
        self.paths = has_paths(self.journey)
        self.pain_marks = pain_marks(self.journey)
        self.handoffs: dict[int, list[Handoff]] = {}
        for handoff in handoffs(self.journey):
            self.handoffs.setdefault(id(handoff.step), []).append(handoff)

    # -- lanes -------------------------------------------------------------------------

    def note_row(self, band: Band) -> str:
        """Why the activity lanes are empty, on a map that records no activities."""
        width = band_width(len(band.columns))
        cell = Cell(text_room(width))
        cell.add(
            "This map records no frontstage, backstage or support activities: add them "
            "to its steps to complete the blueprint.",
            italic=True,
            ink=MUTED,
        )
        attributes = f' COLSPAN="{len(band.columns) + 1}" BORDER="0"'
        return f"<TR>{cell.td(attributes, width)}</TR>"

    def lane_row(self, band: Band, lane: Lane) -> str:
        explanation = Cell(text_room(LABEL_WIDTH))
        explanation.add(lane.explanation, size=SMALL, ink=MUTED, max_lines=3)
        cells = [lane_label(lane.title, extra=explanation.markup)]
        for column in band.columns:
            markup = lane.cell(column.step) if column.step is not None else empty_cell(lane.empty)
            cells.append(markup.replace("<TD", f'<TD BGCOLOR="{lane.fill}"', 1))
        return "<TR>" + "".join(cells) + "</TR>"

    def line_row(self, band: Band, line: Line) -> str:
        """A thin full-width band, dashed in the line's colour, with the line's name."""
        return (
            f'<TR><TD COLSPAN="{len(band.columns) + 1}" BGCOLOR="{line.fill}" '
            f'COLOR="{line.ink}" STYLE="dashed" SIDES="TB" ALIGN="LEFT" CELLPADDING="2">'
            f'<FONT COLOR="{line.ink}" POINT-SIZE="8"><B>{line.name.upper()}</B></FONT>'
            "</TD></TR>"
        )

    def touchpoints_cell(self, step: Step) -> str:
        """Each touchpoint with its channel, and the team that owns it."""
        cell = Cell(ROOM, TOUCHPOINT_BUDGET)
        for number, touchpoint_id in enumerate(step.touchpoints):
            if not cell.has_room(lines=2):
                rest = [self.context.touchpoint_named(t).shown for t in step.touchpoints[number:]]
                cell.more(rest, "touchpoint", "touchpoints")
                break
            named = self.context.touchpoint_named(touchpoint_id)
            cell.add("\u2022 " + named.shown, max_lines=3, ink=BROKEN_INK if named.broken else None)
            touchpoint = self.context.touchpoint(touchpoint_id)
            if touchpoint is not None:
                cell.named(self.context.team(touchpoint.owner))
        return cell.td()

    def customer_cell(self, step: Step) -> str:
        """The action in bold, its owner, whether it is a moment of truth or a fail point,
        the handoffs into it and the pain points that cover it."""
        cell = Cell(ROOM, CUSTOMER_BUDGET)
        cell.add(step.action, max_lines=4, bold=True)
        add_optional(cell, step)
        cell.named(self.context.team(step.owner))
        add_moment(cell, step)
        add_fail_point(cell, step)
        self.add_handoffs(cell, step)
        found = self.pain_marks.get(id(step), [])
        for number, mark in enumerate(found):
            if not cell.has_room(SMALL, 2):
                rest = [m.pain.summary for m in found[number:]]
                cell.more(rest, "pain point", "pain points")
                break
            if not mark.first:
                add_continued(cell, mark, SMALL)
                continue
            cell.raw(severity_head(mark.pain, SMALL), SMALL)
            cell.add(mark.pain.summary, size=SMALL, max_lines=3)
            extent = reach(mark)
            if extent is not None:
                cell.add(extent, size=SMALL, max_lines=2, italic=True, ink=MUTED)
        return cell.td(step_style(step))

    def texts_cell(self, texts: list[str], budget: float, one: str, many: str) -> str:
        """Each text as a bullet; those that find no room counted."""
        cell = Cell(ROOM, budget)
        for number, text in enumerate(texts):
            if not cell.has_room(lines=2) and number > 0:
                cell.more(texts[number:], one, many)
                break
            cell.add("\u2022 " + text, max_lines=3)
        return cell.td()

    def time_cell(self, step: Step) -> str:
        """``⏱ 10 min`` for the time the step takes, ``Ⓦ waits 2 days`` for a wait."""
        cell = Cell(ROOM)
        if step.duration is not None:
            cell.add(f"{TIMER_SIGN} takes {step.duration}", max_lines=2)
        if step.wait is not None:
            cell.add(f"{WAIT_SIGN} waits {step.wait}", max_lines=2, bold=True, ink=WAIT_INK)
        return cell.td()

    def add_handoffs(self, cell: Cell, step: Step) -> None:
        """``→ Handoff from <team>: <how>`` for each team the customer comes from along
        some persona's path; ``not described`` when nobody says how, ``no handoff
        needed`` when the map says so (``handoff: false``)."""
        how = step.handoff.strip() if isinstance(step.handoff, str) else ""
        into = self.handoffs.get(id(step), [])
        if not into:
            if how:
                cell.add(f"{ARROW} Handoff: {how}", size=SMALL, italic=True, ink=HANDOFF_INK)
            elif step.handoff is False:
                cell.add(f"{ARROW} No handoff needed", size=SMALL, italic=True, ink=MUTED)
            return
        sources: dict[str, list[str]] = {}
        for handoff in into:
            sources.setdefault(handoff.from_owner, []).extend(handoff.personas)
        taking = [m.persona_id for m in self.context.marks if step.involves(m.persona_id)]
        for team_id, personas in sources.items():
            team = self.context.team(team_id)
            assert team is not None
            names: list[str] = []
            if len(self.context.marks) > 1 and set(personas) != set(taking):
                names = [self.context.persona_name(p) for p in dict.fromkeys(personas)]
            if how:
                ending, ink = how, HANDOFF_INK
            elif step.handoff is False:
                ending, ink = "no handoff needed", MUTED
            else:
                ending, ink = "not described", SILENT_HANDOFF_INK
            cell.add(
                _handoff_text(
                    team.within(NAME_LIMIT), [clip(n, NAME_LIMIT) for n in names], ending
                ),
                size=SMALL,
                italic=True,
                ink=BROKEN_INK if team.broken else ink,
                max_lines=HANDOFF_LINES,
                whole=_handoff_text(team.shown, names, ending),
            )

    def activity_cell(self, activities: list[Activity]) -> str:
        """Each activity as a bullet, with the team that does it underneath."""
        cell = Cell(ROOM, ACTIVITY_BUDGET)
        for number, activity in enumerate(activities):
            if not cell.has_room(lines=2) and number > 0:
                rest = [a.action for a in activities[number:]]
                cell.more(rest, "activity", "activities")
                break
            cell.add("\u2022 " + activity.action, max_lines=3)
            cell.named(self.context.team(activity.owner))
        return cell.td()

    def lanes(self) -> list[Lane]:
        return [
            Lane(
                "Artifacts",
                "what the customer sees or holds: letters, receipts, screens",
                "white",
                lambda step: self.texts_cell(
                    step.artifacts, ARTIFACT_BUDGET, "artifact", "artifacts"
                ),
            ),
            Lane(
                "Touchpoints",
                "where the customer meets the service, and who owns it",
                "white",
                self.touchpoints_cell,
            ),
            Lane(
                "Time",
                "how long the step takes, and how long the customer waits",
                "white",
                self.time_cell,
            ),
            Lane(
                "Customer actions",
                "what the customer does, handoffs and pain points",
                CUSTOMER_FILL,
                self.customer_cell,
                "no steps",
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
            Lane(
                "Policies",
                "policies and regulations that govern the step",
                POLICY_FILL,
                lambda step: self.texts_cell(step.policies, POLICY_BUDGET, "policy", "policies"),
            ),
        ]

    # -- assembly ----------------------------------------------------------------------

    def legend(self, broken: bool) -> str:
        """What the lines, the handoff notes and the severity marks mean, and references
        that name nothing when some are drawn (``broken``)."""
        lines: list[list[Entry]] = []
        for line in LINES:
            name = line.name.upper()
            lines.append(
                [
                    (
                        f'<TD BGCOLOR="{line.fill}" COLOR="{line.ink}" STYLE="dashed" BORDER="1">'
                        f'<FONT COLOR="{line.ink}" POINT-SIZE="8"><B>{name}</B></FONT></TD>',
                        text_width([name], 8) + 12,
                    ),
                    small_text(line.meaning),
                ]
            )
        handoffs = [
            (
                f"{ARROW} Handoff from a team: how",
                HANDOFF_INK,
                "responsibility passes to this step's owner",
            ),
            (
                f"{ARROW} \u2026: not described",
                SILENT_HANDOFF_INK,
                "the owner changes and nobody says how",
            ),
            (
                f"{ARROW} \u2026: no handoff needed",
                MUTED,
                "the map says this change of owner needs none",
            ),
        ]
        width = legend_width(self.bands)
        rows = [
            *wrapped_rows("Lines", lines, width),
            *(
                legend_row(
                    "Handoffs" if number == 0 else "", [small_text(sign, ink), small_text(meaning)]
                )
                for number, (sign, ink, meaning) in enumerate(handoffs)
            ),
            legend_row("Pain severity", severity_cells()),
        ]
        own = workspace_severity_cells(self.journey)
        if own:
            rows += wrapped_rows("", [[cell] for cell in own], width)
        if self.paths:
            rows += wrapped_rows("Paths", path_groups(), width)
        marks = mark_groups(self.steps, any_continued(self.pain_marks), blueprint=True)
        if marks:
            rows += wrapped_rows("Marks", marks, width)
        if broken:
            rows.append(broken_row())
        return legend_table(rows)

    def band_table(self, band: Band) -> str:
        artifacts, touchpoints, times, customer, frontstage, backstage, support, policies = (
            self.lanes()
        )
        rows = [self.note_row(band)] if not self.has_activities else []
        rows += [
            stage_row(self.journey, band),
            *([path_row(self.journey, band)] if self.paths else []),
            *([self.lane_row(band, artifacts)] if self.has_artifacts else []),
            self.lane_row(band, touchpoints),
            *([self.lane_row(band, times)] if self.has_times else []),
            self.lane_row(band, customer),
            self.line_row(band, INTERACTION),
            self.lane_row(band, frontstage),
            self.line_row(band, VISIBILITY),
            self.lane_row(band, backstage),
            self.line_row(band, INTERNAL),
            self.lane_row(band, support),
            *([self.lane_row(band, policies)] if self.has_policies else []),
        ]
        return band_table(rows)


def _handoff_text(team: str, personas: list[str], ending: str) -> str:
    """``→ Handoff from Sales (for Ops Olivia): how it is done``."""
    whom = f" (for {', '.join(personas)})" if personas else ""
    return f"{ARROW} Handoff from {team}{whom}: {ending}"


def blueprint_view(context: RenderContext) -> DiagramSource:
    grid = BlueprintGrid(context)
    return table_diagram(context, VIEW, grid.bands, grid.band_table, grid.legend)
