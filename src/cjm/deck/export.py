"""From checked maps to deck files on disk: ``<map-id>.pptx`` per map, written safely.

As ``cjm render`` does (:mod:`cjm.render.pipeline`), a map with errors gets no deck
unless forced, a map that did not load never gets one, a deck is never written over an
input file, two maps never write the same file, and every file is written atomically.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cjm.deck.build import build_deck
from cjm.diagnostics import Diagnostic
from cjm.load.project import Project
from cjm.load.workspace import real_path
from cjm.portfolio.inputs import stale_after_days
from cjm.render.pipeline import Job, Skipped, claim, context_for, drawable_maps
from cjm.report.build import build_report
from cjm.writing import write_bytes_atomic

DECK_FORMAT = "pptx"


@dataclass
class DeckPlan:
    """The decks to write, and why some cannot be."""

    jobs: list[Job] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def deck_name(map_id: str) -> str:
    return f"{map_id}.{DECK_FORMAT}"


def plan_decks(
    projects: list[Project],
    selected: set[str],
    out: Path,
    errors: Mapping[str, int] | None = None,
    force: bool = False,
) -> DeckPlan:
    """A deck for every selected map, in a stable order, with clashes refused; a map with
    ``errors`` (display name -> how many) is skipped unless ``force``."""
    errors = errors or {}
    plan = DeckPlan()
    inputs = {real_path(doc.path) for project in projects for doc in project.documents()}
    claimed: dict[Path, str] = {}
    for project in projects:
        for document in drawable_maps(project, selected, errors, force, plan.skipped):
            assert document.model is not None
            target = out / deck_name(document.model.id)
            refusal = claim(target, document.display, inputs, claimed)
            if refusal is not None:
                plan.refused.append(refusal)
                continue
            plan.jobs.append(Job(document, project, "deck", DECK_FORMAT, target))
    return plan


def deck_bytes(job: Job, findings: list[Diagnostic], today: datetime.date) -> bytes:
    """The deck of ``job``'s map, from the facts of its report."""
    report = build_report(context_for(job), findings, today, stale_after_days(job.project))
    return build_deck(report)


def write_decks(
    plan: DeckPlan, findings: Mapping[str, list[Diagnostic]], today: datetime.date
) -> Iterator[Path]:
    """Write each deck of ``plan``, yielding its path once it is on disk."""
    for job in plan.jobs:
        data = deck_bytes(job, findings.get(job.document.display, []), today)
        job.target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(job.target, data)
        yield job.target
