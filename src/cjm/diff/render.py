"""Diff reports: text for terminals, markdown for pull-request comments, JSON for tools.

Every change is worded once, as a label (``worse``, ``resolved``...), a subject
(``emotion at step compares-pricing``) and a detail (``ops-olivia -1 → -2``); the formats
differ only in layout and escaping.

The JSON report (``"format": 1``) is::

    {
      "tool": {"name": "cjm", "version": "..."},
      "format": 1,
      "old": "HEAD", "new": "working tree",
      "summary": {"text": "...", "maps_changed": 1, "shared_files_changed": 0,
                  "changes": 12, "counts": {"steps_worse": 2, ...}},
      "sections": [
        {"map": "trial-to-paid" | null, "title": "..." | null, "path": "...",
         "old_path": "..." | null,
         "changes": [
           {"kind": "changed", "entity": "emotion", "id": "compares-pricing",
            "name": "Compares plans", "field": "score", "before": -1, "after": -2,
            "direction": "worse", "persona": "ops-olivia",
            "parent": null | {"entity": "stage", "id": "awareness"},
            "details": {"label": "lost"}, "label": "worse",
            "text": "emotion at step compares-pricing: ops-olivia -1 → -2 (lost)"}]}]
    }

``before`` and ``after`` are the values on each side (``null`` where there is none): a
score, a status, a severity, a number, a text or a list. ``name`` is the entity's visible
text (for a finding: the rule name, and ``id`` is the rule code). ``persona`` is set for
emotions, whose ``id`` is the step's. ``details`` holds extra facts: a KPI's ``unit``,
``target``, ``better`` and ``target_met``; a pain point's ``severity`` and ``owner``; a
finding's ``severity``; an added map's ``stages``, ``steps`` and ``open_pain_points``.
``label`` and ``text`` are the words the text report uses.

``kind``, ``entity`` and ``direction`` take the values of :class:`~cjm.diff.model.Kind`,
:class:`~cjm.diff.model.Entity` and :class:`~cjm.diff.model.Direction`; ``map`` is null for
a shared definitions file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text

from cjm import __version__
from cjm.diff.model import Change, DiffResult, Direction, Entity, Kind, Section
from cjm.reporters.base import neutralize

JSON_FORMAT_VERSION = 1
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
}
KIND_WORDS = {
    Kind.REOWNED: "re-owned",
    Kind.REGRADED: "re-graded",
}
# Fields whose values are people's words: quoted (and cut) rather than shown bare.
TEXT_FIELDS = frozenset(
    {
        "title", "name", "action", "summary", "description", "customer_goal",
        "business_goal", "handoff", "quote", "segment", "contact", "link", "source",
        "label", "note", "thoughts", "actors", "goals", "frustrations", "behaviours",
        "decision_habits", "motivations", "churn_risks", "frontstage", "backstage",
        "support",
    }
)  # fmt: skip
FIELD_WORDS = {"better": "better when"}


@dataclass(frozen=True)
class Style:
    """How one format writes ids and people's text."""

    code: Callable[[str], str]
    text: Callable[[str], str]


def _plain_text(text: str) -> str:
    return neutralize(text).replace("\n", " ").replace("\r", " ").replace("\t", " ")


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


def _score(score: int) -> str:
    return f"{score:+d}" if score else "0"


def _cut(text: str) -> str:
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1].rstrip() + "…"


