"""The journey view's Data lane: what the map's snapshot measured at each step.

Drawn only when the map has a snapshot (:mod:`cjm.render.measured`). Each funnel step
says how many units of everyone's funnel reached it and the share of them that did not
reach the next funnel step (``1,204 reached``, ``38% drop off``); the last funnel step has
no drop-off, and a step counted on the side (optional, or on a branch) gives its reach
and why it has none. A snapshot out of step with its binding, or left without one, says
so in the lane's title and the legend: its numbers are never drawn as current.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjm.model import Step
from cjm.render.cell import Cell, text_room
from cjm.render.context import WARNING_SIGN, RenderContext
from cjm.render.grid import COLUMN_WIDTH
from cjm.render.legend import Entry, small_text, wrapped_rows
from cjm.render.measured import (
    everyone,
    format_count,
    format_share,
    snapshot_state,
)
from cjm.render.style import BROKEN_INK, MUTED, SMALL

ROOM = text_room(COLUMN_WIDTH)
BUDGET = 60.0  # points: three lines
DROP_INK = "#b42318"


@dataclass(frozen=True)
class StepData:
    reach: int
    drop_off: float | None = None
    last: bool = False
    why: str | None = None  # for a step counted on the side: optional, or branch


class DataLane:
    """The lane's cells and legend for one map; :attr:`shown` is False without a
    snapshot."""

    def __init__(self, context: RenderContext) -> None:
        measured = context.measured
        self.state = snapshot_state(context.journey, measured)
        self.snapshot = measured.snapshot if measured is not None else None
        self.steps: dict[str, StepData] = {}
        segment = everyone(self.snapshot) if self.snapshot is not None else None
        self.entered = segment.entered if segment is not None else 0
        if segment is None:
            return
        for index, result in enumerate(segment.steps):
            last = index == len(segment.steps) - 1
            self.steps[result.step] = StepData(result.reach, result.drop_off, last)
        for side in segment.side_steps:
            self.steps.setdefault(side.step, StepData(side.reach, why=side.why))

    @property
    def shown(self) -> bool:
        return self.snapshot is not None

    @property
    def current(self) -> bool:
        return self.state == "current"

    @property
    def title(self) -> str:
        return "Data" if self.current else f"Data {WARNING_SIGN}"

    def cell(self, step: Step) -> str:
        cell = Cell(ROOM, BUDGET)
        found = self.steps.get(step.id)
        if found is None:
            return cell.td()
        cell.add(f"{format_count(found.reach)} reached", bold=True, max_lines=1)
        if found.why is not None:
            cell.add(f"{found.why}: no drop-off", size=SMALL, italic=True, ink=MUTED)
        elif not found.last and found.drop_off is not None:
            cell.add(f"{format_share(found.drop_off)} drop off", ink=DROP_INK, max_lines=1)
        return cell.td()

    def legend_rows(self, width: float) -> list[str]:
        """What the lane's numbers are, when and how they were measured, and whether they
        are current, wrapped within ``width`` points."""
        snapshot = self.snapshot
        if snapshot is None:
            return []
        definition = snapshot.definition
        period = definition.period
        unit = definition.unit.value
        groups: list[list[Entry]] = [
            [small_text(f"reached: {unit}s of the {format_count(self.entered)} who entered")],
            [small_text("drop off: the share of them who did not reach the next funnel step")],
            [small_text(f"measured {snapshot.measured_on.isoformat()}")],
            [
                small_text(
                    f"days {period.start.isoformat()} to {period.end.isoformat()} "
                    f"({definition.timezone})"
                )
            ],
            [small_text(f"{definition.order.value}, window {definition.window}")],
        ]
        if self.state == "out-of-step":
            groups.append(
                [
                    small_text(
                        f"{WARNING_SIGN} out of step: the binding, its sources or the map's "
                        "steps changed since; run cjm measure again",
                        BROKEN_INK,
                    )
                ]
            )
        elif self.state == "unbound":
            groups.append(
                [
                    small_text(
                        f"{WARNING_SIGN} no binding file: numbers as measured then", BROKEN_INK
                    )
                ]
            )
        return wrapped_rows("Data", groups, width)
