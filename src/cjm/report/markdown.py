"""The report as Markdown, for wikis and pull-request descriptions.

The same content as the HTML report, from the same :class:`~cjm.report.build.Report`:
facts and staleness, personas, the journey stage by stage as tables, the emotional curve
as a Mermaid ``journey`` block (GitHub and GitLab draw it), the pain-point register, the
opportunity matrix, KPIs against targets, evidence coverage, what each team owns and the
lint findings.

Every piece of user text goes through :func:`~cjm.report.markdown_text.md` (see
:mod:`cjm.report.markdown_text`), so that it shows literally and as written.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from cjm.compare import Pairing
from cjm.diagnostics import Diagnostic
from cjm.display import reveal_bidi_controls
from cjm.render.context import RenderContext
from cjm.render.mermaid import to_mermaid
from cjm.render.style import EMOTION_WORD, score_label
from cjm.report import phrases
from cjm.report.build import build_report
from cjm.report.compare_markdown import changes_section, pair_facts
from cjm.report.facts import (
    EFFORTS,
    CoverageRow,
    Curve,
    EmotionGroup,
    EvidenceView,
    KpiView,
    OpportunityView,
    PainRef,
    PainView,
    Report,
    StageView,
    StepView,
    WorkLinkView,
)
from cjm.report.formatting import format_date, format_number
from cjm.report.funnel_markdown import funnel_section
from cjm.report.markdown_text import code, fence, link, md, md_block, table
from cjm.wording import plural


def _emotion(group: EmotionGroup) -> str:
    who = " ".join(md(m.initials) for m in group.marks)
    if group.score is None:
        return f"{who} no score"
    words = md(group.label) if group.label else EMOTION_WORD[group.score]
    return f"{who} **{score_label(group.score)}** {words}"


def _evidence(evidence: EvidenceView, with_link: bool = False) -> str:
    kind = "assumption" if evidence.is_assumption else evidence.kind.replace("-", " ")
    text = f"{md(evidence.title)} ({kind}"
    if evidence.sample_size:
        text += f", n={format_number(evidence.sample_size)}"
        if evidence.sample_unit:
            text += f" {evidence.sample_unit}"
    if evidence.confidence == "low":
        text += ", low confidence"
    text += ")"
    if with_link and evidence.link:
        text += " " + (
            link(evidence.link, evidence.href) if evidence.href else f"`{md(evidence.link)}`"
        )
    return text


DIRECTION_HINT = "add {} or {} to judge it".format(*map(code, phrases.DIRECTION_SETTINGS))


def _kpi_status(kpi: KpiView) -> str:
    """``✓ met``, ``✗ missed, 17 days short``, ``direction unknown: add ...``."""
    mark = {"met": "\u2713 ", "missed": "\u2717 "}.get(kpi.status, "")
    if kpi.still_due:
        mark = "" if kpi.status == "missed" else mark
    text = mark + phrases.kpi_status(kpi)
    if kpi.status == "no-direction":
        return f"{text}: {DIRECTION_HINT}"
    gap = phrases.gap_text(kpi)
    return f"{text}, {md(gap)}" if gap else text


def _kpi_values(kpi: KpiView) -> tuple[str, str]:
    """The actual and the target value, said in words when there is none."""
    return (
        md(phrases.kpi_value(kpi.actual, kpi.unit, "not measured")),
        md(phrases.kpi_value(kpi.target, kpi.unit, "not set")),
    )


def _opportunity(o: OpportunityView) -> str:
    return f"O{o.number} {md(o.summary)} ({o.status.replace('-', ' ')})"


def _when(day: datetime.date | None, period: tuple[datetime.date, datetime.date] | None) -> str:
    """``30 Sep 2026``, or a period's first and last day; empty without either."""
    if period is not None:
        return f"{format_date(period[0])} \u2013 {format_date(period[1])}"
    return format_date(day) if day is not None else ""


def _flags(step: StepView) -> str:
    """What the map marks at a step: optional, a moment of truth, a fail or wait point."""
    flags = []
    if step.branch is not None:
        flags.append(f"branch: {md(phrases.branch_name(step.branch))}")
    if step.optional:
        flags.append("optional")
    if step.moment:
        flags.append("\u2605 moment of truth")
    if step.fail_point:
        flags.append("\u26a0 fail point" + (f": {md(step.fail_note)}" if step.fail_note else ""))
    if step.wait:
        flags.append(f"\u23f3 wait point ({md(step.wait)})")
    return f" *({'; '.join(flags)})*" if flags else ""


