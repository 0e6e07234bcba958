"""Resolve references between entities, within a map and across a workspace's files.

Personas, teams, touchpoints and evidence live in one workspace-wide namespace when they
are shared (``cjm.yaml`` and definition files); a map's inline definitions add to it for
that map only. Stages, steps, pain points, KPIs and opportunities are scoped to their map.
Every id that is defined twice and every reference to an id that does not exist becomes a
diagnostic at the exact place it is written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm.diagnostics import DUPLICATE_ID, UNKNOWN_REFERENCE, Diagnostic, Location, Severity
from cjm.load.document import Document
from cjm.load.positions import DataPath
from cjm.load.schema_errors import closest as suggest
from cjm.load.vocabulary import VocabularyCheck
from cjm.model import DefinitionsFile, JourneyMap, Vocabulary, WorkspaceConfig
from cjm.model.base import unvalidated_default
from cjm.wording import quoted

SHARED_KINDS = ("persona", "team", "touchpoint", "evidence")
MAP_SCOPED_KINDS = ("stage", "branch", "step", "pain point", "KPI", "opportunity")
"""The kinds of entity whose ids belong to their map alone."""
MAIN_LINE = "main-line step of "
"""The kind of a branch's ``after`` and ``rejoin``, followed by the stage's id."""
_COLLECTION_OF = {
    "persona": "personas",
    "team": "teams",
    "touchpoint": "touchpoints",
    "evidence": "evidence",
}


@dataclass(frozen=True)
class Definition:
    """Where an entity is defined: the file, the data path, the location of its id."""

    entity: Any
    path: str
    data_path: DataPath
    # The location of its id, or how to find it: it is looked up only for a duplicate,
    # so that the thousands of ids of a large workspace are not located for nothing.
    where: Location | Callable[[], Location]
    file: Path | None = None  # the file itself, to find what it names by relative path

    @property
    def location(self) -> Location:
        where = self.where
        return where if isinstance(where, Location) else where()


Namespace = dict[str, Definition]


@dataclass
class Scope:
    """The ids a map can see, by kind."""

    by_kind: dict[str, Namespace] = field(
        default_factory=lambda: {kind: {} for kind in SHARED_KINDS}
    )

    def get(self, kind: str, entity_id: str) -> Any | None:
        found = self.by_kind[kind].get(entity_id)
        return found.entity if found is not None else None


def _id_location(document: Document[Any], data_path: DataPath) -> Location:
    if isinstance(document.model, JourneyMap) and data_path and data_path[0] == "personas":
        entry = document.index.exact(data_path)
        if entry is not None and (*data_path, "id") not in document.index:
            return entry.value  # a persona referenced by id: the id is the item
    return document.index.value((*data_path, "id"))


class Resolver:
    """Collects definitions, then checks every map's references against them."""

    def __init__(self, unloaded_mentions: frozenset[str] = frozenset()) -> None:
        self.shared = Scope()
        self.maps: Namespace = {}
        self.diagnostics: list[Diagnostic] = []
        # Id-like words written in parts of the workspace's files that did not load.
        self.unloaded_mentions = unloaded_mentions
        self.vocabulary = VocabularyCheck(unvalidated_default(Vocabulary), self.diagnostics)

    # -- definitions ---------------------------------------------------------------------

    def define(
        self, namespace: Namespace, kind: str, definition: Definition, entity_id: str
    ) -> None:
        first = namespace.get(entity_id)
        if first is None:
            namespace[entity_id] = definition
            return
        self.duplicate(kind, entity_id, first, definition)

    def duplicate(
        self, kind: str, entity_id: str, first: Definition, definition: Definition
    ) -> None:
        """Report ``definition``, which gives the id of ``first`` again."""
        self.diagnostics.append(
            Diagnostic(
                DUPLICATE_ID,
                Severity.ERROR,
                f"duplicate {kind} id '{entity_id}': also defined "
                + _place(first.path, first.location, definition.path),
                definition.path,
                definition.location,
                "give one of them another id",
                related=((first.path, first.location),),
            )
        )

    def define_all(
        self,
        namespace_by_kind: dict[str, Namespace],
        document: Document[Any],
        entities: Iterable[tuple[str, DataPath, Any]],
    ) -> None:
        for kind, data_path, entity in entities:
            definition = _definition(document, data_path, entity)
            self.define(namespace_by_kind[kind], kind, definition, entity.id)

    def add_config(self, document: Document[WorkspaceConfig]) -> None:
        config = document.checked
        if config is None:
            return
        self.vocabulary = VocabularyCheck(config.vocabulary, self.diagnostics)
        self.vocabulary.check_config(document)
        teams = [("team", ("teams", i), team) for i, team in enumerate(config.teams)]
        self.define_all(self.shared.by_kind, document, teams)

    def add_definitions(self, document: Document[DefinitionsFile]) -> None:
        definitions = document.checked
        if definitions is None:
            return
        self.define_all(self.shared.by_kind, document, _shared_entities(definitions))
        self.vocabulary.check_touchpoints(document, definitions.touchpoints)
        self.vocabulary.check_images(document, definitions.personas, ("personas",))

    def add_map(self, document: Document[JourneyMap]) -> None:
        journey = document.checked
        if journey is None or ("id",) in document.unloaded:
            return
        where = document.index.value(("id",))
        definition = Definition(journey, document.display, ("id",), where)
        self.define(self.maps, "journey map", definition, journey.id)

    # -- a map's own scope and references --------------------------------------------------

    def scope_for(self, document: Document[JourneyMap]) -> Scope:
        """The shared ids plus the map's inline definitions, reporting collisions."""
        journey = document.checked
        assert journey is not None
        scope = Scope({kind: dict(names) for kind, names in self.shared.by_kind.items()})
        self.define_all(scope.by_kind, document, _inline_entities(journey))
        return scope

    def check_map(self, document: Document[JourneyMap], scope: Scope) -> None:
        journey = document.checked
        assert journey is not None
        local = self.map_scoped_ids(document, journey)
        covered = set(journey.persona_ids)
        addressable = set(local["pain point"]) | self.current_state_pains(journey)
        main_lines = {stage.id: {step.id for step in stage.steps} for stage in journey.stages}
        for reference in map_references(journey):
            if reference.kind == "map persona":
                known: Iterable[str] = covered
            elif reference.kind.startswith(MAIN_LINE):
                known = main_lines.get(reference.kind.removeprefix(MAIN_LINE), set())
            elif reference.kind == "pain point":
                known = addressable
            elif reference.kind in local:
                known = local[reference.kind]
            elif reference.kind == "journey map":
                known = self.maps
            else:
                known = scope.by_kind[reference.kind]
            if reference.target not in known:
                self.unknown(document, reference, known)
        self.check_persona_steps(document, journey, covered)
        self.vocabulary.check_touchpoints(document, journey.touchpoints)
        self.vocabulary.check_severities(document, journey)
        inline = [(i, e) for i, e in enumerate(journey.personas) if not isinstance(e, str)]
        self.vocabulary.check_images(
            document, [persona for _, persona in inline], ("personas",), [i for i, _ in inline]
        )

    def map_scoped_ids(
        self, document: Document[JourneyMap], journey: JourneyMap
    ) -> dict[str, dict[str, Any]]:
        """The ids of ``journey``'s stages, branches, steps, pain points, KPIs and
        opportunities, by kind, each with the first entity that has it; every id given
        again in one kind is reported. A large map has tens of thousands of them, and
        only a duplicate needs to know where one is written, so unlike shared definitions
        no :class:`Definition` is kept for each: where the first one is written is found
        again when a duplicate is met."""
        local: dict[str, dict[str, Any]] = {kind: {} for kind in MAP_SCOPED_KINDS}
        firsts: dict[tuple[str, str], DataPath] = {}
        for kind, data_path, entity in _map_scoped_entities(journey):
            ids = local[kind]
            if entity.id not in ids:
                ids[entity.id] = entity
                continue
            if not firsts:
                firsts = _first_paths(journey)
            first_path = firsts[kind, entity.id]
            self.duplicate(
                kind,
                entity.id,
                _definition(document, first_path, ids[entity.id]),
                _definition(document, data_path, entity),
            )
        return local

    def may_be_unloaded(self, document: Document[Any], reference: Reference) -> bool:
        """Whether ``reference`` cannot be judged: it sits in a stand-in for a part that
        did not load, or its id is written in a part of the workspace that did not load
        (and may be defined there)."""
        return document.cuts.covers(document.file_path(reference.path)) or (
            reference.target in self.unloaded_mentions
        )

    def current_state_pains(self, journey: JourneyMap) -> set[str]:
        """Ids of the pain points of the current-state map ``journey`` improves on: a
        future-state map's opportunities may address them."""
        if journey.current_state is None or journey.current_state not in self.maps:
            return set()
        current: JourneyMap = self.maps[journey.current_state].entity
        return {pain.id for pain in current.pain_points()}

    def check_persona_steps(
        self, document: Document[JourneyMap], journey: JourneyMap, covered: set[str]
    ) -> None:
        """An emotion or a pain point for a persona of the map who does not take the step:
        every output would drop it, so it is an error where it is written."""
        for path, step in journey.each_located_step():
            if not step.personas:
                continue
            takers = quoted(step.personas) + (" takes" if len(step.personas) == 1 else " take")
            for key, remedy in (
                ("emotions", "remove this emotion"),
                ("by_persona", "remove this persona's thoughts, questions and quotes"),
            ):
                for persona_id in getattr(step, key):
                    if persona_id in covered and not step.involves(persona_id):
                        self.not_on_step(
                            document,
                            persona_id,
                            step.id,
                            takers,
                            document.index.key((*path, key, persona_id)),
                            remedy,
                        )
            for p, pain in enumerate(step.pain_points):
                for i, persona_id in enumerate(pain.personas):
                    if persona_id in covered and not step.involves(persona_id):
                        where = document.index.value((*path, "pain_points", p, "personas", i))
                        self.not_on_step(
                            document,
                            persona_id,
                            step.id,
                            takers,
                            where,
                            "remove it from the pain point's `personas`",
                        )

    def not_on_step(
        self,
        document: Document[Any],
        persona_id: str,
        step_id: str,
        takers: str,
        where: Location,
        remedy: str,
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                UNKNOWN_REFERENCE,
                Severity.ERROR,
                f"persona '{persona_id}' does not take step '{step_id}': only {takers} it",
                document.display,
                where,
                f"add '{persona_id}' to the step's `personas`, or {remedy}",
            )
        )

    def check_shared(self, document: Document[Any]) -> None:
        """Check the references that shared definitions make (evidence, owners)."""
        if document.checked is None:
            return
        for reference in shared_references(document.checked):
            known = self.shared.by_kind[reference.kind]
            if reference.target not in known:
                self.unknown(document, reference, known)

    def unknown(self, document: Document[Any], reference: Reference, known: Iterable[str]) -> None:
        if self.may_be_unloaded(document, reference):
            return
        index = document.index
        where = index.key(reference.path) if reference.at_key else index.value(reference.path)
        if reference.kind == "map persona":
            message = f"'{reference.target}' is not one of this map's personas"
            hint = "add it to the map's `personas` list"
        elif reference.kind.startswith(MAIN_LINE):
            stage = reference.kind.removeprefix(MAIN_LINE)
            message, hint = self.off_main_line(document, stage, reference.target)
            known = ()  # the suggestion is in the message already
        else:
            message = f"unknown {reference.kind} '{reference.target}'"
            hint = _unknown_hint(reference.kind, isinstance(document.checked, JourneyMap))
            current = getattr(document.checked, "current_state", None)
            if reference.kind == "pain point" and current is not None:
                hint = (
                    f"use the id of a pain point of this map or of '{current}', its current state"
                )
        close = closest(reference.target, known)
        if close is not None:
            message += f"; did you mean '{close}'?"
        self.diagnostics.append(
            Diagnostic(UNKNOWN_REFERENCE, Severity.ERROR, message, document.display, where, hint)
        )

    @staticmethod
    def off_main_line(document: Document[Any], stage_id: str, target: str) -> tuple[str, str]:
        """A branch's ``after`` or ``rejoin`` that names no step of its stage's main line:
        a step of a branch, or no step of the stage at all."""
        journey = document.checked
        stage = next((s for s in getattr(journey, "stages", []) if s.id == stage_id), None)
        main = [step.id for step in stage.steps] if stage is not None else []
        hint = f"use the id of a step under `steps` of stage '{stage_id}'"
        if main:
            hint += f" ({', '.join(main)})"
        for branch in stage.branches if stage is not None else []:
            if any(step.id == target for step in branch.steps):
                return (
                    f"step '{target}' is on branch '{branch.id}', not on the main line of "
                    f"stage '{stage_id}': a branch leaves and rejoins the main line",
                    hint,
                )
        message = f"'{target}' is not a step of the main line of stage '{stage_id}'"
        close = closest(target, main)
        if close is not None:
            message += f"; did you mean '{close}'?"
        return message, hint


