"""Run the rule catalogue over a loaded workspace.

Rules report findings against data paths; the engine locates them, drops those of rules
that are off for the file, applies severities from the settings and inline
suppressions, and reports suppressions that silenced nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from cjm.diagnostics import LOAD_CODES, Diagnostic
from cjm.lint import reuse
from cjm.lint.config import LintRequest, Policy, build_policy
from cjm.lint.registry import (
    CATALOGUE,
    UNUSED_SUPPRESSION_CODE,
    RuleEntry,
    find_entry,
    find_rule,
    load_rule,
)
from cjm.lint.rule import Finding, MapContext, Rule, RuleOutput, Skipped, WorkspaceContext
from cjm.lint.suppressions import Suppression, find_suppressions
from cjm.load.document import Document
from cjm.load.positions import DataPath
from cjm.load.project import Project
from cjm.load.resolve import Scope
from cjm.load.workspace import real_path
from cjm.model import JourneyMap
from cjm.wording import listing

if TYPE_CHECKING:
    from cjm.cache import DocumentCache

_LOAD_CODE_NAMES = {c.code for c in LOAD_CODES} | {c.name for c in LOAD_CODES}
_MAP_RULES = frozenset(entry.code for entry in CATALOGUE if entry.scope == "map")

# What one map rule found on one map: its code, diagnostics, the documents on which it
# held a finding back, and its notes (see cjm.cache.MapFindings).
MapRecord = tuple[str, tuple[Diagnostic, ...], tuple[str, ...], tuple[str, ...]]


@dataclass
class LintOutcome:
    """What linting one workspace found, and which checks it could not make."""

    diagnostics: list[Diagnostic]
    policy: Policy
    notes: list[str] = field(default_factory=list)


def _relative(project: Project, document: Document[Any]) -> str | None:
    if project.root is None:
        return None
    try:
        return real_path(document.path).relative_to(real_path(project.root)).as_posix()
    except ValueError:
        return None


class _Run:
    def __init__(
        self,
        project: Project,
        policy: Policy,
        today: datetime.date,
        only: frozenset[str] | None = None,
        cache: DocumentCache | None = None,
        request: LintRequest | None = None,
    ) -> None:
        self.project = project
        # Where the map rules' findings on each map are kept between runs (see
        # cjm.lint.reuse); None: they are found afresh.
        self.cache = cache
        self.request = request or LintRequest()
        # Per map (display name): its key, and what the map rules found on it when that
        # came from the cache, by rule code; those found afresh, for the cache.
        self.keys: dict[str, str] = {}
        self.reused: dict[str, dict[str, MapRecord]] = {}
        self.fresh: dict[str, list[MapRecord]] = {}
        # The documents on which the rule being collected held a finding back.
        self.holding: list[str] = []
        # The documents whose findings are wanted (display names); None: all of them.
        self.only = only
        self.policy = policy
        self.today = today
        self.documents = {doc.display: doc for doc in project.documents()}
        # Each finding with its rule: read from its module, or as the catalogue lists it
        # when the finding comes from the cache.
        self.found: list[tuple[Rule | RuleEntry, Diagnostic]] = []
        self.notes: list[str] = []
        # Per document, the rules whose findings were held back because they would rest
        # on a part of the file that did not load.
        self.held_back: dict[str, list[str]] = {}
        # Each document's path within the workspace, worked out once (it takes a
        # file-system call), not once per finding.
        self.relatives: dict[str, str | None] = {}

    def relative(self, display: str) -> str | None:
        if display not in self.relatives:
            document = self.documents.get(display)
            found = _relative(self.project, document) if document is not None else None
            self.relatives[display] = found
        return self.relatives[display]

    def collect(self, rule: Rule, outputs: RuleOutput) -> None:
        for output in outputs:
            if isinstance(output, Skipped):
                if self.policy.enabled(rule, None):
                    self.notes.append(f"{rule.name} ({rule.code}) {output.message}")
                continue
            if isinstance(output, Finding) and not self.sound(rule, output):
                continue
            if isinstance(output, Finding):
                index = output.document.index
                where = index.key(output.path) if output.at == "key" else index.value(output.path)
                diagnostic = Diagnostic(
                    rule.identity,
                    rule.severity,
                    output.message,
                    output.document.display,
                    where,
                    output.hint,
                )
            else:
                diagnostic = output
            relative = self.relative(diagnostic.path)
            if not self.policy.enabled(rule, relative):
                continue
            severity = self.policy.severity(rule, relative)
            self.found.append((rule, replace(diagnostic, severity=severity)))

    def sound(self, rule: Rule, finding: Finding) -> bool:
        """Whether ``finding`` can be trusted: it is not about a stand-in for a part that
        did not load, nor about something that contains such a part (a stage that lost a
        step cannot be said to lack touchpoints). Held-back findings are noted."""
        document = finding.document
        unloaded = document.unloaded
        if not unloaded:
            return True
        path = document.file_path(finding.path)
        if document.cuts.covers(path):
            return False
        if document.cuts.surround(path) or (len(path) <= 1 and _top_level_cut(unloaded)):
            display = finding.document.display
            if self.policy.enabled(rule, self.relative(display)):
                self.hold_back(rule, display)
                self.holding.append(display)
            return False
        return True

    def hold_back(self, rule: Rule | RuleEntry, display: str) -> None:
        names = self.held_back.setdefault(display, [])
        if rule.name not in names:
            names.append(rule.name)

    def wanted(self, display: str) -> bool:
        return self.only is None or display in self.only

    def held_back_notes(self) -> list[str]:
        notes = [
            f"{display}: {listing(names)} could not check the parts that hold what did not "
            "load; fix the errors above and run again"
            for display, names in self.held_back.items()
            if self.wanted(display)
        ]
        for document in self.project.maps:
            if not self.wanted(document.display):
                continue
            lost = [
                f"`{path[0]}`"
                for path in document.unloaded
                if len(path) == 1 and path[0] in JourneyMap.model_fields
                if path[0] not in DESCRIPTIVE_FIELDS
            ]
            if document.partial is not None and lost:
                notes.append(
                    f"{document.display}: the checks that depend on its {listing(lost)} "
                    "were not made; fix the errors above and run again"
                )
        return notes

    def linted_maps(self) -> list[tuple[Document[JourneyMap], JourneyMap, Scope]]:
        """The maps the map rules run on, with their models and scopes."""
        found: list[tuple[Document[JourneyMap], JourneyMap, Scope]] = []
        for document in self.project.maps:
            if not self.wanted(document.display):
                continue  # a map rule looks at its own map only
            scope = self.project.scopes.get(document.display)
            journey = document.checked
            if journey is not None and scope is not None:
                found.append((document, journey, scope))
        return found

    def look_up(self, maps: list[tuple[Document[JourneyMap], JourneyMap, Scope]]) -> None:
        """Take from the cache what the map rules found on each map that did not change,
        nor did anything its findings depend on (see :mod:`cjm.lint.reuse`)."""
        if self.cache is None:
            return
        from cjm.cache import NAMESPACE

        shared = reuse.workspace_part(NAMESPACE, self.project, self.request, self.today)
        for document, journey, scope in maps:
            display = document.display
            key = reuse.map_key(shared, self.project, document, journey, scope, self.relative)
            self.keys[display] = key
            found = self.cache.get_findings(key)
            if found is not None and all(code in _MAP_RULES for code, *_ in found):
                self.reused[display] = {record[0]: record for record in found}

    def run_rules(self) -> None:
        maps = self.linted_maps()
        self.look_up(maps)
        for entry in CATALOGUE:
            if entry.scope == "engine":
                continue  # reported by the engine itself
            if entry.scope == "workspace":
                rule = load_rule(entry)
                assert rule.check is not None
                options = self.policy.options_for(rule)
                self.collect(
                    rule, rule.check(WorkspaceContext(self.project, options, self.today, self.only))
                )
            elif entry.scope == "map":
                self.run_map_rule(entry, maps)
        if self.cache is not None:
            for display, records in self.fresh.items():
                if display in self.keys:
                    self.cache.put_findings(self.keys[display], tuple(records))

    def run_map_rule(
        self, entry: RuleEntry, maps: list[tuple[Document[JourneyMap], JourneyMap, Scope]]
    ) -> None:
        """Run the map rule ``entry`` on ``maps``, or replay what it found on those whose
        findings come from the cache; its module is imported only to run it."""
        rule: Rule | None = None
        options: Any = None
        for document, journey, scope in maps:
            reused = self.reused.get(document.display)
            if reused is not None:
                self.replay(entry, reused.get(entry.code))
                continue
            if rule is None:
                rule = load_rule(entry)
                options = self.policy.options_for(rule)
            assert rule.check is not None
            context = MapContext(document, journey, scope, self.project, options, self.today)
            self.collect_map(rule, document.display, rule.check(context))

    def collect_map(self, rule: Rule, display: str, outputs: RuleOutput) -> None:
        """Collect what ``rule`` found on the map ``display``, and keep it for the cache."""
        found, notes = len(self.found), len(self.notes)
        self.holding = []
        self.collect(rule, outputs)
        records = self.fresh.setdefault(display, [])
        if len(self.found) > found or len(self.notes) > notes or self.holding:
            diagnostics = tuple(diagnostic for _, diagnostic in self.found[found:])
            record = (rule.code, diagnostics, tuple(self.holding), tuple(self.notes[notes:]))
            records.append(record)

    def replay(self, rule: RuleEntry, record: MapRecord | None) -> None:
        """Collect again what ``rule`` found on a map in an earlier run, in the order it
        was collected then."""
        if record is None:
            return
        _, diagnostics, held, notes = record
        self.found.extend((rule, diagnostic) for diagnostic in diagnostics)
        for display in held:
            self.hold_back(rule, display)
        self.notes.extend(notes)

    def suppress(self) -> list[Diagnostic]:
        suppressions: dict[str, list[Suppression]] = {}
        for display, doc in self.documents.items():
            if not self.wanted(display):
                continue
            lines = doc.text_lines()  # never a whole copy (see cjm.load.document.PackedText)
            found = find_suppressions(lines) if lines is not None else []
            if found:
                suppressions[display] = found
        kept: list[Diagnostic] = []
        for rule, diagnostic in self.found:
            if not self.wanted(diagnostic.path):
                continue
            if not self._silenced(rule, diagnostic, suppressions.get(diagnostic.path, [])):
                kept.append(diagnostic)
        for display, found in suppressions.items():
            kept.extend(self._unused(display, found))
        return kept

    @staticmethod
    def _silenced(
        rule: Rule | RuleEntry, diagnostic: Diagnostic, suppressions: list[Suppression]
    ) -> bool:
        for suppression in suppressions:
            if suppression.target_line != diagnostic.line:
                continue
            for name, _ in suppression.names:
                if name.upper() == rule.code or name == rule.name:
                    suppression.used.add(name)
                    return True
        return False

    def _unused(self, display: str, suppressions: list[Suppression]) -> list[Diagnostic]:
        document = self.documents[display]
        relative = _relative(self.project, document)
        unused_suppression = find_rule(UNUSED_SUPPRESSION_CODE)
        assert unused_suppression is not None
        if not self.policy.enabled(unused_suppression, relative):
            return []
        severity = self.policy.severity(unused_suppression, relative)
        reported: list[Diagnostic] = []
        for suppression in suppressions:
            for name, column in suppression.names:
                message = self._unused_message(name, suppression, relative)
                if message is None:
                    continue
                reported.append(
                    Diagnostic(
                        unused_suppression.identity,
                        severity,
                        message,
                        display,
                        replace(suppression.location, column=column, end_column=column + len(name)),
                        "remove it from the comment",
                    )
                )
        return reported

    def _unused_message(
        self, name: str, suppression: Suppression, relative: str | None
    ) -> str | None:
        if name in suppression.used:
            return None
        if name in _LOAD_CODE_NAMES or name.upper() in _LOAD_CODE_NAMES:
            return f"'{name}' is a problem with the file itself and cannot be suppressed"
        entry = find_entry(name)
        if entry is None:
            return f"suppression names an unknown rule '{name}'"
        if not self.policy.enabled(entry, relative):
            return None  # the rule is off here; the suppression may matter when it is on
        return f"unused suppression: no '{entry.name}' finding on line {suppression.target_line}"


# Top-level fields of a map that no check reads: losing them costs no check.
DESCRIPTIVE_FIELDS = frozenset({"title", "description", "tags"})


def _top_level_cut(unloaded: tuple[DataPath, ...]) -> bool:
    """Whether a field of the file's top level was left out or stood in for: then a
    finding about the file as a whole may rest on it (a staleness judged against the
    default cadence because `review_cadence` did not load)."""
    return any(len(path) == 1 for path in unloaded)


def lint_project(
    project: Project,
    request: LintRequest,
    today: datetime.date | None = None,
    only: frozenset[str] | None = None,
    cache: DocumentCache | None = None,
) -> LintOutcome:
    """Run every enabled rule on ``project``; the outcome holds findings and settings.

    With ``only`` (display names), findings and notes are those of these documents: map
    rules, which look at one map each, run on these maps only; rules that look across
    the workspace still see every document. With a ``cache``, what the map rules found
    on a map is taken from it when nothing it depends on changed, and kept in it."""
    config = project.config
    settings = config.model.lint if config is not None and config.model is not None else None
    policy = build_policy(settings, config, request)
    run = _Run(project, policy, today or datetime.date.today(), only, cache, request)
    run.run_rules()
    return LintOutcome(run.suppress(), policy, run.notes + run.held_back_notes())
