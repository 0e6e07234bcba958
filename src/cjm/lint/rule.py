"""What a lint rule is, what it sees, and what it reports.

A rule is a module under :mod:`cjm.lint.rules` with:

* a docstring: the rationale, published as the rule's documentation;
* ``CODE`` (``CJM1xx``), ``NAME`` (kebab-case), ``SEVERITY`` and ``SUMMARY`` (one line);
* ``FAILING`` and ``PASSING``: a small map that breaks the rule and one that follows it;
* ``FAILING_FILES`` and ``PASSING_FILES`` (optional): the other files of a workspace the
  example needs, relative path to text (``cjm.yaml``, ``map.measures.yaml``, a snapshot
  under ``measurements/``); the map itself is then ``map.yaml`` beside ``cjm.yaml``;
* ``Options`` (optional): a model of the rule's settings in ``cjm.yaml``;
* ``check(context)``: yields :class:`Finding` objects. ``SCOPE = "map"`` (the default)
  calls it once per map with a :class:`MapContext`; ``SCOPE = "workspace"`` once per
  workspace with a :class:`WorkspaceContext`, for rules that look across files.
  ``SCOPE = "engine"`` marks a rule the engine reports itself (unused suppressions); such
  a module has no ``check``.

Rules never print and never locate anything themselves: a finding names a document and
a data path, and the engine turns that into ``file:line:col`` with the same position
index that schema errors use.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel

from cjm.diagnostics import Code, Diagnostic, Severity
from cjm.load.document import Document
from cjm.load.positions import DataPath
from cjm.load.project import Project
from cjm.load.resolve import Scope
from cjm.model import Evidence, JourneyMap, Persona, Team, Touchpoint
from cjm.wording import listing, quoted

__all__ = ["listing", "quoted"]  # re-exported for the rules


@dataclass(frozen=True)
class Finding:
    """A problem a rule found: where (document and data path) and what."""

    document: Document[Any]
    path: DataPath
    message: str
    hint: str | None = None
    # Point at the key of the path (``owner:``) rather than its value.
    at: Literal["key", "value"] = "value"


@dataclass(frozen=True)
class Skipped:
    """A check a rule could not make soundly, and why (a file that did not load, say).

    The engine reports it as a note, so that a quiet run never hides a check that did
    not happen."""

    message: str


class NoOptions(BaseModel):
    """The settings of a rule that has none. Built when first validated (``defer_build``):
    a rule's default settings are made without validating (see ``Policy.options_for``)."""

    model_config = {"extra": "forbid", "defer_build": True}


@dataclass
class MapContext:
    """What a map rule sees: one map, what it can reference, the rule's settings.

    The map is valid, or it is the part of a map that validates (see cjm.load.partial):
    findings that would rest on a part that did not load are held back by the engine."""

    document: Document[JourneyMap]
    journey: JourneyMap
    scope: Scope
    project: Project
    options: Any
    today: datetime.date

    def finding(
        self,
        path: DataPath,
        message: str,
        hint: str | None = None,
        at: Literal["key", "value"] = "value",
    ) -> Finding:
        return Finding(self.document, path, message, hint, at)

    def persona(self, persona_id: str) -> Persona | None:
        found: Persona | None = self.scope.get("persona", persona_id)
        return found

    def team(self, team_id: str) -> Team | None:
        found: Team | None = self.scope.get("team", team_id)
        return found

    def touchpoint(self, touchpoint_id: str) -> Touchpoint | None:
        found: Touchpoint | None = self.scope.get("touchpoint", touchpoint_id)
        return found

    def evidence(self, evidence_id: str) -> Evidence | None:
        found: Evidence | None = self.scope.get("evidence", evidence_id)
        return found


@dataclass
class WorkspaceContext:
    """What a workspace rule sees: every document of the workspace, resolved."""

    project: Project
    options: Any
    today: datetime.date
    # The documents whose findings are wanted (display names); None: every document.
    only: frozenset[str] | None = None

    def wants(self, document: Document[Any]) -> bool:
        """Whether findings about ``document`` are wanted: a rule may skip the work of
        finding those about other documents (they would be dropped)."""
        return self.only is None or document.display in self.only


EXAMPLE_MAP = "map.yaml"
"""Where an example's map is, among the files of an example that needs a workspace."""

RuleOutput = Iterable[Finding | Diagnostic | Skipped]


@dataclass(frozen=True)
class Rule:
    """A lint rule, read from its module."""

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    failing: str
    passing: str
    options: type[BaseModel]
    scope: Literal["map", "workspace", "engine"]
    check: Callable[[Any], RuleOutput] | None
    module: str = field(compare=False)
    # The other files of a workspace the examples need (see the module docstring).
    failing_files: dict[str, str] = field(default_factory=dict, compare=False)
    passing_files: dict[str, str] = field(default_factory=dict, compare=False)

    def example(self, which: Literal["failing", "passing"]) -> dict[str, str]:
        """Every file of the ``failing`` or ``passing`` example, relative path to text:
        ``map.yaml`` alone, or with the workspace files it needs."""
        extra = self.failing_files if which == "failing" else self.passing_files
        return {EXAMPLE_MAP: self.failing if which == "failing" else self.passing, **extra}

    @property
    def identity(self) -> Code:
        return Code(self.code, self.name, self.summary)

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=module.SEVERITY,
            summary=module.SUMMARY,
            rationale=(module.__doc__ or "").strip(),
            failing=module.FAILING,
            passing=module.PASSING,
            options=getattr(module, "Options", NoOptions),
            scope=getattr(module, "SCOPE", "map"),
            check=getattr(module, "check", None),
            module=module.__name__,
            failing_files=dict(getattr(module, "FAILING_FILES", {})),
            passing_files=dict(getattr(module, "PASSING_FILES", {})),
        )


def step_paths(journey: JourneyMap) -> Iterator[tuple[DataPath, Any]]:
    """``(data path, step)`` for every step of ``journey``, in journey order."""
    yield from journey.each_located_step()