def _words(step: StepView) -> str:
    """Thoughts, questions and quotes at a step: everyone's, then each persona's own."""

    def said(thoughts: Iterable[str], questions: Iterable[str], quotes: Iterable[str]) -> list[str]:
        return [
            *(f"\u201c{md(t)}\u201d" for t in thoughts),
            *(f"? {md(q)}" for q in questions),
            *(f"said \u201c{md(q)}\u201d" for q in quotes),
        ]

    parts = said(step.thoughts, step.questions, step.quotes)
    for detail in step.details:
        own = said(detail.thoughts, detail.questions, detail.quotes)
        parts.append(f"{md(detail.mark.initials)}: " + "; ".join(own))
    return "; ".join(parts)


def _pain_ref(ref: PainRef) -> str:
    if ref.severity is not None:
        return f"**{ref.severity.upper()}** {md(ref.summary)}"
    return md(phrases.elsewhere(ref))


def _owner(step: StepView) -> str:
    """The step's owner, with the handoffs into the step and what the map says of them."""
    owner = md(step.owner) if step.owner else "no owner"
    if not step.handoffs:
        return f"{owner} \u00b7 handoff: {md(step.handoff)}" if step.handoff else owner
    sources = []
    for handoff in step.handoffs:
        source = md(phrases.handoff_heading(handoff))
        if handoff.personas:
            source += f", {phrases.handoff_whose(handoff)} {md(phrases.names(handoff.personas))}"
        sources.append(source)
    first = step.handoffs[0]
    if first.waived:
        said = ": no handoff needed"
    elif step.handoff:
        said = f": {md(step.handoff)}"
    else:
        said = ", not described"
    return f"{owner} \u00b7 {'; '.join(sources)}{said}"


def _header(r: Report, pairing: Pairing | None = None) -> list[str]:
    review = r.review
    facts = [
        f"*{r.type_label}*",
        f"Owner: **{md(r.owner)}**",
        f"Last reviewed: {format_date(review.reviewed)}"
        + (f" ({review.cadence} cadence)" if review.cadence else ""),
        f"Map id: `{r.id}`",
    ]
    paired = pair_facts(pairing)
    if paired:
        facts.extend(paired)
    elif r.current_state:
        facts.append(f"Improves on: `{r.current_state}`")
    lines = [f"# {md(r.title)}", "", " \u00b7 ".join(facts), ""]
    if review.stale:
        lines += [
            f"> \u26a0\ufe0f **Review overdue by {plural(review.overdue_days, 'day')}.** "
            f"Last reviewed {plural(review.age_days, 'day')} ago; a review is due every "
            f"{review.cadence_days} days. Treat its insight with care.",
            "",
        ]
    elif review.in_future:
        lines += [
            f"> \u26a0\ufe0f **Review date in the future:** {format_date(review.reviewed)} is "
            f"after {format_date(review.today)}.",
            "",
        ]
    elif review.due is not None:
        lines += [f"Up to date: next review due {format_date(review.due)}.", ""]
    if r.description:
        lines += [md_block(r.description), ""]
    if r.tags:
        lines += ["Tags: " + ", ".join(md(t) for t in r.tags), ""]
    return lines


def _summary(r: Report) -> list[str]:
    open_by = r.open_by_severity
    coverage = r.coverage[0]
    unknown_direction = r.count_kpis("no-direction")
    kpis = f"{r.kpis_met} of {r.kpis_judged}" if r.kpis_judged else "none judged"
    if unknown_direction:
        kpis += f" ({unknown_direction} with direction unknown)"
    row = [
        f"{len(r.steps)} in {plural(len(r.stages), 'stage')}",
        f"{len(r.open_pains)}" + (f" ({open_by})" if open_by else ""),
        str(len(r.opportunities)),
        kpis,
        f"{coverage.share(coverage.research)}%" if coverage.total else "no pain points",
        str(len(r.findings)),
    ]
    headers = [
        "Steps",
        "Open pain points",
        "Opportunities",
        "KPIs on target",
        "Pain points backed by research",
        "Lint findings",
    ]
    return ["## At a glance", "", *table(headers, [row])]


