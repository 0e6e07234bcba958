"""The workspace configuration (``cjm.yaml``) and shared definition files."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from cjm.model.base import CjmModel, Text, texts
from cjm.model.definitions import Evidence, Persona, Team, Touchpoint

DEFAULT_MAP_PATTERNS = ("maps/**/*.yaml", "maps/**/*.yml")


class FindingLevel(StrEnum):
    """How serious a lint finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


RULE_LIST_HELP = "Rule codes (`CJM101`) or names (`stale-map`); `ALL` stands for every rule."


class RuleOverride(CjmModel):
    """Lint settings for the files that match some glob patterns."""

    files: list[Text] = Field(
        min_length=1,
        description="Glob patterns, relative to cjm.yaml, of the files this override is for.",
    )
    select: list[Text] = texts(f"Rules to turn on for these files. {RULE_LIST_HELP}")
    ignore: list[Text] = texts(f"Rules to turn off for these files. {RULE_LIST_HELP}")
    severity: dict[str, FindingLevel] = Field(
        default_factory=dict,
        description="New severities for these files: rule code or name to error, warning or info.",
    )


class LintSettings(CjmModel):
    """Which lint rules run, how serious their findings are, and when validation fails."""

    select: list[Text] = Field(
        default_factory=lambda: ["ALL"],
        description=f"Rules to run. {RULE_LIST_HELP}",
    )
    ignore: list[Text] = texts(f"Rules not to run. {RULE_LIST_HELP}")
    severity: dict[str, FindingLevel] = Field(
        default_factory=dict,
        description="New severities: rule code or name to error, warning or info.",
    )
    fail_on: FindingLevel = Field(
        default=FindingLevel.ERROR,
        description="`cjm validate` fails (exit code 1) on findings of this severity or worse.",
    )
    options: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Settings of rules that have them: rule code or name to a mapping "
        "(see `cjm rule NAME`).",
    )
    overrides: list[RuleOverride] = texts(
        "Settings for some files only, applied in order after the ones above."
    )


class WorkspaceConfig(CjmModel):
    """`cjm.yaml` at the root of a workspace: where maps and shared definitions live."""

    name: Text | None = Field(default=None, description="The workspace's name, for reports.")
    maps: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_MAP_PATTERNS),
        description="Glob patterns, relative to this file, of the map files.",
    )
    definitions: list[Text] = texts(
        "Glob patterns, relative to this file, of shared definition files "
        "(personas, teams, touchpoints, evidence used by several maps)."
    )
    teams: list[Team] = texts("Teams shared by every map of the workspace.")
    lint: LintSettings = Field(
        default_factory=LintSettings, description="Lint rule selection and settings."
    )


class DefinitionsFile(CjmModel):
    """A shared definition file: entities that several maps reference by id."""

    personas: list[Persona] = texts("Personas shared by the workspace's maps.")
    teams: list[Team] = texts("Teams shared by the workspace's maps.")
    touchpoints: list[Touchpoint] = texts("Touchpoints shared by the workspace's maps.")
    evidence: list[Evidence] = texts("Evidence shared by the workspace's maps.")
