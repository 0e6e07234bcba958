"""From checked workspaces to the maps a portfolio is built from.

Maps are checked first, as ``cjm validate`` checks them. A map that did not load, or that
has errors, does not join the portfolio unless forced: its numbers could be wrong. It is
never dropped without a word; :func:`gather` returns it with the reason, and every page and
export says which maps it leaves out.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cjm.check import CheckResult
from cjm.diagnostics import Diagnostic, Severity
from cjm.lint.config import LintRequest, build_policy
from cjm.lint.registry import find_rule
from cjm.load.project import Project
from cjm.model import JourneyMap
from cjm.portfolio.build import MapInput
from cjm.render.context import context_of, maps_of
from cjm.report.build import build_report
from cjm.wording import plural


def stale_after_days(project: Project) -> int:
    """How many days a map without a ``review_cadence`` stays fresh: the stale-map rule's
    ``default_cadence`` as the workspace sets it."""
    config = project.config
    settings = config.model.lint if config is not None and config.model is not None else None
    rule = find_rule("stale-map")
    assert rule is not None
    options = build_policy(settings, config, LintRequest()).options_for(rule)
    return int(options.default_cadence.days)  # type: ignore[attr-defined]


def channel_names(project: Project) -> dict[str, str]:
    """The names a workspace gives its own channels (built-in channels go by their id)."""
    config = project.config
    if config is None or config.model is None:
        return {}
    return {c.id: c.name or c.id for c in config.model.vocabulary.channels}


def workspace_title(projects: Sequence[Project], default: str = "Journey maps") -> str:
    for project in projects:
        config = project.config
        if config is not None and config.model is not None and config.model.name:
            return str(config.model.name)
    return default


@dataclass
class Gathered:
    """The maps that join a portfolio, and those left out with why."""

    maps: list[MapInput] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)


def gather(
    result: CheckResult,
    today: datetime.date,
    *,
    force: bool = False,
    report_file: Callable[[JourneyMap], str | None] | None = None,
) -> Gathered:
    """The selected maps of ``result`` as portfolio inputs, in file order.

    A map with errors joins only when ``force``; ``report_file`` names the report page of
    a map when the caller writes one.
    """
    findings: dict[str, list[Diagnostic]] = {}
    for diagnostic in result.diagnostics:
        findings.setdefault(diagnostic.path, []).append(diagnostic)
    selected = set(result.files)
    gathered = Gathered()
    for project in result.projects:
        days = stale_after_days(project)
        names = channel_names(project)
        maps = maps_of(project)
        for document in project.maps:
            if document.display not in selected:
                continue
            if document.model is None:
                gathered.left_out.append((document.display, "it could not be loaded"))
                continue
            own = findings.get(document.display, [])
            errors = sum(d.severity is Severity.ERROR for d in own)
            if errors and not force:
                gathered.left_out.append((document.display, f"it has {plural(errors, 'error')}"))
                continue
            context = context_of(document, project, maps)
            gathered.maps.append(
                MapInput(
                    context=context,
                    report=build_report(context, own, today, days),
                    path=document.display,
                    findings=tuple(own),
                    report_file=report_file(document.model) if report_file else None,
                    channel_names=names,
                )
            )
    return gathered
