"""The bundled example workspaces are what users copy from: they must be spotless, written
in the current format, and the bank account-opening example must show that format in use."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.diagnostics import Severity
from cjm.load.project import Project, load_workspace
from cjm.model import DefinitionsFile, JourneyMap, WorkspaceConfig
from cjm.model.definitions import EvidenceKind, Mode
from cjm.model.journey import Severity as PainSeverity
from cjm.model.paths import persona_routes

REPOSITORY = Path(__file__).resolve().parent.parent
EXAMPLES = REPOSITORY / "examples"
BANK = EXAMPLES / "bank-account-opening"
# Review dates in the examples are recent relative to this day.
TODAY = datetime.date(2026, 11, 23)
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def example_folders() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.is_dir())


def example_files() -> list[Path]:
    """The files authors write: snapshots under measurements/ are generated."""
    return sorted(p for p in EXAMPLES.rglob("*.yaml") if p.parent.name != "measurements")


# The B2B example is measured: what its data says against the map is the point of the
# demonstration, so these findings are expected, and no other.
FROM_DATA = {
    "b2b-saas-trial": [
        "maps/trial-to-paid.yaml:83 CJM134",  # activation measured at 28%, target 40%
        "maps/trial-to-paid.yaml:100 CJM140",  # sign-up mapped as negative, answers positive
        "maps/trial-to-paid.yaml:180 CJM134",  # trial to paid measured at 13%, target 18%
    ]
}


@pytest.mark.parametrize("example", example_folders(), ids=lambda p: p.name)
def test_example_has_no_errors_or_warnings(example: Path) -> None:
    result = check_paths([example], example, today=TODAY)
    serious = [
        f"{d.path}:{d.line}:{d.column}: {d.code.code} {d.message}"
        for d in result.diagnostics
        if d.severity is not Severity.INFO and d.code.code not in ("CJM134", "CJM140")
    ]
    assert serious == []
    assert len(result.files) >= 4


@pytest.mark.parametrize("example", example_folders(), ids=lambda p: p.name)
def test_example_has_no_findings_at_all(example: Path) -> None:
    """Not even an info: every file says it is in format 1.0. Only what a measured
    example's data says against its map is found."""
    result = check_paths([example], example, today=TODAY)
    found = [f"{d.path}:{d.line} {d.code.code}" for d in result.diagnostics]
    assert found == FROM_DATA.get(example.name, [])


