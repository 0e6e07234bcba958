"""`cjm diff --base REV` on a real git repository: a committed workspace, changed in every
way the diff reports, compared with the commit in text, markdown and JSON."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cjm.commands.diff import run_diff
from tests.samples import STANDALONE_MAP

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TODAY = datetime.date(2026, 11, 20)

# The fixture is about what diff reports, not about every rule: the rules that ask for more
# research, goals, actual values, directions, baselines and KPIs to move than these small
# maps give stay off.
CONFIG = """\
format: "1.0"
maps: ["maps/*.yaml"]
definitions: ["shared/*.yaml"]
lint:
  ignore: [map-without-pain-points, low-evidence-coverage, opportunity-incomplete,
    stage-without-customer-goal, kpi-without-actual, kpi-without-direction,
    opportunity-without-kpi, kpi-without-baseline]
teams:
  - {id: growth, name: Growth}
  - {id: product, name: Product}
  - {id: sales, name: Sales}
"""

OLD_SHARED = """\
format: "1.0"
personas:
  - id: olivia
    name: Ops Olivia
    goals: [See team capacity]
    frustrations: [Spreadsheets]
  - id: farid
    name: Finance Farid
    goals: [Predictable cost]
    frustrations: [Surprise invoices]
evidence:
  - id: interviews
    kind: interview
    title: Trial interviews
touchpoints:
  - id: pricing-page
    name: Pricing page
    channel: web
    owner: growth
  - id: review-sites
    name: Review sites
    channel: web
    owner: growth
  - id: importer
    name: Spreadsheet importer
    channel: product
    owner: product
  - id: demo-call
    name: Demo call
    channel: phone
    owner: sales
"""

NEW_SHARED = """\
format: "1.0"
personas:
  - id: olivia
    name: Ops Olivia
    goals: [See team capacity]
    frustrations: [Spreadsheets]
  - id: farid
    name: Finance Farid
    goals: [Predictable cost]
    frustrations: [Surprise invoices]
  - id: ivan
    name: IT Ivan
    goals: [Pass the security review]
    frustrations: [Vendors without documents]
evidence:
  - id: interviews
    kind: interview
    title: Trial interviews
touchpoints:
  - id: pricing-page
    name: Pricing and plans page
    channel: web
    owner: growth
  - id: importer
    name: Spreadsheet importer
    channel: product
    owner: product
  - id: demo-call
    name: Demo call
    channel: phone
  - id: renewal-email
    name: Renewal email
    channel: email
    owner: sales
"""

OLD_MAP = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
review_cadence: quarterly
personas: [olivia, farid]
stages:
  - id: discover
    name: Discover
    kpis:
      - id: trial-starts
        name: Visitors who start a trial
        target: 6
        actual: 4.5
        unit: "%"
        better: higher
    steps:
      - id: compares-pricing
        action: Compares plans on the pricing page
        touchpoints: [pricing-page]
        emotions: {olivia: -1, farid: 0}
        owner: growth
        pain_points:
          - id: seat-confusion
            summary: Unclear whether viewers need a paid seat
            severity: medium
            owner: growth
            evidence: [interviews]
      - id: reads-reviews
        action: Reads reviews
        touchpoints: [review-sites]
        emotion: 1
        owner: growth
  - id: trial
    name: Trial
    kpis:
      - id: activation
        name: Trials activated within 7 days
        target: 40
        actual: 27
        unit: "%"
    steps:
      - id: imports-plan
        action: Imports a spreadsheet
        personas: [olivia]
        touchpoints: [importer]
        emotion: -2
        owner: product
        handoff: Growth hands the new trial to Product.
        pain_points:
          - id: date-failures
            summary: Imports fail on European dates
            severity: high
            owner: product
            evidence: [interviews]
      - id: books-demo
        action: Books a demo
        touchpoints: [demo-call]
        emotions: {olivia: 1, farid: 1}
        owner: sales
        handoff: Product flags active trials to Sales.
  - id: buy
    name: Buy
    kpis:
      - id: cycle-days
        name: Days to signature
        target: 21
        actual: 30
        unit: days
        better: lower
    steps:
      - id: signs
        action: Signs the order form
        touchpoints: [demo-call]
        emotion: 1
        owner: sales
        pain_points:
          - id: slow-legal
            summary: Legal review is slow
            severity: low
            owner: sales
            evidence: [interviews]
opportunities:
  - id: import-preview
    summary: Preview imports before saving
    addresses: [date-failures]
    owner: product
    status: in-progress
  - id: seat-calculator
    summary: Seat calculator on the pricing page
    addresses: [seat-confusion]
    owner: growth
  - id: pricing-chatbot
    summary: A chatbot that answers pricing questions
    addresses: [seat-confusion]
    owner: growth
  - id: standard-contract
    summary: A standard contract that needs no legal review
    addresses: [slow-legal]
    owner: sales
"""

