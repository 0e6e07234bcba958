"""What an opportunity's tracker issue says: its title, its Markdown body and its labels.

The content depends only on the maps, never on the day or the folder cjm runs from, so
that exporting twice without a change in the maps changes no issue. The body starts with
a hidden marker, ``<!-- cjm:opportunity <key> -->``, by which a later export finds the
issue again; everything else in it is cjm's and is written again on the next export.
User text is escaped so that it shows literally: a pain point summary never becomes a
link, a mention that notifies people, or a heading.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from cjm.portfolio import KpiRow, OpportunityRow, PainRow, row_key
from cjm.render.text import clean
from cjm.report import phrases
from cjm.report.facts import EvidenceView, KpiView, OpportunityView, WorkLinkView
from cjm.report.formatting import format_date
from cjm.report.markdown_text import link, md, md_block

MARKER_PREFIX = "cjm:opportunity"
# The marker opens the body: text further down (a map's own text, escaped) never counts.
MARKER = re.compile(r"\A\s*<!--\s*cjm:opportunity\s+(?P<key>[^\s>]+)\s*-->")
# Labels cjm sets; a label of another name on an issue is the team's own and is kept.
LABEL = "cjm"
OWNED_PREFIXES = ("journey:", "impact:", "effort:", "team:", "status:")
# GitHub refuses label names longer than this.
LABEL_LIMIT = 50
# A title this long is cut (the body holds the whole summary).
TITLE_LIMIT = 200


@dataclass(frozen=True)
class IssueContent:
    """One opportunity as an issue, the same for every tracker."""

    key: str  # <map-id>/<opportunity-id>
    title: str
    body: str  # Markdown, starting with the marker
    labels: tuple[str, ...]
    status: str  # the opportunity's: idea, planned, in-progress, done, dropped
    impact: str | None
    effort: str | None
    due: str | None  # YYYY-MM-DD
    journey_id: str
    journey_title: str
    links: tuple[WorkLinkView, ...]
    opportunity: OpportunityView
    pains: tuple[PainRow, ...]
    kpis: tuple[KpiRow, ...]

    @property
    def settled(self) -> bool:
        """Done or dropped: its issue is closed."""
        return self.status in ("done", "dropped")

    @property
    def tracker_keys(self) -> tuple[str, ...]:
        """The keys of the tracker items the map links to (``PAY-123``)."""
        return tuple(w.key for w in self.links if w.key)


def marker(key: str) -> str:
    return f"<!-- {MARKER_PREFIX} {key} -->"


def marked_key(body: str | None) -> str | None:
    """The opportunity key an issue body carries, if it carries one."""
    found = MARKER.match(body or "")
    return found.group("key") if found else None


def is_owned_label(name: str) -> bool:
    """Whether cjm sets and removes the label ``name`` (the others are left alone)."""
    return name == LABEL or name.startswith(OWNED_PREFIXES)


def issue_content(row: OpportunityRow, kpis: Mapping[str, KpiRow]) -> IssueContent:
    """The issue of one backlog row; ``kpis`` are the portfolio's KPI rows by key."""
    opportunity = row.opportunity
    moved = tuple(
        kpis[key]
        for key in (row_key(row.journey.id, k.id) for k in opportunity.kpis)
        if key in kpis
    )
    return IssueContent(
        key=row.key,
        title=_title(opportunity.summary),
        body=_body(row, moved),
        labels=_labels(row),
        status=opportunity.status,
        impact=opportunity.impact,
        effort=opportunity.effort,
        due=opportunity.due.isoformat() if opportunity.due else None,
        journey_id=row.journey.id,
        journey_title=row.journey.title,
        links=tuple(opportunity.links),
        opportunity=opportunity,
        pains=row.pains,
        kpis=moved,
    )


def _title(summary: str) -> str:
    title = clean(summary)
    if len(title) > TITLE_LIMIT:
        title = title[: TITLE_LIMIT - 1].rstrip() + "\u2026"
    return title


def _labels(row: OpportunityRow) -> tuple[str, ...]:
    opportunity = row.opportunity
    labels = [LABEL]
    labels += [f"journey:{journey.id}" for journey in row.journeys]
    if opportunity.impact:
        labels.append(f"impact:{opportunity.impact}")
    if opportunity.effort:
        labels.append(f"effort:{opportunity.effort}")
    if opportunity.owner_id:
        labels.append(f"team:{opportunity.owner_id}")
    labels.append(f"status:{opportunity.status}")
    return tuple(_fitted(label) for label in dict.fromkeys(labels))


def _fitted(label: str) -> str:
    """``label`` within GitHub's limit. A longer one (a long map or team id) is cut and
    ends in ``~`` and six hex digits of its hash: visibly shortened, and two long ids that
    start alike still get two labels. The body names the journey and team in full."""
    if len(label) <= LABEL_LIMIT:
        return label
    digest = hashlib.sha256(label.encode("utf-8")).hexdigest()[:6]
    return f"{label[: LABEL_LIMIT - 7]}~{digest}"


