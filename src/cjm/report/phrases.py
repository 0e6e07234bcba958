"""The words a report uses for what it works out, the same in the HTML and the Markdown.

A verdict is only given when it is earned: a KPI is met or missed only when it has a
target, a measured value and a direction (``better: higher`` or ``lower``); otherwise the
report says which of them is missing. These functions return plain text with user text
left as it is: each output escapes the result its own way.
"""

from __future__ import annotations

from collections.abc import Callable

from cjm.model.journey import KpiDirection
from cjm.report.facts import (
    BranchView,
    HandoffView,
    KpiStatus,
    KpiView,
    PainRef,
    PainView,
    Place,
)
from cjm.report.formatting import format_number, format_value
from cjm.wording import plural

# What a KPI needs before it can be judged; outputs set the two settings as code.
DIRECTION_SETTINGS = ("better: higher", "better: lower")
DIRECTION_HINT = "add better: higher or better: lower to judge it"

KPI_STATUS: dict[KpiStatus, str] = {
    "met": "met",
    "missed": "missed",
    "no-target": "no target",
    "no-data": "not measured",
    "no-direction": "direction unknown",
}


def kpi_status(kpi: KpiView) -> str:
    """``met``, ``missed`` (``not on target yet`` while its target date is ahead), or what
    stops the report from judging the KPI."""
    if kpi.status == "missed" and kpi.still_due:
        return "not on target yet"
    return KPI_STATUS[kpi.status]


def direction(kpi: KpiView) -> str:
    """Which way is better: ``higher``, ``lower`` or ``unknown``."""
    if kpi.better is None:
        return "unknown"
    return "lower" if kpi.better is KpiDirection.LOWER else "higher"


def kpi_value(value: float | None, unit: str | None, missing: str) -> str:
    """A KPI's target or actual value with its unit, or ``missing`` in words."""
    return missing if value is None else format_value(value, unit)


def gap_text(kpi: KpiView) -> str:
    """How far from target: ``17% short``, ``3 minutes better``, ``on target``; empty when
    that cannot be told (the status says why)."""
    gap = kpi.gap
    if gap is None:
        return ""
    if gap == 0:
        return "on target"
    if kpi.unit == "%":  # the difference of two percentages is in points
        amount = format_number(round(abs(gap), 6)) + " pts"
    else:
        amount = format_value(round(abs(gap), 6), kpi.unit)
    return f"{amount} better" if gap > 0 else f"{amount} short"


def kpis_summary(met: int, judged: int) -> str:
    """``2 of 3 KPIs with a target, a value and a direction are on target``."""
    if not judged:
        return "No KPI has a target, a measured value and a direction, so none is judged."
    verb = "is" if met == 1 else "are"
    return (
        f"{met} of {plural(judged, 'KPI')} with a target, a value and a direction {verb} on target."
    )


def unknown_directions(count: int, code: Callable[[str], str]) -> str:
    """``2 KPIs have no direction: add better: higher or better: lower to judge them``,
    with each setting written by ``code``."""
    higher, lower = (code(setting) for setting in DIRECTION_SETTINGS)
    has, them = ("has", "it") if count == 1 else ("have", "them")
    return f"{plural(count, 'KPI')} {has} no direction: add {higher} or {lower} to judge {them}"


def handoff_heading(handoff: HandoffView) -> str:
    """``Handoff from Growth at step 2``, or ``From Growth at step 2`` when the map says no
    handoff is needed."""
    source = f"{handoff.from_owner} at step {handoff.from_step}"
    return f"From {source}" if handoff.waived else f"Handoff from {source}"


def handoff_state(handoff: HandoffView) -> str:
    """What the map says of the handoff, when it does not describe it."""
    if handoff.waived:
        return "no handoff needed"
    return "" if handoff.described else "not described"


def handoff_whose(handoff: HandoffView) -> str:
    """``only on the path of`` (or ``paths``) when the handoff is not on every path that
    takes the step, else empty; the names follow."""
    if not handoff.personas:
        return ""
    return "only on the path of" if len(handoff.personas) == 1 else "only on the paths of"


def names(items: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def elsewhere(ref: PainRef) -> str:
    """A pain point this map does not hold, in words."""
    if ref.current_state is not None:
        return f"'{ref.id}' in the current-state map '{ref.current_state}'"
    return f"'{ref.id}', which is no pain point of this map"


def step_numbers(places: list[Place]) -> str:
    """``3, 4 and 5``: the numbers of the steps a pain point covers."""
    return names([str(place.step_number) for place in places])


def pain_place(pain: PainView, text: Callable[[str], str] = str) -> str:
    """Where a pain point is: its step, the steps it covers, or its whole stage; ``text``
    escapes the map's own words for the output (Markdown, say)."""
    steps = step_numbers(pain.covers)
    if pain.whole_stage:
        return f"whole stage {text(pain.stage)}" + (f": steps {steps}" if pain.covers else "")
    if len(pain.covers) > 1:
        return f"steps {steps} ({text(pain.stage)})"
    return f"{pain.step_number}. {text(pain.step)} ({text(pain.stage)})"


def branch_route(branch: BranchView) -> str:
    """Where a branch leaves the main line and where it comes back, in words."""
    leaves = f"after step {branch.after}" if branch.after is not None else "at the stage's start"
    if branch.rejoin is not None:
        back = f"rejoins at step {branch.rejoin}"
    elif branch.next_stage:
        back = "goes on to the next stage"
    else:
        back = "ends the journey" if branch.after is not None else "goes on after the stage"
    return f"Leaves {leaves}; {back}"


def branch_name(branch: BranchView) -> str:
    """The branch's condition, or its id when it has none."""
    return branch.condition if branch.condition else branch.id


MOVEMENT = {
    "better": "moved the right way",
    "worse": "moved the wrong way",
    "unchanged": "no change since baseline",
    "unknown-direction": "direction unknown: cannot tell whether that is better",
    "no-baseline": "no baseline to compare with",
}


def change_text(kpi: KpiView) -> str:
    """``+12 pts since baseline``: how far the actual value moved, or empty."""
    change = kpi.change
    if change is None:
        return ""
    sign = "+" if change > 0 else ("\u2212" if change < 0 else "\u00b1")
    if kpi.unit == "%":
        amount = format_number(round(abs(change), 6)) + " pts"
    else:
        amount = format_value(round(abs(change), 6), kpi.unit)
    return f"{sign}{amount} since baseline"


def movement_text(kpi: KpiView) -> str:
    """Whether the KPI moved the right way since its baseline, in words; empty when it is
    not measured."""
    movement = kpi.movement
    return MOVEMENT[movement] if movement is not None else ""