def _personas(r: Report) -> list[str]:
    lines = ["## Personas", ""]
    for p in r.personas:
        lines += [f"### {md(p.name)} ({md(p.initials)})", ""]
        if p.role:
            lines += [f"**{md(p.role)}**", ""]
        if p.image_path:
            note = f" (not shown: {md(p.image_problem)})" if p.image_problem else ""
            lines += [f"Picture: `{md(p.image_path)}`{note}", ""]
        if p.segment:
            lines += [f"*{md(p.segment)}*", ""]
        if p.quote:
            lines += [f"> {md_block(p.quote)}", ""]
        if p.description:
            lines += [md_block(p.description), ""]
        if p.demographics:
            lines += [" \u00b7 ".join(f"{md(k)}: **{md(v)}**" for k, v in p.demographics), ""]
        for title, items in p.sections:
            lines.append(f"- **{title}:** " + "; ".join(md(i) for i in items))
        if p.sections:
            lines.append("")
        if p.evidence:
            lines += ["Based on: " + "; ".join(_evidence(e) for e in p.evidence), ""]
    return lines


def _step_row(step: StepView, stage: StageView, first: bool) -> list[str]:
    owner = _owner(step)
    opportunities = [*(stage.opportunities if first else []), *step.opportunities]
    return [
        str(step.number),
        f"**{md(step.action)}**{_flags(step)}",
        owner,
        "; ".join(md(t.name) + (f" ({t.channel})" if t.channel else "") for t in step.touchpoints),
        _words(step),
        "; ".join(_emotion(g) for g in step.emotion_groups),
        "; ".join(_step_pain(p, step) for p in step.pains),
        "; ".join(_opportunity(o) for o in opportunities),
    ]


def _step_pain(pain: PainView, step: StepView) -> str:
    text = f"**{pain.severity.upper()}** {md(pain.summary)}"
    if not pain.spans:
        return text
    where = "whole stage" if pain.whole_stage else f"steps {phrases.step_numbers(pain.covers)}"
    continues = "continues, " if pain.step_number != step.number else ""
    return f"{text} ({continues}{where})"


def _branches(stage: StageView) -> list[str]:
    """Each branch of a stage: its condition, its steps and where it leaves and rejoins."""
    found: list[str] = []
    for step in stage.steps:
        branch = step.branch
        if branch is None or not step.branch_first:
            continue
        steps = phrases.names(
            [
                str(s.number)
                for s in stage.steps
                if s.branch is not None and s.branch.id == branch.id
            ]
        )
        condition = md(branch.condition) if branch.condition else f"no condition (`{branch.id}`)"
        found.append(
            f"- Branch **{condition}**: step{'s' if branch.steps > 1 else ''} {steps}, "
            f"instead of or on top of the main line. {phrases.branch_route(branch)}."
        )
    return [*found, ""] if found else []


def _journey(r: Report) -> list[str]:
    lines = ["## Journey", ""]
    legend = ", ".join(f"{md(p.initials)} = {md(p.name)}" for p in r.personas)
    lines += [f"Personas: {legend}. Emotion runs from \u22122 (very negative) to +2.", ""]
    headers = [
        "#",
        "Customer action",
        "Owner",
        "Touchpoints",
        "Thoughts, questions, quotes",
        "Emotion",
        "Pain points",
        "Opportunities",
    ]
    for stage in r.stages:
        lines += [f"### {stage.index + 1}. {md(stage.name)}", ""]
        goals = []
        if stage.customer_goal:
            goals.append(f"**Customer goal:** {md(stage.customer_goal)}")
        if stage.business_goal:
            goals.append(f"**Business goal:** {md(stage.business_goal)}")
        if goals:
            lines += [" \u00b7 ".join(goals), ""]
        lines += _branches(stage)
        if stage.steps:
            lines += table(
                headers, [_step_row(s, stage, i == 0) for i, s in enumerate(stage.steps)]
            )
        else:
            lines += ["*No steps yet.*", ""]
        lanes = [
            (title, cells)
            for title, cells, shown in (
                ("Artifacts", [_items(s.artifacts) for s in stage.steps], r.has_artifacts),
                ("Time", [_time(s) for s in stage.steps], r.has_times),
                ("Policies", [_items(s.policies) for s in stage.steps], r.has_policies),
            )
            if shown and any(cells)
        ]
        if lanes:
            lines += table(
                ["#", *(title for title, _ in lanes)],
                [
                    [str(s.number), *(cells[i] for _, cells in lanes)]
                    for i, s in enumerate(stage.steps)
                ],
            )
        if r.blueprint and stage.steps:
            lines += table(
                ["#", "Frontstage", "Backstage", "Support"],
                [
                    [
                        str(s.number),
                        *(
                            "; ".join(
                                md(a.action) + (f" ({md(a.owner)})" if a.owner else "")
                                for a in activities
                            )
                            for activities in (s.frontstage, s.backstage, s.support)
                        ),
                    ]
                    for s in stage.steps
                ],
            )
        for kpi in stage.all_kpis:
            actual, target = _kpi_values(kpi)
            better = "" if kpi.better is None else f", {phrases.direction(kpi)} is better"
            baseline = (
                f"baseline {md(phrases.kpi_value(kpi.baseline, kpi.unit, ''))} \u2192 "
                if kpi.baseline is not None
                else ""
            )
            lines.append(
                f"- KPI {md(kpi.name)}: {baseline}{actual} (target {target}{better}): "
                f"{_kpi_status(kpi)}"
            )
        if stage.all_kpis:
            lines.append("")
    if r.unplaced:
        lines += ["Other opportunities: " + "; ".join(_opportunity(o) for o in r.unplaced), ""]
    return lines


