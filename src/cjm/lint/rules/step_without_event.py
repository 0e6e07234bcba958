"""A step inside a measured map's funnel that no event is bound to.

Once a map has a binding file, its funnel is made of the steps the binding names: a
main-line step with no event is left out of the funnel without a word, and the customers
lost there are counted as lost at the next bound step. Sometimes that is right (nothing
is tracked at a step done offline); often the binding is just incomplete.

Bind the events that mean the customer did the step under `steps` in the binding file,
or, when nothing can be tracked there, leave it out knowingly and turn this finding off
for the step with a suppression comment. Optional and branch steps are not asked for:
they are never part of the funnel's line. Nor are the steps before the first bound step
or after the last: a funnel that covers part of a journey (trial to paid, of a map that
goes on to renewal) leaves them out by design, and loses nobody there.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.lint.rules import _measured_examples as example
from cjm.lint.rules._measured import measured

CODE = "CJM137"
NAME = "step-without-event"
SEVERITY = Severity.INFO
SUMMARY = "A main-line step inside a measured map's funnel with no event bound to it."

FAILING = example.MAP
FAILING_FILES = {
    "cjm.yaml": example.CONFIG,
    "map.measures.yaml": example.BINDING.replace("  sign-up: {event: signed_up}\n", "").replace(
        "from: sign-up", "from: visit"
    ),
}

PASSING = example.MAP
PASSING_FILES = example.files()


def check(context: MapContext) -> Iterator[Finding]:
    found = measured(context)
    binding = found.bound
    if binding is None or found.binding is None:
        return
    line = [
        ((s, i), step)
        for s, stage in enumerate(context.journey.stages)
        for i, step in enumerate(stage.steps)
        if not step.optional
    ]
    bound = [n for n, (_, step) in enumerate(line) if step.id in binding.steps]
    if not bound:
        return
    for (s, i), step in line[bound[0] : bound[-1] + 1]:
        if step.id in binding.steps:
            continue
        yield context.finding(
            ("stages", s, "steps", i, "id"),
            f"step '{step.id}' is inside the bound funnel, but no event is bound to it: the "
            "customers lost there are counted as lost at the next bound step",
            "bind the events that mean the customer did it under `steps` in the binding file",
        )
