"""How the changes of a map's measurements are worded.

Rates are shown as percentages with one decimal and their moves in percentage points
(``conversion 38.2% → 41.0% (+2.8 pts)``), counts whole with their signed change
(``reach 1,204 → 1,312 (+108)``), durations in words (``2 h 10 min``). Nothing is rounded
away: when two different values would read the same, more decimals (or the seconds) are
shown until they differ.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cjm.diff.model import Change, Entity, Kind

if TYPE_CHECKING:
    from cjm.diff.words import Style

FIELD_WORDS = {
    "reach": "reach",
    "conversion": "conversion",
    "drop_off": "drop-off",
    "time_to_next.median": "median time to next step",
    "time_to_next.p90": "p90 time to next step",
}
DEFINITION_WORDS = {
    "period": "period",
    "period_written": "period as written",
    "window": "conversion window",
    "unit": "unit counted",
    "order": "step order",
    "anonymous": "anonymous visitors",
    "timezone": "time zone",
    "source": "events source",
    "engine": "engine",
    "dialect": "SQL dialect",
    "engine_version": "engine version",
    "binding_hash": "binding hash",
    "feedback": "feedback settings",
    "feedback_period": "feedback period",
}
DATA_WORDS = {
    "data.events": "events in the period",
    "data.units": "units with an event",
    "data.events_without_unit": "events without a unit (left out)",
}
FEEDBACK_WORDS = {
    "positive": "positive",
    "negative": "negative",
    "neutral": "neutral",
    "responses": "answers",
    "from_text": "answers scored from their words",
    "unplaced": "answers not placed on a step of this map",
    "unreadable": "unreadable answers",
}
KPI_UNITS = {
    "count": "",
    "ratio": "",
    "seconds": " seconds",
    "minutes": " minutes",
    "hours": " hours",
    "days": " days",
}
_MOST_DECIMALS = 9


# -- numbers ---------------------------------------------------------------------------------


def _fixed(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def percent_pair(before: float, after: float, scale: float = 100.0) -> tuple[str, str, str]:
    """Two shares as percentages and their move in points, with one decimal, or as many
    more as it takes to tell them apart."""
    for decimals in range(1, _MOST_DECIMALS + 1):
        old, new = _fixed(before * scale, decimals), _fixed(after * scale, decimals)
        delta = f"{(after - before) * scale:+,.{decimals}f}"
        if before == after or (old != new and delta.strip("+-0.,") != ""):
            return f"{old}%", f"{new}%", f"{delta} pts"
    return f"{before * scale!r}%", f"{after * scale!r}%", f"{(after - before) * scale:+} pts"


def percent(share: float) -> str:
    return f"{_fixed(share * 100, 1)}%"


def count(value: int | float) -> str:
    return f"{value:,}" if isinstance(value, int) else _number_pair(value, value)[0]


def _number_pair(before: float, after: float) -> tuple[str, str, str]:
    """Two numbers as measured (whole numbers without decimals), and their signed change."""
    if float(before).is_integer() and float(after).is_integer():
        return f"{int(before):,}", f"{int(after):,}", f"{int(after - before):+,}"
    for decimals in range(1, _MOST_DECIMALS + 1):
        old, new = _fixed(before, decimals), _fixed(after, decimals)
        delta = f"{after - before:+,.{decimals}f}"
        if before == after or (old != new and delta.strip("+-0.,") != ""):
            return old, new, delta
    return repr(before), repr(after), f"{after - before:+}"


def duration(seconds: float) -> str:
    """``45 s``, ``12 min 5 s``, ``2 h 10 min``, ``3 days 4 h``: a duration in words,
    to the nearest second."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} days {hours} h" if hours else f"{days} days"


def duration_pair(before: float, after: float) -> tuple[str, str, str]:
    """Two durations in words and how much longer or shorter; in seconds when the words
    would read the same."""
    old, new = duration(before), duration(after)
    gap = duration(abs(after - before))
    if old == new or gap == "0 s":
        old, new, delta = _number_pair(before, after)
        return f"{old} s", f"{new} s", f"{delta} s"
    return old, new, f"{gap} {'longer' if after > before else 'shorter'}"