def test_there_are_five_examples() -> None:
    assert [p.name for p in example_folders()] == [
        "b2b-saas-trial",
        "bank-account-opening",
        "clinic-visit-blueprint",
        "ecommerce-checkout",
        "lumen-energy",
    ]


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_every_file_is_in_format_1_0_with_its_schema(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    match = SCHEMA_LINE.match(lines[0])
    assert match is not None, "the first line is the $schema modeline"
    kind = (
        "workspace"
        if path.name == "cjm.yaml"
        else "measures"
        if path.name.endswith(".measures.yaml")
        else "map"
        if path.parent.name == "maps"
        else "definitions"
    )
    schema = (path.parent / match.group(1)).resolve()
    assert schema == REPOSITORY / "schemas" / "1.0" / f"{kind}.schema.json"
    first_key = next(line for line in lines if line and not line.startswith("#"))
    assert first_key == 'format: "1.0"'


# -- the bank account-opening example shows format 1.0 in use --------------------------------


@pytest.fixture(scope="module")
def bank() -> Project:
    return load_workspace(BANK, BANK)


@pytest.fixture(scope="module")
def journey(bank: Project) -> JourneyMap:
    maps = {doc.checked.id: doc.checked for doc in bank.maps if doc.checked is not None}
    assert set(maps) == {"account-opening", "account-opening-2027"}
    return maps["account-opening"]


def shared(bank: Project) -> list[DefinitionsFile]:
    files = [doc.checked for doc in bank.definitions]
    assert all(f is not None for f in files)
    return [f for f in files if f is not None]


def test_bank_personas_have_roles_and_small_local_images(bank: Project) -> None:
    personas = [p for f in shared(bank) for p in f.personas]
    assert {p.id for p in personas} == {"digital-dana", "branch-bernard"}
    for persona in personas:
        assert persona.role
        assert persona.image is not None
        image = BANK / "shared" / persona.image
        assert image.suffix == ".svg"
        assert image.stat().st_size < 10_000
        assert image.read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_bank_personas_walk_different_identity_routes(journey: JourneyMap) -> None:
    def steps_of(persona: str) -> list[set[str]]:
        return [{step.id for step in route} for route in persona_routes(journey, persona)]

    dana, bernard = steps_of("digital-dana"), steps_of("branch-bernard")
    assert all("visits-branch-for-id" not in route for route in dana)
    assert all("scans-id-in-app" in route for route in dana)
    assert any("joins-video-call" in route for route in dana)
    assert any("joins-video-call" not in route for route in dana)
    assert all("visits-branch-for-id" in route for route in bernard)
    assert all("joins-video-call" not in route for route in bernard)
    # The optional chaser call: some of Bernard's routes have it, some do not.
    assert {("chases-application" in route) for route in bernard} == {True, False}


def test_bank_branch_says_when_it_is_taken(journey: JourneyMap) -> None:
    branches = [branch for stage in journey.stages for branch in stage.branches]
    assert branches
    assert all(branch.condition for branch in branches)


def test_bank_optional_step_says_who_takes_it(journey: JourneyMap) -> None:
    optional = [step for _, _, step in journey.iter_steps() if step.optional]
    assert optional
    assert all(step.personas for step in optional)


def test_bank_kyc_wait_spans_three_steps(journey: JourneyMap) -> None:
    wait = next(pain for pain in journey.pain_points() if pain.id == "kyc-wait-in-silence")
    assert [step.id for step in journey.covered_steps(wait)] == [
        "waits-for-decision",
        "chases-application",
        "receives-decision",
    ]
    stage_wide = [pain for stage in journey.stages for pain in stage.pain_points]
    assert stage_wide


def test_bank_blueprint_lanes_are_filled(journey: JourneyMap) -> None:
    steps = [step for _, _, step in journey.iter_steps()]
    assert journey.type.value == "service-blueprint"
    assert sum(bool(step.policies) for step in steps) >= 5
    assert sum(bool(step.artifacts) for step in steps) >= 8
    assert any(step.duration for step in steps)
    assert sum(step.is_wait_point for step in steps) >= 3
    assert any(step.is_moment_of_truth for step in steps)


def test_bank_fail_points_and_moments_of_truth_are_explained(journey: JourneyMap) -> None:
    covering = journey.pain_points_at()
    fail_points = [step for _, _, step in journey.iter_steps() if step.is_fail_point]
    assert len(fail_points) >= 3
    assert all(covering.get(step.id) for step in fail_points)
    for _, _, step in journey.iter_steps():
        negative = any(
            (emotion := step.emotion_for(persona)) is not None and emotion.score < 0
            for persona in journey.persona_ids
        )
        if step.is_moment_of_truth and negative:
            assert covering.get(step.id), step.id


def test_bank_kpis_have_baselines_targets_actuals_and_directions(journey: JourneyMap) -> None:
    kpis = journey.all_kpis()
    assert len(kpis) >= 6
    for kpi in kpis:
        assert kpi.baseline is not None and kpi.baseline_date is not None, kpi.id
        assert kpi.target is not None and kpi.target_date is not None, kpi.id
        assert kpi.actual is not None, kpi.id
        assert kpi.actual_date is not None or kpi.actual_period is not None, kpi.id
        assert kpi.better is not None and kpi.unit, kpi.id


def test_bank_opportunities_are_tracked_work(journey: JourneyMap) -> None:
    kpi_ids = {kpi.id for kpi in journey.all_kpis()}
    for opportunity in journey.opportunities:
        assert opportunity.kpis and set(opportunity.kpis) <= kpi_ids, opportunity.id
    keys = [link.key for o in journey.opportunities for link in o.links if link.key]
    assert len(keys) >= 5
    assert all(re.fullmatch(r"[A-Z]+-[0-9]+", key) for key in keys)


def test_bank_evidence_says_how_strong_it_is(bank: Project) -> None:
    evidence = [e for f in shared(bank) for e in f.evidence]
    assert {e.kind for e in evidence} >= {
        EvidenceKind.INTERVIEW,
        EvidenceKind.ANALYTICS,
        EvidenceKind.SUPPORT_TICKETS,
        EvidenceKind.USABILITY_TEST,
    }
    for entry in evidence:
        assert entry.sample_size and entry.sample_unit and entry.confidence, entry.id
        assert entry.period is not None or entry.date is not None, entry.id
    assert any(entry.quotes for entry in evidence)
    assert {entry.strength for entry in evidence} == {0.5, 1.0}


def test_bank_uses_its_own_vocabulary_and_an_extension(bank: Project, journey: JourneyMap) -> None:
    assert bank.config is not None
    config = bank.config.checked
    assert isinstance(config, WorkspaceConfig)
    assert [c.id for c in config.vocabulary.channels] == ["video-kyc"]
    assert [s.id for s in config.vocabulary.severities] == ["regulatory"]
    video = next(t for f in shared(bank) for t in f.touchpoints if t.channel == "video-kyc")
    assert video.effective_mode is Mode.ONLINE
    regulatory = [p for p in journey.pain_points() if p.severity == "regulatory"]
    assert regulatory and all(p.level is PainSeverity.CRITICAL for p in regulatory)
    assert set(journey.extensions) == {"x-compliance-review"}


def test_bank_readme_names_what_the_example_shows() -> None:
    readme = (BANK / "README.md").read_text(encoding="utf-8")
    for key in ("spans", "branches", "optional", "policies", "artifacts", "vocabulary", "links"):
        assert f"`{key}`" in readme, key
    assert "`x-compliance-review`" in readme


def test_bank_future_state_improves_on_today(bank: Project, journey: JourneyMap) -> None:
    future = next(
        doc.checked
        for doc in bank.maps
        if doc.checked is not None and doc.checked.id == "account-opening-2027"
    )
    assert future.type.value == "future-state"
    assert future.current_state == journey.id
    today = {kpi.id: kpi for kpi in journey.all_kpis()}
    for kpi in future.all_kpis():
        # The same measure, against the same baseline as today's map.
        assert kpi.id in today
        assert (kpi.baseline, kpi.baseline_date) == (
            today[kpi.id].baseline,
            today[kpi.id].baseline_date,
        )
