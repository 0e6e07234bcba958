"""The measured fixture workspace (a map, its binding and snapshot), copied for a test to
change, and checked with some rules."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from cjm.check import check_paths
from cjm.lint.config import LintRequest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "measured"
TODAY = datetime.date(2026, 11, 23)
MAP = "maps/trial.yaml"
BINDING = "maps/trial.measures.yaml"
SNAPSHOT = "measurements/trial.yaml"

Found = tuple[str, int, int, str, str]


def copy(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURE, root)
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(
    root: Path, *rules: str, today: datetime.date = TODAY, target: Path | None = None
) -> list[Found]:
    """``(file, line, column, code, message)`` of the findings of ``rules``."""
    request = LintRequest(select=list(rules))
    result = check_paths([target or root], root, lint=request, today=today)
    return [
        (d.path, d.line, d.column, d.code.code, d.message)
        for d in result.diagnostics
        if d.code.code in rules
    ]