def closest(target: str, known: Iterable[str]) -> str | None:
    """The known id that ``target`` most likely means, case ignored (see
    :func:`cjm.load.schema_errors.closest`)."""
    return suggest(target, sorted(known), cutoff=0.6)


def _place(path: str, location: Location, here: str) -> str:
    """``on line 7`` within the same file, ``at shared/teams.yaml:7:5`` across files."""
    if path == here:
        return f"on line {location.line}"
    return f"at {path}:{location.line}:{location.column}"


def _unknown_hint(kind: str, in_map: bool) -> str:
    if kind in SHARED_KINDS:
        collection = _COLLECTION_OF[kind]
        where = "in this map or in a shared definitions file" if in_map else "in a shared file"
        return f"define it under `{collection}` {where}"
    if kind == "journey map":
        return "validate the workspace that holds both maps"
    return f"use the id of a {kind} of this map"


def _shared_entities(model: DefinitionsFile) -> Iterator[tuple[str, DataPath, Any]]:
    for kind in SHARED_KINDS:
        collection = _COLLECTION_OF[kind]
        for i, entity in enumerate(getattr(model, collection)):
            yield kind, (collection, i), entity


def _inline_entities(journey: JourneyMap) -> Iterator[tuple[str, DataPath, Any]]:
    for i, entry in enumerate(journey.personas):
        if not isinstance(entry, str):
            yield "persona", ("personas", i), entry
    for kind in ("team", "touchpoint", "evidence"):
        collection = _COLLECTION_OF[kind]
        for i, entity in enumerate(getattr(journey, collection)):
            yield kind, (collection, i), entity