def _items(items: list[str]) -> str:
    return "; ".join(md(item) for item in items)


def _time(step: StepView) -> str:
    parts = []
    if step.duration:
        parts.append(f"takes {md(step.duration)}")
    if step.wait:
        parts.append(f"waits {md(step.wait)}")
    return ", ".join(parts)


def _moments(r: Report) -> list[str]:
    if not r.moments:
        return []
    rows = [
        [
            f"{s.number}. {md(s.action)} ({md(r.stages[s.stage_index].name)})",
            md(s.moment_note) if s.moment_note else "not said",
            "; ".join(_emotion(g) for g in s.emotion_groups) or "none",
            "; ".join(f"**{p.severity.upper()}** {md(p.summary)}" for p in s.pains) or "none",
        ]
        for s in r.moments
    ]
    return [
        "## Moments of truth",
        "",
        *table(["Step", "Why it matters", "Emotion", "Pain points"], rows),
    ]


def _curve(r: Report, context: RenderContext) -> list[str]:
    names = {m.persona_id: m.name for m in context.marks}
    lines = ["## Emotional curve", ""]
    lines += fence(reveal_bidi_controls(to_mermaid(context.journey, names)), "mermaid")
    lines += [
        "Peaks are positive high points and valleys negative low points along each "
        "persona's own path.",
        "",
    ]
    lines += [f"- {_turning_points(curve)}" for curve in r.curves]
    return [*lines, ""]


def _turning_points(curve: Curve) -> str:
    """A persona's peaks and valleys, or why there are none."""
    who = md(curve.persona.name)
    if not curve.scored:
        return f"{who}: no emotion scores on this map."
    parts = []
    for title, points in (("peaks", curve.peaks), ("valleys", curve.valleys)):
        if points:
            parts.append(
                f"{title}: "
                + "; ".join(
                    f"step {p.step_number} {md(p.action)} (**{score_label(p.score or 0)}**"
                    + (f" {md(p.label)}" if p.label else "")
                    + ")"
                    for p in points
                )
            )
        else:
            parts.append(f"no {title[:-1]}")
    return f"{who}, " + "; ".join(parts) + "."


def _pains(r: Report) -> list[str]:
    lines = ["## Pain points", ""]
    if not r.pains:
        return [*lines, "This map records no pain points.", ""]
    backing = {
        "research": "research",
        "weak": "low-confidence research only",
        "assumption": "assumptions only",
        "none": "none",
    }
    rows = [
        [
            f"**{p.severity.upper()}**",
            f"**{md(p.summary)}**" + (f" {md(p.description)}" if p.description else ""),
            phrases.pain_place(p, md),
            md(p.owner) if p.owner else "**no owner**",
            p.status,
            f"{backing[p.backing]}: " + "; ".join(_evidence(e) for e in p.evidence)
            if p.evidence
            else "**none**",
            "; ".join(_opportunity(o) for o in p.opportunities)
            or ("resolved" if p.status == "resolved" else "**nothing yet**"),
        ]
        for p in r.pains
    ]
    headers = ["Severity", "Pain point", "Where", "Owner", "Status", "Evidence", "Addressed by"]
    return [*lines, *table(headers, rows)]


