"""How a diff is worded: every change as a label (``worse``, ``resolved``...), a subject
(``emotion at step compares-pricing``) and a detail (``ops-olivia -1 → -2``), and the
summary, the header and the notes around them.

A :class:`Style` says how one format writes ids and people's text (plain for terminals and
JSON, escaped for Markdown); :mod:`cjm.diff.render` lays the words out per format.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cjm.diff import measured_words
from cjm.diff.model import Change, DiffResult, Direction, Entity, Kind, Pair, Section
from cjm.display import reveal_bidi_controls
from cjm.reporters.escape import neutralize
from cjm.wording import plural

# Longer text (descriptions, goals) is cut in text and markdown; JSON keeps it whole.
MAX_QUOTED = 60

ENTITY_WORDS = {
    Entity.MAP: "map",
    Entity.PERSONA: "persona",
    Entity.STAGE: "stage",
    Entity.STEP: "step",
    Entity.EMOTION: "step",
    Entity.PAIN_POINT: "pain point",
    Entity.KPI: "KPI",
    Entity.OPPORTUNITY: "opportunity",
    Entity.TOUCHPOINT: "touchpoint",
    Entity.TEAM: "team",
    Entity.EVIDENCE: "evidence",
    Entity.BRANCH: "branch",
    Entity.CHANNEL: "channel",
    Entity.SEVERITY: "severity",
    Entity.FILE: "file",
    Entity.MEASUREMENT: "measurements",
    Entity.FUNNEL_STEP: "funnel step",
    Entity.MEASURED_KPI: "measured KPI",
    Entity.FEEDBACK: "feedback",
}
KIND_WORDS = {
    Kind.REOWNED: "re-owned",
    Kind.REGRADED: "re-graded",
    Kind.REMEASURED: "re-measured",
    # Numbers measured under another definition: not movement.
    Kind.INCOMPARABLE: "redefined",
}
# A snapshot's changes, worded in their own module.
MEASURED = frozenset({Entity.MEASUREMENT, Entity.FUNNEL_STEP, Entity.MEASURED_KPI, Entity.FEEDBACK})
# Fields whose values are people's words: quoted (and cut) rather than shown bare.
TEXT_FIELDS = frozenset(
    {
        "title", "name", "action", "summary", "description", "customer_goal",
        "business_goal", "handoff", "quote", "segment", "contact", "link", "source",
        "label", "note", "thoughts", "actors", "goals", "frustrations", "behaviours",
        "decision_habits", "motivations", "churn_risks", "frontstage", "backstage",
        "support", "condition", "artifacts", "policies", "questions", "quotes", "role",
    }
)  # fmt: skip
FIELD_WORDS = {
    "better": "better when",
    "kpis": "KPIs to move",
    "counts_as": "counts as",
    "spans": "also covers",
}
# What a step's yes-or-why flags mark it as.
FLAG_WORDS = {"fail_point": "a fail point", "moment_of_truth": "a moment of truth"}
# Planned dates, whose moves are worth a number of days: a delivery that slips, a target
# date pushed back.
DATE_FIELDS = frozenset({"due", "target_date"})
# A KPI's numbers, worded with its unit.
NUMBER_FIELDS = ("baseline", "target", "actual")
# What a KPI whose actual value moved says when it has no `better`: no verdict, and how to
# give it one.
UNKNOWN_DIRECTION = "direction unknown: add `better: lower` or `better: higher`"


@dataclass(frozen=True)
class Style:
    """How one format writes ids and people's text."""

    code: Callable[[str], str]
    text: Callable[[str], str]


def _plain_text(text: str) -> str:
    shown = neutralize(reveal_bidi_controls(text))
    return shown.replace("\n", " ").replace("\r", " ").replace("\t", " ")


PLAIN = Style(code=_plain_text, text=_plain_text)

# Inline markdown that could format, link or inject HTML, and the table's cell separator.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def _markdown_text(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _plain_text(text))