def _definition(document: Document[Any], data_path: DataPath, entity: Any) -> Definition:
    """Where ``entity`` is defined in ``document``, at ``data_path``."""
    where = functools.partial(_id_location, document, data_path)
    return Definition(entity, document.display, data_path, where, document.path)


def _first_paths(journey: JourneyMap) -> dict[tuple[str, str], DataPath]:
    """The data path of the first of ``journey``'s own entities of each kind and id."""
    firsts: dict[tuple[str, str], DataPath] = {}
    for kind, data_path, entity in _map_scoped_entities(journey):
        firsts.setdefault((kind, entity.id), data_path)
    return firsts


def _map_scoped_entities(journey: JourneyMap) -> Iterator[tuple[str, DataPath, Any]]:
    for s, stage in enumerate(journey.stages):
        yield "stage", ("stages", s), stage
        for k, kpi in enumerate(stage.kpis):
            yield "KPI", ("stages", s, "kpis", k), kpi
        for p, pain in enumerate(stage.pain_points):
            yield "pain point", ("stages", s, "pain_points", p), pain
        for b, branch in enumerate(stage.branches):
            yield "branch", ("stages", s, "branches", b), branch
        for inner, step, _ in stage.ordered_steps():
            step_path: DataPath = ("stages", s, *inner)
            yield "step", step_path, step
            for p, pain in enumerate(step.pain_points):
                yield "pain point", (*step_path, "pain_points", p), pain
            for k, kpi in enumerate(step.kpis):
                yield "KPI", (*step_path, "kpis", k), kpi
    for o, opportunity in enumerate(journey.opportunities):
        yield "opportunity", ("opportunities", o), opportunity


