"""`cjm diff` exit codes through the command line: 0 compared (no changes with --exit-code),
1 changes (with --exit-code), 2 usage or configuration error, 3 a side does not load."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cjm.cli import app
from tests.samples import PLAIN_ENV, STANDALONE_MAP

CHANGED = STANDALONE_MAP.replace("emotion: 1", "emotion: 2")
BROKEN = STANDALONE_MAP.replace("type: current-state", "type: [oops")
CANNOT_COMPARE = "error: cannot compare: the new side (b.yaml) has 1 file that does not load"


def cjm(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=PLAIN_ENV)


@pytest.fixture(autouse=True)
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(STANDALONE_MAP, encoding="utf-8")
    return tmp_path


def new_side(folder: Path, text: str) -> None:
    (folder / "b.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
@pytest.mark.parametrize(
    ("text", "flags", "code"),
    [
        pytest.param(STANDALONE_MAP, [], 0, id="same"),
        pytest.param(STANDALONE_MAP, ["--exit-code"], 0, id="same-exit-code"),
        pytest.param(CHANGED, [], 0, id="changed"),
        pytest.param(CHANGED, ["--exit-code"], 1, id="changed-exit-code"),
        pytest.param(BROKEN, [], 3, id="broken"),
        pytest.param(BROKEN, ["--exit-code"], 3, id="broken-exit-code"),
    ],
)
def test_exit_codes(here: Path, text: str, flags: list[str], code: int, output_format: str) -> None:
    new_side(here, text)
    done = cjm("diff", "a.yaml", "b.yaml", "--format", output_format, *flags)
    assert done.exit_code == code, done.output
    assert "Traceback" not in done.output
    if code == 3:
        # Nothing was compared: no report, and the message says why.
        assert done.stdout == ""
        assert done.stderr.startswith(CANNOT_COMPARE)
        assert "b.yaml:3:7:" in done.stderr  # the bracket left open
    else:
        assert done.stderr == ""
        assert done.stdout


def test_changes_and_a_side_that_does_not_load_say_different_things(here: Path) -> None:
    new_side(here, CHANGED)
    changed = cjm("diff", "a.yaml", "b.yaml", "--exit-code")
    new_side(here, BROKEN)
    broken = cjm("diff", "a.yaml", "b.yaml", "--exit-code")
    assert (changed.exit_code, broken.exit_code) == (1, 3)
    assert changed.stdout.splitlines()[-1] == "1 map changed: 1 step got better."
    assert broken.stderr.splitlines()[0] == (f"{CANNOT_COMPARE}; a diff needs both sides to load")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["a.yaml", "missing.yaml"], id="missing-path"),
        pytest.param(["a.yaml"], id="one-path"),
        pytest.param(["a.yaml", "a.yaml", "--format", "sarif"], id="unknown-format"),
        pytest.param(["a.yaml", "a.yaml", "--max-file-size", "0"], id="bad-limit"),
    ],
)
def test_usage_errors_exit_with_2(args: list[str]) -> None:
    done = cjm("diff", *args, "--exit-code")
    assert done.exit_code == 2, done.output
    assert done.stdout == ""


def test_a_broken_workspace_configuration_is_a_side_that_does_not_load(here: Path) -> None:
    workspace = here / "ws"
    (workspace / "maps").mkdir(parents=True)
    (workspace / "cjm.yaml").write_text("maps: oops: [\n", encoding="utf-8")
    (workspace / "maps" / "m.yaml").write_text(STANDALONE_MAP, encoding="utf-8")
    done = cjm("diff", "a.yaml", "ws/maps/m.yaml")
    assert done.exit_code == 3, done.output
    assert done.stderr.startswith(
        "error: cannot compare: the new side (ws/maps/m.yaml) has 1 file that does not load"
    )
    assert "ws/cjm.yaml:1:" in done.stderr


def test_help_lists_the_exit_codes() -> None:
    done = cjm("diff", "--help")
    assert done.exit_code == 0
    text = " ".join(done.stdout.split())
    assert (
        "Exit status: 0 compared (with --exit-code: no changes), 1 changes (with --exit-code), "
        "2 usage or configuration error, 3 a side does not load (nothing was compared)."
    ) in text