class _Wording:
    def __init__(self, style: Style) -> None:
        self.style = style

    def quote(self, text: str | None) -> str:
        return f'"{self.style.text(_cut(text))}"' if text else ""

    def value(self, field: str | None, value: Any) -> str:
        if value is None or value == [] or value == {}:
            return "none"
        if isinstance(value, dict) and "action" in value:  # a blueprint activity
            owner = f" ({self.style.code(value['owner'])})" if value.get("owner") else ""
            return self.quote(str(value["action"])) + owner
        if isinstance(value, dict) and "id" in value and "entity" in value:
            return f"{ENTITY_WORDS[Entity(value['entity'])]} {self.style.code(value['id'])}"
        if isinstance(value, list):
            return ", ".join(self.value(field, item) for item in value)
        if isinstance(value, dict):
            return "; ".join(f"{self.style.text(str(k))}: {self.value(field, v)}"
                             for k, v in value.items())  # fmt: skip
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
        return f"{words} {self.value(field, before)} → {self.value(field, after)}"

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
        if change.entity is Entity.FINDING:
            return f"{self.style.code(change.id)} {self.style.code(change.name or '')}"
        if change.entity is Entity.MAP:
            return "map"
        if change.entity is Entity.EMOTION:
            return f"emotion at {self.ref(Entity.STEP, change.id)}"
        return self.ref(change.entity, change.id)

    def detail(self, change: Change) -> str:
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
            return f"{self.quote(change.before)} → {self.quote(change.after)}"
        if change.kind is Kind.REOWNED:
            return self.owner_change(change.before, change.after)
        return self.field_change(change.field or "value", change.before, change.after)

    def _map(self, change: Change) -> str | None:
        if change.kind is Kind.ADDED:
            size = dict(change.details)
            parts = [
                _count(size.get("stages", 0), "stage"),
                _count(size.get("steps", 0), "step"),
                _count(size.get("open_pain_points", 0), "open pain point"),
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

    def _step(self, change: Change) -> str | None:
        stage = change.parent.id if change.parent else None
        if change.kind is Kind.ADDED and stage:
            return f"{self.quote(change.name)} in {self.ref(Entity.STAGE, stage)}"
        if change.kind is Kind.REMOVED and stage:
            return f"{self.quote(change.name)} (was in {self.ref(Entity.STAGE, stage)})"
        if change.field == "stage":
            return (
                f"moved from {self.ref(Entity.STAGE, change.before)} to "
                f"{self.ref(Entity.STAGE, change.after)}"
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

    def _pain_point(self, change: Change) -> str | None:
        step = change.parent.id if change.parent else ""
        details = dict(change.details)
        if change.kind in (Kind.OPENED, Kind.ADDED):
            facts = [self.style.code(details["severity"])]
            owner = details.get("owner")
            facts.append(f"owner {self.style.code(owner)}" if owner else "no owner")
            if change.kind is Kind.ADDED:
                facts.insert(0, self.style.code(change.after))
            where = self.ref(Entity.STEP, step)
            return f"{self.quote(change.name)} at {where} ({', '.join(facts)})"
        if change.kind in (Kind.RESOLVED, Kind.MITIGATED, Kind.REOPENED):
            return f"{self.quote(change.name)} (was {self.style.code(change.before)})"
        if change.kind is Kind.REMOVED:
            return f"{self.quote(change.name)} (was {self.style.code(change.before)})"
        if change.kind is Kind.REGRADED:
            return f"severity {self.style.code(change.before)} → {self.style.code(change.after)}"
        if change.field == "step":
            return (
                f"moved from {self.ref(Entity.STEP, change.before)} to "
                f"{self.ref(Entity.STEP, change.after)}"
            )
        return None

    def _kpi(self, change: Change) -> str | None:
        details = dict(change.details)
        unit = details.get("unit")
        parent = self.ref(change.parent.entity, change.parent.id) if change.parent else ""
        if change.kind is Kind.ADDED:
            facts = [
                f"{key} {_with_unit(details.get(key), unit)}"
                for key in ("target", "actual")
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
        if change.field in ("target", "actual") and None in (change.before, change.after):
            if change.before is None:
                return f"{change.field} set to {_with_unit(change.after, unit)}"
            return f"{change.field} removed (was {_with_unit(change.before, unit)})"
        if change.field in ("target", "actual"):
            moved = (
                f"{change.field} {_with_unit(change.before, unit)} → "
                f"{_with_unit(change.after, unit)}"
            )
            target = _with_unit(details.get("target"), unit)
            met = details.get("target_met")
            if change.direction is Direction.TOWARD_TARGET:
                return f"{moved} (toward the target of {target}{', now met' if met else ''})"
            if change.direction is Direction.AWAY_FROM_TARGET:
                still = ", still met" if met else ""
                return f"{moved} (away from the target of {target}{still})"
            return moved
        return None

    def _opportunity(self, change: Change) -> str | None:
        code = self.style.code
        if change.kind is Kind.ADDED:
            details = dict(change.details)
            facts = [code(change.after)]
            facts.extend(
                f"{key} {code(details[key])}"
                for key in ("owner", "impact", "effort")
                if details.get(key)
            )
            return f"{self.quote(change.name)} ({', '.join(facts)})"
        if change.kind in (Kind.COMPLETED, Kind.DROPPED, Kind.REMOVED):
            return f"{self.quote(change.name)} (was {code(change.before)})"
        return None

    def _finding(self, change: Change) -> str:
        message = change.after if change.kind is Kind.INTRODUCED else change.before
        return f"{change.detail('severity')}: {self.style.text(str(message))}"


def _count(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def label(change: Change) -> str:
    """The one-word verdict of a change: ``worse``, ``resolved``, ``re-owned``..."""
    if change.kind is Kind.CHANGED and change.direction is not None:
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
        parts.append(_count(maps, "map"))
    if files:
        parts.append(_count(files, "shared file"))
    if not parts:
        return "No changes"
    return " and ".join(parts) + " changed"


def summary_text(result: DiffResult) -> str:
    head = summary_head(result)
    tallies = ", ".join(tally.phrase for tally in result.tallies())
    return f"{head}: {tallies}" if tallies else head


def _section_title(section: Section, style: Style) -> str:
    moved = f", was {style.text(section.old_path or '')}" if _moved(section) else ""
    path = style.text(section.path) if style is PLAIN else style.code(section.path)
    if section.map_id is None:
        return f"Shared definitions in {path}"
    title = f" {style.text(section.title)}" if section.title else ""
    if style is PLAIN:
        return f"Map {section.map_id}:{title} ({path}{moved})"
    return f"Map {style.code(section.map_id)}:{title} ({path}{moved})"


def _moved(section: Section) -> bool:
    return section.old_path is not None and section.old_path != section.path


# -- text ------------------------------------------------------------------------------------

LABEL_WIDTH = 12
_GOOD = frozenset({"better", "resolved", "mitigated", "completed", "fixed"})
_BAD = frozenset({"worse", "reopened", "introduced"})


def _label_style(change: Change, word: str) -> str:
    if change.direction is not None:
        return "green" if change.direction.good else "red"
    if word in _GOOD:
        return "green"
    if word in _BAD:
        return "red"
    return ""


def render_text(result: DiffResult) -> Text:
    out = Text()
    for section in result.sections:
        out.append(_section_title(section, PLAIN) + "\n", style="bold")
        for change in section.changes:
            word = label(change)
            subject, detail = describe(change)
            out.append("  ")
            out.append(word.ljust(LABEL_WIDTH), style=_label_style(change, word))
            out.append(f"{subject}: {detail}\n")
        out.append("\n")
    out.append(summary_text(result) + ".\n", style="bold")
    return out


# -- markdown --------------------------------------------------------------------------------


def _arrow(change: Change) -> str:
    if change.direction is None:
        return ""
    return "▲ " if change.direction.good else "▼ "


def render_markdown(result: DiffResult) -> str:
    head = summary_head(result)
    tallies = ", ".join(tally.phrase for tally in result.tallies())
    lines = [f"**{head}**: {tallies}" if tallies else f"**{head}**"]
    for section in result.sections:
        lines += ["", f"#### {_section_title(section, MARKDOWN)}", ""]
        lines += ["| Change | What | Details |", "|---|---|---|"]
        for change in section.changes:
            subject, detail = describe(change, MARKDOWN)
            lines.append(f"| {_arrow(change)}{label(change)} | {subject} | {detail} |")
    return "\n".join(lines) + "\n"


# -- json ------------------------------------------------------------------------------------


def change_to_dict(change: Change) -> dict[str, Any]:
    subject, detail = describe(change)
    return {
        "kind": change.kind.value,
        "entity": change.entity.value,
        "id": change.id,
        "name": change.name,
        "field": change.field,
        "before": change.before,
        "after": change.after,
        "direction": change.direction.value if change.direction else None,
        "persona": change.persona,
        "parent": (
            {"entity": change.parent.entity.value, "id": change.parent.id}
            if change.parent
            else None
        ),
        "details": dict(change.details),
        "label": label(change),
        "text": f"{subject}: {detail}",
    }


def render_json(result: DiffResult) -> str:
    document = {
        "tool": {"name": "cjm", "version": __version__},
        "format": JSON_FORMAT_VERSION,
        "old": result.old_label,
        "new": result.new_label,
        "summary": {
            "text": summary_text(result),
            "maps_changed": result.maps_changed,
            "shared_files_changed": result.shared_files_changed,
            "changes": len(result.changes),
            "counts": {tally.key: tally.count for tally in result.tallies()},
        },
        "sections": [
            {
                "map": section.map_id,
                "title": section.title,
                "path": section.path,
                "old_path": section.old_path if _moved(section) else None,
                "changes": [change_to_dict(change) for change in section.changes],
            }
            for section in result.sections
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[DiffResult], Text | str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