@dataclass(frozen=True)
class Reference:
    """One id written somewhere: its kind (``team``, ``touchpoint``...; ``map persona``
    for personas that must be among the map's own), the id, and where it is written."""

    kind: str
    target: str
    path: DataPath
    at_key: bool = False


def _many(kind: str, targets: list[str], path: DataPath) -> Iterator[Reference]:
    for i, target in enumerate(targets):
        yield Reference(kind, target, (*path, i))


def _one(kind: str, target: str | None, path: DataPath) -> Iterator[Reference]:
    if target is not None:
        yield Reference(kind, target, path)


def map_references(journey: JourneyMap) -> Iterator[Reference]:
    """Every reference a map makes, with the data path where it is written."""
    yield from _one("team", journey.owner, ("owner",))
    yield from _one("journey map", journey.current_state, ("current_state",))
    for i, entry in enumerate(journey.personas):
        if isinstance(entry, str):
            yield Reference("persona", entry, ("personas", i))
        else:
            yield from _many("evidence", entry.evidence, ("personas", i, "evidence"))
    for i, touchpoint in enumerate(journey.touchpoints):
        yield from _one("team", touchpoint.owner, ("touchpoints", i, "owner"))
    for s, stage in enumerate(journey.stages):
        stage_path: DataPath = ("stages", s)
        yield from _kpi_references(stage.kpis, (*stage_path, "kpis"))
        for p, pain in enumerate(stage.pain_points):
            yield from _pain_references(pain, (*stage_path, "pain_points", p))
        for b, branch in enumerate(stage.branches):
            main_line = f"{MAIN_LINE}{stage.id}"
            yield from _one(main_line, branch.after, (*stage_path, "branches", b, "after"))
            yield from _one(main_line, branch.rejoin, (*stage_path, "branches", b, "rejoin"))
        for inner, step, _ in stage.ordered_steps():
            path: DataPath = (*stage_path, *inner)
            yield from _many("map persona", step.personas, (*path, "personas"))
            yield from _many("touchpoint", step.touchpoints, (*path, "touchpoints"))
            yield from _many("evidence", step.evidence, (*path, "evidence"))
            yield from _one("team", step.owner, (*path, "owner"))
            for key in ("emotions", "by_persona"):
                for persona_id in getattr(step, key):
                    yield Reference("map persona", persona_id, (*path, key, persona_id), True)
            for lane in ("frontstage", "backstage", "support"):
                for a, activity in enumerate(getattr(step, lane)):
                    yield from _one("team", activity.owner, (*path, lane, a, "owner"))
            for p, pain in enumerate(step.pain_points):
                yield from _pain_references(pain, (*path, "pain_points", p))
            yield from _kpi_references(step.kpis, (*path, "kpis"))
    for o, opportunity in enumerate(journey.opportunities):
        path = ("opportunities", o)
        yield from _many("pain point", opportunity.addresses, (*path, "addresses"))
        yield from _one("stage", opportunity.stage, (*path, "stage"))
        yield from _one("team", opportunity.owner, (*path, "owner"))
        yield from _many("evidence", opportunity.evidence, (*path, "evidence"))
        yield from _many("KPI", opportunity.kpis, (*path, "kpis"))


def _pain_references(pain: Any, path: DataPath) -> Iterator[Reference]:
    yield from _one("team", pain.owner, (*path, "owner"))
    yield from _many("evidence", pain.evidence, (*path, "evidence"))
    yield from _many("map persona", pain.personas, (*path, "personas"))
    yield from _many("step", pain.spans, (*path, "spans"))


def _kpi_references(kpis: list[Any], path: DataPath) -> Iterator[Reference]:
    for k, kpi in enumerate(kpis):
        yield from _many("evidence", kpi.evidence, (*path, k, "evidence"))


def shared_references(model: Any) -> Iterator[Reference]:
    """References made by shared definitions (persona evidence, touchpoint owners)."""
    if isinstance(model, DefinitionsFile):
        for i, persona in enumerate(model.personas):
            yield from _many("evidence", persona.evidence, ("personas", i, "evidence"))
        for i, touchpoint in enumerate(model.touchpoints):
            yield from _one("team", touchpoint.owner, ("touchpoints", i, "owner"))
