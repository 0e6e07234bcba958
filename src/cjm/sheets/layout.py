"""What each sheet of the workbook holds, and the text of every cell.

The **Journey** sheet is the workshop's grid. Stages and steps run across: row 1 holds
the stage names (merged over their steps), row 2 the step ids, row 3 what the customer
does (the step's ``action``). Lanes run down from row 4, their names in column A:

======================  ============================================  ===========
Lane                    Cell                                          Editable
======================  ============================================  ===========
Description             the step's description                       yes
Touchpoints             touchpoint ids, one a line                    yes
Thoughts, Questions,    one item a line                               yes
Quotes, Actors
Emotion (everyone)      a label of the scale (``negative (-1)``)      yes
Emotion: <persona>      the same, for one persona                    yes
Pain points             ``id: summary`` of the step's pain points     no
Opportunities           ids of the opportunities that address them   no
KPIs                    ``id: name`` of the step's KPIs               no
Frontstage, Backstage,  one activity a line                           yes
Support
Artifacts, Policies     one item a line                               yes
Owner                   a team id                                     yes
Duration, Wait          ``10 min``, ``3 days``                        yes
======================  ============================================  ===========

The tables (Pain points, Opportunities, KPIs, Personas) have one row per item, keyed by
its id in column A. Every value is rendered from the map's plain data by :func:`render`;
the import renders the old data the same way and carries over only the cells that differ.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from cjm.export.cells import Value, cell_text, number

# The emotion scale: each score's word, as the workbook writes it.
SCALE_WORDS = {2: "very positive", 1: "positive", 0: "neutral", -1: "negative", -2: "very negative"}

# Kinds of field: how a value is written into a cell and read back.
TEXT = "text"  # one text
LINES = "lines"  # a list of texts, one a line
ACTIVITIES = "activities"  # a list of activities (text or {action, owner}), one a line
REFS = "refs"  # a list of ids, one a line
REF = "ref"  # one id
CHOICE = "choice"  # one word of a fixed list
EMOTION = "emotion"  # a label of the emotion scale
NUMBER = "number"
DATE = "date"  # YYYY-MM-DD
READ_ONLY = "read-only"  # shown for reference; edits are not carried back

JOURNEY = "Journey"
HEADER_ROWS = 3  # stage names, step ids, step actions
STAGE_ROW, ID_ROW, ACTION_ROW = 1, 2, 3
LANE_COLUMN = 1  # the lane names; steps start in column B
PERSONA_EMOTION = "Emotion: "


def emotion_label(score: int) -> str:
    """A score as the workbook writes it: ``negative (-1)``, ``neutral (0)``."""
    sign = "+" if score > 0 else ""
    return f"{SCALE_WORDS[score]} ({sign}{score})"


EMOTION_LABELS = [emotion_label(score) for score in sorted(SCALE_WORDS, reverse=True)]


@dataclass(frozen=True)
class Context:
    """What the map can refer to, from its workspace: the lists a cell may take from."""

    personas: list[tuple[str, str]]  # id and name of each persona of the map, in order
    touchpoints: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)
    severities: list[str] = field(default_factory=lambda: ["low", "medium", "high", "critical"])

    def choices(self, name: str, data: Any) -> list[str]:
        """The values of the list ``name`` (a field's ``choices``) for the map ``data``."""
        fixed = FIXED_CHOICES.get(name)
        if fixed is not None:
            return fixed
        if name == "emotions":
            return EMOTION_LABELS
        if name == "severities":
            return self.severities
        if name == "teams":
            return self.teams
        if name == "touchpoints":
            return self.touchpoints
        if name == "personas":
            return [persona_id for persona_id, _ in self.personas]
        if name == "stages":
            return [str(stage.get("id")) for stage in stages(data)]
        if name == "places":
            return [
                *(str(step.get("id")) for _, step in all_steps(data)),
                *(str(stage.get("id")) for stage in stages(data)),
            ]
        if name == "pain-points":
            return [str(pain.get("id")) for _, pain in located(data, "pain_points")]
        if name == "kpis":
            return [str(kpi.get("id")) for _, kpi in located(data, "kpis")]
        raise KeyError(name)


FIXED_CHOICES = {
    "pain-statuses": ["open", "mitigated", "resolved"],
    "opportunity-statuses": ["idea", "planned", "in-progress", "done", "dropped"],
    "levels": ["low", "medium", "high"],
    "directions": ["higher", "lower"],
}


@dataclass(frozen=True)
class Field:
    """A lane of the journey grid or a column of a table."""

    title: str
    key: str  # the key in the map's data
    kind: str
    choices: str | None = None  # the list a cell takes its value from (see Context.choices)
    width: int = 14  # characters
    persona: str | None = None  # the persona of an emotion lane

    @property
    def editable(self) -> bool:
        return self.kind != READ_ONLY


def journey_lanes(context: Context) -> list[Field]:
    """The lanes of the Journey sheet, top to bottom."""
    personas = [
        Field(
            cell_text(f"{PERSONA_EMOTION}{' '.join(name.split())} ({pid})").value,
            "emotions",
            EMOTION,
            "emotions",
            persona=pid,
        )
        for pid, name in context.personas
    ]
    return [
        Field("Description", "description", TEXT),
        Field("Touchpoints", "touchpoints", REFS, "touchpoints"),
        Field("Thoughts", "thoughts", LINES),
        Field("Questions", "questions", LINES),
        Field("Quotes", "quotes", LINES),
        Field("Emotion (every persona)", "emotion", EMOTION, "emotions"),
        *personas,
        Field("Pain points", "pain_points", READ_ONLY),
        Field("Opportunities", "opportunities", READ_ONLY),
        Field("KPIs", "kpis", READ_ONLY),
        Field("Frontstage", "frontstage", ACTIVITIES),
        Field("Backstage", "backstage", ACTIVITIES),
        Field("Support", "support", ACTIVITIES),
        Field("Artifacts", "artifacts", LINES),
        Field("Policies", "policies", LINES),
        Field("Actors", "actors", LINES),
        Field("Owner", "owner", REF, "teams"),
        Field("Duration", "duration", TEXT),
        Field("Wait", "wait", TEXT),
    ]


@dataclass(frozen=True)
class TableSpec:
    """A sheet of one row per item (and its CSV file)."""

    name: str
    file: str
    collection: str  # "pain_points" and "kpis" live in stages and steps; the others on top
    fields: list[Field]
    made_from: str  # the field a new row's id is made from

    @property
    def nested(self) -> bool:
        return self.collection in ("pain_points", "kpis")


ID = Field("Id", "id", REF, width=22)
AT = Field("At (step or stage)", "@at", REF, "places", width=22)

TABLES = [
    TableSpec(
        "Pain points",
        "pain-points.csv",
        "pain_points",
        [
            ID,
            AT,
            Field("Summary", "summary", TEXT, width=40),
            Field("Severity", "severity", CHOICE, "severities", width=10),
            Field("Status", "status", CHOICE, "pain-statuses", width=10),
            Field("Owner", "owner", REF, "teams"),
            Field("Personas", "personas", REFS, "personas"),
            Field("Description", "description", TEXT, width=50),
        ],
        "summary",
    ),
    TableSpec(
        "Opportunities",
        "opportunities.csv",
        "opportunities",
        [
            ID,
            Field("Summary", "summary", TEXT, width=40),
            Field("Addresses", "addresses", REFS, "pain-points", width=22),
            Field("Stage", "stage", REF, "stages"),
            Field("Owner", "owner", REF, "teams"),
            Field("Impact", "impact", CHOICE, "levels", width=9),
            Field("Effort", "effort", CHOICE, "levels", width=9),
            Field("Status", "status", CHOICE, "opportunity-statuses", width=11),
            Field("Due", "due", DATE, width=11),
            Field("Release", "release", TEXT, width=10),
            Field("Description", "description", TEXT, width=50),
        ],
        "summary",
    ),
    TableSpec(
        "KPIs",
        "kpis.csv",
        "kpis",
        [
            ID,
            AT,
            Field("Name", "name", TEXT, width=32),
            Field("Baseline", "baseline", NUMBER, width=10),
            Field("Target", "target", NUMBER, width=10),
            Field("Actual", "actual", NUMBER, width=10),
            Field("Unit", "unit", TEXT, width=8),
            Field("Better", "better", CHOICE, "directions", width=8),
            Field("Source", "source", TEXT, width=36),
        ],
        "name",
    ),
    TableSpec(
        "Personas",
        "personas.csv",
        "personas",
        [
            ID,
            Field("Name", "name", TEXT, width=20),
            Field("Role", "role", TEXT, width=24),
            Field("Segment", "segment", TEXT, width=16),
            Field("Description", "description", TEXT, width=44),
            Field("Quote", "quote", TEXT, width=36),
            Field("Goals", "goals", LINES, width=36),
            Field("Frustrations", "frustrations", LINES, width=36),
            Field("Defined in", "@defined", READ_ONLY, width=16),
        ],
        "name",
    ),
]
TABLES_BY_NAME = {table.name: table for table in TABLES}
CSV_TABLES = [table for table in TABLES if table.name != "Personas"]
SHARED_PERSONA = "shared definitions"
INLINE_PERSONA = "this map"


# -- the map's plain data ------------------------------------------------------------------


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _list(value) if isinstance(item, dict)]


