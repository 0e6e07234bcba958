"""`cjm init` and `cjm new map` as the CLI runs them: exit codes and what they print."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cjm import __version__
from cjm.check import check_paths
from cjm.commands.scaffold import default_name, run_init, run_list_templates, run_new_map
from cjm.diagnostics import Severity

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def clean(folder: Path) -> bool:
    result = check_paths([folder], folder, today=TODAY)
    return not [d for d in result.diagnostics if d.severity is not Severity.INFO]


def init(folder: str = "journeys", **options: object) -> int:
    settings: dict[str, object] = {"name": None, "template": "current-state", "force": False}
    settings.update(options)
    return run_init(Path(folder), today=TODAY, **settings)  # type: ignore[arg-type]


def new(**options: object) -> int:
    settings: dict[str, object] = {"map_id": None, "title": None, "folder": None}
    settings.update(options)
    return run_new_map(today=TODAY, **settings)  # type: ignore[arg-type]


# -- cjm init ---------------------------------------------------------------------------------


def test_init_lists_what_it_made_and_what_to_do_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert init() == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("Created a cjm workspace in journeys from the current-state template:\n")
    for name in (
        "journeys/cjm.yaml",
        "journeys/shared/personas.yaml",
        "journeys/maps/learner-journey.yaml",
        "journeys/schemas/1.0/map.schema.json",
        "journeys/.github/workflows/journeys.yml",
        "journeys/.pre-commit-config.yaml",
    ):
        assert f"\n  {name}\n" in out
    assert "\nNext:\n  cd journeys && cjm validate\n" in out
    assert f"(both install cjm-cli=={__version__} from PyPI).\n" in out
    assert "name: Journeys\n" in (tmp_path / "journeys" / "cjm.yaml").read_text(encoding="utf-8")
    assert clean(tmp_path / "journeys")


def test_init_here_says_to_validate_here(capsys: pytest.CaptureFixture[str]) -> None:
    assert init(".", name="Acme: journeys", template="service-blueprint") == 0
    out = capsys.readouterr().out
    assert "Created a cjm workspace in . from the service-blueprint template:" in out
    assert "\nNext:\n  cjm validate\n" in out
    assert 'name: "Acme: journeys"\n' in Path("cjm.yaml").read_text(encoding="utf-8")


def test_init_refuses_an_existing_workspace(capsys: pytest.CaptureFixture[str]) -> None:
    assert init() == 0
    capsys.readouterr()
    assert init(template="b2b-saas") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "error: already exists, not overwritten: journeys/cjm.yaml" in err
    assert "already is a cjm workspace: add maps with `cjm new map`" in err


def test_init_unknown_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert init(template="b2b") == 2
    err = capsys.readouterr().err
    assert "unknown template 'b2b': choose one of b2b-saas, b2c-service, current-state" in err
    assert not Path("journeys").exists()


def test_init_keeps_existing_ci_files_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    hooks = tmp_path / ".pre-commit-config.yaml"
    hooks.write_text("repos: []\n", encoding="utf-8")
    assert init() == 2
    err = capsys.readouterr().err
    assert ".pre-commit-config.yaml; keep them and create the rest with --force" in err
    assert not (tmp_path / "journeys").exists()

    assert init(force=True) == 0
    out, err = capsys.readouterr()
    assert "note: kept .pre-commit-config.yaml as it is: add cjm to it by hand" in err
    assert "\n  .github/workflows/journeys.yml\n" in out
    assert hooks.read_text(encoding="utf-8") == "repos: []\n"


def test_init_inside_another_workspace_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert init(".") == 0
    capsys.readouterr()
    assert init("teams/cx", force=True) == 0
    err = capsys.readouterr().err
    assert "note: teams/cx is inside the workspace at . ;" not in err
    assert "note: teams/cx is inside the workspace at .; commands run in teams/cx use" in err


def test_default_workspace_name() -> None:
    assert default_name(Path("acme-journeys")) == "Acme journeys"
    assert default_name(Path("cx_maps")) == "Cx maps"


# -- cjm new map -----------------------------------------------------------------------------


def test_new_map_goes_to_the_workspace_maps_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert init() == 0
    monkeypatch.chdir(tmp_path / "journeys")
    capsys.readouterr()
    assert new(template="future-state") == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (
        "Created maps/learner-journey-next.yaml from the future-state template.\n"
        "\nNext:\n  Replace the example content, then run "
        "`cjm validate maps/learner-journey-next.yaml`.\n"
    )
    assert clean(tmp_path / "journeys")


def test_new_map_from_a_subfolder_of_the_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert init(".") == 0
    monkeypatch.chdir(tmp_path / "shared")
    capsys.readouterr()
    assert new(template="e-commerce", title="Gift cards, online") == 0
    made = tmp_path / "maps" / "gift-cards-online.yaml"
    assert made.is_file()
    assert f"Created {made.as_posix()} from the e-commerce template." in capsys.readouterr().out
    assert 'title: "Gift cards, online"\n' not in made.read_text(encoding="utf-8")
    assert "title: Gift cards, online\n" in made.read_text(encoding="utf-8")
    assert clean(tmp_path)


def test_new_map_with_id_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert init(".") == 0
    capsys.readouterr()
    assert new(template="b2b-saas", map_id="onboarding", folder=Path("maps/b2b")) == 0
    assert (tmp_path / "maps" / "b2b" / "onboarding.yaml").is_file()
    assert capsys.readouterr().err == ""
    assert clean(tmp_path)


def test_new_map_outside_the_map_patterns_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert init(".") == 0
    capsys.readouterr()
    assert new(template="b2b-saas", folder=Path("drafts")) == 0
    err = capsys.readouterr().err
    assert "note: drafts/trial-to-team-plan.yaml matches none of the `maps` patterns" in err


def test_new_map_outside_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(template="day-in-the-life") == 0
    out, err = capsys.readouterr()
    assert "Created cafe-owner-day.yaml from the day-in-the-life template." in out
    assert "note: no cjm.yaml found: the map defines everything it uses" in err
    assert clean(tmp_path / "cafe-owner-day.yaml")


def test_new_map_twice_with_the_default_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert init(".") == 0
    assert new(template="current-state") == 2
    err = capsys.readouterr().err
    assert "error: the workspace already has a map with id 'learner-journey'" in err


def test_new_map_bad_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert new(template="e-commerce", map_id="Gift Cards") == 2
    err = capsys.readouterr().err
    assert "'Gift Cards' is not a valid map id" in err and "did you mean 'gift-cards'?" in err
    assert list(Path().iterdir()) == []


def test_new_map_title_without_letters(capsys: pytest.CaptureFixture[str]) -> None:
    assert new(template="e-commerce", title="???") == 2
    assert (
        "cannot make a map id from the title '???': pass one with --id" in capsys.readouterr().err
    )


def test_new_map_unknown_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert new(template="blueprint") == 2
    assert "unknown template 'blueprint': choose one of" in capsys.readouterr().err


def test_new_map_never_overwrites(capsys: pytest.CaptureFixture[str]) -> None:
    Path("cafe-owner-day.yaml").write_text("mine\n", encoding="utf-8")
    assert new(template="day-in-the-life") == 2
    assert "already exists, not overwritten: " in capsys.readouterr().err
    assert Path("cafe-owner-day.yaml").read_text(encoding="utf-8") == "mine\n"


# -- cjm new --list ----------------------------------------------------------------------------


def test_list_templates(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_list_templates() == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["template", "type", "what", "it", "holds"]
    names = [line.split()[0] for line in lines[1:8]]
    assert names == [
        "b2b-saas",
        "b2c-service",
        "current-state",
        "day-in-the-life",
        "e-commerce",
        "future-state",
        "service-blueprint",
    ]
    assert lines[3].split()[:2] == ["current-state", "current-state"]
    assert lines[7].split()[:2] == ["service-blueprint", "service-blueprint"]
