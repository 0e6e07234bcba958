"""`cjm diff OLD NEW` on two maps of one workspace (a current-state map and its future state),
of two workspaces, and outside any workspace: the command line as users type it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cjm.cli import app
from tests.samples import PLAIN_ENV

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce-checkout"
TODAY_MAP = "maps/furniture-purchase.yaml"
FUTURE_MAP = "maps/checkout-future-state.yaml"
HEADER = [
    "Comparing map furniture-purchase (maps/furniture-purchase.yaml) "
    "with map checkout-future-state (maps/checkout-future-state.yaml),",
    "as two versions of one journey: stages, steps, pain points, KPIs and opportunities "
    "are matched by id.",
]


def cjm(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=PLAIN_ENV)


def changes(output: str) -> list[str]:
    """The change lines of a text report (indented under their map)."""
    return [line for line in output.splitlines() if line.startswith("  ")]


def map_changes(output: str) -> list[str]:
    """The change lines of a text report that are about the maps, not about findings."""
    return [line for line in changes(output) if not FINDING.match(line)]


FINDING = re.compile(r"  (introduced|fixed) +CJM\d+ ")


@pytest.fixture
def in_example(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(EXAMPLE)
    return EXAMPLE


@pytest.fixture
def copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example workspace outside the repository, as the working folder."""
    shutil.copytree(EXAMPLE, tmp_path / "shop")
    monkeypatch.chdir(tmp_path / "shop")
    return tmp_path / "shop"


# -- two maps of one workspace -----------------------------------------------------------------


def test_current_state_against_future_state_in_the_example(in_example: Path) -> None:
    done = cjm("diff", TODAY_MAP, FUTURE_MAP, "--exit-code")
    assert done.exit_code == 1, done.output
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[:3] == [*HEADER, ""]
    assert lines[3] == (
        "Map checkout-future-state: Buying a sofa online, Q2 2027 target "
        "(maps/checkout-future-state.yaml)"
    )
    found = changes(done.stdout)
    assert found[:3] == [
        "  changed     map: id furniture-purchase → checkout-future-state",
        '  renamed     map: "Buying a sofa online, today" → "Buying a sofa online, Q2 2027 target"',
        "  changed     map: type current-state → future-state",
    ]
    for line in [
        "  changed     map: current state set to furniture-purchase",
        "  better      emotion at step pays: first-flat-nadia -2 → +2 (effortless)",
        "  worse       emotion at step pays: considered-graham 0 → -1 (hesitant)",
        '  removed     stage awareness: "Get inspired"',
        '  added       touchpoint delivery-estimator: "Postcode delivery estimator"',
    ]:
        assert line in found
    # Shared teams, touchpoints and evidence resolve on both sides: no finding changed.
    assert "CJM103" not in done.stdout
    assert not any(line.startswith(("  introduced", "  fixed")) for line in found)
    assert lines[-1].startswith("1 map changed: 1 stage removed, ")


def test_the_other_way_round_and_without_exit_code(in_example: Path) -> None:
    done = cjm("diff", FUTURE_MAP, TODAY_MAP)
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines()[0] == (
        "Comparing map checkout-future-state (maps/checkout-future-state.yaml) "
        "with map furniture-purchase (maps/furniture-purchase.yaml),"
    )
    assert "  changed     map: id checkout-future-state → furniture-purchase" in done.stdout