def stages(data: Any) -> list[dict[str, Any]]:
    return _dicts(data.get("stages")) if isinstance(data, dict) else []


def stage_steps(stage: dict[str, Any]) -> list[dict[str, Any]]:
    """The steps of a stage in reading order: each branch's steps right after the
    main-line step it leaves from (those that start the stage, first)."""
    main = _dicts(stage.get("steps"))
    main_ids = {step.get("id") for step in main}
    leaving: dict[Any, list[dict[str, Any]]] = {}
    for branch in _dicts(stage.get("branches")):
        after = branch.get("after") if branch.get("after") in main_ids else None
        leaving.setdefault(after, []).extend(_dicts(branch.get("steps")))
    ordered = list(leaving.get(None, []))
    for step in main:
        ordered.append(step)
        ordered.extend(leaving.get(step.get("id"), []))
    return ordered


def all_steps(data: Any) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every step with its stage, in journey order."""
    return [(stage, step) for stage in stages(data) for step in stage_steps(stage)]


def located(data: Any, collection: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every item of ``collection`` with the stage or step that holds it: a top-level
    collection's items are held by the map itself."""
    if collection not in ("pain_points", "kpis"):
        holder = data if isinstance(data, dict) else {}
        return [(holder, item) for item in _dicts(holder.get(collection))]
    found: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for stage in stages(data):
        found.extend((stage, item) for item in _dicts(stage.get(collection)))
        for step in stage_steps(stage):
            found.extend((step, item) for item in _dicts(step.get(collection)))
    return found