def _markdown_code(text: str) -> str:
    text = _plain_text(text).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


MARKDOWN = Style(code=_markdown_code, text=_markdown_text)


# -- wording ---------------------------------------------------------------------------------


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _with_unit(value: Any, unit: str | None) -> str:
    if value is None:
        return "none"
    if not unit:
        return _number(value)
    return f"{_number(value)}{unit}" if unit == "%" else f"{_number(value)} {unit}"


def _days_apart(before: Any, after: Any) -> str:
    """`` (30 days later)`` between two ISO dates; nothing when either is not a date."""
    try:
        days = (datetime.date.fromisoformat(after) - datetime.date.fromisoformat(before)).days
    except (TypeError, ValueError):
        return ""
    if days == 0:
        return ""
    return f" ({plural(abs(days), 'day')} {'later' if days > 0 else 'earlier'})"


def _score(score: int) -> str:
    return f"{score:+d}" if score else "0"


def _cut(text: str, start: int = 0) -> str:
    """``text`` cut to :data:`MAX_QUOTED` characters from ``start``, with ``…`` where
    something was left out."""
    if len(text) <= MAX_QUOTED:
        return text
    if start <= 0:
        return text[: MAX_QUOTED - 1].rstrip() + "…"
    if len(text) - start <= MAX_QUOTED - 1:
        return "…" + text[start:]
    return "…" + text[start : start + MAX_QUOTED - 2].strip() + "…"


# How much of the common beginning to keep before the first difference of two texts.
_LEAD = 20


def _cut_apart(before: str, after: str) -> tuple[str, str]:
    """Two long texts cut so that the difference shows, when cutting both at the start
    would make them look the same."""
    if _cut(before) != _cut(after):
        return _cut(before), _cut(after)
    common = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
        min(len(before), len(after)),
    )
    start = before.rfind(" ", 0, max(0, common - _LEAD)) + 1  # at the start of a word
    return _cut(before, start), _cut(after, start)


