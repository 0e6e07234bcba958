"""`cjm diff OLD NEW`: two map files, two workspaces, two folders of maps; usage errors."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from cjm.commands.diff import run_diff
from tests.samples import STANDALONE_MAP

TODAY = datetime.date(2026, 11, 20)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "b2b-saas-trial"


@pytest.fixture(autouse=True)
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain output, from inside ``tmp_path``."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def diff(
    capsys: pytest.CaptureFixture[str],
    old: str | None,
    new: str | None,
    output_format: str = "text",
    *,
    paths: list[Path] | None = None,
    exit_code: bool = False,
) -> tuple[int, str, str]:
    code = run_diff(
        Path(old) if old else None,
        Path(new) if new else None,
        base=None,
        paths=paths or [],
        output_format=output_format,
        exit_code=exit_code,
        today=TODAY,
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- two files -------------------------------------------------------------------------------


def test_two_standalone_map_files(tmp_path: Path, capsys) -> None:
    write(tmp_path / "old" / "solo.yaml", STANDALONE_MAP)
    write(tmp_path / "new" / "solo.yaml", STANDALONE_MAP.replace("emotion: 1", "emotion: -1"))
    code, out, err = diff(capsys, "old/solo.yaml", "new/solo.yaml", exit_code=True)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "Map solo: Solo journey (new/solo.yaml)",
        "  worse       emotion at step start-trial: olivia +1 → -1",
        "  introduced  CJM106 emotion-dip-unexplained: warning: step 'start-trial' scores -1 "
        "for 'olivia' but no pain point there says why",
        "",
        "1 map changed: 1 step got worse, 1 finding introduced.",
    ]


def test_two_files_are_one_map_even_when_its_id_changed(tmp_path: Path, capsys) -> None:
    write(tmp_path / "a.yaml", STANDALONE_MAP)
    write(tmp_path / "b.yaml", STANDALONE_MAP.replace("id: solo", "id: solo-journey"))
    code, out, _ = diff(capsys, "a.yaml", "b.yaml")
    assert code == 0
    assert out.splitlines() == [
        "Comparing map solo (a.yaml) with map solo-journey (b.yaml),",
        "as two versions of one journey: stages, steps, pain points, KPIs and opportunities "
        "are matched by id.",
        "",
        "Map solo-journey: Solo journey (b.yaml)",
        "  changed     map: id solo → solo-journey",
        "",
        "1 map changed: 1 other change.",
    ]


def test_identical_files(tmp_path: Path, capsys) -> None:
    write(tmp_path / "a.yaml", STANDALONE_MAP)
    write(tmp_path / "b.yaml", STANDALONE_MAP)
    assert diff(capsys, "a.yaml", "b.yaml", exit_code=True) == (0, "No changes.\n", "")
    code, out, _ = diff(capsys, "a.yaml", "b.yaml", "json")
    assert code == 0
    report = json.loads(out)
    assert (report["old"], report["new"]) == ("a.yaml", "b.yaml")
    assert report["summary"] == {
        "text": "No changes",
        "maps_changed": 0,
        "shared_files_changed": 0,
        "changes": 0,
        "counts": {},
    }


def test_map_files_inside_workspaces_compare_the_maps_only(tmp_path: Path, capsys) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "old")
    shutil.copytree(EXAMPLE, tmp_path / "new")
    edit(
        tmp_path / "new" / "shared" / "touchpoints.yaml",
        "    name: Pricing page\n    channel: web\n    owner: marketing\n",
        "    name: Pricing page\n    channel: web\n",
    )
    edit(tmp_path / "new" / "maps" / "trial-to-paid.yaml", "    name: Trial\n", "    name: Try\n")
    code, out, _ = diff(
        capsys, "old/maps/trial-to-paid.yaml", "new/maps/trial-to-paid.yaml", "markdown"
    )
    assert code == 0
    assert out == (
        "**1 map changed**: 1 other change\n"
        "\n"
        "#### Map `trial-to-paid`: Tessera trial to paid, and beyond "
        "(`new/maps/trial-to-paid.yaml`)\n"
        "\n"
        "| Change | What | Details |\n"
        "|---|---|---|\n"
        '| renamed | stage `consideration` | "Trial" → "Try" |\n'
    )


# -- two folders -----------------------------------------------------------------------------


def test_two_workspace_folders(tmp_path: Path, capsys) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "old")
    shutil.copytree(EXAMPLE, tmp_path / "new")
    edit(
        tmp_path / "new" / "shared" / "touchpoints.yaml",
        "  - id: pricing-page\n    name: Pricing page\n    channel: web\n    owner: marketing\n",
        "  - id: pricing-page\n    name: Pricing page\n    channel: web\n",
    )
    edit(
        tmp_path / "new" / "maps" / "trial-to-paid.yaml",
        "ops-olivia: {score: -1, label: unsure,",
        "ops-olivia: {score: -2, label: lost,",
    )
    code, out, _ = diff(capsys, "old", "new")
    assert code == 0
    assert out.splitlines() == [
        "Map trial-to-paid: Tessera trial to paid, and beyond (new/maps/trial-to-paid.yaml)",
        "  worse       emotion at step compares-pricing: ops-olivia -1 → -2 (lost)",
        "",
        "Shared definitions in new/shared/touchpoints.yaml",
        "  re-owned    touchpoint pricing-page: lost its owner (was marketing)",
        "  introduced  CJM112 touchpoint-without-owner: warning: touchpoint 'pricing-page' "
        "has no owner",
        "",
        "1 map and 1 shared file changed: 1 step got worse, 1 touchpoint lost its owner, "
        "1 finding introduced.",
    ]


def test_two_folders_of_maps_without_a_workspace(tmp_path: Path, capsys) -> None:
    write(tmp_path / "v1" / "solo.yaml", STANDALONE_MAP)
    write(tmp_path / "v2" / "solo.yaml", STANDALONE_MAP.replace("name: Sign-up", "name: Join"))
    write(
        tmp_path / "v2" / "other.yaml",
        STANDALONE_MAP.replace("id: solo", "id: other").replace("Solo journey", "Other"),
    )
    code, out, _ = diff(capsys, "v1", "v2", "json")
    assert code == 0
    report = json.loads(out)
    assert [(s["map"], s["path"], s["old_path"]) for s in report["sections"]] == [
        ("other", "v2/other.yaml", None),
        ("solo", "v2/solo.yaml", None),
    ]
    added, renamed = (s["changes"][0] for s in report["sections"])
    assert (added["kind"], added["entity"], added["details"]) == (
        "added",
        "map",
        {"stages": 1, "steps": 1, "open_pain_points": 0},
    )
    assert (renamed["kind"], renamed["id"], renamed["before"], renamed["after"]) == (
        "renamed",
        "signup",
        "Sign-up",
        "Join",
    )


# -- problems ------------------------------------------------------------------------------


def test_a_side_that_does_not_parse(tmp_path: Path, capsys) -> None:
    write(tmp_path / "a.yaml", STANDALONE_MAP)
    write(tmp_path / "b.yaml", STANDALONE_MAP.replace("type: current-state", "type: [oops"))
    code, out, err = diff(capsys, "a.yaml", "b.yaml")
    assert (code, out) == (3, "")
    lines = err.splitlines()
    assert lines[0] == (
        "error: cannot compare: the new side (b.yaml) has 1 file that does not load; "
        "a diff needs both sides to load"
    )
    assert lines[1].startswith("b.yaml:3:7:")  # at the "[" that is never closed
    assert " error CJM001 " in lines[1]


def test_a_schema_error_names_file_line_and_column(tmp_path: Path, capsys) -> None:
    write(tmp_path / "a.yaml", STANDALONE_MAP.replace("emotion: 1", "emotion: 7"))
    write(tmp_path / "b.yaml", STANDALONE_MAP)
    code, _, err = diff(capsys, "a.yaml", "b.yaml")
    assert code == 3
    assert "the old side (a.yaml)" in err
    assert "a.yaml:16:18: error CJM005 " in err


@pytest.mark.parametrize(
    ("old", "new", "paths", "message"),
    [
        ("a.yaml", None, [], "give two files or folders to compare (OLD NEW), or --base REV"),
        (None, None, [], "give two files or folders to compare (OLD NEW), or --base REV"),
        ("a.yaml", "a.yaml", [Path("a.yaml")], "give two files or folders to compare"),
        ("a.yaml", "missing.yaml", [], "no such file or folder: missing.yaml"),
    ],
)
def test_usage_errors(
    tmp_path: Path,
    capsys,
    old: str | None,
    new: str | None,
    paths: list[Path],
    message: str,
) -> None:
    write(tmp_path / "a.yaml", STANDALONE_MAP)
    code, out, err = diff(capsys, old, new, paths=paths)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {message}")


def test_unknown_format_is_a_usage_error(tmp_path: Path, capsys) -> None:
    write(tmp_path / "a.yaml", STANDALONE_MAP)
    code, out, err = diff(capsys, "a.yaml", "a.yaml", "sarif")
    assert (code, out) == (2, "")
    assert err == "error: unknown format 'sarif': choose from text, markdown, json\n"


def test_user_text_is_escaped_in_markdown_and_kept_literal_in_text(tmp_path: Path, capsys) -> None:
    tricky = "Reads *bold* | [link](x) <b>`code`</b> [red]x[/]"
    write(tmp_path / "a.yaml", STANDALONE_MAP)
    write(
        tmp_path / "b.yaml", STANDALONE_MAP.replace("action: Starts a trial", f"action: '{tricky}'")
    )
    _, out, _ = diff(capsys, "a.yaml", "b.yaml")
    assert f'  renamed     step start-trial: "Starts a trial" → "{tricky}"' in out.splitlines()
    _, out, _ = diff(capsys, "a.yaml", "b.yaml", "markdown")
    assert (
        '| renamed | step `start-trial` | "Starts a trial" → "Reads \\*bold\\* \\| '
        '\\[link\\](x) \\<b\\>\\`code\\`\\</b\\> \\[red\\]x\\[/\\]" |'
    ) in out.splitlines()
    _, out, _ = diff(capsys, "a.yaml", "b.yaml", "json")
    [change] = json.loads(out)["sections"][0]["changes"]
    assert change["after"] == tricky
