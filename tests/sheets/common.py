"""A small map with comments, and the steps every workbook test takes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from cjm.commands.workbook import workspace_context
from cjm.load.project import load_standalone, load_workspace
from cjm.load.workspace import find_workspace_root, real_path
from cjm.sheets.apply import Outcome, apply_book
from cjm.sheets.layout import ID_ROW, JOURNEY, Context
from cjm.sheets.read import read_book
from cjm.sheets.write import workbook_bytes
from cjm.yamledit import read_data

MAP = """\
# The trial journey, as the workshop of 12 October left it.
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams:
  - {id: growth, name: Growth}
  - {id: support, name: Support}
touchpoints:
  - {id: pricing-page, name: Pricing page, channel: web}
  - {id: welcome-email, name: Welcome email, channel: email}
personas:
  - id: olivia
    name: Ops Olivia
  - id: farid
    name: Finance Farid
stages:
  - id: discover
    name: Discover
    steps:
      - id: compares-pricing
        action: Compares plans on the pricing page  # the first real step
        touchpoints: [pricing-page]
        thoughts:
          - Is it priced per editor?
        emotion: 0
        emotions:
          farid: {score: -1, label: wary}
        pain_points:
          - id: unclear-pricing
            summary: Seat pricing is unclear
            severity: high
            owner: growth
  - id: trial
    name: Trial
    steps:
      - id: signs-up
        action: Signs up for the trial
        emotion: 1
        owner: growth
      # Olivia invites her team once the first project works.
      - id: invites-team
        action: Invites the team
        kpis:
          - id: invite-rate
            name: Trials that invite a colleague
            baseline: 31
            target: 45
            unit: "%"
            better: higher
opportunities:
  - id: price-calculator
    summary: A price calculator for the whole company
    addresses: [unclear-pricing]
    impact: high
    effort: low
"""


@dataclass
class Loaded:
    path: Path
    text: str
    data: Any
    context: Context


def load(path: Path) -> Loaded:
    """The map at ``path`` as the import reads it: its text, data and workspace."""
    path = path.absolute()
    root = find_workspace_root(path.parent)
    cwd = Path.cwd()
    project = load_workspace(root, cwd, [path]) if root else load_standalone([path], cwd)
    document = next(d for d in project.maps if real_path(d.path) == real_path(path))
    assert document.model is not None and document.text is not None, document.diagnostics
    context = workspace_context(project, document, document.model)
    return Loaded(path, document.text, read_data(document.text), context)


def write_map(folder: Path, text: str = MAP) -> Path:
    path = folder / "trial.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def export(loaded: Loaded, folder: Path) -> Path:
    book = folder / "trial.xlsx"
    book.write_bytes(workbook_bytes(loaded.data, loaded.context))
    return book


def apply(loaded: Loaded, book: Path, *, allow_deletes: bool = False) -> Outcome:
    return apply_book(loaded.data, read_book(book), loaded.context, allow_deletes=allow_deletes)


def edit(book: Path, change: Any) -> None:
    """Open ``book`` with openpyxl, let ``change`` edit it, save it."""
    workbook = load_workbook(book)
    change(workbook)
    workbook.save(book)


def journey_cell(sheet: Worksheet, lane: str, step_id: str) -> str:
    """The coordinate of ``lane``'s cell for the step ``step_id`` on the Journey sheet."""
    assert sheet.title == JOURNEY
    rows = [c.row for c in sheet["A"] if c.value == lane]
    columns = [c.column_letter for c in sheet[ID_ROW] if c.value == step_id]
    assert rows and columns, (lane, step_id)
    return f"{columns[0]}{rows[0]}"


def table_row(sheet: Worksheet, item_id: str) -> int:
    return next(c.row for c in sheet["A"] if c.value == item_id)


def column_of(sheet: Worksheet, title: str) -> str:
    return next(c.column_letter for c in sheet[1] if c.value == title)
