"""The cells of the journey view's lanes, one step at a time.

Every cell is a step column wide and has a height budget: an action takes at most five
lines, a thought four, a pain point's summary four; a cell with more than its budget
shows what fits and counts the rest (``+2 more thoughts``), keeping every text in the
cell's tooltip. A reference that names nothing (a touchpoint, a team) is drawn as
broken, never as if it were fine.
"""

from __future__ import annotations

from cjm.model import Opportunity, Step
from cjm.render.cell import Cell, text_room, tooltip
from cjm.render.context import PersonaMark, RenderContext
from cjm.render.grid import COLUMN_WIDTH
from cjm.render.opportunities import reference_notes
from cjm.render.step_marks import (
    add_continued,
    add_moment,
    add_optional,
    pain_marks,
    reach,
    severity_head,
    step_style,
)
from cjm.render.style import (
    BROKEN_INK,
    CHIP_HEIGHT,
    CHIP_SPACING,
    FONT_SIZE,
    MUTED,
    SMALL,
    chip_width,
    chips,
)

ROOM = text_room(COLUMN_WIDTH)  # points of text in a step column
ACTION_LINES = 5
ACTION_BUDGET = 100.0  # points: the action and its owner
TOUCHPOINT_BUDGET = 90.0
THOUGHT_BUDGET = 100.0
PAIN_BUDGET = 150.0
OPPORTUNITY_BUDGET = 130.0
LABEL_LINES = 2  # an emotion's label beside the persona's mark


def empty_cell(note: str = "") -> str:
    """A cell of an empty stage's column (``note`` in small muted italics)."""
    cell = Cell(ROOM)
    if note:
        cell.add(note, size=SMALL, italic=True, ink=MUTED)
    return cell.td()


