"""The rule catalogue: every rule module, listed explicitly, in code order."""

from __future__ import annotations

from cjm.lint.rule import Rule
from cjm.lint.rules import (
    blueprint_without_backstage,
    branch_without_condition,
    drop_off_without_pain_point,
    duplicate_id,
    emotion_contradicts_feedback,
    emotion_dip_unexplained,
    event_matches_nothing,
    fail_point_without_pain_point,
    format_outdated,
    future_state_without_change,
    kpi_off_target,
    kpi_without_actual,
    kpi_without_baseline,
    kpi_without_direction,
    kpi_without_target,
    lifecycle_gap,
    low_evidence_coverage,
    map_without_pain_points,
    moment_of_truth_unexplained,
    opportunity_incomplete,
    opportunity_overdue,
    opportunity_without_kpi,
    opportunity_without_pain_point,
    optional_step_without_persona,
    pain_point_without_evidence,
    pain_point_without_opportunity,
    pain_point_without_owner,
    persona_incomplete,
    snapshot_out_of_step,
    snapshot_stale,
    stage_without_customer_goal,
    stage_without_kpi,
    stage_without_touchpoints,
    stale_map,
    step_without_emotion,
    step_without_event,
    touchpoint_without_owner,
    unknown_reference,
    unowned_handoff,
    unused_definition,
    unused_suppression,
)

RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            Rule.from_module(module)
            for module in (
                unused_suppression,
                stage_without_touchpoints,
                pain_point_without_owner,
                unknown_reference,
                duplicate_id,
                pain_point_without_evidence,
                emotion_dip_unexplained,
                pain_point_without_opportunity,
                opportunity_without_pain_point,
                step_without_emotion,
                persona_incomplete,
                unused_definition,
                touchpoint_without_owner,
                unowned_handoff,
                lifecycle_gap,
                stale_map,
                kpi_without_target,
                stage_without_kpi,
                blueprint_without_backstage,
                future_state_without_change,
                map_without_pain_points,
                low_evidence_coverage,
                opportunity_incomplete,
                stage_without_customer_goal,
                kpi_without_actual,
                kpi_without_direction,
                format_outdated,
                optional_step_without_persona,
                branch_without_condition,
                fail_point_without_pain_point,
                opportunity_without_kpi,
                kpi_without_baseline,
                moment_of_truth_unexplained,
                opportunity_overdue,
                kpi_off_target,
                drop_off_without_pain_point,
                event_matches_nothing,
                step_without_event,
                snapshot_stale,
                snapshot_out_of_step,
                emotion_contradicts_feedback,
            )
        ),
        key=lambda rule: rule.code,
    )
)

_BY_KEY = {rule.code: rule for rule in RULES} | {rule.name: rule for rule in RULES}

UNUSED_SUPPRESSION = _BY_KEY[unused_suppression.CODE]


def find_rule(name: str) -> Rule | None:
    """The rule with code or name ``name`` (codes in any case), if there is one."""
    return _BY_KEY.get(name) or _BY_KEY.get(name.upper())