def _opportunities(r: Report) -> list[str]:
    lines = ["## Opportunities", ""]
    if not r.opportunities:
        return [*lines, "This map records no opportunities.", ""]
    matrix_rows = [
        [f"**{row[0].impact.capitalize()} impact**"]
        + [
            f"*{cell.name}*"
            + (
                "".join(f"; {_opportunity(o)}" for o in cell.opportunities)
                if cell.opportunities
                else ""
            )
            for cell in row
        ]
        for row in r.matrix
    ]
    lines += table(
        ["Impact \\\\ effort", *(f"{e.capitalize()} effort" for e in EFFORTS)], matrix_rows
    )
    if r.unsized:
        lines += ["Not sized yet: " + "; ".join(_opportunity(o) for o in r.unsized), ""]
    rows = [
        [
            f"O{o.number}",
            f"**{md(o.summary)}**"
            + (f" {md(o.description)}" if o.description else "")
            + (f" Evidence: {'; '.join(_evidence(e) for e in o.evidence)}" if o.evidence else ""),
            "; ".join(_pain_ref(a) for a in o.addresses) or "no pain point",
            "; ".join(
                md(k.name) if k.known else f"'{md(k.id)}', which is no KPI of this map"
                for k in o.kpis
            )
            or "none named",
            md(o.owner) if o.owner else "no owner",
            o.impact or "not sized",
            o.effort or "not sized",
            o.status.replace("-", " "),
            _planned(o),
            "; ".join(_work_link(w) for w in o.links) or "not tracked",
        ]
        for o in r.opportunities
    ]
    headers = [
        "#",
        "Opportunity",
        "Addresses",
        "Moves KPIs",
        "Owner",
        "Impact",
        "Effort",
        "Status",
        "When",
        "Tracked in",
    ]
    return [*lines, *table(headers, rows)]


def _planned(o: OpportunityView) -> str:
    parts = []
    if o.due:
        parts.append(f"due {format_date(o.due)}")
    if o.release:
        parts.append(f"release {md(o.release)}")
    return ", ".join(parts) or "not planned"


def _work_link(w: WorkLinkView) -> str:
    text = link(w.key or w.url, w.href) if w.href else f"`{md(w.key or w.url)}`"
    return text + (f" {md(w.title)}" if w.title else "")


def _dated(text: str, when: str, by: bool = False) -> str:
    return f"{text} ({'by ' if by else ''}{when})" if when else text


def _change(kpi: KpiView) -> str:
    movement = phrases.movement_text(kpi)
    change = phrases.change_text(kpi)
    if not movement:
        return "not measured"
    mark = {"better": "\u2197 ", "worse": "\u2198 "}.get(kpi.movement or "", "")
    return f"{md(change)}, {mark}{movement}" if change else movement


def _kpi_source(kpi: KpiView) -> str:
    source = ""
    if kpi.source:
        source = link(kpi.source, kpi.source_href) if kpi.source_href else md(kpi.source)
    if kpi.evidence:
        cited = "; ".join(_evidence(e) for e in kpi.evidence)
        source = f"{source}; {cited}" if source else cited
    return source or "not given"


def _kpis(r: Report) -> list[str]:
    lines = ["## KPIs", ""]
    if not r.kpis:
        return [*lines, "This map measures nothing yet.", ""]
    summary = phrases.kpis_summary(r.kpis_met, r.kpis_judged)
    unknown = r.count_kpis("no-direction")
    if unknown:
        summary += f" {phrases.unknown_directions(unknown, code)}."
    lines += [summary, ""]
    rows = [
        [
            md(k.stage),
            md(k.name) + (f" (step {k.step_number})" if k.step_number else ""),
            _dated(
                md(phrases.kpi_value(k.baseline, k.unit, "not set")), _when(k.baseline_date, None)
            ),
            _dated(_kpi_values(k)[0], _when(k.actual_date, k.actual_period)),
            _change(k),
            _dated(_kpi_values(k)[1], _when(k.target_date, None), by=True),
            phrases.direction(k),
            f"**{_kpi_status(k)}**",
            _kpi_source(k),
        ]
        for k in r.kpis
    ]
    headers = [
        "Stage",
        "KPI",
        "Baseline",
        "Actual",
        "Change",
        "Target",
        "Better",
        "Status",
        "Source",
    ]
    return [*lines, *table(headers, rows)]


