"""A step whose mapped emotion says the opposite of what customers answered.

The emotion curve is the map's claim about how customers feel; survey answers about the
step are customers saying it. When the map shows a step as positive while clearly more
answers about it are negative than positive (or the other way round), one of the two is
wrong: the map was drawn from assumptions, the step changed, or the survey asks about
something else. Either way the curve should not be shown to anyone until it is checked.

Answers are counted, never averaged: a group contradicts the map when the negative
answers outnumber the positive ones by at least `margin` of all its answers (or the
positive outnumber the negative, for a step mapped as negative). Only groups with at
least `min_responses` answers that the snapshot shows are judged; a group for one persona
is compared with that persona's emotion, the group of everyone with the step's shared
`emotion`. A persona that shares the step's emotion is not reported again when everyone's
answers already contradict it.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, step_paths
from cjm.lint.rules import _measured_examples as example
from cjm.lint.rules._measured import measured
from cjm.load.positions import DataPath
from cjm.model.base import CjmModel
from cjm.model.journey import Step
from cjm.model.snapshot import FeedbackGroup

CODE = "CJM140"
NAME = "emotion-contradicts-feedback"
SEVERITY = Severity.WARNING
SUMMARY = "A step's mapped emotion contradicts the feedback measured about it."


class Options(CjmModel):
    """Settings of emotion-contradicts-feedback."""

    min_responses: int = Field(
        default=30, ge=1, description="Groups with fewer answers than this are not judged."
    )
    margin: float = Field(
        default=0.2,
        gt=0,
        le=1,
        description="By how much (a share of the group's answers, from 0 to 1) the answers "
        "of the other sign must outnumber those that agree with the map.",
    )


FAILING = example.MAP.replace("        emotion: -1\n", "        emotion: 1\n")
FAILING_FILES = example.files(
    example.FEEDBACK_BINDING,
    example.snapshot(binding_hash=example.FEEDBACK_HASH, feedback=True),
)

PASSING = example.MAP
PASSING_FILES = FAILING_FILES


def _emotion_place(path: DataPath, step: Step, persona: str | None) -> DataPath:
    if persona is not None and persona in step.emotions:
        return (*path, "emotions", persona)
    return (*path, "emotion")


def _judged(group: FeedbackGroup, options: Options) -> bool:
    return not group.suppressed and group.responses >= options.min_responses


def check(context: MapContext) -> Iterator[Finding]:
    options: Options = context.options
    snapshot = measured(context).measured
    feedback = snapshot.feedback if snapshot is not None else None
    if snapshot is None or feedback is None:
        return
    steps = {step.id: (path, step) for path, step in step_paths(context.journey)}
    personas = set(context.journey.persona_ids)
    # Everyone's answers first: a persona that shares the step's emotion is reported only
    # when everyone's answers did not already contradict that same emotion.
    groups = sorted(feedback.groups, key=lambda group: group.persona is not None)
    reported: set[str] = set()
    for group in groups:
        if not _judged(group, options) or group.step not in steps:
            continue
        path, step = steps[group.step]
        persona = group.persona
        if persona is not None and (persona not in personas or not step.involves(persona)):
            continue
        if persona is not None and persona not in step.emotions and step.id in reported:
            continue
        emotion = step.emotion_for(persona) if persona is not None else step.emotion
        if emotion is None or emotion.score == 0:
            continue
        positive = emotion.score > 0
        against, agreeing = (
            (group.negative, group.positive) if positive else (group.positive, group.negative)
        )
        if against - agreeing < options.margin * group.responses:
            continue
        reported.add(step.id)
        whose = f"{persona}'s emotion" if persona is not None else "the emotion"
        asked = f"{persona}'s customers" if persona is not None else "customers"
        yield context.finding(
            _emotion_place(path, step, persona),
            f"step '{step.id}' maps {whose} as {'positive' if positive else 'negative'} "
            f"({emotion.score:+d}), but of {group.responses} answers from {asked} about it "
            f"{group.negative} are negative and {group.positive} positive",
            "check the emotion against the answers and the research, and update it; when "
            "the research shows what the answers miss, say so in a "
            f"`# cjm: ignore[{NAME}]` comment on its line",
            at="key",
        )