class JourneyCells:
    """Builds the cells of one map's lanes."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.pain_marks = pain_marks(context.journey)

    def action(self, step: Step) -> str:
        """The action in bold, the team that owns the step, and ``★ Moment of truth``
        when it is one; an optional step's cell is dashed."""
        cell = Cell(ROOM, ACTION_BUDGET + (30 if step.is_moment_of_truth else 0))
        cell.add(step.action, max_lines=ACTION_LINES, bold=True)
        add_optional(cell, step)
        cell.named(self.context.team(step.owner))
        add_moment(cell, step)
        return cell.td(step_style(step))

    def touchpoints(self, step: Step) -> str:
        """Each touchpoint with its channel; an unknown one marked as broken."""
        cell = Cell(ROOM, TOUCHPOINT_BUDGET)
        for number, touchpoint_id in enumerate(step.touchpoints):
            if not cell.has_room():
                rest = [self.context.touchpoint_named(t).shown for t in step.touchpoints[number:]]
                cell.more(rest, "touchpoint", "touchpoints")
                break
            named = self.context.touchpoint_named(touchpoint_id)
            cell.add("\u2022 " + named.shown, max_lines=3, ink=BROKEN_INK if named.broken else None)
        return cell.td()

    def thoughts(self, step: Step) -> str:
        """The step's thoughts, then each persona's own (``BB: “…”``, by initials)."""
        cell = Cell(ROOM, THOUGHT_BUDGET)
        texts = [f"\u201c{thought}\u201d" for thought in step.thoughts]
        for mark in self.context.marks:
            detail = step.by_persona.get(mark.persona_id)
            if detail is not None and step.involves(mark.persona_id):
                texts += [f"{mark.initials}: \u201c{thought}\u201d" for thought in detail.thoughts]
        for number, text in enumerate(texts):
            if not cell.has_room(lines=2) and number > 0:
                cell.more(texts[number:], "thought", "thoughts")
                break
            cell.add(text, max_lines=4, italic=True)
        return cell.td()

    def marks(self, step: Step, score: int) -> str:
        """The marks of the personas who feel ``score`` at ``step``, each with the
        emotion's label beside it where one is recorded (the others side by side)."""
        found: list[tuple[PersonaMark, str]] = []
        for mark in self.context.marks:
            emotion = step.emotion_for(mark.persona_id)
            if step.involves(mark.persona_id) and emotion is not None and emotion.score == score:
                found.append((mark, emotion.label or ""))
        if not found:
            return f'<TD WIDTH="{COLUMN_WIDTH}"> </TD>'
        plain = [mark for mark, label in found if not label.strip()]
        rows = []
        for mark, label in found:
            if not label.strip():
                continue
            chip = chips([(mark.initials, mark.fill, mark.text)])
            chip_room = chip_width(mark.initials) + 2 * CHIP_SPACING
            label_width = int(ROOM) - chip_room  # the row fills the cell: nothing to stretch
            cell = Cell(label_width - 4)
            cell.add(label, size=SMALL, max_lines=LABEL_LINES)
            rows.append(
                f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{chip_room}" HEIGHT="{CHIP_HEIGHT + 4}">'
                f"{chip}</TD>"
                f'<TD ALIGN="LEFT" VALIGN="MIDDLE" BALIGN="LEFT" WIDTH="{label_width}"'
                f"{tooltip(cell.hidden)}>"
                f"{cell.markup or ' '}</TD></TR>"
            )
        if plain:
            # Marks without a label share a row, side by side.
            row = chips([(m.initials, m.fill, m.text) for m in plain])
            if not rows:
                return f'<TD ALIGN="LEFT" WIDTH="{COLUMN_WIDTH}">{row}</TD>'
            rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{row}</TD></TR>')
        table = (
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" ALIGN="LEFT">'
            + "".join(rows)
            + "</TABLE>"
        )
        return f'<TD ALIGN="LEFT" WIDTH="{COLUMN_WIDTH}">{table}</TD>'

    def pains(self, step: Step) -> str:
        """Each pain point that covers the step: at the first step it covers, a severity
        mark and word, its summary, how far it reaches and its owner; at the others, its
        severity and summary marked "continued"."""
        cell = Cell(ROOM, PAIN_BUDGET)
        found = self.pain_marks.get(id(step), [])
        for number, mark in enumerate(found):
            pain = mark.pain
            if number > 0:
                if not cell.has_room(lines=3):
                    rest = [m.pain.summary for m in found[number:]]
                    cell.more(rest, "pain point", "pain points")
                    break
                cell.gap()
            if not mark.first:
                add_continued(cell, mark, FONT_SIZE)
                continue
            cell.raw(severity_head(pain))
            cell.add(pain.summary, max_lines=4)
            extent = reach(mark)
            if extent is not None:
                cell.add(extent, size=SMALL, max_lines=2, italic=True, ink=MUTED)
            owner = self.context.team(pain.owner)
            if owner is None:
                cell.add("no owner", size=SMALL, ink=MUTED)
            else:
                cell.named(owner, prefix="owner: ")
        return cell.td()

    def opportunities(self, found: list[Opportunity]) -> str:
        cell = Cell(ROOM, OPPORTUNITY_BUDGET)
        self.fill_opportunities(cell, found)
        return cell.td()

    def fill_opportunities(self, cell: Cell, found: list[Opportunity]) -> None:
        for number, opportunity in enumerate(found):
            if number > 0:
                if not cell.has_room(lines=3):
                    rest = [o.summary for o in found[number:]]
                    cell.more(rest, "opportunity", "opportunities")
                    return
                cell.gap()
            self.opportunity(cell, opportunity)

    def opportunity(self, cell: Cell, opportunity: Opportunity) -> None:
        """Its summary, its status, impact and effort, its owner, and what it addresses
        beyond this map's pain points."""
        cell.add(opportunity.summary, max_lines=4)
        facts = [opportunity.status.value]
        if opportunity.impact is not None:
            facts.append(f"impact {opportunity.impact.value}")
        if opportunity.effort is not None:
            facts.append(f"effort {opportunity.effort.value}")
        if opportunity.due is not None:
            facts.append(f"due {opportunity.due.isoformat()}")
        if opportunity.release:
            facts.append(f"release {opportunity.release}")
        keys = [link.key for link in opportunity.links if link.key]
        if keys:
            facts.append(" ".join(keys))
        owner = self.context.team(opportunity.owner)
        if owner is not None and not owner.broken:
            facts.append(f"owner: {owner.text}")
        cell.add(", ".join(facts), size=SMALL, ink=MUTED, max_lines=3)
        if owner is not None and owner.broken:
            cell.named(owner, prefix="owner: ")
        for note in reference_notes(self.context, opportunity):
            cell.named(note)
