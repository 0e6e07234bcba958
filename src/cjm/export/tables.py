"""The portfolio's three registers as tables: rows of named columns.

The columns of each table are defined here once, with a width and whether long text
wraps; the CSV and XLSX writers only lay them out. Every value comes from
:class:`cjm.portfolio.Portfolio` as it is (nothing is recomputed) and is worded as the
reports word it (:mod:`cjm.report.phrases`). The first column is always the row's stable
key (``<map-id>/<id>``), so a sheet can be matched with the next export.

Values are typed: numbers stay numbers and dates stay dates, so a spreadsheet can sort
and sum them; a value cjm does not know is left blank, never guessed (an unsized
opportunity has no position). Several values in one cell are joined with ``"; "``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from cjm.export.cells import Value, cell_text, number
from cjm.portfolio import KpiRow, OpportunityRow, PainRow, Portfolio
from cjm.report import phrases

R = TypeVar("R")
JOIN = "; "
EVERY_PERSONA = "every persona"  # a pain point that names no persona hurts them all


@dataclass(frozen=True)
class Column(Generic[R]):
    """A column: its header, how wide it is shown (in characters), whether long text
    wraps, and how its value is read from a row of the portfolio."""

    header: str
    read: Callable[[R], Value]
    width: int = 14
    wrap: bool = False


@dataclass(frozen=True)
class Cut:
    """A cell whose text was longer than a cell may hold."""

    table: str
    key: str
    column: str
    length: int


@dataclass
class Table:
    """One register: a sheet of the workbook and a CSV file."""

    name: str  # the sheet's name
    file: str  # the CSV file's name
    headers: list[str]
    widths: list[int]
    wraps: list[bool]
    rows: list[list[Value]]
    cut: list[Cut] = field(default_factory=list)


@dataclass(frozen=True)
class About:
    """What the tables cover: the workspace, the day, the maps in them and those not."""

    title: str
    today: datetime.date
    maps: list[tuple[str, str, str]]  # (map id, title, file) of each map included
    left_out: list[tuple[str, str]]  # (file, why) of each map left out


@dataclass
class Tables:
    about: About
    tables: list[Table]

    @property
    def cut(self) -> list[Cut]:
        return [cut for table in self.tables for cut in table.cut]


def build_tables(portfolio: Portfolio) -> Tables:
    """The pain-point register, the opportunity backlog and the KPI board of
    ``portfolio``, in the portfolio's order."""
    about = About(
        title=portfolio.title,
        today=portfolio.today,
        maps=[(j.id, j.ref.title, j.path) for j in portfolio.journeys],
        left_out=list(portfolio.left_out),
    )
    return Tables(
        about,
        [
            _table("Pain points", "pain-points.csv", PAIN_COLUMNS, portfolio.pains),
            _table(
                "Opportunities", "opportunities.csv", OPPORTUNITY_COLUMNS, portfolio.opportunities
            ),
            _table("KPIs", "kpis.csv", KPI_COLUMNS, portfolio.kpis),
        ],
    )


def _table(name: str, file: str, columns: Sequence[Column[R]], items: Iterable[R]) -> Table:
    table = Table(
        name,
        file,
        headers=[c.header for c in columns],
        widths=[c.width for c in columns],
        wraps=[c.wrap for c in columns],
        rows=[],
    )
    for item in items:
        row: list[Value] = []
        for column in columns:
            value = column.read(item)
            if isinstance(value, str):
                text = cell_text(value)
                value = text.value
                if text.cut_from is not None:
                    key = str(row[0]) if row else value
                    table.cut.append(Cut(name, key, column.header, text.cut_from))
            row.append(value)
        table.rows.append(row)
    return table


def _join(values: Iterable[str]) -> str:
    return JOIN.join(values)


def _text(value: str | None) -> str:
    return value or ""


# -- the pain-point register -------------------------------------------------------------------


def _step_number(row: PainRow) -> int | None:
    return row.pain.step_number or None  # 0: a stage's pain point on a stage without steps


def _covers(row: PainRow) -> str:
    return _join(str(place.step_number) for place in row.pain.covers)


def _evidence(row: PainRow) -> str:
    return _join(e.title if e.known else e.id for e in row.pain.evidence)


