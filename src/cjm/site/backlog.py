"""The rows of the opportunity backlog's tables, written in Python like the register's
(see :mod:`cjm.site.register`): the backlog page lists every opportunity of every map.

The phone layout's cell labels come from the stylesheet, by column (``backlog`` tables;
``ranked`` ones start with the position).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from cjm.portfolio.facts import OpportunityRow
from cjm.site.cells import linked, severity_chip, shown, status_word

COLUMNS = (
    "Opportunity",
    "Impact",
    "Effort",
    "Quadrant",
    "Status",
    "Owner",
    "Pain points it addresses",
    "Journeys",
)


class BacklogRows:
    """Writes backlog rows with the site's link makers."""

    def __init__(
        self,
        report_link: Callable[..., str | None],
        team_link: Callable[[str], str | None],
    ) -> None:
        self.report_link = report_link
        self.team_link = team_link

    def owner(self, row: OpportunityRow) -> str:
        o = row.opportunity
        href = self.team_link(o.owner_id) if o.owner_id else None
        if href is not None:
            return linked(href, o.owner or o.owner_id or "")
        if o.owner:
            return shown(o.owner)
        return '<span class="muted">no owner</span>'

    def pains(self, row: OpportunityRow) -> str:
        items = []
        for pain in row.pains:
            p = pain.pain
            item = f"{severity_chip(p.severity, p.level or p.severity)} " + linked(
                self.report_link(pain.journey, f"pain-{p.id}"), p.summary
            )
            if p.status != "open":
                item += f' <span class="muted small-inline">({shown(p.status)})</span>'
            items.append(item)
        items += [
            f'<code>{shown(pain_id)}</code> <span class="muted small-inline">not on any map'
            " here</span>"
            for pain_id in row.unknown_pains
        ]
        if not items:
            return '<span class="muted">none named</span>'
        return '<ul class="plain"><li>' + "<li>".join(items) + "</ul>"

    def journeys(self, row: OpportunityRow) -> str:
        links = [linked(self.report_link(ref), ref.title) for ref in row.journeys]
        if len(links) == 1:
            return links[0]
        return '<ul class="plain"><li>' + "<li>".join(links) + "</ul>"

    def row(self, row: OpportunityRow, ranked: bool) -> str:
        o = row.opportunity
        quadrant = (
            f'<span class="quadrant">{shown(row.quadrant)}</span>'
            if row.quadrant
            else '<span class="muted">not sized</span>'
        )
        position = f'<td class="figure">{row.position}' if ranked else ""
        summary = linked(self.report_link(row.journey, f"opp-{o.id}"), o.summary)
        return (
            f"<tr>{position}<td>{summary}"
            f"<td>{shown(o.impact or 'not sized')}<td>{shown(o.effort or 'not sized')}"
            f"<td>{quadrant}<td>{status_word(o.status)}<td>{self.owner(row)}"
            f"<td>{self.pains(row)}<td>{self.journeys(row)}\n"
        )

    def rows(self, rows: Sequence[OpportunityRow], ranked: bool) -> Markup:
        """Every row, each value in it escaped on its way in."""
        return Markup("".join(self.row(row, ranked) for row in rows))  # escaped above
