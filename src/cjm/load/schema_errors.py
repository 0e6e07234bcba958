"""Translate Pydantic validation errors into located, friendly diagnostics.

Pydantic says *what* failed in its own words and *where* as a path of keys. We turn the
path into a line and column through the :class:`SourceIndex`, and the error type into a
message a journey-map author understands, with a suggestion where one helps.
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Sequence
from typing import Any

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cjm.diagnostics import (
    INVALID_VALUE,
    MISSING_FIELD,
    UNKNOWN_KEY,
    WRONG_TYPE,
    Code,
    Diagnostic,
    Location,
    Severity,
)
from cjm.load.core_schema import resolve_plain
from cjm.load.positions import DataPath, PathPart, SourceIndex
from cjm.model import Channel, Emotion
from cjm.model import Severity as PainSeverity
from cjm.model.base import DURATION_PATTERN, WEB_LINK_PATTERN

# Fields whose words a workspace may extend: their plural and cjm's own words.
_VOCABULARY = {
    "channel": ("channels", [channel.value for channel in Channel]),
    "severity": ("severities", [severity.value for severity in PainSeverity]),
}

# Names Pydantic puts in error paths for the branches of tagged unions.
_UNION_TAGS = frozenset({"reference", "definition"})

_KIND_NAMES = {
    "JourneyMap": "journey map",
    "PainPoint": "pain point",
    "Kpi": "KPI",
    "WorkspaceConfig": "workspace configuration",
    "DefinitionsFile": "definitions file",
    "Evidence": "evidence entry",
    "Options": "rule options",
}

_EXPECTED_BY_TYPE = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
}


# A day as YYYY-MM-DD with month and day of one or two digits, and the same followed by a
# time (YAML 1.1's timestamp forms): text in YAML 1.2, and not a date cjm accepts.
_DAY = re.compile(r"(\d{4})-(\d\d?)-(\d\d?)")
_DAY_AND_TIME = re.compile(r"(\d{4})-(\d\d?)-(\d\d?)(?:[Tt]|[ \t]+)\d\d?:\d\d.*")


def _date_text(field: str, value: str) -> tuple[Code, str, str | None] | None:
    """How to word a date field holding text that is nearly a date, if it is."""
    with_time = _DAY_AND_TIME.fullmatch(value)
    day = with_time or _DAY.fullmatch(value)
    if day is None:
        return None
    year, month, day_of_month = (int(part) for part in day.groups())
    try:
        written = datetime.date(year, month, day_of_month).isoformat()
    except ValueError:
        written = None
    if with_time:
        return (
            WRONG_TYPE,
            f"{field} must be a date without a time (YYYY-MM-DD), "
            f"not the date and time {_clip(value)}",
            f"write the day only: {written}" if written else "write the day only, as YYYY-MM-DD",
        )
    return (
        WRONG_TYPE,
        f"{field} must be a date (YYYY-MM-DD), not the text '{_clip(value)}'",
        f"write the month and the day with two digits each: {written}" if written else None,
    )


def _number_hint(text: str) -> str | None:
    """A hint for text that a YAML 1.1 reader would have taken for a number (``1_000``)."""
    joined = text.replace("_", "")
    if "_" in text and type(resolve_plain(joined)) in (int, float):
        return f"YAML 1.2 numbers have no '_' between digits: write {joined}"
    return None


def kind_name(model: type[BaseModel]) -> str:
    """``PainPoint`` -> ``pain point``: how messages name an entity kind."""
    name = model.__name__
    return _KIND_NAMES.get(name, re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower())


def describe_value(value: Any) -> str:
    """How a YAML author would call the kind of ``value``."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text '{_clip(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def closest(written: str, choices: Sequence[str], cutoff: float) -> str | None:
    """The choice ``written`` most likely means, whatever its case: one that differs only
    in case (``EMAIL`` -> ``email``), else the closest spelling compared without case
    (``In-Stor`` -> ``in-store``), if any is at least ``cutoff`` similar."""
    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(choice.casefold(), choice)
    folded = written.casefold()
    if folded in by_folded:
        return by_folded[folded]
    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=cutoff)
    return by_folded[close[0]] if close else None


