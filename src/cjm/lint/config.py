"""Lint settings: ``cjm.yaml``'s ``lint:`` section, command-line flags, and what they mean
for one file.

:class:`Policy` answers the engine's questions (is this rule on for this file, how
serious are its findings, with which options, when does validation fail) and reports
every name or option in ``cjm.yaml`` that does not make sense, at its position.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from cjm.diagnostics import INVALID_VALUE, Diagnostic, Severity
from cjm.lint.registry import CATALOGUE, RuleEntry, find_entry, find_rule
from cjm.lint.rule import NoOptions, Rule
from cjm.load.document import Document
from cjm.load.positions import DataPath
from cjm.load.schema_errors import validation_diagnostics
from cjm.load.workspace import matches
from cjm.model import WorkspaceConfig
from cjm.model.base import unvalidated_default
from cjm.model.workspace import LintSettings

ALL = "ALL"


class UnknownRuleError(ValueError):
    """A rule named on the command line does not exist."""


@dataclass(frozen=True)
class LintRequest:
    """Lint settings given on the command line; they win over ``cjm.yaml``."""

    select: Sequence[str] | None = None
    ignore: Sequence[str] = ()
    fail_on: Severity | None = None


def suggest(name: str) -> str:
    """`` (did you mean 'stale-map'?)`` for a misspelt rule, or nothing."""
    if re.fullmatch(r"(?i)cjm\d+", name):
        return ""  # a near code is not a likely meant one: CJM119 for CJM999 helps nobody
    names = [entry.name for entry in CATALOGUE]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def resolve_names(names: Iterable[str]) -> set[str]:
    """Rule codes for ``names`` (codes, names or ``ALL``); raises on an unknown one."""
    codes: set[str] = set()
    for name in names:
        if name.upper() == ALL:
            codes.update(entry.code for entry in CATALOGUE)
            continue
        entry = find_entry(name)
        if entry is None:
            raise UnknownRuleError(f"unknown rule '{name}'{suggest(name)}")
        codes.add(entry.code)
    return codes


def _level(value: Any) -> Severity:
    return Severity(getattr(value, "value", value))


@dataclass
class _Layer:
    """One block of settings: the top-level ones, or one override."""

    files: list[str] | None
    select: set[str] | None
    ignore: set[str]
    severity: dict[str, Severity]


@dataclass
class Policy:
    """The lint settings in force for one workspace (or for standalone maps)."""

    layers: list[_Layer] = field(default_factory=list)
    options: dict[str, BaseModel] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    problems: list[Diagnostic] = field(default_factory=list)

    def _applies(self, layer: _Layer, relative: str | None) -> bool:
        return layer.files is None or (relative is not None and matches(relative, layer.files))

    def enabled(self, rule: Rule | RuleEntry, relative: str | None) -> bool:
        """Whether ``rule`` runs on the file at ``relative`` (to the workspace root)."""
        on = False
        for layer in self.layers:
            if not self._applies(layer, relative):
                continue
            if layer.select is not None and rule.code in layer.select:
                on = True
            if rule.code in layer.ignore:
                on = False
        return on

    def severity(self, rule: Rule | RuleEntry, relative: str | None) -> Severity:
        level = rule.severity
        for layer in self.layers:
            if self._applies(layer, relative) and rule.code in layer.severity:
                level = layer.severity[rule.code]
        return level

    def options_for(self, rule: Rule) -> BaseModel:
        """The options ``cjm.yaml`` gives ``rule``, or its defaults, made without validating
        (every rule runs with options, most with its defaults: see unvalidated_default)."""
        return self.options.get(rule.code) or unvalidated_default(rule.options)


class _SettingsReader:
    """Reads ``lint:`` from a loaded ``cjm.yaml``, reporting bad names where they stand."""

    def __init__(self, document: Document[WorkspaceConfig] | None) -> None:
        self.document = document
        self.problems: list[Diagnostic] = []

    def _problem(self, path: DataPath, message: str, at_key: bool = False) -> None:
        if self.document is None:
            return
        index = self.document.index
        where = index.key(path) if at_key else index.value(path)
        self.problems.append(
            Diagnostic(
                INVALID_VALUE,
                Severity.ERROR,
                message,
                self.document.display,
                where,
                "`cjm rules` lists every rule with its code and name",
            )
        )

    def codes(self, names: list[str], path: DataPath) -> set[str]:
        codes: set[str] = set()
        for i, name in enumerate(names):
            try:
                codes |= resolve_names([name])
            except UnknownRuleError as unknown:
                self._problem((*path, i), str(unknown))
        return codes

    def severities(self, levels: dict[str, Any], path: DataPath) -> dict[str, Severity]:
        found: dict[str, Severity] = {}
        for name, level in levels.items():
            entry = find_entry(name)
            if entry is None:
                self._problem((*path, name), f"unknown rule '{name}'{suggest(name)}", True)
            else:
                found[entry.code] = _level(level)
        return found

    def options(self, settings: LintSettings) -> dict[str, BaseModel]:
        found: dict[str, BaseModel] = {}
        for name, values in settings.options.items():
            rule = find_rule(name)
            path: DataPath = ("lint", "options", name)
            if rule is None:
                self._problem(path, f"unknown rule '{name}'{suggest(name)}", True)
                continue
            if rule.options is NoOptions and values:
                self._problem(path, f"rule '{rule.name}' has no options", True)
                continue
            try:
                found[rule.code] = rule.options.model_validate(values)
            except ValidationError as error:
                if self.document is not None:
                    self.problems.extend(
                        validation_diagnostics(
                            error,
                            rule.options,
                            values,
                            self.document.index.within(path),
                            self.document.display,
                        )
                    )
        return found


def build_policy(
    settings: LintSettings | None,
    document: Document[WorkspaceConfig] | None,
    request: LintRequest,
) -> Policy:
    """The policy for a workspace whose ``cjm.yaml`` holds ``settings`` (None: defaults)."""
    settings = settings or LintSettings()
    reader = _SettingsReader(document)
    top = _Layer(
        None,
        reader.codes(settings.select, ("lint", "select")),
        reader.codes(settings.ignore, ("lint", "ignore")),
        reader.severities(settings.severity, ("lint", "severity")),
    )
    layers = [top]
    for i, override in enumerate(settings.overrides):
        path: DataPath = ("lint", "overrides", i)
        layers.append(
            _Layer(
                list(override.files),
                reader.codes(override.select, (*path, "select")),
                reader.codes(override.ignore, (*path, "ignore")),
                reader.severities(override.severity, (*path, "severity")),
            )
        )
    if request.select is not None:
        top.select = resolve_names(request.select)
        for layer in layers[1:]:
            layer.select = set()
    if request.ignore:
        layers.append(_Layer(None, None, resolve_names(request.ignore), {}))
    return Policy(
        layers=layers,
        options=reader.options(settings),
        fail_on=request.fail_on or _level(settings.fail_on),
        problems=reader.problems,
    )
