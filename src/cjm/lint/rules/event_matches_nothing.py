"""A step whose bound events matched nothing in the measured period.

A step's binding names the events that mean a customer did the step. When none of them
occurred in the whole period, the step's reach is zero and every step after it on the
funnel looks like a total loss. That is almost never what customers did: the event was
renamed, the tracking broke, a `where` condition compares with a value the data never
holds, or the event is in another source.

Look the event up in the data (its exact name, its properties) and correct the binding,
then run `cjm measure` again. The finding points at the step in the binding file.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.lint.rules import _measured_examples as example
from cjm.lint.rules._measured import measured

CODE = "CJM136"
NAME = "event-matches-nothing"
SEVERITY = Severity.WARNING
SUMMARY = "A bound step whose events matched nothing when it was measured."

FAILING = example.MAP
FAILING_FILES = example.files(snapshot_text=example.snapshot(payers=0))

PASSING = example.MAP
PASSING_FILES = example.files()


def check(context: MapContext) -> Iterator[Finding]:
    found = measured(context)
    binding, snapshot = found.bound, found.measured
    if binding is None or snapshot is None or found.binding is None:
        return
    period = snapshot.definition.period
    for match in snapshot.matches:
        bound = binding.steps.get(match.step)
        if match.events > 0 or bound is None:
            continue
        events = bound.event if isinstance(bound.event, list) else [bound.event]
        named = ", ".join(events)
        yield Finding(
            found.binding,
            ("steps", match.step),
            f"the events bound to step '{match.step}' ({named}) matched nothing from "
            f"{period.start.isoformat()} to {period.end.isoformat()}",
            "check the event's name and the `where` conditions against the data, then run "
            "`cjm measure` again",
            at="key",
        )
