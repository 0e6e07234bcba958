"""The rows of the pain-point register, written in Python rather than by the template.

The register holds every pain point of every map: thousands of rows at real size. A
Jinja macro call per cell made it the slowest page to render and the largest to load, so
its rows are built here, as compact as their content allows:

- every user text is escaped here with :func:`markupsafe.escape`, after its bidirectional
  controls are made visible (what the templates' ``finalize`` does for their values);
- a row carries its filter values once, as positions in the filter lists
  (``data-f="severity status owner journey stage personas channels"``, several values of
  one filter joined by commas), which the filter's script reads; severities and
  statuses are listed worst first, so their positions also sort the columns;
- the journey's title is plain text (the pain point links to its report) and cells and
  rows leave their end tags out, as HTML allows;
- the phone layout's cell labels come from the stylesheet (by column), not from an
  attribute on every cell; the stylesheet also gives each cell and link the direction
  of its own text (``unicode-bidi: plaintext``, what ``dir="auto"`` does), and a
  ``<bdi>`` isolates the stage from the step where a cell holds both;
- a status is its word with a short class; the stylesheet styles it as the report's
  status badge and draws its icon.

The cells' pieces are in :mod:`cjm.site.cells`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup

from cjm.portfolio.facts import PainRow
from cjm.site.cells import (
    isolated,
    linked,
    severity_chip,
    shown,
    status_classes,
    status_word,
    status_words,
)

# The register's columns, in order, each with the filter field that sorts it (its
# position in a row's ``data-f``), or None to sort by text. The stylesheet labels the
# columns in the phone layout.
COLUMNS: tuple[tuple[str, int | None], ...] = (
    ("Severity", 0),
    ("Pain point", None),
    ("Status", 1),
    ("Owner", None),
    ("Journey", None),
    ("Stage and step", None),
    ("Personas", None),
    ("Channels", None),
    ("Addressed by", None),
)

# The order of the status filter's values, which is the order the register sorts
# statuses in: open first.
STATUS_ORDER = {"open": 0, "mitigated": 1, "resolved": 2}


class RegisterRows:
    """Writes register rows: ``report_link`` and ``team_link`` are the site's link makers,
    ``filters`` the filter lists, in the order the form shows them, and ``personas`` the
    names of each journey's personas (by journey id): a pain point that names no persona
    hurts every persona of its journey, and the persona filter finds it under each."""

    def __init__(
        self,
        report_link: Callable[..., str | None],
        team_link: Callable[[str], str | None],
        filters: Sequence[tuple[str, Sequence[str]]],
        personas: Mapping[str, Sequence[str]],
    ) -> None:
        self.report_link = report_link
        self.personas = personas
        self.team_link = team_link
        self.keys = [key for key, _ in filters]
        self.positions = {key: {v: str(i) for i, v in enumerate(vs)} for key, vs in filters}

    def codes(self, row: PainRow, no_owner: str) -> str:
        """The row's filter values, as positions in the filters' lists."""
        pain = row.pain
        values: dict[str, Sequence[str]] = {
            "severity": [pain.severity],
            "status": [pain.status],
            "owner": [pain.owner or no_owner],
            "journey": [row.journey.title],
            "stage": [pain.stage],
            "persona": row.personas or self.personas.get(row.journey.id, ()),
            "channel": row.channels,
        }
        return " ".join(",".join(self.positions[key][v] for v in values[key]) for key in self.keys)

    def addressed(self, row: PainRow) -> str:
        items = [
            f"{linked(self.report_link(a.journey, f'opp-{a.id}'), a.summary)}"
            f" {status_word(a.status)}"
            for a in row.addressed_by
        ]
        if len(items) == 1:
            return items[0]
        if items:
            return '<ul class="plain"><li>' + "<li>".join(items) + "</ul>"
        if row.is_open:
            return '<span class="badge bad">Unaddressed</span>'
        return '<span class="muted">none</span>'

    def owner(self, row: PainRow) -> str:
        pain = row.pain
        href = self.team_link(pain.owner_id) if pain.owner_id else None
        if href is not None:
            return linked(href, pain.owner or pain.owner_id or "")
        if pain.owner:
            return shown(pain.owner)
        return '<span class="muted">no owner</span>'

    def row(self, row: PainRow, no_owner: str) -> str:
        pain = row.pain
        where = isolated(pain.stage)
        if pain.step_number:
            where += f" \u203a step {pain.step_number} {isolated(pain.step or '')}"
        personas = (
            f"<td>{shown(', '.join(row.personas))}"
            if row.personas
            else '<td class="muted">every persona'
        )
        channels = (
            f"<td>{shown(', '.join(row.channels))}" if row.channels else '<td class="muted">none'
        )
        summary = linked(self.report_link(row.journey, f"pain-{pain.id}"), pain.summary)
        chip = severity_chip(pain.severity, pain.level or pain.severity)
        # Cells and rows end where the next begins, as HTML allows.
        return (
            f'<tr data-f="{self.codes(row, no_owner)}">'
            f"<td>{chip}"
            f"<td>{summary}"
            f'<td class="{status_classes(pain.status)}">{status_words(pain.status)}'
            f"<td>{self.owner(row)}"
            f"<td>{shown(row.journey.title)}"
            f"<td>{where}"
            f"{personas}{channels}"
            f"<td>{self.addressed(row)}\n"
        )

    def rows(self, rows: Sequence[PainRow], no_owner: str) -> Markup:
        """Every row, each value in it escaped on its way in."""
        return Markup("".join(self.row(row, no_owner) for row in rows))  # escaped above
