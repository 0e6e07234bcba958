"""The funnel's line through a map: which bound steps are counted in order, and which
are counted on the side.

A funnel is a sequence; a map is not always one. An optional step is skipped by some
customers and a branch step is taken by some customers only, so counting either as a
step of the sequence would report everyone who skipped it as lost. Those steps are
counted on the side (how many of the units that entered the funnel did them) and never
get a drop-off.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjm.model import JourneyMap


@dataclass(frozen=True)
class LineStep:
    step: str
    stage: str


@dataclass(frozen=True)
class SideStep:
    step: str
    stage: str
    why: str  # "optional" or "branch"


@dataclass(frozen=True)
class FunnelLine:
    steps: tuple[LineStep, ...]
    side_steps: tuple[SideStep, ...]

    @property
    def step_ids(self) -> list[str]:
        return [entry.step for entry in self.steps]


def funnel_line(journey: JourneyMap, bound: set[str] | frozenset[str]) -> FunnelLine:
    """The bound steps of ``journey`` in map order: main-line, non-optional steps make the
    funnel; bound optional and branch steps go on the side. Unbound steps are left out."""
    steps: list[LineStep] = []
    side: list[SideStep] = []
    for stage in journey.stages:
        for step in stage.steps:
            if step.id not in bound:
                continue
            if step.optional:
                side.append(SideStep(step.id, stage.id, "optional"))
            else:
                steps.append(LineStep(step.id, stage.id))
        for branch in stage.branches:
            side.extend(
                SideStep(step.id, stage.id, "branch") for step in branch.steps if step.id in bound
            )
    return FunnelLine(tuple(steps), tuple(side))
