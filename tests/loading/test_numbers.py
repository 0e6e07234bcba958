"""Numbers that are not numbers (.nan, .inf, 1e999) are refused where they are written, by
`cjm validate` and by the published JSON Schema alike."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cjm.model import FORMAT_VERSION

from ..lint.conftest import LintFiles, findings

REPO = Path(__file__).resolve().parents[2]

MAP = """\
id: numbers
title: Numbers
type: day-in-the-life
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas:
  - {id: olivia, name: Olivia, demographics: {age: AGE}}
evidence:
  - {id: survey, kind: survey, title: Survey, sample_size: SAMPLE}
stages:
  - id: s
    name: S
    kpis: [{id: k, name: Time to pay, target: TARGET, actual: ACTUAL, better: lower}]
    steps:
      - {id: a, action: Pays, evidence: [survey]}
"""

FINE = {"AGE": "41", "SAMPLE": "12", "TARGET": "2", "ACTUAL": "5.5"}


def _map(**values: str) -> str:
    text = MAP
    for name, value in {**FINE, **values}.items():
        text = text.replace(name, value)
    return text


def _place(text: str, key: str) -> tuple[int, int]:
    """Line and column of the value written after ``key: `` in ``text``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if f"{key}: " in line:
            return number, line.index(f"{key}: ") + len(key) + 3
    raise AssertionError(key)


@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.inf", "+.inf", "1e999", "-1e999"])
@pytest.mark.parametrize("field", ["target", "actual"])
def test_kpi_numbers_must_be_finite(lint_files: LintFiles, written: str, field: str) -> None:
    text = _map(**{field.upper(): written})
    found = findings(lint_files({"map.yaml": text}, ["CJM103"]))
    expected = "not a number (.nan)" if "nan" in written.lower() else "infinite"
    assert found == [
        (
            *_place(text, field),
            "CJM005",
            f"{field} must be a finite number, but this one is {expected}",
        )
    ]


@pytest.mark.parametrize("written", [".nan", ".inf", "1e999"])
def test_demographics_must_be_finite(lint_files: LintFiles, written: str) -> None:
    found = findings(lint_files({"map.yaml": _map(AGE=written)}, ["CJM103"]))
    assert [(line, code) for line, _, code, _ in found] == [(8, "CJM005")]


@pytest.mark.parametrize("written", [".nan", ".inf", "1e999"])
def test_sample_sizes_must_be_whole_numbers(lint_files: LintFiles, written: str) -> None:
    found = findings(lint_files({"map.yaml": _map(SAMPLE=written)}, ["CJM103"]))
    assert [(line, code) for line, _, code, _ in found] == [(10, "CJM004")]


def _schema_errors(name: str, instance: Any) -> list[str]:
    schema = json.loads((REPO / "schemas" / FORMAT_VERSION / name).read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [error.message for error in validator.iter_errors(instance)]


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_the_json_schema_refuses_them_too(value: float) -> None:
    kpi = {"id": "k", "name": "K", "target": value}
    journey = {
        "id": "m",
        "title": "M",
        "type": "day-in-the-life",
        "owner": "growth",
        "reviewed": "2026-10-01",
        "personas": [{"id": "p", "name": "P", "demographics": {"age": value}}],
        "stages": [{"id": "s", "name": "S", "kpis": [kpi]}],
    }
    assert len(_schema_errors("map.schema.json", journey)) == 2
    finite = {**journey, "personas": [{"id": "p", "name": "P"}]}
    finite["stages"] = [{"id": "s", "name": "S", "kpis": [{**kpi, "target": 1.5e308}]}]
    assert _schema_errors("map.schema.json", finite) == []