def _coverage_cell(row: CoverageRow, part: int) -> str:
    return f"{part} ({row.share(part)}%)"


def _evidence_section(r: Report) -> list[str]:
    lines = [
        "## Evidence coverage",
        "",
        "Evidence counts by its strength: research in full, research of low confidence "
        "half, an assumption nothing.",
        "",
    ]
    rows = [
        [
            row.what,
            _coverage_cell(row, row.research),
            _coverage_cell(row, row.weak),
            _coverage_cell(row, row.assumption),
            _coverage_cell(row, row.none),
            str(row.total),
            f"**{row.backed_share}%**" if row.total else "none",
        ]
        for row in r.coverage
    ]
    lines += table(
        [
            "",
            "Backed by research",
            "Low-confidence research only",
            "Assumptions only",
            "No evidence",
            "Total",
            "Weighted by strength",
        ],
        rows,
    )
    if r.evidence:
        rows = [
            [
                f"**{md(e.title)}**" + "".join(f" \u201c{md(q)}\u201d" for q in e.quotes),
                "assumption" if e.is_assumption else e.kind.replace("-", " "),
                _when(e.date, e.period) or "not given",
                (
                    format_number(e.sample_size) + (f" {e.sample_unit}" if e.sample_unit else "")
                    if e.sample_size
                    else "not given"
                ),
                e.confidence or "not given",
                format_number(e.strength),
                str(e.cited_by),
                (link(e.link, e.href) if e.href else f"`{md(e.link)}`") if e.link else "none",
            ]
            for e in r.evidence
        ]
        lines += table(
            ["Source", "Kind", "Date", "Sample", "Confidence", "Strength", "Cited", "Link"], rows
        )
    return lines


def _teams(r: Report) -> list[str]:
    lines = ["## Teams", ""]
    for t in r.teams:
        lines += [f"### {md(t.name)}" + (" (owns this map)" if t.owns_map else ""), ""]
        if t.steps:
            lines.append("- Steps: " + "; ".join(f"{s.number}. {md(s.action)}" for s in t.steps))
        if t.touchpoints:
            lines.append(
                "- Touchpoints: "
                + "; ".join(
                    md(tp.name) + (f" ({tp.channel})" if tp.channel else "") for tp in t.touchpoints
                )
            )
        if t.pains:
            lines.append(
                "- Pain points: "
                + "; ".join(f"**{p.severity.upper()}** {md(p.summary)}" for p in t.pains)
            )
        if t.opportunities:
            lines.append("- Opportunities: " + "; ".join(_opportunity(o) for o in t.opportunities))
        if t.activities:
            lines.append(
                "- Blueprint activities: "
                + "; ".join(
                    f"{lane} at step {s.number}: {md(a.action)}" for lane, s, a in t.activities
                )
            )
        if not (t.steps or t.touchpoints or t.pains or t.opportunities or t.activities):
            lines.append("- Owns nothing else on this map.")
        lines.append("")
    return lines


def _findings(r: Report) -> list[str]:
    lines = ["## Lint findings", ""]
    if not r.findings:
        return [*lines, "No findings: the map passes every lint rule that ran.", ""]
    rows = [
        [
            f.severity,
            f"`{f.code}`",
            f.name,
            f"{f.line}:{f.column}",
            md(f.message) + (f" Hint: {md(f.hint)}" if f.hint else ""),
        ]
        for f in r.findings
    ]
    return [*lines, *table(["Severity", "Code", "Rule", "Line", "Message"], rows)]


def markdown_report(
    context: RenderContext,
    findings: list[Diagnostic],
    today: datetime.date,
    stale_after_days: int | None,
    pairing: Pairing | None = None,
) -> str:
    """The report of one map as Markdown (see the module's docstring); ``pairing`` names
    the map it is paired with and, for a future-state map, adds what changes."""
    r = build_report(context, findings, today, stale_after_days)
    lines = [
        *_header(r, pairing),
        *_summary(r),
        *changes_section(pairing),
        *_personas(r),
        *_journey(r),
        *_curve(r, context),
        *funnel_section(r.funnel),
        *_moments(r),
        *_pains(r),
        *_opportunities(r),
        *_kpis(r),
        *_evidence_section(r),
        *_teams(r),
        *_findings(r),
        f"*Made with cjm from map `{r.id}` on {format_date(today)}.*",
    ]
    return "\n".join(lines) + "\n"
