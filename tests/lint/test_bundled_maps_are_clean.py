"""What users copy from must pass every rule, infos included: the bundled example
workspaces, and a workspace made from each map template with a map of every template."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.scaffold import init_workspace, new_map, template_names

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = datetime.date(2026, 11, 23)


def _findings(folder: Path) -> list[str]:
    result = check_paths([folder], folder, today=TODAY)
    return [
        f"{d.path}:{d.line}:{d.column}: {d.severity.value} {d.code.code} {d.message}"
        for d in result.diagnostics
    ]


@pytest.mark.parametrize(
    "example", sorted(p for p in EXAMPLES.iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_every_example_passes_every_rule(example: Path) -> None:
    """Except what a measured example's data says against its map: that is its point (the
    findings are listed in tests/test_examples.py)."""
    from_data = ("CJM134", "CJM140") if example.name == "b2b-saas-trial" else ()
    assert [f for f in _findings(example) if f.split()[2] not in from_data] == []


@pytest.mark.parametrize("template", template_names())
def test_every_template_passes_every_rule(tmp_path: Path, template: str) -> None:
    init_workspace(tmp_path, name="Acme journeys", template=template, today=TODAY)
    for other in template_names():
        new_map(tmp_path / "maps", template=other, map_id=f"x-{other}", title="X", today=TODAY)
    assert _findings(tmp_path) == []