def test_a_copy_of_the_workspace_outside_the_repository_says_the_same(
    in_example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = cjm("diff", TODAY_MAP, FUTURE_MAP, "--exit-code")
    shutil.copytree(EXAMPLE, tmp_path / "shop")
    monkeypatch.chdir(tmp_path / "shop")
    outside = cjm("diff", TODAY_MAP, FUTURE_MAP, "--exit-code")
    assert (outside.exit_code, outside.stdout) == (inside.exit_code, inside.stdout)


def test_from_another_folder_of_the_workspace(copied: Path, monkeypatch) -> None:
    monkeypatch.chdir(copied / "shared")
    done = cjm("diff", f"../{TODAY_MAP}", f"../{FUTURE_MAP}", "--exit-code")
    assert done.exit_code == 1, done.output
    assert done.stdout.startswith(
        "Comparing map furniture-purchase (../maps/furniture-purchase.yaml) "
        "with map checkout-future-state (../maps/checkout-future-state.yaml),\n"
    )
    assert "CJM103" not in done.stdout


def test_a_real_unknown_reference_is_still_reported(copied: Path) -> None:
    future = copied / FUTURE_MAP
    text = future.read_text(encoding="utf-8")
    assert text.count("owner: fulfilment\n") > 1
    future.write_text(text.replace("owner: fulfilment\n", "owner: fulfilmnet\n", 1), "utf-8")
    done = cjm("diff", TODAY_MAP, FUTURE_MAP, "--format", "json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    introduced = [
        c
        for c in report["sections"][0]["changes"]
        if (c["kind"], c["id"]) == ("introduced", "CJM103")
    ]
    assert [c["after"] for c in introduced] == [
        "unknown team 'fulfilmnet'; did you mean 'fulfilment'?"
    ]
    assert report["notes"] == []


def test_json_and_markdown_name_the_two_maps(in_example: Path) -> None:
    report = json.loads(cjm("diff", TODAY_MAP, FUTURE_MAP, "--format", "json").stdout)
    assert report["compared"] == {
        "old": {"map": "furniture-purchase", "path": TODAY_MAP},
        "new": {"map": "checkout-future-state", "path": FUTURE_MAP},
        "text": " ".join(HEADER),
    }
    assert (report["old"], report["new"]) == (TODAY_MAP, FUTURE_MAP)
    assert report["sections"][0]["old_path"] is None
    markdown = cjm("diff", TODAY_MAP, FUTURE_MAP, "--format", "markdown").stdout.splitlines()
    assert markdown[:4] == [
        "Comparing map `furniture-purchase` (`maps/furniture-purchase.yaml`) "
        "with map `checkout-future-state` (`maps/checkout-future-state.yaml`),",
        "as two versions of one journey: stages, steps, pain points, KPIs and opportunities "
        "are matched by id.",
        "",
        markdown[3],
    ]
    assert markdown[3].startswith("**1 map changed**: 1 stage removed, ")
    assert "CJM103" not in "\n".join(markdown)


def test_two_versions_of_one_map_in_two_folders_of_one_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLE / "shared", tmp_path / "shared")
    config = (EXAMPLE / "cjm.yaml").read_text(encoding="utf-8")
    (tmp_path / "cjm.yaml").write_text(config.replace("maps/*.yaml", "maps/**/*.yaml"), "utf-8")
    for version in ("v1", "v2"):
        (tmp_path / "maps" / version).mkdir(parents=True)
        shutil.copy(EXAMPLE / TODAY_MAP, tmp_path / "maps" / version / "checkout.yaml")
    newer = tmp_path / "maps" / "v2" / "checkout.yaml"
    text = newer.read_text(encoding="utf-8")
    newer.write_text(text.replace("name: Get inspired\n", "name: Find inspiration\n"), "utf-8")
    monkeypatch.chdir(tmp_path)
    for old, new in [("maps/v1", "maps/v2"), ("maps/v1/checkout.yaml", "maps/v2/checkout.yaml")]:
        done = cjm("diff", old, new, "--exit-code")
        assert done.exit_code == 1, done.output
        # One workspace holding two maps with one id is a real error, in the second file.
        assert changes(done.stdout) == [
            '  renamed     stage awareness: "Get inspired" → "Find inspiration"',
            "  introduced  CJM104 duplicate-id: error: duplicate journey map id "
            "'furniture-purchase': also defined at maps/v1/checkout.yaml:3:5",
        ]


def test_a_file_that_does_not_load_in_the_shared_workspace(copied: Path) -> None:
    (copied / "maps" / "draft.yaml").write_text("id: draft\ntitle: [oops\n", encoding="utf-8")
    done = cjm("diff", TODAY_MAP, FUTURE_MAP, "--exit-code")
    assert (done.exit_code, done.stdout) == (3, "")
    assert done.stderr.splitlines()[0] == (
        "error: cannot compare: the workspace of both maps "
        "(maps/furniture-purchase.yaml and maps/checkout-future-state.yaml) has 1 file that "
        "does not load; a diff needs both sides to load"
    )
    assert "maps/draft.yaml:2:" in done.stderr


