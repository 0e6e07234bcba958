"""The workspace configuration (``cjm.yaml``) and shared definition files."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field

from cjm.model.base import CjmModel, FormatVersion, Slug, Text, format_field, id_field, texts
from cjm.model.definitions import Channel, Evidence, Mode, Persona, Team, Touchpoint
from cjm.model.journey import Severity
from cjm.model.sources import MeasureSettings

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


class ChannelTerm(CjmModel):
    """A channel a workspace adds to the built-in ones."""

    id: Slug = id_field("channel")
    name: Text | None = Field(default=None, description="How people say it, e.g. `Kiosk`.")
    mode: Mode = Field(description="Whether the customer meets it online or offline.")
    description: str | None = Field(default=None, description="What it covers.")


class SeverityTerm(CjmModel):
    """A severity a workspace adds to low, medium, high and critical."""

    id: Slug = id_field("severity")
    counts_as: Severity = Field(
        description="The built-in severity it ranks as, for sorting and for lint rules: "
        "low, medium, high or critical."
    )
    description: str | None = Field(default=None, description="When to use it.")


class Vocabulary(CjmModel):
    """Words a workspace adds to the format's own lists."""

    channels: list[ChannelTerm] = texts(
        "Channels beyond the built-in ones ("
        + ", ".join(channel.value for channel in Channel)
        + ")."
    )
    severities: list[SeverityTerm] = texts(
        "Severities beyond low, medium, high and critical, each ranked as one of them."
    )

    def channel_mode(self, channel: str) -> Mode | None:
        return next((term.mode for term in self.channels if term.id == channel), None)

    def severity_rank(self, severity: str) -> Severity | None:
        return next((term.counts_as for term in self.severities if term.id == severity), None)


class WorkspaceConfig(CjmModel):
    """`cjm.yaml` at the root of a workspace: where maps and shared definitions live."""

    format: FormatVersion | None = format_field("workspace configuration")
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
    vocabulary: Vocabulary = Field(
        default_factory=Vocabulary,
        description="Channels and severities the workspace adds to the built-in ones.",
    )
    lint: LintSettings = Field(
        default_factory=LintSettings, description="Lint rule selection and settings."
    )
    measure: MeasureSettings | None = Field(
        default=None,
        description="Where `cjm measure` reads events and feedback, and writes snapshots.",
    )


class DefinitionsFile(CjmModel):
    """A shared definition file: entities that several maps reference by id."""

    format: FormatVersion | None = format_field("definitions file")
    personas: list[Persona] = texts("Personas shared by the workspace's maps.")
    teams: list[Team] = texts("Teams shared by the workspace's maps.")
    touchpoints: list[Touchpoint] = texts("Touchpoints shared by the workspace's maps.")
    evidence: list[Evidence] = texts("Evidence shared by the workspace's maps.")