def persona_rows(data: Any) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """Each persona entry of the map: its id, and its definition when written inline."""
    for entry in _list(data.get("personas") if isinstance(data, dict) else None):
        if isinstance(entry, dict):
            yield str(entry.get("id")), entry
        elif isinstance(entry, str):
            yield entry, None


# -- cells ---------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def scalar(value: Any) -> Value:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    return cell_text(_text(value)).value


def _lines(items: list[str]) -> Value:
    return cell_text("\n".join(items)).value if items else None


def activity_text(item: Any) -> str:
    return _text(item.get("action")) if isinstance(item, dict) else _text(item)


def emotion_text(value: Any) -> Value:
    """An emotion (a score, or a mapping with ``score``) as a label of the scale."""
    score = value.get("score") if isinstance(value, dict) else value
    if isinstance(score, float) and score.is_integer():
        score = int(score)
    if isinstance(score, int) and not isinstance(score, bool) and score in SCALE_WORDS:
        return emotion_label(score)
    return None if value is None else scalar(score if isinstance(value, dict) else value)


def render(spec: Field, holder: dict[str, Any], data: Any) -> Value:
    """The cell of ``spec`` for the step or item ``holder`` of the map ``data``."""
    if spec.kind == READ_ONLY:
        return _read_only(spec.key, holder, data)
    if spec.kind == EMOTION and spec.persona is not None:
        emotions = holder.get("emotions")
        return emotion_text(emotions.get(spec.persona)) if isinstance(emotions, dict) else None
    value = holder.get(spec.key)
    if spec.kind == EMOTION:
        return emotion_text(value)
    if spec.kind in (LINES, REFS):
        return _lines([_text(item) for item in value]) if isinstance(value, list) else None
    if spec.kind == ACTIVITIES:
        return _lines([activity_text(item) for item in value]) if isinstance(value, list) else None
    return scalar(value)


def _read_only(key: str, holder: dict[str, Any], data: Any) -> Value:
    if key == "pain_points":
        return _lines([f"{p.get('id')}: {p.get('summary')}" for p in _dicts(holder.get(key))])
    if key == "kpis":
        return _lines([f"{k.get('id')}: {k.get('name')}" for k in _dicts(holder.get(key))])
    if key == "opportunities":
        pains = {p.get("id") for p in _dicts(holder.get("pain_points"))}
        found = [
            _text(opportunity.get("id"))
            for _, opportunity in located(data, "opportunities")
            if pains & set(_list(opportunity.get("addresses")))
        ]
        return _lines(found)
    if key == "@defined":
        return INLINE_PERSONA if "name" in holder else SHARED_PERSONA
    raise KeyError(key)


def table_rows(spec: TableSpec, data: Any) -> list[tuple[dict[str, Any], list[Value]]]:
    """Each item of the table with its row of cells."""
    if spec.collection == "personas":
        return [
            (entry, [scalar(pid) if f.key == "id" else render(f, entry, data) for f in spec.fields])
            for pid, definition in persona_rows(data)
            for entry in [definition or {"id": pid}]
        ]
    return [
        (
            item,
            [
                scalar(holder.get("id")) if f.key == "@at" else render(f, item, data)
                for f in spec.fields
            ],
        )
        for holder, item in located(data, spec.collection)
    ]


def same(cell: Any, rendered: Value) -> bool:
    """Whether a cell read back holds what ``rendered`` wrote: texts compared line by line
    without trailing spaces, an empty cell as nothing, numbers by value to the 15
    significant digits a spreadsheet keeps (a CSV file's text too)."""
    if isinstance(rendered, int | float) and not isinstance(rendered, bool):
        found = _number_in(cell)
        if found is not None:
            return found == rendered or math.isclose(found, rendered, rel_tol=1e-14)
    return comparable(cell) == comparable(rendered)


def _number_in(cell: Any) -> float | None:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return float(cell)
    if isinstance(cell, str):
        try:
            return float(cell.strip())
        except ValueError:
            return None
    return None


def comparable(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.15g}"  # a spreadsheet keeps 15 significant digits
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()
