"""What the JSON Schemas say about map data, checked the way an editor checks it.

The schemas are those the models generate (:func:`cjm.schema.schema_document`), the ones
published for format 1.0; that the committed copies under ``schemas/`` equal them is
checked where they are written.

Editors read a map as JSON-like data: YAML dates are text to them (YAML 1.2 has no date
type), so :func:`as_json` turns dates into ISO text through a real JSON round trip.

The validator is the ``jsonschema`` package's Draft 2020-12 validator with format checking
(``format: date`` is enforced by the models too), with one correction: JSON Schema takes
``pattern`` as an ECMA-262 regular expression, in which ``$`` matches only at the end of
the text, while Python's ``re`` also matches it before a final line break. Without the
correction the id ``"trial\\n"`` would pass the schema here, though it fails in an
editor and in ``cjm validate``.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from pydantic import BaseModel

from cjm.model import DefinitionsFile, JourneyMap, WorkspaceConfig
from cjm.schema import DIALECT

MODELS: dict[str, type[BaseModel]] = {
    "map": JourneyMap,
    "definitions": DefinitionsFile,
    "workspace": WorkspaceConfig,
}

# An unescaped `$`: the end of the text in ECMA-262, as `\Z` is in Python.
_DOLLAR = re.compile(r"(?<!\\)\$")


def _ecma_pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not re.search(
        _DOLLAR.sub(r"\\Z", pattern), instance
    ):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


EcmaValidator = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


@cache
def validator(name: str) -> Any:
    """The validator of the schema the model of ``name`` (map, definitions, workspace)
    generates."""
    schema = {"$schema": DIALECT, **MODELS[name].model_json_schema(mode="validation")}
    return EcmaValidator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _iso(value: Any) -> str:
    if isinstance(value, datetime.date):  # a datetime too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def as_json(data: Any) -> Any:
    """``data`` as an editor sees it: dates as ISO text, through a strict JSON round trip."""
    return json.loads(json.dumps(data, default=_iso, allow_nan=False))


def schema_errors(name: str, data: Any) -> list[str]:
    """Why the schema ``name`` refuses ``data`` (nothing when it accepts it)."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(name).iter_errors(as_json(data))
    ]