PAIN_COLUMNS: list[Column[PainRow]] = [
    Column("Key", lambda r: r.key, 30),
    Column("Journey", lambda r: r.journey.id, 18),
    Column("Journey title", lambda r: r.journey.title, 24, wrap=True),
    Column("Stage", lambda r: r.pain.stage, 16, wrap=True),
    Column("Step", lambda r: r.pain.step, 30, wrap=True),
    Column("Step number", _step_number, 8),
    Column("Steps covered", _covers, 10),
    Column("Pain point", lambda r: r.pain.summary, 36, wrap=True),
    Column("Description", lambda r: _text(r.pain.description), 44, wrap=True),
    Column("Severity", lambda r: r.pain.severity, 11),
    Column("Counts as", lambda r: r.pain.level, 10),
    Column("Status", lambda r: r.pain.status, 11),
    Column("Owner", lambda r: _text(r.pain.owner), 20, wrap=True),
    Column("Owner id", lambda r: _text(r.pain.owner_id), 16),
    Column("Personas", lambda r: _join(r.personas) or EVERY_PERSONA, 20, wrap=True),
    Column("Channels", lambda r: _join(r.channels), 14, wrap=True),
    Column("Addressed by", lambda r: _join(a.key for a in r.addressed_by), 30, wrap=True),
    Column("Backed by", lambda r: r.pain.backing, 11),
    Column("Evidence", _evidence, 30, wrap=True),
]


# -- the opportunity backlog -------------------------------------------------------------------


OPPORTUNITY_COLUMNS: list[Column[OpportunityRow]] = [
    Column("Key", lambda r: r.key, 30),
    Column("Position", lambda r: r.position, 9),
    Column("Journey", lambda r: r.journey.id, 18),
    Column("Journey title", lambda r: r.journey.title, 24, wrap=True),
    Column("Opportunity", lambda r: r.opportunity.summary, 36, wrap=True),
    Column("Description", lambda r: _text(r.opportunity.description), 44, wrap=True),
    Column("Impact", lambda r: _text(r.opportunity.impact), 9),
    Column("Effort", lambda r: _text(r.opportunity.effort), 9),
    Column("Quadrant", lambda r: _text(r.quadrant), 14),
    Column("Status", lambda r: r.opportunity.status, 12),
    Column("Owner", lambda r: _text(r.opportunity.owner), 20, wrap=True),
    Column("Owner id", lambda r: _text(r.opportunity.owner_id), 16),
    Column("Addresses", lambda r: _join(p.key for p in r.pains), 30, wrap=True),
    Column("Addresses, not found", lambda r: _join(r.unknown_pains), 16, wrap=True),
    Column("Journeys", lambda r: _join(j.id for j in r.journeys), 18, wrap=True),
    Column("KPIs", lambda r: _join(k.id for k in r.opportunity.kpis), 18, wrap=True),
    Column("Due", lambda r: r.opportunity.due, 11),
    Column("Release", lambda r: _text(r.opportunity.release), 10),
    Column("Links", lambda r: _join(link.url for link in r.opportunity.links), 36, wrap=True),
]


# -- the KPI board -------------------------------------------------------------------------------


def _period(row: KpiRow, end: int) -> datetime.date | None:
    period = row.kpi.actual_period
    return period[end] if period is not None else None


def _change(row: KpiRow) -> int | float | None:
    """The actual value less the baseline, as a number (rounded as the report rounds
    it, so 6.8 - 6.2 reads 0.6)."""
    change = row.kpi.change
    return None if change is None else number(round(change, 6))


KPI_COLUMNS: list[Column[KpiRow]] = [
    Column("Key", lambda r: r.key, 30),
    Column("Journey", lambda r: r.journey.id, 18),
    Column("Journey title", lambda r: r.journey.title, 24, wrap=True),
    Column("Stage", lambda r: r.kpi.stage, 16, wrap=True),
    Column("Step", lambda r: _text(r.kpi.step), 24, wrap=True),
    Column("KPI", lambda r: r.kpi.name, 34, wrap=True),
    Column("Unit", lambda r: _text(r.kpi.unit), 8),
    Column("Better", lambda r: phrases.direction(r.kpi), 9),
    Column("Baseline", lambda r: number(r.kpi.baseline), 10),
    Column("Baseline date", lambda r: r.kpi.baseline_date, 11),
    Column("Actual", lambda r: number(r.kpi.actual), 10),
    Column("Actual date", lambda r: r.kpi.actual_date, 11),
    Column("Actual period from", lambda r: _period(r, 0), 11),
    Column("Actual period to", lambda r: _period(r, 1), 11),
    Column("Target", lambda r: number(r.kpi.target), 10),
    Column("Target date", lambda r: r.kpi.target_date, 11),
    Column("Status", lambda r: phrases.kpi_status(r.kpi), 16),
    Column("Gap", lambda r: phrases.gap_text(r.kpi), 14),
    Column("Change since baseline", lambda r: _change(r), 12),
    Column("Movement", lambda r: phrases.movement_text(r.kpi), 26, wrap=True),
    Column("Source", lambda r: _text(r.kpi.source), 30, wrap=True),
]
