"""Diff reports: text for terminals, markdown for pull-request comments, JSON for tools.

Every change is worded once (:mod:`cjm.diff.words`); the formats differ only in layout
and escaping.

The JSON report (``"format": 1``) is::

    {
      "tool": {"name": "cjm", "version": "..."},
      "format": 1,
      "old": "HEAD", "new": "working tree",
      "compared": null | {"old": {"map": "trial", "path": "maps/trial.yaml"},
                          "new": {"map": "trial-next", "path": "maps/trial-next.yaml"},
                          "text": "Comparing map trial ..." | null},
      "notes": ["..."],
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

``compared`` is set when two map files were compared as two versions of one journey: the
map and file on each side, and (when their ids differ) the sentence the text report opens
with. ``notes`` holds what the reader needs to weigh the report, such as a side that belongs
to no workspace, so that its references to shared definitions are unknown.

``before`` and ``after`` are the values on each side (``null`` where there is none): a
score, a status, a severity, a number, a text or a list. ``name`` is the entity's visible
text (for a finding: the rule name, and ``id`` is the rule code; for a branch: its
condition). ``persona`` is set for emotions, whose ``id`` is the step's, and for a step's
per-persona ``thoughts``, ``questions`` and ``quotes`` (``by_persona``), whose ``field`` is
the list that changed. ``details`` holds extra facts: a KPI's ``baseline``, ``target``,
``actual``, ``unit``, ``better`` (``"higher"``, ``"lower"``, or ``"unknown"`` when the KPI
does not say), ``target_met`` (``null`` when it cannot be judged: no target, no actual
value, or an unknown direction), ``from_baseline`` (actual minus baseline) and
``against_baseline`` (``"better"``, ``"worse"``, ``"same"``, ``"unknown"`` without a direction,
``null`` without a baseline or an actual value); a pain point's ``severity``, ``owner`` and
``covers`` (the ids of the steps it covers) when it is added or removed, and
``counts_as_before`` and ``counts_as`` when ``cjm.yaml`` ranks its severity otherwise; an
added or removed step's ``branch`` (``null`` on the main line) and ``optional``; an added
or removed branch's ``after``, ``rejoin`` and ``steps``; an added opportunity's ``owner``,
``impact``, ``effort``, ``due`` and ``release``; an evidence entry's ``strength_before`` and
``strength`` when its kind or confidence changes how much it counts; a workspace
channel's ``mode`` and a workspace severity's ``counts_as``; a finding's ``severity``; an
added map's ``stages``, ``steps`` (branch steps included) and ``open_pain_points``.
``label`` and ``text`` are the words the text report uses.

A file that now says its format version is a change of kind ``"migrated"``, field
``"format"``, ``before`` ``null`` (the 0.x format) and ``after`` ``"1.0"``: of entity
``"map"`` in a map's section, ``"file"`` in a definitions file's or ``cjm.yaml``'s (the
``format-outdated`` finding it fixes is left out). A pain point whose ``spans`` grew is
``"widened"``, one whose ``spans`` shrank ``"narrowed"`` (``before`` and ``after`` are the
lists). Keys starting with ``x-`` are never compared. Later versions of cjm may add kinds,
entities, fields and details; a tool should ignore those it does not know.

A map's snapshot (``measurements/<map-id>.yaml``) that changed gives changes of four
entities, in the map's section after its own changes. ``"measurement"`` (``id``: the map):
``"added"`` or ``"removed"`` (``name``: the snapshot's file; details ``measured_on``,
``period``, ``period_written``, ``engine``, ``steps``); ``"remeasured"`` (field
``measured_on``, details ``no_change``: true when nothing but the date, the engine's version
and a rolling period's dates changed); ``"changed"`` with ``field`` one of ``period``,
``period_written``, ``window``, ``unit``, ``order``, ``anonymous``, ``timezone``,
``source``, ``engine``, ``dialect``, ``engine_version``, ``binding_hash``, ``feedback``,
``feedback_period`` (details ``comparable``: whether the numbers still compare), or
``data.events``, ``data.units``, ``data.events_without_unit`` (details ``delta``), or
``matches``; ``"incomparable"`` (``after``: the fields that changed the definition: no
movement is reported then); ``"added"``/``"removed"`` with field ``segment`` and ``persona``
for a persona measured or no longer measured. ``"funnel-step"`` (``id``: the step,
``name``: its action, ``persona``: null for everyone): ``"changed"`` with ``field``
``reach``, ``conversion``, ``drop_off``, ``time_to_next.median`` or ``time_to_next.p90``
(rates as fractions, times in seconds; details ``delta``, and ``next``/``next_name``, the
next funnel step, for all but ``reach``; ``side`` for a step beside the funnel), or field
``line`` (``"line"`` or ``"side"``), or ``"added"``/``"removed"`` from the funnel.
``"measured-kpi"`` (``id``: the KPI, ``name``: its name in the map, field ``value``):
details ``as``, ``better`` (``"unknown"`` when the KPI does not say, and then
``direction`` is ``"unknown"``), ``reason`` and ``delta``. ``"feedback"`` (``id``: the step,
or ``"*"`` for ``unplaced`` and ``unreadable``): field ``positive``, ``negative`` or
``neutral`` (shares as fractions; details ``delta``, ``count_before``, ``count``),
``responses``, ``from_text`` or ``suppressed``. Values are as the snapshot holds them:
nothing is rounded.

``kind``, ``entity`` and ``direction`` take the values of :class:`~cjm.diff.model.Kind`,
:class:`~cjm.diff.model.Entity` and :class:`~cjm.diff.model.Direction`; a KPI whose actual
value moved has the ``direction`` ``"unknown"`` when it does not say which way is better
(never a guess). ``map`` is null for a shared definitions file. Bidirectional control
characters in user text are written as ``\\u202e`` escapes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich.text import Text

from cjm import __version__
from cjm.diff.model import Change, DiffResult, Direction, Pair
from cjm.diff.words import (
    MARKDOWN,
    PLAIN,
    describe,
    label,
    moved,
    outside_workspace_note,
    pair_lines,
    section_title,
    summary_head,
    summary_text,
)
from cjm.display import BIDI_CONTROLS

JSON_FORMAT_VERSION = 1


# -- text ------------------------------------------------------------------------------------

LABEL_WIDTH = 12
_GOOD = frozenset({"better", "resolved", "mitigated", "completed", "fixed"})
_BAD = frozenset({"worse", "reopened", "introduced"})


def _label_style(change: Change, word: str) -> str:
    if change.direction is Direction.UNKNOWN:
        return "yellow"
    if change.direction is not None:
        return "green" if change.direction.good else "red"
    if word in _GOOD:
        return "green"
    if word in _BAD:
        return "red"
    return ""


def render_text(result: DiffResult) -> Text:
    out = Text()
    header = pair_lines(result.pair, PLAIN)
    if header:
        out.append("\n".join(header) + "\n\n")
    note = outside_workspace_note(result, PLAIN)
    if note:
        out.append("note: ", style="bold")
        out.append(note + "\n\n")
    for section in result.sections:
        out.append(section_title(section, PLAIN) + "\n", style="bold")
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
    if change.direction is None or not change.direction.known:
        return ""
    return "▲ " if change.direction.good else "▼ "


def render_markdown(result: DiffResult) -> str:
    head = summary_head(result)
    tallies = ", ".join(tally.phrase for tally in result.tallies())
    header = pair_lines(result.pair, MARKDOWN)
    lines = [*header, ""] if header else []
    note = outside_workspace_note(result, MARKDOWN)
    if note:
        lines += [f"> **Note:** {note}", ""]
    lines.append(f"**{head}**: {tallies}" if tallies else f"**{head}**")
    for section in result.sections:
        lines += ["", f"#### {section_title(section, MARKDOWN)}", ""]
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


def _pair_to_dict(pair: Pair | None) -> dict[str, Any] | None:
    if pair is None:
        return None
    return {
        "old": {"map": pair.old_id, "path": pair.old_path},
        "new": {"map": pair.new_id, "path": pair.new_path},
        "text": " ".join(pair_lines(pair, PLAIN)) or None,
    }


def _escape_bidi_controls(text: str) -> str:
    """JSON text with bidirectional controls written as ``\\u202e`` escapes: the same
    data, which cannot reorder what a terminal or a log viewer shows."""
    return BIDI_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def render_json(result: DiffResult) -> str:
    document = {
        "tool": {"name": "cjm", "version": __version__},
        "format": JSON_FORMAT_VERSION,
        "old": result.old_label,
        "new": result.new_label,
        "compared": _pair_to_dict(result.pair),
        "notes": [note] if (note := outside_workspace_note(result, PLAIN)) else [],
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
                "old_path": section.old_path if moved(section) else None,
                "changes": [change_to_dict(change) for change in section.changes],
            }
            for section in result.sections
        ],
    }
    return _escape_bidi_controls(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


RENDERERS: dict[str, Callable[[DiffResult], Text | str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
