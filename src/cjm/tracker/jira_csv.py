"""Opportunities as a CSV file for Jira's CSV import.

One row per opportunity. Jira reads a label per ``Labels`` column, so the header repeats
``Labels`` as often as the most-labelled row needs. Priority comes from impact (high,
medium, low: High, Medium, Low; empty when not sized, so that Jira's default applies).
``Issue Key`` holds the Jira key the map already links the opportunity to
(``links: [{url, key: PAY-123}]``): mapped to Jira's Issue Key field, the import updates
that issue instead of creating one. ``cjm key`` (``<map-id>/<opportunity-id>``) is always
there, for a custom field that finds rows again. A done or dropped opportunity without a
Jira key is left out: there is nothing to track.

Every cell that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``, tab or
carriage return) is prefixed with an apostrophe, so that opening the file in a
spreadsheet never runs a map's text as a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cjm.render.text import clean
from cjm.report import phrases
from cjm.report.formatting import format_date
from cjm.tracker.content import IssueContent, kpi_words

PRIORITY = {"high": "High", "medium": "Medium", "low": "Low"}
FIXED_COLUMNS = ("Summary", "Issue Type", "Priority", "Due date", "Description")
KEY_COLUMNS = ("Issue Key", "cjm key", "cjm status")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Jira wiki markup: characters that start formatting, links, macros or tables.
_WIKI_SPECIAL = re.compile(r"([\\{}\[\]|*_^~!?+#])")
# A hyphen next to a space or an end starts strikethrough or a list: escape those only.
_WIKI_DASH = re.compile(r"(?:(?<=\s)|^)-|-(?=\s|$)")


@dataclass
class JiraSheet:
    """The CSV text, and the opportunities it leaves out with why."""

    text: str
    rows: int
    left_out: list[tuple[str, str]] = field(default_factory=list)


def jira_csv(contents: Sequence[IssueContent], issue_type: str = "Task") -> JiraSheet:
    """The CSV file Jira's importer reads, for ``contents``."""
    kept: list[IssueContent] = []
    left_out: list[tuple[str, str]] = []
    for content in contents:
        if content.settled and not content.tracker_keys:
            left_out.append((content.key, f"it is {content.status} and has no Jira key"))
        else:
            kept.append(content)
    width = max((len(content.labels) for content in kept), default=1)
    header = [*FIXED_COLUMNS, *(["Labels"] * width), *KEY_COLUMNS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for content in kept:
        labels = list(content.labels) + [""] * (width - len(content.labels))
        keys = content.tracker_keys
        row = [
            content.title,
            issue_type,
            PRIORITY.get(content.impact or "", ""),
            content.due or "",
            wiki_description(content),
            *labels,
            keys[0] if keys else "",
            content.key,
            content.status,
        ]
        writer.writerow([guard(cell) for cell in row])
    return JiraSheet(buffer.getvalue(), len(kept), left_out)


def guard(cell: str) -> str:
    """``cell``, with an apostrophe first when a spreadsheet would read it as a formula."""
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def wiki(text: str | None) -> str:
    """User text on one line, shown literally by Jira's wiki markup."""
    if not text:
        return ""
    return _WIKI_DASH.sub(r"\\-", _WIKI_SPECIAL.sub(r"\\\1", clean(text)))


def wiki_description(content: IssueContent) -> str:
    """The issue's description in Jira wiki markup: the same facts as the GitHub body."""
    o = content.opportunity
    lines = []
    if o.description:
        lines += [wiki(o.description), ""]
    lines += [
        f"*Owner:* {wiki(o.owner) if o.owner else 'no owner'}",
        f"*Impact:* {o.impact or 'not sized'}; *effort:* {o.effort or 'not sized'}",
        f"*Status:* {o.status.replace('-', ' ')}",
        f"*Due:* {format_date(o.due) if o.due else 'not set'}; "
        f"*release:* {wiki(o.release) if o.release else 'not set'}",
        "",
        "h3. Pain points it addresses",
    ]
    if not content.pains:
        lines.append("None named in the map.")
    for row in content.pains:
        pain = row.pain
        where = wiki(pain.stage) + (
            f", step {pain.step_number}: {wiki(pain.step)}" if pain.step_number else ""
        )
        lines.append(
            f"* *{wiki(pain.severity)}*, {pain.status}: {wiki(pain.summary)} "
            f"({wiki(row.journey.title)}: {where})"
        )
    if o.kpis:
        lines += ["", "h3. KPIs it should move"]
        found = {row.kpi.id: row.kpi for row in content.kpis}
        for ref in o.kpis:
            kpi = found.get(ref.id)
            if kpi is None:
                lines.append(f"* {wiki(ref.id)}: no KPI of this map")
                continue
            actual, target, verdict = kpi_words(kpi)
            lines.append(
                f"* {wiki(kpi.name)}: actual {wiki(actual)}, target {wiki(target)}, "
                f"{phrases.direction(kpi)} is better: *{wiki(verdict)}*"
            )
    lines += ["", f"From the journey map {wiki(content.journey_title)} ({content.key}), by cjm."]
    return "\n".join(lines)
