"""The rule catalogue: every rule module, listed explicitly, in code order.

:data:`CATALOGUE` says what the engine and the lint settings need to know of each rule
without importing it: its module, code, name, default severity and scope. A rule's
module (its examples, options and check) is imported when it is first asked for, by
:func:`load_rule` or :func:`find_rule`: a check whose map rules' findings all come from
the validation cache imports the workspace rules only. ``RULES``, every rule read from
its module, imports them all. A test checks the catalogue against the modules.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from cjm.diagnostics import Severity
from cjm.lint.rule import Rule


@dataclass(frozen=True)
class RuleEntry:
    """A rule as the catalogue lists it: where it is and what its module says it is."""

    module: str  # within cjm.lint.rules
    code: str
    name: str
    severity: Severity
    scope: Literal["map", "workspace", "engine"]


CATALOGUE: tuple[RuleEntry, ...] = (
    RuleEntry("unused_suppression", "CJM100", "unused-suppression", Severity.WARNING, "engine"),
    RuleEntry(
        "stage_without_touchpoints", "CJM101", "stage-without-touchpoints", Severity.WARNING, "map"
    ),
    RuleEntry(
        "pain_point_without_owner", "CJM102", "pain-point-without-owner", Severity.WARNING, "map"
    ),
    RuleEntry("unknown_reference", "CJM103", "unknown-reference", Severity.ERROR, "workspace"),
    RuleEntry("duplicate_id", "CJM104", "duplicate-id", Severity.ERROR, "workspace"),
    RuleEntry(
        "pain_point_without_evidence",
        "CJM105",
        "pain-point-without-evidence",
        Severity.WARNING,
        "map",
    ),
    RuleEntry(
        "emotion_dip_unexplained", "CJM106", "emotion-dip-unexplained", Severity.WARNING, "map"
    ),
    RuleEntry(
        "pain_point_without_opportunity",
        "CJM107",
        "pain-point-without-opportunity",
        Severity.WARNING,
        "map",
    ),
    RuleEntry(
        "opportunity_without_pain_point",
        "CJM108",
        "opportunity-without-pain-point",
        Severity.INFO,
        "map",
    ),
    RuleEntry("step_without_emotion", "CJM109", "step-without-emotion", Severity.WARNING, "map"),
    RuleEntry("persona_incomplete", "CJM110", "persona-incomplete", Severity.WARNING, "workspace"),
    RuleEntry("unused_definition", "CJM111", "unused-definition", Severity.WARNING, "workspace"),
    RuleEntry(
        "touchpoint_without_owner",
        "CJM112",
        "touchpoint-without-owner",
        Severity.WARNING,
        "workspace",
    ),
    RuleEntry("unowned_handoff", "CJM113", "unowned-handoff", Severity.WARNING, "map"),
    RuleEntry("lifecycle_gap", "CJM114", "lifecycle-gap", Severity.WARNING, "map"),
    RuleEntry("stale_map", "CJM115", "stale-map", Severity.WARNING, "map"),
    RuleEntry("kpi_without_target", "CJM116", "kpi-without-target", Severity.WARNING, "map"),
    RuleEntry("stage_without_kpi", "CJM117", "stage-without-kpi", Severity.INFO, "map"),
    RuleEntry(
        "blueprint_without_backstage",
        "CJM118",
        "blueprint-without-backstage",
        Severity.WARNING,
        "map",
    ),
    RuleEntry(
        "future_state_without_change",
        "CJM119",
        "future-state-without-change",
        Severity.WARNING,
        "workspace",
    ),
    RuleEntry(
        "map_without_pain_points", "CJM120", "map-without-pain-points", Severity.WARNING, "map"
    ),
    RuleEntry("low_evidence_coverage", "CJM121", "low-evidence-coverage", Severity.WARNING, "map"),
    RuleEntry(
        "opportunity_incomplete", "CJM122", "opportunity-incomplete", Severity.WARNING, "map"
    ),
    RuleEntry(
        "stage_without_customer_goal",
        "CJM123",
        "stage-without-customer-goal",
        Severity.WARNING,
        "map",
    ),
    RuleEntry("kpi_without_actual", "CJM124", "kpi-without-actual", Severity.INFO, "map"),
    RuleEntry("kpi_without_direction", "CJM125", "kpi-without-direction", Severity.WARNING, "map"),
    RuleEntry("format_outdated", "CJM126", "format-outdated", Severity.INFO, "workspace"),
    RuleEntry(
        "optional_step_without_persona",
        "CJM127",
        "optional-step-without-persona",
        Severity.WARNING,
        "map",
    ),
    RuleEntry(
        "branch_without_condition", "CJM128", "branch-without-condition", Severity.WARNING, "map"
    ),
    RuleEntry(
        "fail_point_without_pain_point",
        "CJM129",
        "fail-point-without-pain-point",
        Severity.WARNING,
        "map",
    ),
    RuleEntry("opportunity_without_kpi", "CJM130", "opportunity-without-kpi", Severity.INFO, "map"),
    RuleEntry("kpi_without_baseline", "CJM131", "kpi-without-baseline", Severity.INFO, "map"),
    RuleEntry(
        "moment_of_truth_unexplained",
        "CJM132",
        "moment-of-truth-unexplained",
        Severity.WARNING,
        "map",
    ),
    RuleEntry("opportunity_overdue", "CJM133", "opportunity-overdue", Severity.INFO, "map"),
    RuleEntry("kpi_off_target", "CJM134", "kpi-off-target", Severity.WARNING, "map"),
    RuleEntry(
        "drop_off_without_pain_point",
        "CJM135",
        "drop-off-without-pain-point",
        Severity.WARNING,
        "map",
    ),
    RuleEntry("event_matches_nothing", "CJM136", "event-matches-nothing", Severity.WARNING, "map"),
    RuleEntry("step_without_event", "CJM137", "step-without-event", Severity.INFO, "map"),
    RuleEntry("snapshot_stale", "CJM138", "snapshot-stale", Severity.WARNING, "map"),
    RuleEntry("snapshot_out_of_step", "CJM139", "snapshot-out-of-step", Severity.WARNING, "map"),
    RuleEntry(
        "emotion_contradicts_feedback",
        "CJM140",
        "emotion-contradicts-feedback",
        Severity.WARNING,
        "map",
    ),
)

_ENTRIES = {entry.code: entry for entry in CATALOGUE} | {entry.name: entry for entry in CATALOGUE}
# The rules read so far, by code: one Rule object per rule, whoever asks for it.
_LOADED: dict[str, Rule] = {}

UNUSED_SUPPRESSION_CODE = "CJM100"

if TYPE_CHECKING:
    RULES: tuple[Rule, ...]
    UNUSED_SUPPRESSION: Rule


def load_rule(entry: RuleEntry) -> Rule:
    """The rule ``entry`` lists, read from its module (imported now if it was not)."""
    rule = _LOADED.get(entry.code)
    if rule is None:
        module = importlib.import_module(f"cjm.lint.rules.{entry.module}")
        rule = _LOADED[entry.code] = Rule.from_module(module)
    return rule


def find_entry(name: str) -> RuleEntry | None:
    """The catalogue's entry for the rule with code or name ``name`` (codes in any case)."""
    return _ENTRIES.get(name) or _ENTRIES.get(name.upper())


def find_rule(name: str) -> Rule | None:
    """The rule with code or name ``name`` (codes in any case), if there is one."""
    entry = find_entry(name)
    return load_rule(entry) if entry is not None else None


def __getattr__(name: str) -> Any:
    """``RULES`` (every rule, in code order) and ``UNUSED_SUPPRESSION``, read when first
    used."""
    if name == "RULES":
        rules = tuple(load_rule(entry) for entry in CATALOGUE)
        globals()["RULES"] = rules
        return rules
    if name == "UNUSED_SUPPRESSION":
        return load_rule(_ENTRIES[UNUSED_SUPPRESSION_CODE])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
