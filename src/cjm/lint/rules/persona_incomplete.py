"""A persona that does not say what the customer wants or what gets in their way.

A persona earns its place on a journey map by explaining behaviour: what the customer is
trying to achieve and what frustrates them today. A name, a segment and a stock photo do
not tell the team why the customer hesitates at a step or which pain point matters most,
so the map ends up reflecting the team's own view instead. A persona without goals and
frustrations is usually a placeholder that nobody has filled in from research.

Write the persona's goals and frustrations from interviews, support tickets or other
research, and cite that research under `evidence`. The fields required can be changed
with the `required` option, for example to also ask for `churn_risks`, or for the
persona's `role` and `image` where the report should show them.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, WorkspaceContext, listing
from cjm.load.document import Document
from cjm.load.positions import DataPath
from cjm.model import DefinitionsFile, JourneyMap, Persona
from cjm.model.base import CjmModel

CODE = "CJM110"
NAME = "persona-incomplete"
SEVERITY = Severity.WARNING
SUMMARY = "A persona without goals or frustrations."
SCOPE = "workspace"

LIST_FIELDS = tuple(
    name
    for name, field in Persona.model_fields.items()
    if typing.get_origin(field.annotation) is list
)
"""The persona fields that hold lists (goals, frustrations, behaviours...)."""

TEXT_FIELDS = ("role", "image")
"""The persona fields that hold one value and can be required too."""

REQUIRABLE = (*LIST_FIELDS, *TEXT_FIELDS)


def _list_field(name: str) -> str:
    if name not in REQUIRABLE:
        raise ValueError(
            f"'{name}' is not a persona field the rule can ask for; use one of: "
            + ", ".join(REQUIRABLE)
        )
    return name


PersonaListField = Annotated[str, AfterValidator(_list_field)]


class Options(CjmModel):
    """Settings of persona-incomplete."""

    required: list[PersonaListField] = Field(
        default_factory=lambda: ["goals", "frustrations"],
        description="The persona fields that must be filled in: any of "
        + ", ".join(f"`{name}`" for name in REQUIRABLE)
        + ".",
    )


FAILING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas:
  - id: olivia
    name: Ops Olivia
    goals: [Plan next quarter's staffing in one afternoon]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""

PASSING = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas:
  - id: olivia
    name: Ops Olivia
    goals: [Plan next quarter's staffing in one afternoon]
    frustrations: [Copying headcount between three spreadsheets]
touchpoints: [{id: pricing-page, name: Pricing page, channel: web, owner: growth}]
stages:
  - id: consider
    name: Consider
    steps:
      - {id: compare-plans, action: Compares plans, touchpoints: [pricing-page]}
"""


def _words(field: str) -> str:
    return field.replace("_", " ")


def _finding(
    document: Document[Any], path: DataPath, persona: Persona, required: list[str]
) -> Finding | None:
    missing = [field for field in required if not getattr(persona, field)]
    if not missing:
        return None
    return Finding(
        document,
        path,
        f"persona '{persona.id}' has "
        + listing([f"no {_words(field)}" for field in missing], "and"),
        "add "
        + listing([f"`{field}:`" for field in missing], "and")
        + (" from research" if any(field in LIST_FIELDS for field in missing) else ""),
    )


def _personas(model: DefinitionsFile | JourneyMap) -> Iterator[tuple[DataPath, Persona]]:
    """Persona definitions of a definitions file or a map, with their data paths."""
    for index, entry in enumerate(model.personas):
        if isinstance(entry, Persona):
            yield ("personas", index), entry


def check(context: WorkspaceContext) -> Iterator[Finding]:
    options: Options = context.options
    required = list(dict.fromkeys(options.required))
    project = context.project
    documents: list[Document[Any]] = [*project.definitions, *project.maps]
    for document in documents:
        if not context.wants(document) or document.checked is None:
            continue
        for path, persona in _personas(document.checked):
            finding = _finding(document, path, persona, required)
            if finding is not None:
                yield finding