# -- two workspaces ------------------------------------------------------------------------------


def test_maps_of_two_workspaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "before")
    shutil.copytree(EXAMPLE, tmp_path / "after")
    monkeypatch.chdir(tmp_path)
    done = cjm(
        "diff", f"before/{TODAY_MAP}", f"after/{FUTURE_MAP}", "--exit-code", "--format", "json"
    )
    assert done.exit_code == 1, done.output
    report = json.loads(done.stdout)
    assert report["compared"]["old"] == {"map": "furniture-purchase", "path": f"before/{TODAY_MAP}"}
    assert not [c for c in report["sections"][0]["changes"] if c["entity"] == "finding"]
    monkeypatch.chdir(EXAMPLE)
    same_workspace = json.loads(cjm("diff", TODAY_MAP, FUTURE_MAP, "--format", "json").stdout)
    assert report["sections"][0]["changes"] == same_workspace["sections"][0]["changes"]


# -- outside any workspace -----------------------------------------------------------------------


def test_copies_of_the_two_map_files_outside_any_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (TODAY_MAP, FUTURE_MAP):
        shutil.copy(EXAMPLE / name, tmp_path / Path(name).name)
    monkeypatch.chdir(tmp_path)
    done = cjm("diff", "furniture-purchase.yaml", "checkout-future-state.yaml", "--exit-code")
    assert done.exit_code == 1, done.output
    lines = done.stdout.splitlines()
    assert lines[:5] == [
        "Comparing map furniture-purchase (furniture-purchase.yaml) "
        "with map checkout-future-state (checkout-future-state.yaml),",
        HEADER[1],
        "",
        "note: furniture-purchase.yaml and checkout-future-state.yaml belong to no workspace "
        "(no cjm.yaml in their folder or above): ids defined in a workspace's shared files are "
        "unknown there, and the unknown references below may be about those.",
        "",
    ]
    # The future state names the current state, which is the other file: resolved together,
    # as `cjm validate` resolves two files, it is no unknown reference.
    assert "unknown journey map" not in done.stdout
    # The map changes are those of the workspace; the findings differ, since the shared
    # definitions (personas, evidence...) are unknown outside it.
    monkeypatch.chdir(EXAMPLE)
    in_workspace = cjm("diff", TODAY_MAP, FUTURE_MAP).stdout
    assert map_changes(done.stdout) == map_changes(in_workspace)


def test_a_copy_outside_against_the_map_in_its_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "shop")
    shutil.copy(EXAMPLE / TODAY_MAP, tmp_path / "today.yaml")
    monkeypatch.chdir(tmp_path)
    done = cjm("diff", "today.yaml", f"shop/{FUTURE_MAP}", "--format", "markdown")
    assert done.exit_code == 0, done.output
    assert (
        "> **Note:** `today.yaml` belongs to no workspace (no cjm.yaml in its folder or above): "
        "ids defined in a workspace's shared files are unknown there, and the unknown "
        "references below may be about those."
    ) in done.stdout.splitlines()


def test_two_versions_of_one_standalone_map_are_loaded_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (EXAMPLE / FUTURE_MAP).read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text.replace("reviewed: 2026-11-18", "reviewed: 2026-11-19"))
    monkeypatch.chdir(tmp_path)
    done = cjm("diff", "a.yaml", "b.yaml", "--exit-code")
    assert done.exit_code == 1, done.output
    # The same id on both sides is one map, not a duplicate id; the unknown references are
    # the same on both sides, so no finding changed and no note is needed.
    assert done.stdout.splitlines() == [
        "Map checkout-future-state: Buying a sofa online, Q2 2027 target (b.yaml, was a.yaml)",
        "  changed     map: reviewed 2026-11-18 → 2026-11-19",
        "",
        "1 map changed: 1 other change.",
    ]
