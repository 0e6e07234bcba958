"""The Markdown report's pairing: the maps it is paired with (linked to their Markdown
reports when this run writes them), and, for a future-state map, the "What changes"
section (the words are :mod:`cjm.report.compare_words`', the user text goes through
:func:`~cjm.report.markdown_text.md`)."""

from __future__ import annotations

from cjm.compare import Comparison, MapRef, PainOutcome, Pairing, PersonaSide
from cjm.report import compare_words as cw
from cjm.report.links import safe_relative
from cjm.report.markdown_text import code, link, md, table

MARKDOWN_NAME = "{id}.md"


def map_named(ref: MapRef) -> str:
    """The map's title linked to its Markdown report when this run writes it, and its id."""
    title = ref.title or ref.map_id
    href = safe_relative(MARKDOWN_NAME.format(id=ref.map_id)) if ref.rendered else None
    return f"{link(title, href)} ({md_code(ref.map_id)})"


def md_code(text: str) -> str:
    """An id as inline code; ids are slugs, but a broken map's id is escaped anyway."""
    return code(text) if text.replace("-", "").replace("_", "").isalnum() else md(text)


def pair_facts(pairing: Pairing | None) -> list[str]:
    """The header's facts about the pair: ``Improves on: ...``, ``Future states: ...``."""
    if pairing is None:
        return []
    facts = []
    if pairing.current is not None:
        facts.append(f"Improves on: {map_named(pairing.current)}")
    if pairing.futures:
        word = "Future states" if len(pairing.futures) > 1 else "Future state"
        facts.append(f"{word}: " + ", ".join(map_named(f) for f in pairing.futures))
    return facts


def _pain_rows(pains: list[PainOutcome]) -> list[list[str]]:
    return [
        [
            f"{md(p.severity)} · {md(p.summary)} ({md_code(p.pain_id)})",
            md(p.where) or "whole stage",
            cw.resolution(p),
            ", ".join(f"{md(o.summary)} ({md_code(o.id)}, {o.status})" for o in p.by) or "none",
        ]
        for p in pains
    ]


def _pains(comparison: Comparison) -> list[str]:
    lines = ["### Pain points", ""]
    groups = [
        ("Resolved", comparison.resolved),
        ("Still present", comparison.still_present),
        ("New in the future state", comparison.new_pains),
        ("Already resolved today", comparison.already_resolved),
    ]
    for title, pains in groups:
        if pains:
            lines += [f"**{title}** ({len(pains)})", ""]
            headers = ["Pain point", "Where", "What becomes of it", "Opportunities"]
            lines += table(headers, _pain_rows(pains))
    if not comparison.pains:
        lines += ["Neither map has a pain point.", ""]
    return lines


def _emotions(comparison: Comparison) -> list[str]:
    lines = ["### Emotions", ""]
    for persona in comparison.personas:
        lines += [f"- **{md(persona.name)}**: {cw.persona_line(persona)}"]
        if persona.side is not PersonaSide.BOTH:
            continue
        for shift in [*persona.raised, *persona.lowered]:
            word = cw.shift_word(shift.delta)
            lines.append(
                f"  - {word} at {md(shift.action)}: {cw.score(shift.before)} \u2192 "
                f"{cw.score(shift.after)}"
            )
    return [*lines, ""]


def _steps(comparison: Comparison) -> list[str]:
    lines = ["### Steps", ""]
    if not comparison.steps:
        return [*lines, "No step is added, removed or changed.", ""]
    rows = []
    for step in comparison.steps:
        action = step.action_after if step.action_after is not None else step.action_before
        shown = md(action)
        if step.status.value == "removed":
            shown = f"~~{shown}~~"
        what = "; ".join(md(w) for w in step.changes) or (
            "only in the future state" if step.status.value == "added" else "only today"
        )
        rows.append([step.status.value, md(step.stage), f"{shown} ({md_code(step.step_id)})", what])
    return [*lines, *table(["Change", "Stage", "Step", "What changed"], rows)]


def _kpis(comparison: Comparison) -> list[str]:
    lines = ["### KPIs: today and the target", ""]
    if not comparison.kpis:
        return [*lines, "Neither map has a KPI.", ""]
    rows = [
        [
            f"{md(k.name)} ({md_code(k.kpi_id)}), {cw.kpi_sides(k)}",
            md(cw.kpi_today(k)),  # a KPI's unit is the map's text
            md(cw.kpi_target(k)),
            md(cw.kpi_gap(k)),
            "unknown" if k.better is None else f"{k.better.value} is better",
        ]
        for k in comparison.kpis
    ]
    return [*lines, *table(["KPI", "Today", "Target", "Gap", "Better"], rows)]


def changes_section(pairing: Pairing | None) -> list[str]:
    """``## What changes`` for a future-state map that names a current state; nothing
    for any other map."""
    if pairing is None or pairing.current is None:
        return []
    lines = ["## What changes", ""]
    if pairing.missing is not None:
        return [*lines, md(pairing.missing), ""]
    comparison = pairing.comparison
    if comparison is None:
        return []
    lines += [
        f"Against the current state {md(comparison.current.title)} "
        f"({md_code(comparison.current.id)}): " + "; ".join(cw.summary(comparison)) + ".",
        "",
    ]
    return [
        *lines,
        *_steps(comparison),
        *_emotions(comparison),
        *_pains(comparison),
        *_kpis(comparison),
    ]
