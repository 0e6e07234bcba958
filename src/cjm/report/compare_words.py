"""The "What changes" section in words, shared by the HTML and the Markdown report.

Every function returns plain text with user text left as written: the HTML template
escapes it (autoescape) and the Markdown report passes user text through
:func:`~cjm.report.markdown_text.md` before it joins these words. Where a number cannot
be given (no score, no value today, no target, no direction) the words say so.
"""

from __future__ import annotations

from cjm.compare import (
    Comparison,
    KpiComparison,
    KpiValue,
    PainFate,
    PainOutcome,
    PersonaEmotions,
    PersonaSide,
    ResolvedBecause,
    StepStatus,
)
from cjm.model.journey import KpiDirection
from cjm.render.style import score_label
from cjm.report.formatting import format_date, format_value
from cjm.wording import plural

STATUS_WORD = {
    StepStatus.ADDED: "added",
    StepStatus.REMOVED: "removed",
    StepStatus.CHANGED: "changed",
    StepStatus.SAME: "same",
}
BECAUSE_WORD = {
    ResolvedBecause.ADDRESSED: "addressed by an opportunity",
    ResolvedBecause.MARKED_RESOLVED: "marked resolved in the future state",
    ResolvedBecause.ABSENT: "no longer in the future state",
}
SOURCE_WORD = {
    "actual": "actual",
    "baseline": "baseline",
    "future baseline": "baseline of the future-state map",
    "future target": "target",
    "current target": "the current-state map's own target",
}


def summary(comparison: Comparison) -> list[str]:
    """The headline counts: steps added, removed and changed, pain points resolved, still
    present and new."""
    steps = [
        plural(len(comparison.steps_with(status)), f"step {STATUS_WORD[status]}",
               f"steps {STATUS_WORD[status]}")
        for status in (StepStatus.ADDED, StepStatus.REMOVED, StepStatus.CHANGED)
    ]  # fmt: skip
    pains = [
        plural(len(comparison.pains_with(PainFate.RESOLVED)), "pain point resolved",
               "pain points resolved"),
        plural(len(comparison.pains_with(PainFate.STILL_PRESENT)), "still present",
               "still present"),
        plural(len(comparison.pains_with(PainFate.NEW)), "new pain point", "new pain points"),
    ]  # fmt: skip
    return [", ".join(steps), ", ".join(pains)]


def average(value: float | None) -> str:
    """A persona's average score, with a real minus sign; ``no score`` when it has none."""
    if value is None:
        return "no score"
    text = f"{value:+.1f}".replace("-", "\u2212")
    return "0.0" if text in ("+0.0", "\u22120.0") else text


def score(value: int | None) -> str:
    return score_label(value) if value is not None else "no score"


def persona_line(persona: PersonaEmotions) -> str:
    """``average -1.0 today -> +0.5 in the future (raised by 1.5)``, or which side the persona is
    on when only one map covers it."""
    if persona.side is PersonaSide.CURRENT_ONLY:
        return (
            f"only in the current state (average {average(persona.average_before)} over "
            f"{plural(persona.scored_before, 'scored step')}); the future state does not "
            "cover this persona"
        )
    if persona.side is PersonaSide.FUTURE_ONLY:
        return (
            f"only in the future state (average {average(persona.average_after)} over "
            f"{plural(persona.scored_after, 'scored step')}); the current state does not "
            "cover this persona"
        )
    text = (
        f"average {average(persona.average_before)} today \u2192 "
        f"{average(persona.average_after)} in the future"
    )
    delta = persona.average_delta
    if delta is None:
        return text + " (no change can be worked out: a side has no scores)"
    if round(delta, 1) == 0:
        return text + " (about the same)"
    return text + f" ({'raised' if delta > 0 else 'lowered'} by {abs(delta):.1f})"


def shift_word(delta: int | None) -> str:
    if delta is None:
        return "not comparable"
    if delta > 0:
        return "raised"
    if delta < 0:
        return "lowered"
    return "same"


def resolution(pain: PainOutcome) -> str:
    """Why a pain point counts as resolved, or what becomes of it otherwise."""
    if pain.fate is PainFate.ALREADY_RESOLVED:
        return "already resolved in the current state"
    if pain.fate is PainFate.STILL_PRESENT:
        status = pain.future_status or "open"
        text = f"still {status} in the future state"
        return text + (", though an opportunity addresses it" if pain.by else "")
    if pain.fate is PainFate.NEW:
        return f"new in the future state ({pain.future_status or 'open'})"
    return "; ".join(BECAUSE_WORD[reason] for reason in pain.because)


def kpi_value(value: KpiValue | None, unit: str | None, missing: str) -> str:
    if value is None:
        return missing
    text = format_value(value.value, unit)
    when = f", {format_date(value.date)}" if value.date is not None else ""
    return f"{text} ({SOURCE_WORD.get(value.source, value.source)}{when})"


def kpi_today(kpi: KpiComparison) -> str:
    return kpi_value(kpi.today, kpi.unit, "no value today")


def kpi_target(kpi: KpiComparison) -> str:
    return kpi_value(kpi.target, kpi.unit, "no target")


def kpi_gap(kpi: KpiComparison) -> str:
    """How far today's value is from the target, and whether that is up or down; the
    direction of good stays unknown without ``better``."""
    if kpi.units_differ:
        return "the two maps give different units: no gap worked out"
    gap = kpi.gap
    if gap is None:
        return "no gap: " + ("no value today" if kpi.today is None else "no target")
    if gap == 0:
        return "on target today"
    amount = format_value(abs(gap), kpi.unit)
    way = "up" if gap > 0 else "down"
    if kpi.better is None:
        return f"{way} {amount} to the target (direction unknown)"
    good = (gap > 0) == (kpi.better is KpiDirection.HIGHER)
    return f"{way} {amount} to the target" + ("" if good else " (the target is worse than today)")


def kpi_sides(kpi: KpiComparison) -> str:
    if kpi.in_current and kpi.in_future:
        return "both maps"
    return "current state only" if kpi.in_current else "future state only"