def slugify(text: str) -> str:
    """A valid id close to ``text``, to suggest when ``text`` is not one."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "my-id"


# -- walking the data and the model along an error path -------------------------------


def _data_path(loc: Sequence[PathPart], data: Any) -> DataPath:
    """The longest prefix of ``loc`` that exists in ``data`` (union tags skipped)."""
    path: list[PathPart] = []
    node = data
    for part in loc:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(part, str) and part in _UNION_TAGS:
            continue
        else:
            break
        path.append(part)
    return tuple(path)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may hold (Annotated and unions flattened)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _step_into(annotation: Any, part: PathPart) -> Any:
    for candidate in _unwrap(annotation):
        origin = typing.get_origin(candidate)
        if origin is list and isinstance(part, int):
            return typing.get_args(candidate)[0]
        if origin is dict and isinstance(part, str):
            return typing.get_args(candidate)[1]
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            field = candidate.model_fields.get(str(part))
            if field is not None:
                return field.annotation
    return None


def _models_of(annotation: Any) -> list[type[BaseModel]]:
    return [t for t in _unwrap(annotation) if isinstance(t, type) and issubclass(t, BaseModel)]


class _Target:
    """What an error path points at in the model: the owning model and field."""

    def __init__(self, root: type[BaseModel], loc: Sequence[PathPart]) -> None:
        self.owner: type[BaseModel] | None = None
        self.field: str | None = None
        self.annotation: Any = root
        for part in loc:
            if (isinstance(part, str) and part in _UNION_TAGS) or part == "[key]":
                continue
            models = _models_of(self.annotation)
            if isinstance(part, str) and models:
                self.owner, self.field = models[0], part
            self.annotation = _step_into(self.annotation, part)
            if self.annotation is None:
                break

    def models(self) -> list[type[BaseModel]]:
        return _models_of(self.annotation)

    def bounds(self) -> tuple[Any, Any]:
        low = high = None
        if self.owner is None or self.field is None:
            return low, high
        field = self.owner.model_fields.get(self.field)
        metadata = list(field.metadata) if field else []
        for candidate in _unwrap_annotated_metadata(self.annotation):
            metadata.append(candidate)
        for item in metadata:
            if isinstance(item, Ge | Gt):
                low = item.ge if isinstance(item, Ge) else item.gt
            elif isinstance(item, Le | Lt):
                high = item.le if isinstance(item, Le) else item.lt
        return low, high


def _unwrap_annotated_metadata(annotation: Any) -> list[Any]:
    found: list[Any] = []
    if typing.get_origin(annotation) is typing.Annotated:
        for item in typing.get_args(annotation)[1:]:
            found.append(item)
            found.extend(getattr(item, "metadata", []))
    return found


# -- one error to one diagnostic ---------------------------------------------------------


def _entity_label(model: type[BaseModel] | None, data: Any, path: DataPath) -> str:
    node = data
    for part in path:
        node = node[part]  # the path exists in data by construction
    label = kind_name(model) if model is not None else "this entry"
    if not isinstance(node, dict):
        return label
    if isinstance(node.get("id"), str):
        return f"{label} '{node['id']}'"
    for text_field in ("name", "title", "action", "summary"):
        if isinstance(node.get(text_field), str):
            return f'{label} "{_clip(node[text_field])}"'
    return label


def _subject(loc: Sequence[PathPart]) -> str:
    """What a type error is about: ``title``, or ``each entry of stages`` for list items."""
    parts = [p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS)]
    if len(parts) >= 2 and isinstance(parts[-1], int) and isinstance(parts[-2], str):
        return f"each entry of {parts[-2]}"
    return _field_name(loc)


def _field_name(loc: Sequence[PathPart]) -> str:
    for part in reversed(loc):
        if isinstance(part, str) and part not in _UNION_TAGS and part != "[key]":
            return part
    return "value"


class _Translator:
    def __init__(self, root: type[BaseModel], data: Any, index: SourceIndex, path: str):
        self.root, self.data, self.index, self.path = root, data, index, path

    def diagnostic(self, error: ErrorDetails) -> Diagnostic:
        loc = tuple(error["loc"])
        kind = error["type"]
        data_path = _data_path(loc, self.data)
        if kind == "missing":
            return self.missing(loc, data_path)
        if kind == "extra_forbidden":
            return self.unknown_key(loc, data_path)
        where = self.index.value(data_path)
        if loc and loc[-1] == "[key]":
            where = self.index.key(data_path)
        code, message, hint = self.describe(error, loc)
        return self.make(code, message, where, hint)

    def make(self, code: Code, message: str, where: Location, hint: str | None) -> Diagnostic:
        return Diagnostic(code, Severity.ERROR, message, self.path, where, hint)

    def missing(self, loc: tuple[PathPart, ...], data_path: DataPath) -> Diagnostic:
        parent_loc = loc[:-1]
        target = _Target(self.root, parent_loc)
        models = target.models()
        owner = models[0] if models else None
        label = _entity_label(owner, self.data, data_path)
        field = str(loc[-1])
        where = self.index.key(data_path) if data_path else self.index.value(())
        hint = f"add '{field}:'"
        if owner is not None and field in owner.model_fields:
            description = owner.model_fields[field].description or ""
            first_sentence = description.split(". ")[0].rstrip(".")
            if first_sentence:
                hint += f" ({first_sentence})"
        return self.make(
            MISSING_FIELD, f"{label} is missing the required field '{field}'", where, hint
        )

    def unknown_key(self, loc: tuple[PathPart, ...], data_path: DataPath) -> Diagnostic:
        key = str(loc[-1])
        target = _Target(self.root, loc[:-1])
        models = target.models()
        owner = models[0] if models else None
        known = list(owner.model_fields) if owner is not None else []
        label = kind_name(owner) if owner is not None else "this mapping"
        message = f"unknown key '{key}' in {label}"
        hint = None
        close = closest(key, known, cutoff=0.6)
        if close:
            message += f"; did you mean '{close}'?"
        elif known:
            hint = "valid keys: " + ", ".join(known) + "; a team's own fields start with `x-`"
        return self.make(UNKNOWN_KEY, message, self.index.key(data_path), hint)

    def describe(
        self, error: ErrorDetails, loc: tuple[PathPart, ...]
    ) -> tuple[Code, str, str | None]:
        kind = error["type"]
        value = error.get("input")
        ctx = error.get("ctx") or {}
        field = _field_name(loc)
        target = _Target(self.root, loc)
        if kind in ("model_type", "model_attributes_type") and Emotion in target.models():
            return (
                WRONG_TYPE,
                "an emotion must be a score from -2 to +2 or a mapping with 'score', "
                f"not {describe_value(value)}",
                "for example `emotion: -1` or `emotion: {score: -1, label: anxious}`",
            )
        if kind == "date_type" and isinstance(value, str):
            described = _date_text(_subject(loc), value)
            if described is not None:
                return described
        looks_like_date = isinstance(value, str) and _DAY.fullmatch(value)
        if kind in ("date_parsing", "date_from_datetime_parsing") and looks_like_date:
            reason = str(ctx.get("error", "not a date")).replace("_", " ")
            return (
                INVALID_VALUE,
                f"{field} '{_clip(value)}' is not a valid date: {reason}",
                "write the date as YYYY-MM-DD, for example 2026-09-14",
            )
        if kind in _EXPECTED_BY_TYPE:
            expected = _EXPECTED_BY_TYPE[kind]
            models = target.models()
            if kind in ("model_type", "model_attributes_type") and models:
                expected = f"a {kind_name(models[0])} (a mapping of keys to values)"
                if "definition" in loc:
                    expected = f"a {kind_name(models[0])} id or a {kind_name(models[0])} mapping"
            return self.wrong_type(_subject(loc), expected, value)
        if kind in ("enum", "literal_error"):
            allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            message = f"'{_clip(str(value))}' is not a valid {field}"
            close = closest(str(value), allowed, cutoff=0.5)
            if close:
                message += f"; did you mean '{close}'?"
            return INVALID_VALUE, message, "expected one of: " + ", ".join(allowed)
        if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            return INVALID_VALUE, self.out_of_range(field, value, target, ctx), None
        if kind == "string_pattern_mismatch":
            return self.pattern_mismatch(field, str(value), str(ctx.get("pattern", "")))
        if kind == "string_too_short":
            return INVALID_VALUE, f"{field} must not be empty", None
        if kind == "string_too_long":
            limit = ctx.get("max_length")
            return INVALID_VALUE, f"{field} is longer than {limit} characters", None
        if kind == "too_short":
            minimum = ctx.get("min_length", 1)
            entries = "entry" if minimum == 1 else "entries"
            return INVALID_VALUE, f"{field} needs at least {minimum} {entries}", None
        if kind == "finite_number":
            written = "not a number (.nan)" if value != value else "infinite"
            return (
                INVALID_VALUE,
                f"{field} must be a finite number, but this one is {written}",
                "write the number itself, or leave the key out while it is not known",
            )
        if kind == "handoff_type":
            return (
                WRONG_TYPE,
                f"{field} must be text, or false when no handoff is needed, "
                f"not {describe_value(value)}",
                "write how the customer is passed on, or `handoff: false` when the change "
                "of owner needs no handoff",
            )
        if kind == "flag_type":
            return (
                WRONG_TYPE,
                f"{field} must be true, false or text saying why, not {describe_value(value)}",
                f"for example `{field}: true` or `{field}: Customers give up here`",
            )
        if kind == "period_order":
            return (
                INVALID_VALUE,
                f"{field} ends on {ctx.get('end')}, before it starts on {ctx.get('start')}",
                "swap `start` and `end`, or correct one of them",
            )
        if kind == "format_version":
            return (
                INVALID_VALUE,
                f"this cjm reads format {ctx.get('supported')}; the file says {_clip(str(value))}",
                "upgrade cjm to read a newer format, or correct the version: "
                f'`format: "{ctx.get("supported")}"`',
            )
        if kind == "value_error":
            return INVALID_VALUE, str(error["msg"]).removeprefix("Value error, "), None
        return INVALID_VALUE, f"{field}: {error['msg']}", None

    @staticmethod
    def pattern_mismatch(field: str, value: str, pattern: str) -> tuple[Code, str, str | None]:
        """Text not in the form its field asks for: an id, a duration, a web address."""
        if pattern == DURATION_PATTERN:
            return (
                INVALID_VALUE,
                f"{field} '{_clip(value)}' is not a length of time",
                "write a number and a unit: `10 min`, `2 h`, `3 days`, `1 week` (units: "
                "s, min, h, d, w, or their names)",
            )
        if pattern == WEB_LINK_PATTERN:
            return (
                INVALID_VALUE,
                f"{field} '{_clip(value)}' is not a web address",
                "write the address with http:// or https://, without spaces",
            )
        if field in _VOCABULARY:
            plural, built_in = _VOCABULARY[field]
            message = f"'{_clip(value)}' is not a valid {field}"
            close = closest(value, built_in, cutoff=0.5)
            if close:
                message += f"; did you mean '{close}'?"
            return (
                INVALID_VALUE,
                message,
                f"use one of cjm's {plural} ({', '.join(built_in)}), or a lowercase id "
                f"added to `vocabulary.{plural}` in cjm.yaml",
            )
        return (
            INVALID_VALUE,
            f"'{_clip(value)}' is not a valid id: use lowercase letters, digits and single hyphens",
            f"for example '{slugify(value)}'",
        )

    def wrong_type(self, field: str, expected: str, value: Any) -> tuple[Code, str, str | None]:
        hint = None
        if expected == "text" and value is not None and not isinstance(value, list | dict):
            spelled = str(value).lower() if isinstance(value, bool) else str(value)
            hint = f'quote it to keep it as text: "{spelled}"'
        elif expected == "a list" and not isinstance(value, dict) and not field.startswith("each"):
            hint = f"write a list: [{value}] or one '- ' item per line"
        elif value is None:
            hint = f"give {field} a value or remove the key"
        elif expected in ("a number", "a whole number") and isinstance(value, str):
            hint = _number_hint(value)
        message = f"{field} must be {expected}, not {describe_value(value)}"
        return WRONG_TYPE, message, hint

    @staticmethod
    def out_of_range(field: str, value: Any, target: _Target, ctx: dict[str, Any]) -> str:
        low, high = target.bounds()
        if target.owner is Emotion:
            field = "emotion score"
        if low is not None and high is not None:
            return f"{field} {value} is out of range: it must be from {low:+} to {high:+}"
        if "ge" in ctx:
            return f"{field} {value} is too small: it must be at least {ctx['ge']}"
        if "gt" in ctx:
            return f"{field} {value} is too small: it must be more than {ctx['gt']}"
        if "le" in ctx:
            return f"{field} {value} is too large: it must be at most {ctx['le']}"
        return f"{field} {value} is too large: it must be less than {ctx.get('lt')}"


def validation_diagnostics(
    error: ValidationError,
    model: type[BaseModel],
    data: Any,
    index: SourceIndex,
    path: str,
) -> list[Diagnostic]:
    """One diagnostic per error of ``error``, located in the file ``path``."""
    translator = _Translator(model, data, index, path)
    found = [translator.diagnostic(item) for item in error.errors(include_url=False)]
    unique = {(d.location, d.code, d.message): d for d in found}
    return sorted(unique.values(), key=Diagnostic.sort_key)
