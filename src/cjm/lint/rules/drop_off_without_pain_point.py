"""A funnel step that many customers leave, with no pain point to say why.

The snapshot `cjm measure` writes says how many of the customers who reach each step of
the funnel do not go on to the next one. A large drop-off is the data pointing at a
problem; a pain point is where the map says what the problem is, how bad it is and who
owns it. A step that loses many customers with no pain point is a problem nobody has
written down yet, and the report shows the loss with nothing to explain it.

Find out why customers leave (session recordings, interviews, support tickets) and
record it as a pain point at the step: under the step's own `pain_points`, one that
`spans` it, or one of its stage. The `threshold` option sets the share of customers lost
that counts as large; the funnel of every customer is judged, not each persona's.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext, step_paths
from cjm.lint.rules import _measured_examples as example
from cjm.lint.rules._measured import everyone, measured, percent
from cjm.model.base import CjmModel

CODE = "CJM135"
NAME = "drop-off-without-pain-point"
SEVERITY = Severity.WARNING
SUMMARY = "A funnel step with a large drop-off and no pain point there."


class Options(CjmModel):
    """Settings of drop-off-without-pain-point."""

    threshold: float = Field(
        default=0.3,
        ge=0,
        le=1,
        description="The share of the units reaching a step that do not reach the next "
        "funnel step, from 0 to 1, at or above which a step needs a pain point.",
    )


FAILING = example.MAP.replace(
    """      - id: sign-up
        action: Signs up for a trial
        touchpoints: [site]
        emotion: -1
        pain_points:
          - {id: long-form, summary: The form asks for too much, severity: high, owner: growth}
""",
    "      - {id: sign-up, action: Signs up for a trial, touchpoints: [site], emotion: -1}\n",
)
FAILING_FILES = example.files()

PASSING = example.MAP
PASSING_FILES = example.files()


def check(context: MapContext) -> Iterator[Finding]:
    options: Options = context.options
    snapshot = measured(context).measured
    segment = everyone(snapshot) if snapshot is not None else None
    if snapshot is None or segment is None:
        return
    places = {step.id: path for path, step in step_paths(context.journey)}
    covering = context.journey.pain_points_at()
    unit = snapshot.definition.unit.value
    for number, result in enumerate(segment.steps[:-1]):
        lost = result.drop_off
        if lost is None or lost < options.threshold or result.step not in places:
            continue
        if covering.get(result.step):
            continue
        following = segment.steps[number + 1].step
        yield context.finding(
            (*places[result.step], "id"),
            f"{percent(lost)} of the {unit}s who reach step '{result.step}' do not go on to "
            f"step '{following}', but no pain point says why",
            "find out why they leave and add a pain point at the step (or one that `spans` "
            "it, or one of its stage)",
        )