class _Wording:
    def __init__(self, style: Style) -> None:
        self.style = style

    def quote(self, text: str | None) -> str:
        return f'"{self.style.text(_cut(text))}"' if text else ""

    def quote_both(self, before: str, after: str) -> tuple[str, str]:
        """Two versions of one text, quoted so that the difference shows."""
        old, new = _cut_apart(before, after)
        return f'"{self.style.text(old)}"', f'"{self.style.text(new)}"'

    def value(self, field: str | None, value: Any) -> str:
        if value is None or value == [] or value == {}:
            return "none"
        if isinstance(value, dict) and "action" in value:  # a blueprint activity
            owner = f" ({self.style.code(value['owner'])})" if value.get("owner") else ""
            return self.quote(str(value["action"])) + owner
        if isinstance(value, dict) and "id" in value and "entity" in value:
            return f"{ENTITY_WORDS[Entity(value['entity'])]} {self.style.code(value['id'])}"
        if isinstance(value, dict) and "url" in value:  # where an opportunity's work is tracked
            url = self.style.text(str(value["url"]))
            return f"{self.style.code(str(value['key']))} ({url})" if value.get("key") else url
        if isinstance(value, dict) and set(value) == {"start", "end"}:  # a period
            return f"{self.style.code(str(value['start']))} to {self.style.code(str(value['end']))}"
        if isinstance(value, list):
            return ", ".join(self.value(field, item) for item in value)
        if isinstance(value, dict):
            return "; ".join(f"{self.style.text(str(k))}: {self.value(field, v)}"
                             for k, v in value.items())  # fmt: skip
        if field == "handoff" and value is False:
            return "not needed"  # `handoff: false`: a change of owner that needs none
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, int | float):
            return _number(value)
        if field in TEXT_FIELDS:
            return self.quote(str(value))
        return self.style.code(str(value))

    def field_change(self, field: str, before: Any, after: Any) -> str:
        words = FIELD_WORDS.get(field, field.replace("_", " "))
        if field == "personas" and (not before or not after):
            # An empty list of a step's or pain point's personas means all of the map's.
            was = self.value(field, before) if before else "all"
            now = self.value(field, after) if after else "all"
            return f"{words} {was} → {now}"
        if (isinstance(before, list) or isinstance(after, list)) and not (
            isinstance(before, str | dict) or isinstance(after, str | dict)
        ):
            old, new = before or [], after or []
            added = [item for item in new if item not in old]
            removed = [item for item in old if item not in new]
            parts = []
            if added:
                parts.append("added " + self.value(field, added))
            if removed:
                parts.append("removed " + self.value(field, removed))
            return f"{words}: " + "; ".join(parts) if parts else f"{words} reordered"
        if before is None:
            return f"{words} set to {self.value(field, after)}"
        if after is None:
            return f"{words} removed (was {self.value(field, before)})"
        if field in TEXT_FIELDS and isinstance(before, str) and isinstance(after, str):
            old, new = self.quote_both(before, after)
            return f"{words} {old} → {new}"
        moved = f"{words} {self.value(field, before)} → {self.value(field, after)}"
        if field in DATE_FIELDS:
            return moved + _days_apart(before, after)
        return moved

    def owner_change(self, before: Any, after: Any) -> str:
        code = self.style.code
        if after is None:
            return f"lost its owner (was {code(before)})"
        if before is None:
            return f"got an owner: {code(after)}"
        return f"owner {code(before)} → {code(after)}"

    def ref(self, entity: Entity, entity_id: str) -> str:
        return f"{ENTITY_WORDS[entity]} {self.style.code(entity_id)}"

    def subject(self, change: Change) -> str:
        if change.entity in MEASURED:
            return measured_words.subject(change, self.style)
        if change.entity is Entity.FINDING:
            return f"{self.style.code(change.id)} {self.style.code(change.name or '')}"
        if change.entity is Entity.MAP:
            return "map"
        if change.entity is Entity.FILE:
            return "file"
        if change.entity is Entity.EMOTION:
            return f"emotion at {self.ref(Entity.STEP, change.id)}"
        return self.ref(change.entity, change.id)

    def detail(self, change: Change) -> str:
        if change.entity in MEASURED:
            return measured_words.detail(change, self.style)
        handler = getattr(self, f"_{change.entity.value.replace('-', '_')}", None)
        if handler is not None:
            found = handler(change)
            if found is not None:
                return str(found)
        return self._generic(change)

    def _generic(self, change: Change) -> str:
        if change.kind in (Kind.ADDED, Kind.REMOVED):
            return self.quote(change.name) or change.kind.value
        if change.kind is Kind.RENAMED:
            return " → ".join(self.quote_both(str(change.before), str(change.after)))
        if change.kind is Kind.REOWNED:
            return self.owner_change(change.before, change.after)
        return self.field_change(change.field or "value", change.before, change.after)

    def _format(self, change: Change) -> str | None:
        """A file's format version: migrated to a version, or the version removed."""
        if change.field != "format":
            return None
        code = self.style.code
        if change.kind is Kind.MIGRATED:
            was = code(change.before) if change.before else code("0.x")
            return f"to format {code(change.after)} (from {was})"
        return f"format removed (was {code(change.before)}): read as {code('0.x')}"

    def _file(self, change: Change) -> str | None:
        return self._format(change)

    def _map(self, change: Change) -> str | None:
        if change.field == "format":
            return self._format(change)
        if change.kind is Kind.ADDED:
            size = dict(change.details)
            parts = [
                plural(size.get("stages", 0), "stage"),
                plural(size.get("steps", 0), "step"),
                plural(size.get("open_pain_points", 0), "open pain point"),
            ]
            return f"{self.quote(change.name)}: {', '.join(parts)}"
        if change.field == "order":
            return f"stage order {self.value(None, change.before)} → " + self.value(
                None, change.after
            )
        return None

    def _persona(self, change: Change) -> str | None:
        if change.field != "personas":
            return None
        name = f"{self.quote(change.name)} " if change.name else ""
        return f"{name}{'now' if change.kind is Kind.ADDED else 'no longer'} covered by the map"

    def _stage(self, change: Change) -> str | None:
        if change.field == "order":
            return f"step order {self.value(None, change.before)} → " + self.value(
                None, change.after
            )
        return None

    def _where(self, stage: str, branch: str | None) -> str:
        if branch:
            return f"{self.ref(Entity.BRANCH, branch)} of {self.ref(Entity.STAGE, stage)}"
        return self.ref(Entity.STAGE, stage)

    def _step(self, change: Change) -> str | None:
        stage = change.parent.id if change.parent else None
        branch = change.detail("branch")
        optional = " (optional)" if change.detail("optional") else ""
        if change.kind is Kind.ADDED and stage:
            return f"{self.quote(change.name)} in {self._where(stage, branch)}{optional}"
        if change.kind is Kind.REMOVED and stage:
            return f"{self.quote(change.name)} (was in {self._where(stage, branch)})"
        if change.persona is not None:  # one persona's thoughts, questions or quotes
            field = change.field or ""
            return f"{self.style.code(change.persona)}'s " + self.field_change(
                field, change.before, change.after
            )
        if change.field == "stage":
            return (
                f"moved from {self.ref(Entity.STAGE, change.before)} to "
                f"{self.ref(Entity.STAGE, change.after)}"
            )
        if change.field == "branch":
            if change.before is None:
                return f"moved into {self.ref(Entity.BRANCH, change.after)}"
            if change.after is None:
                return f"moved to the main line (was in {self.ref(Entity.BRANCH, change.before)})"
            return (
                f"moved from {self.ref(Entity.BRANCH, change.before)} to "
                f"{self.ref(Entity.BRANCH, change.after)}"
            )
        if change.field == "optional":
            return "made optional" if change.after else "no longer optional"
        if change.field in FLAG_WORDS:
            return self._flag(FLAG_WORDS[change.field], change.before, change.after)
        return None

    def _flag(self, words: str, before: Any, after: Any) -> str:
        """A fail point or moment of truth: marked (with why), unmarked, or a new why."""
        was, now = before not in (None, False), after not in (None, False)
        why = f": {self.quote(after)}" if isinstance(after, str) else ""
        if now and not was:
            return f"marked as {words}{why}"
        if was and not now:
            return f"no longer marked as {words}"
        if isinstance(before, str) and isinstance(after, str):
            old, new = self.quote_both(before, after)
            return f"why it is {words}: {old} → {new}"
        if isinstance(after, str):
            return f"why it is {words}: {self.quote(after)}"
        return f"still {words}, without saying why (was {self.quote(str(before))})"

    def _place(self, step: Any, otherwise: str) -> str:
        return self.ref(Entity.STEP, str(step)) if step else otherwise

    def _branch(self, change: Change) -> str | None:
        stage = change.parent.id if change.parent else ""
        condition = self.quote(change.name) or "no condition"
        if change.kind is Kind.ADDED:
            start = self._place(change.detail("after"), "the start of the stage")
            facts = [f"leaves after {start}" if change.detail("after") else "starts the stage"]
            if change.detail("rejoin"):
                facts.append(f"rejoins at {self._place(change.detail('rejoin'), '')}")
            facts.append(plural(len(change.detail("steps") or []), "step"))
            return f"{condition} in {self.ref(Entity.STAGE, stage)} ({', '.join(facts)})"
        if change.kind is Kind.REMOVED:
            return f"{condition} (was in {self.ref(Entity.STAGE, stage)})"
        if change.field == "stage":
            return (
                f"moved from {self.ref(Entity.STAGE, change.before)} to "
                f"{self.ref(Entity.STAGE, change.after)}"
            )
        if change.field == "order":
            return f"step order {self.value(None, change.before)} → " + self.value(
                None, change.after
            )
        if change.field == "after":
            start = "the start of the stage"
            return (
                f"leaves after {self._place(change.before, start)} → "
                f"{self._place(change.after, start)}"
            )
        if change.field == "rejoin":
            default = "the step after the one it leaves from"
            return (
                f"rejoins at {self._place(change.before, default)} → "
                f"{self._place(change.after, default)}"
            )
        return None

    def _emotion(self, change: Change) -> str:
        whose = self.style.code(change.persona or "")
        label = change.detail("label")
        shown = f" ({self.style.text(label)})" if label else ""
        if change.kind is Kind.ADDED:
            return f"{whose} {_score(change.after)}{shown}"
        if change.kind is Kind.REMOVED:
            return f"{whose} (was {_score(change.before)}{shown})"
        if change.field == "score":
            return f"{whose} {_score(change.before)} → {_score(change.after)}{shown}"
        return f"{whose} " + self.field_change(change.field or "", change.before, change.after)

    def _covered(self, change: Change) -> str:
        """Where a pain point is: across a stage, at a step, or at the steps it spans."""
        if change.parent is not None and change.parent.entity is Entity.STAGE:
            return f"across {self.ref(Entity.STAGE, change.parent.id)} (every step)"
        covers = change.detail("covers") or []
        if len(covers) > 1:
            return "at " + self._steps(covers)
        return "at " + self.ref(Entity.STEP, change.parent.id if change.parent else "")

    def _steps(self, ids: list[str]) -> str:
        return ("steps " if len(ids) > 1 else "step ") + ", ".join(
            self.style.code(step) for step in ids
        )

    def _pain_point(self, change: Change) -> str | None:
        details = dict(change.details)
        if change.kind in (Kind.OPENED, Kind.ADDED):
            facts = [self.style.code(details["severity"])]
            owner = details.get("owner")
            facts.append(f"owner {self.style.code(owner)}" if owner else "no owner")
            if change.kind is Kind.ADDED:
                facts.insert(0, self.style.code(change.after))
            return f"{self.quote(change.name)} {self._covered(change)} ({', '.join(facts)})"
        if change.kind in (Kind.RESOLVED, Kind.MITIGATED, Kind.REOPENED):
            return f"{self.quote(change.name)} (was {self.style.code(change.before)})"
        if change.kind is Kind.REMOVED:
            return f"{self.quote(change.name)} (was {self.style.code(change.before)})"
        if change.kind is Kind.REGRADED and change.before == change.after:
            return (
                f"severity {self.style.code(change.after)} now counts as "
                f"{self.style.code(str(change.detail('counts_as')))} "
                f"(was {self.style.code(str(change.detail('counts_as_before')))})"
            )
        if change.kind is Kind.REGRADED:
            return f"severity {self.style.code(change.before)} → {self.style.code(change.after)}"
        if change.kind is Kind.WIDENED:
            added = [s for s in change.after if s not in change.before]
            return f"now also covers {self._steps(added)}"
        if change.kind is Kind.NARROWED:
            removed = [s for s in change.before if s not in change.after]
            return f"no longer covers {self._steps(removed)}"
        if change.field == "step":
            return (
                f"moved from {self.ref(Entity.STEP, change.before)} to "
                f"{self.ref(Entity.STEP, change.after)}"
            )
        if change.field == "parent":
            return (
                f"moved from {self.value(None, change.before)} to {self.value(None, change.after)}"
            )
        return None

    def _kpi(self, change: Change) -> str | None:
        details = dict(change.details)
        unit = details.get("unit")
        parent = self.ref(change.parent.entity, change.parent.id) if change.parent else ""
        if change.kind is Kind.ADDED:
            facts = [
                f"{key} {_with_unit(details.get(key), unit)}"
                for key in ("baseline", "target", "actual")
                if details.get(key) is not None
            ]
            shown = f" ({', '.join(facts)})" if facts else ""
            return f"{self.quote(change.name)} in {parent}{shown}"
        if change.kind is Kind.REMOVED:
            return f"{self.quote(change.name)} (was in {parent})"
        if change.field == "parent":
            return (
                f"moved from {self.value(None, change.before)} to {self.value(None, change.after)}"
            )
        if change.field == "better":
            return self._kpi_direction(change.before, change.after)
        against = self._against_baseline(details) if change.field == "actual" else ""
        if change.field == "baseline" and change.after is not None:
            now = self._against_baseline(details, short=True)
            if now:
                now_value = _with_unit(change.after, unit)
                if change.before is None:
                    moved = f"set to {now_value}"
                else:
                    moved = f"{_with_unit(change.before, unit)} → {now_value}"
                actual = _with_unit(details.get("actual"), unit)
                return f"baseline {moved} (the actual {actual} is {now})"
        if change.field in NUMBER_FIELDS and None in (change.before, change.after):
            if change.before is None:
                set_to = f"{change.field} set to {_with_unit(change.after, unit)}"
                return f"{set_to} ({against})" if against else set_to
            return f"{change.field} removed (was {_with_unit(change.before, unit)})"
        if change.field in NUMBER_FIELDS:
            moved = (
                f"{change.field} {_with_unit(change.before, unit)} → "
                f"{_with_unit(change.after, unit)}"
            )
            target = _with_unit(details.get("target"), unit)
            met = details.get("target_met")
            if change.direction is Direction.TOWARD_TARGET:
                moved += f" (toward the target of {target}{', now met' if met else ''})"
            elif change.direction is Direction.AWAY_FROM_TARGET:
                still = ", still met" if met else ""
                moved += f" (away from the target of {target}{still})"
            elif change.direction is Direction.UNKNOWN:
                moved += f" ({UNKNOWN_DIRECTION})"
            return f"{moved}; {against}" if against else moved
        return None

    def _against_baseline(self, details: dict[str, Any], *, short: bool = False) -> str:
        """Where the actual value stands against the baseline, judged only in the KPI's
        stated direction: ``12 days better than the baseline of 42 days`` (``short``:
        ``12 days better``)."""
        verdict, baseline = details.get("against_baseline"), details.get("baseline")
        if verdict is None or baseline is None:
            return ""
        unit = details.get("unit")
        than = "" if short else f" the baseline of {_with_unit(baseline, unit)}"
        if verdict == "same":
            return "at the baseline" if short else f"at{than}"
        gap = details.get("from_baseline") or 0
        amount = _with_unit(abs(gap), unit)
        if verdict in (Direction.BETTER.value, Direction.WORSE.value):
            return f"{amount} {verdict}" + (f" than{than}" if than else "")
        side = "above" if gap > 0 else "below"
        return f"{amount} {side}{than}, direction unknown"

    def _kpi_direction(self, before: Any, after: Any) -> str:
        """A change of ``better``: which way the KPI's verdicts are judged."""
        code = self.style.code
        if before is None:
            return f"direction set: {code(after)} is better (it was unknown)"
        if after is None:
            return f"direction removed (was: {code(before)} is better): now unknown"
        return f"direction {code(before)} is better → {code(after)} is better"

    def _opportunity(self, change: Change) -> str | None:
        code = self.style.code
        if change.kind is Kind.ADDED:
            details = dict(change.details)
            facts = [code(change.after)]
            facts.extend(
                f"{key} {code(details[key])}"
                for key in ("owner", "impact", "effort", "due", "release")
                if details.get(key)
            )
            return f"{self.quote(change.name)} ({', '.join(facts)})"
        if change.kind in (Kind.COMPLETED, Kind.DROPPED, Kind.REMOVED):
            return f"{self.quote(change.name)} (was {code(change.before)})"
        return None

    def _evidence(self, change: Change) -> str | None:
        """A new kind or confidence that changes how much the evidence counts."""
        if change.detail("strength") is None:
            return None
        counts = (
            f"counts {_number(change.detail('strength_before'))} → "
            f"{_number(change.detail('strength'))} in evidence coverage"
        )
        return self._generic(change) + f" ({counts})"

    def _channel(self, change: Change) -> str | None:
        if change.kind not in (Kind.ADDED, Kind.REMOVED):
            return None
        name = f"{self.quote(change.name)} " if change.name else ""
        was = "was " if change.kind is Kind.REMOVED else ""
        return f"{name}({was}{self.style.code(str(change.detail('mode')))})"

    def _severity(self, change: Change) -> str | None:
        counts_as = self.style.code(str(change.detail("counts_as")))
        if change.kind is Kind.ADDED:
            return f"counts as {counts_as}"
        if change.kind is Kind.REMOVED:
            return f"(counted as {counts_as})"
        return None

    def _finding(self, change: Change) -> str:
        message = change.after if change.kind is Kind.INTRODUCED else change.before
        return f"{change.detail('severity')}: {self.style.text(str(message))}"