# -- wording ---------------------------------------------------------------------------------


def subject(change: Change, style: Style) -> str:
    code = style.code
    if change.entity is Entity.MEASUREMENT:
        return "measurements"
    if change.entity is Entity.FUNNEL_STEP:
        return f"funnel step {code(change.id)}"
    if change.entity is Entity.MEASURED_KPI:
        return f"measured KPI {code(change.id)}"
    if change.id == "*" or change.field is None:
        return "feedback"
    return f"feedback at step {code(change.id)}"


def detail(change: Change, style: Style) -> str:
    if change.entity is Entity.MEASUREMENT:
        return _measurement(change, style)
    if change.entity is Entity.FUNNEL_STEP:
        return _funnel_step(change, style)
    if change.entity is Entity.MEASURED_KPI:
        return _kpi(change, style)
    return _feedback(change, style)


def _quote(style: Style, text: str | None) -> str:
    return f'"{style.text(text)}"' if text else ""


def _value(style: Style, value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, dict) and set(value) == {"start", "end"}:
        return f"{style.code(str(value['start']))} to {style.code(str(value['end']))}"
    if isinstance(value, dict):
        return "; ".join(f"{style.text(str(k))}: {_value(style, v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_value(style, item) for item in value) or "none"
    if isinstance(value, int | float):
        return count(value)
    return style.code(str(value))


def _segment(change: Change, style: Style) -> str:
    return f"{style.code(change.persona)}: " if change.persona else ""


def _measurement(change: Change, style: Style) -> str:
    code = style.code
    if change.kind in (Kind.ADDED, Kind.REMOVED) and change.field == "segment":
        whose = code(change.persona or "")
        entered = count(change.detail("entered") or 0)
        if change.kind is Kind.ADDED:
            return f"persona {whose} now measured ({entered} entered the funnel)"
        return f"persona {whose} no longer measured (was {entered} entering the funnel)"
    if change.kind is Kind.ADDED:
        return (
            f"first snapshot ({style.text(change.name or '')}), measured on "
            f"{code(str(change.detail('measured_on')))} over "
            f"{_value(style, change.detail('period'))}"
        )
    if change.kind is Kind.REMOVED:
        return (
            f"snapshot removed ({style.text(change.name or '')}; was measured on "
            f"{code(str(change.detail('measured_on')))})"
        )
    if change.kind is Kind.REMEASURED:
        said = f"re-measured on {code(str(change.after))} (was {code(str(change.before))})"
        return said + ", no change" if change.detail("no_change") else said
    if change.kind is Kind.INCOMPARABLE:
        fields = ", ".join(DEFINITION_WORDS.get(f, f) for f in change.after or [])
        return (
            f"numbers not comparable: the definition changed ({fields}); "
            "the movement of steps, KPIs and feedback is not reported"
        )
    field = change.field or ""
    if field in DATA_WORDS:
        old, new, delta = _number_pair(change.before, change.after)
        return f"{DATA_WORDS[field]} {old} → {new} ({delta})"
    if field == "matches":
        return "what the steps' bindings matched changed (the funnel's numbers did not)"
    words = DEFINITION_WORDS.get(field, field.replace("_", " "))
    if field == "binding_hash":
        moved = "binding changed"
    else:
        moved = f"{words} {_value(style, change.before)} → {_value(style, change.after)}"
    if change.detail("comparable"):
        still = (
            "the same rolling period, measured again"
            if field in ("period", "feedback_period")
            else "numbers still comparable"
        )
        return f"{moved} ({still})"
    return moved


def _step_names(change: Change, style: Style) -> str:
    here = _quote(style, change.name) or style.code(change.id)
    following = change.detail("next")
    if following is None:
        return here
    there = _quote(style, change.detail("next_name")) or style.code(str(following))
    return f"{here} → {there}"


def _funnel_step(change: Change, style: Style) -> str:
    name = _quote(style, change.name)
    shown = f"{name} " if name else ""
    if change.kind is Kind.ADDED:
        where = "on the funnel's line" if change.after == "line" else "beside the funnel"
        return f"{shown}added to the funnel ({where})"
    if change.kind is Kind.REMOVED:
        return f"{shown}no longer in the funnel"
    if change.field == "line":
        if change.after == "line":
            return f"{shown}now on the funnel's line (was counted beside it)"
        return f"{shown}now counted beside the funnel (optional or branch step)"
    field = change.field or ""
    words = FIELD_WORDS.get(field, field)
    before, after = change.before, change.after
    prefix = f"{_segment(change, style)}{_step_names(change, style)}: {words}"
    if before is None or after is None:
        show = duration if field.startswith("time_to_next") else _share_or_count(field)
        was = "none" if before is None else show(before)
        now = "none" if after is None else show(after)
        return f"{prefix} {was} → {now}"
    if field == "reach":
        old, new, delta = _number_pair(before, after)
        side = change.detail("side")
        beside = f" (beside the funnel: {style.text(str(side))})" if side else ""
        return f"{prefix} {old} → {new} ({delta}){beside}"
    if field.startswith("time_to_next"):
        old, new, delta = duration_pair(before, after)
        return f"{prefix} {old} → {new} ({delta})"
    old, new, delta = percent_pair(before, after)
    return f"{prefix} {old} → {new} ({delta})"


def _share_or_count(field: str) -> Any:
    return count if field == "reach" else percent


def _kpi_value(value: float | None, as_: str) -> str:
    if value is None:
        return "none"
    if as_ == "percent":
        return f"{count(value)}%"
    return f"{count(value)}{KPI_UNITS.get(as_, '')}"


def _kpi(change: Change, style: Style) -> str:
    name = _quote(style, change.name)
    head = f"{name} " if name else ""
    whose = f"for {style.code(change.persona)} " if change.persona else ""
    as_ = str(change.detail("as"))
    reason = change.detail("reason")
    because = f" ({style.text(str(reason))})" if reason else ""
    if change.kind is Kind.ADDED:
        return f"{head}{whose}now measured: {_kpi_value(change.after, as_)}{because}"
    if change.kind is Kind.REMOVED:
        return f"{head}{whose}no longer measured (was {_kpi_value(change.before, as_)})"
    before, after = change.before, change.after
    if before is None or after is None:
        moved = f"{_kpi_value(before, as_)} → {_kpi_value(after, as_)}"
        return f"{head}{whose}{moved}{because}"
    if as_ == "percent":
        old, new, delta = percent_pair(before, after, scale=1.0)
    elif as_ == "ratio":
        old, new, delta = _number_pair(before, after)
    else:
        old, new, delta = _number_pair(before, after)
        unit = KPI_UNITS.get(as_, "")
        old, new, delta = old + unit, new + unit, delta + unit
    verdict = ""
    if change.direction is not None and change.direction.known:
        verdict = f"; {style.code(str(change.detail('better')))} is better"
    return f"{head}{whose}{old} → {new} ({delta}{verdict})"


def _feedback(change: Change, style: Style) -> str:
    if change.field is None:
        return "now measured" if change.kind is Kind.ADDED else "no longer measured"
    field = change.field
    words = FEEDBACK_WORDS.get(field, field)
    name = _quote(style, change.name)
    head = f"{_segment(change, style)}{name + ': ' if name else ''}"
    if change.kind is Kind.ADDED:
        return f"{head}now has answers ({count(change.after or 0)})"
    if change.kind is Kind.REMOVED:
        return f"{head}no longer has answers (was {count(change.before or 0)})"
    if field == "suppressed":
        if change.after:
            return f"{head}now too few answers to show (withheld)"
        return f"{head}enough answers to show again"
    if field in ("positive", "negative", "neutral"):
        old, new, delta = percent_pair(change.before, change.after)
        return f"{head}{words} {old} → {new} ({delta})"
    old, new, delta = _number_pair(change.before, change.after)
    return f"{head}{words} {old} → {new} ({delta})"