def _body(row: OpportunityRow, kpis: tuple[KpiRow, ...]) -> str:
    opportunity = row.opportunity
    journey = row.journey
    lines = [
        marker(row.key),
        f"> From the journey map **{md(journey.title)}** (`{journey.id}`), opportunity "
        f"`{opportunity.id}`. Written by cjm from the map: edit the map, not this text "
        "(the next export writes it again); discuss in the comments.",
        "",
    ]
    if opportunity.description:
        lines += [md_block(opportunity.description), ""]
    lines += _facts(row)
    lines += _pains(row)
    lines += _kpis(opportunity, kpis)
    lines += _evidence(opportunity.evidence)
    lines += _links(opportunity.links)
    return "\n".join(lines).rstrip("\n") + "\n"


def _facts(row: OpportunityRow) -> list[str]:
    opportunity = row.opportunity
    journey = row.journey
    sized = _sizing(row)
    others = [j for j in row.journeys if j.id != journey.id]
    rows = [
        (
            "Journey",
            f"{md(journey.title)} ({md(journey.type_label.lower())}, owned by {md(journey.owner)})",
        ),
        ("Owner", md(opportunity.owner) if opportunity.owner else "no owner"),
        ("Impact and effort", sized),
        ("Status", opportunity.status.replace("-", " ")),
        ("Due", format_date(opportunity.due) if opportunity.due else "not set"),
        ("Release", md(opportunity.release) if opportunity.release else "not set"),
    ]
    if others:
        rows.insert(1, ("Also on", "; ".join(md(j.title) for j in others)))
    return [
        "| | |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in rows),
        "",
    ]


def _sizing(row: OpportunityRow) -> str:
    opportunity = row.opportunity
    if row.quadrant:
        return f"{opportunity.impact} impact, {opportunity.effort} effort ({row.quadrant})"
    if not opportunity.impact and not opportunity.effort:
        return "not sized"
    impact = f"{opportunity.impact} impact" if opportunity.impact else "impact not sized"
    effort = f"{opportunity.effort} effort" if opportunity.effort else "effort not sized"
    return f"{impact}, {effort}"


def _pains(row: OpportunityRow) -> list[str]:
    lines = ["### Pain points it addresses", ""]
    if not row.pains and not row.unknown_pains:
        return [*lines, "None named in the map.", ""]
    for pain_row in row.pains:
        pain = pain_row.pain
        where = f"{md(pain.stage)}"
        if pain.step_number:
            where += f", step {pain.step_number}: {md(pain.step)}"
        journey = "" if pain_row.journey.id == row.journey.id else f"{md(pain_row.journey.title)}, "
        owner = md(pain.owner) if pain.owner else "no owner"
        lines.append(
            f"- **{md(pain.severity)}**, {pain.status}: {md(pain.summary)} "
            f"({journey}{where}; owner {owner})"
        )
    for pain_id in row.unknown_pains:
        lines.append(f"- `{md(pain_id)}`: no loaded map holds this pain point")
    return [*lines, ""]


def kpi_words(kpi: KpiView) -> tuple[str, str, str]:
    """A KPI's actual value, target and verdict as the report words them (``not
    measured``, ``no target``, ``direction unknown``...), for every tracker's body."""
    actual = phrases.kpi_value(kpi.actual, kpi.unit, "not measured")
    target = phrases.kpi_value(kpi.target, kpi.unit, "no target")
    gap = phrases.gap_text(kpi)
    return actual, target, phrases.kpi_status(kpi) + (f", {gap}" if gap else "")


def _kpis(opportunity: OpportunityView, kpis: tuple[KpiRow, ...]) -> list[str]:
    if not opportunity.kpis:
        return []
    lines = ["### KPIs it should move", ""]
    found = {k.kpi.id: k.kpi for k in kpis}
    for ref in opportunity.kpis:
        kpi = found.get(ref.id)
        if kpi is None:
            lines.append(f"- `{md(ref.id)}`: no KPI of this map")
            continue
        actual, target, verdict = kpi_words(kpi)
        lines.append(
            f"- {md(kpi.name)} ({md(kpi.stage)}): actual {md(actual)}, target {md(target)}, "
            f"{phrases.direction(kpi)} is better: **{verdict}**"
        )
    return [*lines, ""]


def _evidence(evidence: list[EvidenceView]) -> list[str]:
    if not evidence:
        return []
    lines = ["### Evidence", ""]
    for item in evidence:
        title = link(item.title, item.href) if item.href else md(item.title)
        kind = "assumption" if item.is_assumption else md(item.kind)
        lines.append(f"- {title} ({kind})")
    return [*lines, ""]


def _links(links: list[WorkLinkView]) -> list[str]:
    if not links:
        return []
    lines = ["### Tracked in", ""]
    for work in links:
        text = (
            link(work.key or work.url, work.href) if work.href else f"`{md(work.key or work.url)}`"
        )
        lines.append(f"- {text}" + (f" {md(work.title)}" if work.title else ""))
    return [*lines, ""]
