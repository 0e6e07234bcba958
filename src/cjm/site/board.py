"""The rows of the KPI board, written in Python like the register's (see
:mod:`cjm.site.register`): every KPI of every map, thousands of rows at real size.

The words are the report's (:mod:`cjm.report.phrases`, its KPI badge); the phone
layout's cell labels come from the stylesheet, by column. A KPI whose map does not say
which way is better shows the badge only: the note above the board says what to add.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from cjm.portfolio.facts import KpiRow
from cjm.report import phrases
from cjm.report.facts import KpiView
from cjm.site.cells import isolated, linked, macros, shown

COLUMNS = ("KPI", "Journey", "Where", "Baseline", "Actual", "Target", "Status", "Movement")

MOVED = {
    "better": '<span class="badge good"><span aria-hidden="true">&#8599;</span> Right way</span>',
    "worse": '<span class="badge bad"><span aria-hidden="true">&#8600;</span> Wrong way</span>',
}


_badges: dict[tuple[str, bool], str] = {}


def badge(kpi: KpiView) -> str:
    """The report's KPI badge; it depends on the status and on whether the target date
    is still ahead, so it is rendered once per pair."""
    if kpi.status == "no-direction":  # the note above the board says what to add
        return '<span class="badge warn">Direction unknown</span>'
    key = (kpi.status, bool(kpi.still_due))
    if key not in _badges:
        _badges[key] = str(macros().kpi_badge(kpi))
    return _badges[key]


def value(text: str) -> str:
    return f'<td class="kpi-value">{shown(text)}'


def kpi_row(row: KpiRow, report_link: Callable[..., str | None]) -> str:
    k = row.kpi
    name = linked(report_link(row.journey, f"kpi-{k.id}"), k.name)
    if k.unit:
        name += f' <span class="muted small-inline">({shown(k.unit)})</span>'
    where = isolated(k.stage)
    if k.step:
        where += f" \u203a {isolated(k.step)}"
    status = badge(k)
    gap = "" if k.status == "no-direction" else phrases.gap_text(k)
    if gap:
        status += f' <span class="muted small-inline">{shown(gap)}</span>'
    moved = ""
    if k.change is not None:
        moved = f'<span class="change">{isolated(phrases.change_text(k))}</span> '
    if k.movement in MOVED:
        moved += MOVED[k.movement]
    elif k.movement:
        moved += f'<span class="muted small-inline">{shown(phrases.movement_text(k))}</span>'
    else:
        moved += '<span class="muted small-inline">not measured</span>'
    return (
        f'<tr class="kpi-{escape(k.status)}"><td>{name}'
        f"<td>{shown(row.journey.title)}"
        f"<td>{where}"
        f"{value(phrases.kpi_value(k.baseline, k.unit, 'no baseline'))}"
        f"{value(phrases.kpi_value(k.actual, k.unit, 'not measured'))}"
        f"{value(phrases.kpi_value(k.target, k.unit, 'no target'))}"
        f"<td>{status}<td>{moved}\n"
    )


def kpi_rows(rows: Sequence[KpiRow], report_link: Callable[..., str | None]) -> Markup:
    """Every row, each value in it escaped on its way in."""
    return Markup("".join(kpi_row(row, report_link) for row in rows))  # escaped above
