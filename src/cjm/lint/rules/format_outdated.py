"""A file written in the 0.x format: it does not say which format version it is in.

cjm reads 0.x files, but a file that names its version is one cjm can keep reading the
same way as the format grows: a later major version changes only what a migration
changes, and an editor pointed at the right schema suggests only what the version allows.

Run `cjm migrate` on the workspace: it adds `format: "1.0"` to every map, definitions file
and `cjm.yaml`, and points each `$schema` modeline at the 1.0 schema, keeping every comment
and value. `cjm migrate --check` tells CI whether anything is left to migrate.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.diagnostics import Code, Diagnostic, Severity
from cjm.lint.rule import WorkspaceContext
from cjm.model import FORMAT_VERSION

CODE = "CJM126"
NAME = "format-outdated"
SEVERITY = Severity.INFO
SUMMARY = "A map, definitions file or cjm.yaml that does not say its format version."
SCOPE = "workspace"

FAILING = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas: [{id: olivia, name: Olivia}]
stages: [{id: try, name: Try}]
"""

PASSING = f"""\
format: "{FORMAT_VERSION}"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{{id: growth, name: Growth}}]
personas: [{{id: olivia, name: Olivia}}]
stages: [{{id: try, name: Try}}]
"""


def check(context: WorkspaceContext) -> Iterator[Diagnostic]:
    """One finding per file that loads, in part at least, and names no format version.

    The finding is made here rather than as a data-path finding: whether a file says its
    version does not rest on the rest of the file, so a file that loads only in part is
    reported too (the engine would otherwise hold back a finding about the whole file)."""
    identity = Code(CODE, NAME, SUMMARY)
    project = context.project
    for document in [project.config, *project.definitions, *project.maps]:
        if document is None or not context.wants(document):
            continue
        model = document.checked
        if model is None or getattr(model, "format", None) is not None:
            continue
        if ("format",) in document.unloaded:
            continue  # the version is written, and wrong: the schema error says so
        yield Diagnostic(
            identity,
            SEVERITY,
            f"this file is in the 0.x format; the current format is {FORMAT_VERSION}",
            document.display,
            document.index.value(()),
            'run `cjm migrate` to add `format: "' + FORMAT_VERSION + '"` and update the '
            "`$schema` line, keeping every comment",
        )