def label(change: Change) -> str:
    """The one-word verdict of a change: ``worse``, ``resolved``, ``re-owned``...; a KPI
    whose direction is unknown is only ``changed``."""
    if change.kind is Kind.CHANGED and change.direction is not None and change.direction.known:
        return "better" if change.direction.good else "worse"
    return KIND_WORDS.get(change.kind, change.kind.value)


def describe(change: Change, style: Style = PLAIN) -> tuple[str, str]:
    """The subject and detail of ``change`` in ``style``."""
    wording = _Wording(style)
    return wording.subject(change), wording.detail(change)


def summary_head(result: DiffResult) -> str:
    """``2 maps changed``, ``1 map and 1 shared file changed``, or ``No changes``."""
    maps, files = result.maps_changed, result.shared_files_changed
    parts = []
    if maps:
        parts.append(plural(maps, "map"))
    if files:
        parts.append(plural(files, "shared file"))
    if not parts:
        return "No changes"
    return " and ".join(parts) + " changed"


def summary_text(result: DiffResult) -> str:
    head = summary_head(result)
    tallies = ", ".join(tally.phrase for tally in result.tallies())
    return f"{head}: {tallies}" if tallies else head


def pair_lines(pair: Pair | None, style: Style) -> list[str]:
    """What two map files with different ids are compared as; nothing for two versions of
    one map, which the section title names."""
    if pair is None or pair.same_map:
        return []
    code = style.code
    path = style.text if style is PLAIN else style.code
    return [
        f"Comparing map {code(pair.old_id)} ({path(pair.old_path)}) "
        f"with map {code(pair.new_id)} ({path(pair.new_path)}),",
        "as two versions of one journey: stages, steps, pain points, KPIs and "
        "opportunities are matched by id.",
    ]


def outside_workspace_note(result: DiffResult, style: Style) -> str:
    """Why unknown references may be about shared definitions, when a side had none."""
    paths = list(dict.fromkeys(result.outside_workspace))
    if not paths:
        return ""
    path = style.text if style is PLAIN else style.code
    names = " and ".join(path(p) for p in paths)
    verb = "belongs" if len(paths) == 1 else "belong"
    their = "its" if len(paths) == 1 else "their"
    return (
        f"{names} {verb} to no workspace (no cjm.yaml in {their} folder or above): ids "
        "defined in a workspace's shared files are unknown there, and the unknown "
        "references below may be about those."
    )


def section_title(section: Section, style: Style) -> str:
    was = f", was {style.text(section.old_path or '')}" if moved(section) else ""
    path = style.text(section.path) if style is PLAIN else style.code(section.path)
    if section.map_id is None:
        return f"Shared definitions in {path}"
    title = f" {style.text(section.title)}" if section.title else ""
    if style is PLAIN:
        return f"Map {section.map_id}:{title} ({path}{was})"
    return f"Map {style.code(section.map_id)}:{title} ({path}{was})"


def moved(section: Section) -> bool:
    return section.old_path is not None and section.old_path != section.path
