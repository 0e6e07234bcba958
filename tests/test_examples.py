"""The bundled example workspaces are what users copy from: they must be spotless."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.diagnostics import Severity

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# Review dates in the examples are recent relative to this day.
TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    "example", sorted(p for p in EXAMPLES.iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_example_has_no_errors_or_warnings(example: Path) -> None:
    result = check_paths([example], example, today=TODAY)
    serious = [
        f"{d.path}:{d.line}:{d.column}: {d.code.code} {d.message}"
        for d in result.diagnostics
        if d.severity is not Severity.INFO
    ]
    assert serious == []
    assert len(result.files) >= 4


def test_there_are_three_examples() -> None:
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()) == [
        "b2b-saas-trial",
        "clinic-visit-blueprint",
        "ecommerce-checkout",
    ]
