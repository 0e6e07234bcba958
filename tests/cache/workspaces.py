"""Small workspaces for the cache tests, written from a few choices."""

from __future__ import annotations

import datetime
from pathlib import Path

from rich.text import Text

from cjm.check import check_paths
from cjm.reporters import get_reporter

TODAY = datetime.date(2026, 11, 1)
FORMATS = ("text", "json", "sarif")

CONFIG = """\
format: "1.0"
name: Cache test
maps: ["maps/*.yaml"]
definitions: ["shared/*.yaml"]
teams:
  - {id: growth, name: Growth}
"""

PERSONAS = """\
format: "1.0"
personas:
  - {id: olivia, name: Olivia, goals: [Ship], frustrations: [Waiting]}
  - {id: dan, name: Dan}
"""

# What `cjm.yaml` can say besides: lint settings, rule options, overrides for one file.
LINT_SETTINGS = {
    "none": "",
    "ignore": "lint:\n  ignore: [step-without-emotion]\n",
    "severity": "lint:\n  severity: {stale-map: error, map-without-pain-points: info}\n",
    "options": "lint:\n  options:\n    pain-point-without-opportunity: {min_severity: critical}\n",
    "override": (
        "lint:\n  overrides:\n"
        '    - {files: ["maps/m1.yaml"], ignore: [step-without-emotion], '
        "severity: {CJM121: error, CJM101: error}}\n"
    ),
}

# What the shared definitions file can be: each gives the maps other personas to use.
DEFINITIONS = {
    "both": PERSONAS,
    "olivia-only": (
        'format: "1.0"\npersonas:\n  - {id: olivia, name: Olivia, goals: [Ship], '
        "frustrations: [Waiting]}\n"
    ),
    "dan-complete": PERSONAS.replace(
        "{id: dan, name: Dan}", "{id: dan, name: Dan, goals: [Save], frustrations: [Forms]}"
    ),
    "touchpoint": PERSONAS
    + "touchpoints:\n  - {id: site, name: Shared site, channel: web, owner: growth}\n",
    # Olivia backed by research: the maps' evidence coverage changes.
    "olivia-backed": PERSONAS.replace(
        "frustrations: [Waiting]}", "frustrations: [Waiting],\n     evidence: [interviews]}"
    )
    + "evidence:\n  - {id: interviews, kind: interview, title: Interviews, sample_size: 9}\n",
}

# The days a run can be made on: a review a month old is fresh on the first, stale on
# the second; an opportunity due in December is overdue on the second.
DAYS = (TODAY, datetime.date(2027, 9, 1))

# What a map can be: each variant breaks or follows different rules, across maps too.
VARIANTS = (
    "plain",
    "unknown-persona",
    "uses-dan",
    "no-touchpoint",
    "broken-yaml",
    "schema-error",
    "suppressed",
    "future",
    "pain",
    "future-fix",
    "future-same",
    "future-dropped",
)


def map_text(map_id: str, variant: str) -> str:
    """A small map with id ``map_id``, shaped by ``variant``."""
    if variant == "broken-yaml":
        return f"id: {map_id}\ntitle: [unclosed\n"
    persona = {"unknown-persona": "nobody", "uses-dan": "dan"}.get(variant, "olivia")
    touchpoints = "" if variant == "no-touchpoint" else ", touchpoints: [site]"
    lines = [
        'format: "1.0"',
        f"id: {map_id}",
        f"title: Map {map_id}",
        "type: future-state" if variant == "future" else "type: current-state",
        "owner: growth" if variant != "schema-error" else "owner: [growth, 3]",
        "reviewed: 2026-10-01",
        f"personas: [{persona}]",
        "touchpoints: [{id: site, name: Site, channel: web, owner: growth}]",
        "stages:",
        "  - id: consider",
        "    name: Consider",
        "    steps:",
        f"      - {{id: compare, action: Compares plans{touchpoints}}}",
    ]
    if variant == "suppressed":
        lines[-1] += "  # cjm: disable-line=step-without-emotion,stale-map"
    if variant in ("pain", "future-same"):
        lines[-1] = "      - id: compare"
        lines += [
            "        action: Compares plans",
            "        touchpoints: [site]",
            "        pain_points:",
            "          - {id: slow, summary: Slow to compare, severity: high, owner: growth}",
        ]
    if variant in ("future", "future-fix", "future-same", "future-dropped"):
        lines[3] = "type: future-state"
        lines.insert(4, "current_state: m0")
    if variant in ("future-fix", "future-dropped"):
        status = "dropped" if variant == "future-dropped" else "planned"
        lines += [
            "opportunities:",
            "  - {id: faster, summary: Compare faster, addresses: [slow], owner: growth,",
            f"     status: {status}, due: 2026-12-01}}",
        ]
    return "\n".join(lines) + "\n"


def write_config(root: Path, lint: str = "none") -> None:
    """``cjm.yaml`` with the lint settings named ``lint`` (see :data:`LINT_SETTINGS`)."""
    (root / "cjm.yaml").write_text(CONFIG + LINT_SETTINGS[lint], encoding="utf-8")


def write_definitions(root: Path, which: str = "both") -> None:
    """The shared definitions named ``which`` (see :data:`DEFINITIONS`)."""
    (root / "shared" / "personas.yaml").write_text(DEFINITIONS[which], encoding="utf-8")


def write_workspace(root: Path, maps: dict[str, str]) -> None:
    """A workspace with ``maps`` (file stem to text) under ``maps/``."""
    (root / "maps").mkdir(parents=True, exist_ok=True)
    (root / "shared").mkdir(exist_ok=True)
    write_config(root)
    write_definitions(root)
    for stem, text in maps.items():
        (root / "maps" / f"{stem}.yaml").write_text(text, encoding="utf-8")


def reports(
    root: Path,
    targets: list[Path],
    *,
    use_cache: bool,
    every_scope: bool = True,
    today: datetime.date = TODAY,
) -> dict[str, object]:
    """Every report of checking ``targets`` in ``root`` on ``today``, and the notes. With
    ``every_scope=False``, as `cjm validate` checks: the maps not asked for are read from
    the cache as their summaries."""
    result = check_paths(targets, root, today=today, use_cache=use_cache, every_scope=every_scope)
    found: dict[str, object] = {}
    for name in FORMATS:
        report = get_reporter(name).render(result)
        found[name] = report.plain if isinstance(report, Text) else report
    found["failed"] = (result.failed, result.unreadable, result.config_failed)
    found["notes"] = result.notes
    return found
