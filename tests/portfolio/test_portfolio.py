"""The portfolio joins the report facts of every map: register, backlog, KPI board, teams,
personas, worst moments and the channel matrix, over a small workspace with a current and
future-state pair and a map with errors."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cjm.check import check_paths
from cjm.lint.config import LintRequest
from cjm.portfolio import Portfolio, build_portfolio, gather, workspace_title

ACME = Path(__file__).parent / "fixtures" / "acme"
TODAY = datetime.date(2026, 11, 23)


def portfolio_of(folder: Path, force: bool = False) -> Portfolio:
    result = check_paths([folder], folder, lint=LintRequest(), today=TODAY)
    gathered = gather(result, TODAY, force=force, report_file=lambda m: f"{m.id}-report.html")
    return build_portfolio(
        gathered.maps, workspace_title(result.projects), TODAY, gathered.left_out
    )


@pytest.fixture(scope="module")
def acme() -> Portfolio:
    return portfolio_of(ACME)


def test_a_map_with_errors_is_left_out_with_the_reason(acme: Portfolio) -> None:
    assert [j.id for j in acme.journeys] == ["signup", "signup-next"]
    assert acme.left_out == [("maps/broken.yaml", "it has 2 errors")]
    assert acme.title == "Acme journeys"


def test_forced_a_map_with_errors_joins_and_its_errors_are_counted() -> None:
    forced = portfolio_of(ACME, force=True)
    broken = forced.journey("broken")
    assert broken is not None
    assert broken.findings.errors == 2
    assert forced.left_out == []


def test_the_register_holds_every_pain_point_worst_first(acme: Portfolio) -> None:
    assert [(p.key, p.pain.severity, p.pain.status) for p in acme.pains] == [
        ("signup/video-wait", "critical", "open"),
        ("signup/long-form", "high", "open"),
        ("signup/unclear-invoice", "low", "resolved"),
    ]
    assert [p.key for p in acme.open_pains] == ["signup/video-wait", "signup/long-form"]


def test_a_pain_point_knows_its_channels_personas_owner_and_report(acme: Portfolio) -> None:
    video = acme.pains[0]
    assert video.channels == ("Video identification",)  # the workspace's name for it
    assert video.personas == ("Ops Olivia",)
    assert video.pain.owner == "Support"
    assert video.journey.report == "signup-report.html"
    assert acme.pains[1].channels == ("web",)
    assert acme.pains[1].personas == ()  # every persona of the map


def test_opportunities_of_a_future_state_address_pain_points_of_its_current_state(
    acme: Portfolio,
) -> None:
    video = next(p for p in acme.pains if p.key == "signup/video-wait")
    # In backlog order.
    assert [a.key for a in video.addressed_by] == ["signup/callback", "signup-next/booked-slots"]
    booked = next(o for o in acme.opportunities if o.key == "signup-next/booked-slots")
    assert [p.key for p in booked.pains] == ["signup/video-wait"]
    assert [j.id for j in booked.journeys] == ["signup-next", "signup"]
    assert booked.unknown_pains == ()


def test_the_backlog_ranks_sized_work_and_keeps_the_rest_apart(acme: Portfolio) -> None:
    rows = [(o.position, o.key, o.quadrant) for o in acme.opportunities]
    assert rows == [
        (1, "signup/shorter-form", "Quick wins"),
        (2, "signup/callback", "Big bets"),
        (3, "signup-next/booked-slots", "Worth planning"),
        (None, "signup/chatbot", None),  # not sized: no place is guessed for it
        (None, "signup/plain-invoice", "Fill-ins"),  # done
    ]
    assert not acme.opportunities[3].sized
    assert acme.opportunities[4].settled


def test_the_kpi_board_keeps_the_report_verdicts(acme: Portfolio) -> None:
    board = {k.key: k.kpi for k in acme.kpis}
    assert board["signup-next/completion"].status == "missed"
    assert board["signup-next/completion"].movement == "better"
    # No direction: neither met nor missed, and no guess.
    assert board["signup-next/minutes"].status == "no-direction"
    assert board["signup-next/minutes"].movement == "no-baseline"


def test_teams_gather_what_they_own_across_maps(acme: Portfolio) -> None:
    teams = {t.id: t for t in acme.teams}
    # Most open pain points first, then most journeys owned.
    assert [t.id for t in acme.teams] == ["growth", "support", "billing"]
    assert [j.id for j in teams["growth"].journeys] == ["signup", "signup-next"]
    assert [p.key for p in teams["support"].open_pains] == ["signup/video-wait"]
    assert [o.key for o in teams["support"].opportunities] == [
        "signup/callback",
        "signup-next/booked-slots",
        "signup/chatbot",
    ]
    assert [(h.from_team, h.to_team) for h in teams["support"].handoffs_in] == [
        ("Growth", "Support")
    ]
    assert [(h.from_team, h.to_team) for h in teams["support"].handoffs_out] == [
        ("Support", "Billing")
    ]
    assert teams["billing"].open_pains == []


def test_personas_carry_their_curve_on_every_journey(acme: Portfolio) -> None:
    personas = {p.id: p for p in acme.personas}
    olivia = personas["olivia"]
    assert [(j.journey.id, j.scores) for j in olivia.journeys] == [
        ("signup", [-1, -2, 0]),
        ("signup-next", [1]),
    ]
    assert olivia.average == pytest.approx(-0.5)
    assert [p.key for p in olivia.pains] == [
        "signup/video-wait",
        "signup/long-form",
        "signup/unclear-invoice",
    ]
    sam = personas["sam"]
    assert [j.journey.id for j in sam.journeys] == ["signup"]
    # The video wait names Olivia only.
    assert "signup/video-wait" not in [p.key for p in sam.pains]


def test_the_worst_moments_come_first(acme: Portfolio) -> None:
    worst = acme.moments[0]
    assert (worst.journey.id, worst.step.id, worst.persona, worst.score) == (
        "signup",
        "verify",
        "Ops Olivia",
        -2,
    )
    assert worst.open_pains == 1
    assert all(m.score < 0 for m in acme.moments)
    assert len(acme.moments) == 4


def test_stages_of_the_same_name_share_a_matrix_column(acme: Portfolio) -> None:
    matrix = acme.channels
    assert matrix.stages == ["Join", "Pay"]  # "join" of the future state joins "Join"
    cell = matrix.cell("web", "Join")
    assert cell is not None
    assert cell.steps == 2
    assert cell.journeys == ("Signing up", "Signing up, next year")
    assert matrix.cell("email", "Join") is None
    assert matrix.untouched == {}


def test_pairs_evidence_and_staleness(acme: Portfolio) -> None:
    signup = acme.journey("signup")
    future = acme.journey("signup-next")
    assert signup is not None and future is not None
    assert signup.future_states == ("signup-next",)
    assert future.current_state == "signup"
    # A step is backed by its own evidence or its pain points' (as the report counts it).
    assert (signup.steps.total, signup.steps.research, signup.steps.assumption) == (3, 2, 0)
    assert signup.steps.none == 1
    assert signup.steps.share == pytest.approx(2 / 3)
    assert not signup.steps.mostly_assumed
    assert future.steps.mostly_assumed  # its one step cites nothing
    assert acme.stale == []


def test_a_map_overdue_for_review_is_stale() -> None:
    later = datetime.date(2027, 6, 1)
    result = check_paths([ACME], ACME, lint=LintRequest(), today=later)
    gathered = gather(result, later)
    portfolio = build_portfolio(gathered.maps, "Acme", later, gathered.left_out)
    assert [j.id for j in portfolio.stale] == ["signup", "signup-next"]


def test_an_opportunity_addressing_an_unknown_pain_point_says_so(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").write_text(
        (ACME / "maps" / "signup.yaml")
        .read_text(encoding="utf-8")
        .replace("addresses: [long-form]", "addresses: [long-form, gone]"),
        encoding="utf-8",
    )
    # Outside the workspace the map's references do not resolve: forced, it still joins.
    result = check_paths([tmp_path / "map.yaml"], tmp_path, lint=LintRequest(), today=TODAY)
    gathered = gather(result, TODAY, force=True)
    portfolio = build_portfolio(gathered.maps, "x", TODAY)
    row = next(o for o in portfolio.opportunities if o.key == "signup/shorter-form")
    assert row.unknown_pains == ("signup/gone",)
    assert [p.key for p in row.pains] == ["signup/long-form"]