NEW_MAP = """\
format: "1.0"
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-11-15
review_cadence: quarterly
personas: [olivia, farid, ivan]
stages:
  - id: discover
    name: Discover
    kpis:
      - id: trial-starts
        name: Visitors who start a trial
        target: 7
        actual: 5
        unit: "%"
        better: higher
    steps:
      - id: compares-pricing
        action: Compares plans and seat prices
        touchpoints: [pricing-page]
        emotions: {olivia: -2, farid: 0, ivan: 0}
        owner: growth
        pain_points:
          - id: seat-confusion
            summary: Unclear whether viewers need a paid seat
            severity: high
            owner: sales
            evidence: [interviews]
  - id: trial
    name: Free trial
    kpis:
      - id: activation
        name: Trials activated within 7 days
        target: 40
        actual: 31
        unit: "%"
    steps:
      - id: imports-plan
        action: Imports a spreadsheet
        personas: [olivia, farid]
        touchpoints: [importer]
        emotions: {olivia: -1, farid: 0}
        owner: product
        handoff: Growth hands the new trial to Product.
        pain_points:
          - id: date-failures
            summary: Imports fail on European dates
            severity: high
            owner: product
            status: resolved
            evidence: [interviews]
  - id: buy
    name: Buy
    kpis:
      - id: cycle-days
        name: Days to signature
        target: 21
        actual: 35
        unit: days
        better: lower
    steps:
      - id: books-demo
        action: Books a demo
        touchpoints: [demo-call]
        emotion: 1
        owner: sales
        handoff: Product flags active trials to Sales.
      - id: signs
        action: Signs the order form
        personas: [olivia]
        touchpoints: [demo-call]
        emotion: 1
        owner: sales
  - id: retention
    name: Renew
    kpis:
      - id: renewal-rate
        name: Customers who renew
        target: 90
        unit: "%"
    steps:
      - id: renews
        action: Reads the renewal notice
        touchpoints: [renewal-email]
        emotion: -1
        owner: sales
        pain_points:
          - id: renewal-surprise
            summary: The price rise arrives without warning
            severity: medium
            evidence: [interviews]
opportunities:
  - id: import-preview
    summary: Preview imports before saving
    addresses: [date-failures]
    owner: product
    status: done
  - id: seat-calculator
    summary: Seat calculator on the pricing page
    addresses: [seat-confusion]
    owner: growth
  - id: pricing-chatbot
    summary: A chatbot that answers pricing questions
    addresses: [seat-confusion]
    owner: growth
    status: dropped
  - id: renewal-preview
    summary: Show the renewal price 90 days ahead
    addresses: [renewal-surprise]
    owner: sales
    impact: medium
    effort: low
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=test@example.com", "-c", "user.name=Test", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain terminal output whatever the environment says."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plain: None) -> Path:
    """A git repository holding a committed workspace; the working folder is its root."""
    git(tmp_path, "init", "-q")
    write(tmp_path / "cjm.yaml", CONFIG)
    write(tmp_path / "shared" / "definitions.yaml", OLD_SHARED)
    write(tmp_path / "maps" / "trial.yaml", OLD_MAP)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "The trial map")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def changed(repo: Path) -> Path:
    """The committed workspace, changed in every way the diff reports (not committed)."""
    write(repo / "shared" / "definitions.yaml", NEW_SHARED)
    write(repo / "maps" / "trial.yaml", NEW_MAP)
    return repo


def diff(
    capsys: pytest.CaptureFixture[str],
    output_format: str = "text",
    *,
    base: str = "HEAD",
    paths: list[Path] | None = None,
    exit_code: bool = False,
) -> tuple[int, str, str]:
    code = run_diff(
        None,
        None,
        base=base,
        paths=paths or [],
        output_format=output_format,
        exit_code=exit_code,
        today=TODAY,
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


SUMMARY = (
    "1 map and 1 shared file changed: 1 stage added, 1 step added, 1 step removed, "
    "1 step got worse, 1 step got better, 1 pain point opened, 1 pain point resolved, "
    "1 pain point re-graded, 1 pain point re-owned, 1 pain point removed, "
    "1 opportunity added, 1 opportunity completed, 1 opportunity dropped, "
    "1 opportunity removed, 1 KPI moved toward its target, 1 KPI moved away from its target, "
    "1 KPI moved (direction unknown), 1 touchpoint added, 1 touchpoint removed, "
    "1 touchpoint lost its owner, "
    "1 persona added, 2 findings introduced, 1 finding fixed, 12 other changes"
)

MAP_LINES = [
    "Map trial: Trial to paid (maps/trial.yaml)",
    "  changed     map: reviewed 2026-10-01 → 2026-11-15",
    "  added       persona ivan: now covered by the map",
    "  changed     KPI trial-starts: target 6% → 7%",
    "  better      KPI trial-starts: actual 4.5% → 5% (toward the target of 7%)",
    '  renamed     step compares-pricing: "Compares plans on the pricing page" → '
    '"Compares plans and seat prices"',
    "  worse       emotion at step compares-pricing: olivia -1 → -2",
    "  re-graded   pain point seat-confusion: severity medium → high",
    "  re-owned    pain point seat-confusion: owner growth → sales",
    '  removed     step reads-reviews: "Reads reviews" (was in stage discover)',
    '  renamed     stage trial: "Trial" → "Free trial"',
    "  changed     KPI activation: actual 27% → 31% "
    "(direction unknown: add `better: lower` or `better: higher`)",
    "  changed     step imports-plan: personas: added farid",
    "  better      emotion at step imports-plan: olivia -2 → -1",
    "  added       emotion at step imports-plan: farid 0",
    '  resolved    pain point date-failures: "Imports fail on European dates" (was open)',
    "  worse       KPI cycle-days: actual 30 days → 35 days (away from the target of 21 days)",
    "  changed     step books-demo: moved from stage trial to stage buy",
    "  changed     step signs: personas all → olivia",
    "  removed     emotion at step signs: farid (was +1)",
    '  removed     pain point slow-legal: "Legal review is slow" (was open)',
    '  added       stage retention: "Renew"',
    '  added       KPI renewal-rate: "Customers who renew" in stage retention (target 90%)',
    '  added       step renews: "Reads the renewal notice" in stage retention',
    '  opened      pain point renewal-surprise: "The price rise arrives without warning" '
    "at step renews (medium, no owner)",
    '  completed   opportunity import-preview: "Preview imports before saving" (was in-progress)',
    '  dropped     opportunity pricing-chatbot: "A chatbot that answers pricing questions" '
    "(was idea)",
    '  added       opportunity renewal-preview: "Show the renewal price 90 days ahead" '
    "(idea, owner sales, impact medium, effort low)",
    "  removed     opportunity standard-contract: "
    '"A standard contract that needs no legal review" (was idea)',
    "  introduced  CJM102 pain-point-without-owner: warning: pain point 'renewal-surprise' "
    "has no owner: no team is accountable for fixing it",
    "  fixed       CJM114 lifecycle-gap: warning: the current-state journey 'trial' stops at "
    "purchase: no stage covers retention or advocacy",
]

SHARED_LINES = [
    "Shared definitions in shared/definitions.yaml",
    '  added       persona ivan: "IT Ivan"',
    '  renamed     touchpoint pricing-page: "Pricing page" → "Pricing and plans page"',
    "  re-owned    touchpoint demo-call: lost its owner (was sales)",
    '  added       touchpoint renewal-email: "Renewal email"',
    '  removed     touchpoint review-sites: "Review sites"',
    "  introduced  CJM112 touchpoint-without-owner: warning: touchpoint 'demo-call' has no owner",
]


# -- the three formats -----------------------------------------------------------------------


def test_text_reports_every_kind_of_change(changed: Path, capsys) -> None:
    code, out, err = diff(capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [*MAP_LINES, "", *SHARED_LINES, "", SUMMARY + "."]


def test_markdown_has_the_summary_on_top_and_a_table_per_section(changed: Path, capsys) -> None:
    code, out, err = diff(capsys, "markdown")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    head, tail = SUMMARY.split(": ", 1)
    assert lines[0] == f"**{head}**: {tail}"
    assert "#### Map `trial`: Trial to paid (`maps/trial.yaml`)" in lines
    assert "#### Shared definitions in `shared/definitions.yaml`" in lines
    assert lines.count("| Change | What | Details |") == 2
    for row in [
        "| changed | map | reviewed `2026-10-01` → `2026-11-15` |",
        "| added | persona `ivan` | now covered by the map |",
        "| ▼ worse | emotion at step `compares-pricing` | `olivia` -1 → -2 |",
        "| ▲ better | emotion at step `imports-plan` | `olivia` -2 → -1 |",
        "| added | emotion at step `imports-plan` | `farid` 0 |",
        "| removed | emotion at step `signs` | `farid` (was +1) |",
        "| ▼ re-graded | pain point `seat-confusion` | severity `medium` → `high` |",
        "| re-owned | pain point `seat-confusion` | owner `growth` → `sales` |",
        '| ▲ resolved | pain point `date-failures` | "Imports fail on European dates" '
        "(was `open`) |",
        '| opened | pain point `renewal-surprise` | "The price rise arrives without warning" '
        "at step `renews` (`medium`, no owner) |",
        '| removed | pain point `slow-legal` | "Legal review is slow" (was `open`) |',
        '| renamed | stage `trial` | "Trial" → "Free trial" |',
        '| added | stage `retention` | "Renew" |',
        '| removed | step `reads-reviews` | "Reads reviews" (was in stage `discover`) |',
        "| changed | step `books-demo` | moved from stage `trial` to stage `buy` |",
        "| ▲ better | KPI `trial-starts` | actual 4.5% → 5% (toward the target of 7%) |",
        "| changed | KPI `activation` | actual 27% → 31% "
        "(direction unknown: add `better: lower` or `better: higher`) |",
        "| ▼ worse | KPI `cycle-days` | actual 30 days → 35 days "
        "(away from the target of 21 days) |",
        "| changed | KPI `trial-starts` | target 6% → 7% |",
        '| completed | opportunity `import-preview` | "Preview imports before saving" '
        "(was `in-progress`) |",
        '| dropped | opportunity `pricing-chatbot` | "A chatbot that answers pricing '
        'questions" (was `idea`) |',
        "| introduced | `CJM102` `pain-point-without-owner` | warning: pain point "
        "'renewal-surprise' has no owner: no team is accountable for fixing it |",
        "| fixed | `CJM114` `lifecycle-gap` | warning: the current-state journey 'trial' "
        "stops at purchase: no stage covers retention or advocacy |",
        "| re-owned | touchpoint `demo-call` | lost its owner (was `sales`) |",
        '| renamed | touchpoint `pricing-page` | "Pricing page" → "Pricing and plans page" |',
        '| added | touchpoint `renewal-email` | "Renewal email" |',
        '| removed | touchpoint `review-sites` | "Review sites" |',
    ]:
        assert row in lines, row


def _changes(report: dict[str, Any], section: int) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = report["sections"][section]["changes"]
    return changes


def _find(changes: list[dict[str, Any]], kind: str, entity: str, id: str) -> dict[str, Any]:
    found = [c for c in changes if (c["kind"], c["entity"], c["id"]) == (kind, entity, id)]
    assert len(found) == 1, (kind, entity, id, found)
    return found[0]


def test_json_describes_every_change_with_stable_fields(changed: Path, capsys) -> None:
    code, out, err = diff(capsys, "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["format"] == 1
    assert (report["old"], report["new"]) == ("HEAD", "working tree")
    assert report["summary"]["text"] == SUMMARY
    assert report["summary"]["maps_changed"] == 1
    assert report["summary"]["shared_files_changed"] == 1
    assert report["summary"]["changes"] == 36
    assert report["summary"]["counts"]["steps_worse"] == 1
    assert report["summary"]["counts"]["findings_introduced"] == 2
    trial, shared = report["sections"]
    assert (trial["map"], trial["title"], trial["path"]) == (
        "trial",
        "Trial to paid",
        "maps/trial.yaml",
    )
    assert (shared["map"], shared["path"]) == (None, "shared/definitions.yaml")
    changes = _changes(report, 0)
    assert set(changes[0]) == {
        "kind", "entity", "id", "name", "field", "before", "after", "direction", "persona",
        "parent", "details", "label", "text",
    }  # fmt: skip

    worse = [c for c in changes if c["entity"] == "emotion" and c["direction"] == "worse"]
    assert [(c["id"], c["persona"], c["before"], c["after"]) for c in worse] == [
        ("compares-pricing", "olivia", -1, -2)
    ]
    better = [c for c in changes if c["entity"] == "emotion" and c["direction"] == "better"]
    assert [(c["id"], c["persona"], c["before"], c["after"]) for c in better] == [
        ("imports-plan", "olivia", -2, -1)
    ]
    added = _find(changes, "added", "emotion", "imports-plan")
    assert (added["persona"], added["after"]) == ("farid", 0)
    removed = _find(changes, "removed", "emotion", "signs")
    assert (removed["persona"], removed["before"]) == ("farid", 1)

    assert _find(changes, "renamed", "stage", "trial")["after"] == "Free trial"
    assert _find(changes, "added", "stage", "retention")["name"] == "Renew"
    assert _find(changes, "added", "step", "renews")["parent"] == {
        "entity": "stage",
        "id": "retention",
    }
    assert _find(changes, "removed", "step", "reads-reviews")["name"] == "Reads reviews"
    renamed_step = _find(changes, "renamed", "step", "compares-pricing")
    assert renamed_step["after"] == "Compares plans and seat prices"
    moved = _find(changes, "changed", "step", "books-demo")
    assert (moved["field"], moved["before"], moved["after"]) == ("stage", "trial", "buy")

    opened = _find(changes, "opened", "pain-point", "renewal-surprise")
    assert opened["details"] == {"severity": "medium", "owner": None, "covers": ["renews"]}
    resolved = _find(changes, "resolved", "pain-point", "date-failures")
    assert (resolved["before"], resolved["after"], resolved["direction"]) == (
        "open",
        "resolved",
        "better",
    )
    regraded = _find(changes, "regraded", "pain-point", "seat-confusion")
    assert (regraded["before"], regraded["after"], regraded["direction"]) == (
        "medium",
        "high",
        "worse",
    )
    reowned = _find(changes, "reowned", "pain-point", "seat-confusion")
    assert (reowned["before"], reowned["after"]) == ("growth", "sales")
    assert _find(changes, "removed", "pain-point", "slow-legal")["before"] == "open"

    assert _find(changes, "added", "opportunity", "renewal-preview")["after"] == "idea"
    completed = _find(changes, "completed", "opportunity", "import-preview")
    assert (completed["before"], completed["after"]) == ("in-progress", "done")
    assert _find(changes, "dropped", "opportunity", "pricing-chatbot")["after"] == "dropped"
    assert _find(changes, "removed", "opportunity", "standard-contract")["before"] == "idea"

    moved = [c for c in changes if c["entity"] == "kpi" and c["field"] == "actual"]
    assert [(c["id"], c["before"], c["after"], c["direction"]) for c in moved] == [
        ("trial-starts", 4.5, 5, "toward-target"),
        ("activation", 27, 31, "unknown"),
        ("cycle-days", 30, 35, "away-from-target"),
    ]
    assert [c["label"] for c in moved] == ["better", "changed", "worse"]
    assert [(c["details"]["better"], c["details"]["target_met"]) for c in moved] == [
        ("higher", False),
        ("unknown", None),
        ("lower", False),
    ]
    assert moved[1]["text"] == (
        "KPI activation: actual 27% → 31% "
        "(direction unknown: add `better: lower` or `better: higher`)"
    )
    assert report["summary"]["counts"]["kpis_direction_unknown"] == 1
    target = next(c for c in changes if c["id"] == "trial-starts" and c["field"] == "target")
    assert (target["kind"], target["before"], target["after"]) == ("changed", 6, 7)
    assert target["details"]["unit"] == "%"
    assert _find(changes, "added", "kpi", "renewal-rate")["details"]["target"] == 90

    introduced = _find(changes, "introduced", "finding", "CJM102")
    assert introduced["name"] == "pain-point-without-owner"
    assert introduced["details"] == {"severity": "warning"}
    assert "renewal-surprise" in introduced["after"]
    fixed = _find(changes, "fixed", "finding", "CJM114")
    assert fixed["name"] == "lifecycle-gap"
    assert fixed["before"].startswith("the current-state journey 'trial' stops at purchase")

    coverage = _find(changes, "added", "persona", "ivan")
    assert coverage["field"] == "personas"
    definitions = _changes(report, 1)
    assert _find(definitions, "added", "persona", "ivan")["name"] == "IT Ivan"
    unowned = _find(definitions, "reowned", "touchpoint", "demo-call")
    assert (unowned["before"], unowned["after"]) == ("sales", None)
    assert _find(definitions, "renamed", "touchpoint", "pricing-page")["before"] == "Pricing page"
    assert _find(definitions, "added", "touchpoint", "renewal-email")["name"] == "Renewal email"
    assert _find(definitions, "removed", "touchpoint", "review-sites")["name"] == "Review sites"
    assert _find(definitions, "introduced", "finding", "CJM112")["name"] == (
        "touchpoint-without-owner"
    )


def test_output_is_deterministic(changed: Path, capsys) -> None:
    for output_format in ("text", "markdown", "json"):
        first = diff(capsys, output_format)
        assert diff(capsys, output_format) == first


# -- exit codes, scope and where it runs -----------------------------------------------------


def test_exit_code_option(changed: Path, capsys) -> None:
    assert diff(capsys, exit_code=True)[0] == 1
    assert diff(capsys, exit_code=False)[0] == 0


def test_no_changes(repo: Path, capsys) -> None:
    assert diff(capsys, exit_code=True) == (0, "No changes.\n", "")
    assert diff(capsys, "markdown") == (0, "**No changes**\n", "")
    code, out, _ = diff(capsys, "json")
    assert code == 0
    assert json.loads(out)["sections"] == []


def test_the_working_tree_and_the_index_are_left_alone(changed: Path, capsys) -> None:
    status, head = git(changed, "status", "--porcelain"), git(changed, "rev-parse", "HEAD")
    diff(capsys)
    assert git(changed, "status", "--porcelain") == status
    assert git(changed, "rev-parse", "HEAD") == head
    assert (changed / "maps" / "trial.yaml").read_text(encoding="utf-8") == NEW_MAP


def test_runs_from_a_subfolder_of_the_workspace(
    changed: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(changed / "maps")
    code, out, _ = diff(capsys)
    assert code == 0
    assert "Map trial: Trial to paid (trial.yaml)" in out.splitlines()
    assert "Shared definitions in ../shared/definitions.yaml" in out.splitlines()


def test_paths_limit_the_report_to_those_files(changed: Path, capsys) -> None:
    code, out, _ = diff(capsys, paths=[Path("maps/trial.yaml")])
    assert code == 0
    lines = out.splitlines()
    assert lines[: len(MAP_LINES)] == MAP_LINES
    assert not any(line.startswith("Shared definitions") for line in lines)
    assert lines[-1].startswith("1 map changed: ")


def test_with_base_the_positional_paths_are_paths_too(changed: Path, capsys) -> None:
    code = run_diff(
        Path("maps/trial.yaml"),
        None,
        base="HEAD",
        paths=[],
        output_format="text",
        exit_code=True,
        today=TODAY,
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[: len(MAP_LINES)] == MAP_LINES
    assert len(out) == len(MAP_LINES) + 2


def test_a_workspace_in_a_subfolder_of_the_repository(
    tmp_path: Path, capsys, plain: None, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    workspace = tmp_path / "journeys"
    write(workspace / "cjm.yaml", CONFIG)
    write(workspace / "shared" / "definitions.yaml", OLD_SHARED)
    write(workspace / "maps" / "trial.yaml", OLD_MAP)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "maps")
    write(workspace / "maps" / "trial.yaml", OLD_MAP.replace("name: Trial\n", "name: Free trial\n"))
    code, out, _ = diff(capsys, paths=[Path("journeys")])
    assert code == 0
    assert out.splitlines() == [
        "Map trial: Trial to paid (journeys/maps/trial.yaml)",
        '  renamed     stage trial: "Trial" → "Free trial"',
        "",
        "1 map changed: 1 other change.",
    ]


def test_maps_added_removed_and_moved_between_files(repo: Path, capsys) -> None:
    git(repo, "mv", "maps/trial.yaml", "maps/trial-to-paid.yaml")
    write(
        repo / "maps" / "trial-to-paid.yaml",
        OLD_MAP.replace("reviewed: 2026-10-01", "reviewed: 2026-11-01"),
    )
    write(
        repo / "maps" / "onboarding.yaml",
        OLD_MAP.replace("id: trial\ntitle: Trial to paid", "id: onboarding\ntitle: Onboarding"),
    )
    code, out, _ = diff(capsys)
    assert code == 0
    lines = out.splitlines()
    assert "Map trial: Trial to paid (maps/trial-to-paid.yaml, was maps/trial.yaml)" in lines
    assert "  changed     map: reviewed 2026-10-01 → 2026-11-01" in lines
    assert "Map onboarding: Onboarding (maps/onboarding.yaml)" in lines
    assert '  added       map: "Onboarding": 3 stages, 5 steps, 3 open pain points' in lines
    assert lines[2] == (
        "  introduced  CJM114 lifecycle-gap: warning: the current-state journey 'onboarding' "
        "stops at purchase: no stage covers retention or advocacy"
    )
    assert lines[-1] == "2 maps changed: 1 map added, 1 finding introduced, 1 other change."

    (repo / "maps" / "trial-to-paid.yaml").unlink()
    code, out, _ = diff(capsys)
    assert code == 0
    lines = out.splitlines()
    assert "Map trial: Trial to paid (maps/trial.yaml)" in lines
    assert '  removed     map: "Trial to paid"' in lines
    assert lines[-1] == "2 maps changed: 1 map added, 1 map removed, 1 finding introduced."


def test_compares_with_any_revision(changed: Path, capsys) -> None:
    git(changed, "commit", "-q", "-am", "Changes")
    git(changed, "tag", "v1")
    assert diff(capsys, base="HEAD")[1] == "No changes.\n"
    code, out, _ = diff(capsys, base="HEAD~1")
    assert code == 0
    assert out.splitlines()[-1] == SUMMARY + "."
    assert diff(capsys, base="v1")[1] == "No changes.\n"


def test_a_workspace_that_did_not_exist_at_the_base(
    tmp_path: Path, capsys, plain: None, monkeypatch
) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path / "README.md", "maps to come\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    write(tmp_path / "cjm.yaml", CONFIG)
    write(tmp_path / "shared" / "definitions.yaml", OLD_SHARED)
    write(tmp_path / "maps" / "trial.yaml", OLD_MAP)
    monkeypatch.chdir(tmp_path)
    code, out, _ = diff(capsys)
    assert code == 0
    lines = out.splitlines()
    assert '  added       map: "Trial to paid": 3 stages, 5 steps, 3 open pain points' in lines
    assert '  added       touchpoint pricing-page: "Pricing page"' in lines


# -- problems ------------------------------------------------------------------------------


def test_unknown_revision_is_a_usage_error(repo: Path, capsys) -> None:
    code, out, err = diff(capsys, base="no-such-branch")
    assert (code, out) == (2, "")
    assert err.startswith("error: unknown git revision 'no-such-branch'")


def test_outside_a_git_repository(tmp_path: Path, capsys, plain: None, monkeypatch) -> None:
    write(tmp_path / "cjm.yaml", CONFIG)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, out, err = diff(capsys)
    assert (code, out) == (2, "")
    assert "is not inside a git working tree" in err


def test_paths_that_exist_nowhere_or_outside_the_repository(
    repo: Path, capsys, tmp_path_factory
) -> None:
    code, _, err = diff(capsys, paths=[Path("maps/nope.yaml")])
    assert code == 2
    assert err == "error: no such file or folder in the working tree or at HEAD: maps/nope.yaml\n"
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    code, _, err = diff(capsys, paths=[elsewhere])
    assert code == 2
    assert "is outside the git repository" in err


def test_a_map_that_no_longer_parses(repo: Path, capsys) -> None:
    write(repo / "maps" / "trial.yaml", OLD_MAP.replace("type: current-state", "type: [oops"))
    code, out, err = diff(capsys)
    assert (code, out) == (3, "")
    lines = err.splitlines()
    assert lines[0] == (
        "error: cannot compare: the new side (working tree) has 1 file that does not load; "
        "a diff needs both sides to load"
    )
    assert lines[1].startswith("maps/trial.yaml:4:7:")  # at the "[" never closed
    assert " error CJM001 " in lines[1]


def test_a_committed_map_that_did_not_parse(repo: Path, capsys) -> None:
    write(repo / "maps" / "trial.yaml", OLD_MAP.replace("type: current-state", "type: sideways"))
    git(repo, "commit", "-q", "-am", "broken")
    write(repo / "maps" / "trial.yaml", OLD_MAP)
    code, out, err = diff(capsys)
    assert (code, out) == (3, "")
    lines = err.splitlines()
    assert lines[0] == (
        "error: cannot compare: the old side (HEAD) has 1 file that does not load; "
        "a diff needs both sides to load"
    )
    assert lines[1] == ("HEAD:maps/trial.yaml:4:7: error CJM005 'sideways' is not a valid type")


def test_a_committed_map_over_the_size_limit(repo: Path, capsys) -> None:
    write(repo / "maps" / "trial.yaml", OLD_MAP + "# padding\n" * 120_000)
    git(repo, "commit", "-q", "-am", "a long comment")
    write(repo / "maps" / "trial.yaml", OLD_MAP)
    code = run_diff(
        None,
        None,
        base="HEAD",
        paths=[],
        output_format="text",
        exit_code=False,
        today=TODAY,
        max_bytes=1024 * 1024,
    )
    err = capsys.readouterr().err
    assert code == 3
    assert "HEAD:maps/trial.yaml:1:1: error CJM007 the file is 1.1 MB, over the 1.0 MB limit" in err
    assert "raise the limit: --max-file-size MB or CJM_MAX_FILE_SIZE=MB" in err


def test_map_files_of_a_repository_without_a_workspace(
    tmp_path: Path, capsys, plain: None, monkeypatch
) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path / "solo.yaml", STANDALONE_MAP)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "a map")
    write(tmp_path / "solo.yaml", STANDALONE_MAP.replace("owner: growth", "owner: sales"))
    monkeypatch.chdir(tmp_path)
    code, out, _ = diff(capsys, paths=[Path("solo.yaml")])
    assert code == 0
    # The unknown team is a real finding of the file; the note about files outside a
    # workspace is for two paths named on the command line, not for a revision.
    assert out.splitlines() == [
        "Map solo: Solo journey (solo.yaml)",
        "  re-owned    map: owner growth → sales",
        "  introduced  CJM103 unknown-reference: error: unknown team 'sales'",
        "  introduced  CJM111 unused-definition: warning: team 'growth' is never used: "
        "nothing in this map refers to it",
        "",
        "1 map changed: 2 findings introduced, 1 other change.",
    ]
    code, out, _ = diff(capsys, "json", paths=[Path("solo.yaml")])
    assert json.loads(out)["notes"] == []
