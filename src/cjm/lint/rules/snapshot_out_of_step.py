"""A binding that has not been measured since it last changed.

A snapshot records a hash of what it was computed from: the binding, the sources it
reads as cjm.yaml describes them, and the funnel's line through the map. When any of them
changes (an event renamed, a KPI added, a step made optional, a source moved) the
numbers in the snapshot no longer answer the question the binding now asks, yet every
report would go on showing them. A binding with no snapshot at all has never been
measured: the map shows no data.

Run `cjm measure` and commit the snapshot it writes, together with the change.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from cjm.diagnostics import Severity
from cjm.lint.rule import Finding, MapContext
from cjm.lint.rules import _measured_examples as example
from cjm.lint.rules._measured import measured
from cjm.measure.fingerprint import expected_hash
from cjm.measure.locate import snapshot_path

CODE = "CJM139"
NAME = "snapshot-out-of-step"
SEVERITY = Severity.WARNING
SUMMARY = "A binding with no snapshot, or changed since its snapshot was measured."

FAILING = example.MAP
FAILING_FILES = example.files(
    example.BINDING.replace("{event: signed_up}", "{event: trial_started}")
)

PASSING = example.MAP
PASSING_FILES = example.files()


def check(context: MapContext) -> Iterator[Finding]:
    found = measured(context)
    binding, project = found.bound, context.project
    config = project.config.model if project.config is not None else None
    if binding is None or found.binding is None or config is None or project.root is None:
        return
    if context.document.model is None:
        return  # the funnel's line through a map that did not load whole is not known
    settings = config.measure
    if found.snapshot is None:
        where = snapshot_path(project.root, settings, context.journey.id)
        yield Finding(
            found.binding,
            ("map",),
            f"map '{context.journey.id}' is bound but has not been measured: there is no "
            f"{os.path.relpath(where, project.root)}",
            "run `cjm measure` and commit the snapshot it writes",
        )
        return
    snapshot = found.measured
    if snapshot is None:
        return
    sources = settings.sources if settings is not None else []
    if snapshot.binding_hash == expected_hash(context.journey, binding, sources):
        return
    yield Finding(
        found.snapshot,
        ("binding_hash",),
        f"the snapshot of map '{context.journey.id}' was measured on "
        f"{snapshot.measured_on.isoformat()} with another binding: the binding file, its "
        "sources in cjm.yaml or the map's steps have changed since",
        "run `cjm measure` and commit the snapshot it writes",
    )
