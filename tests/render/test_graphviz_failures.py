"""When Graphviz fails, cjm says why in words, keeps Graphviz's own message as the
detail, writes the other files, and exits with 1.

The failures are real: a fake ``dot`` (a small script in a temporary folder, chosen with
``--graphviz system`` and ``CJM_DOT``) fails the way Graphviz does.
"""

from __future__ import annotations

import shutil
import signal
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app
from cjm.render import graphviz_run
from cjm.render.graphviz_run import explain
from tests.samples import PLAIN_ENV, STANDALONE_MAP

REPO = Path(__file__).resolve().parent.parent.parent
RUST_ALLOCATION = (
    "memory allocation of 15032385536 bytes failed\n"
    "note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.\n"
)


def fake_dot(folder: Path, body: str) -> Path:
    """A Graphviz command that runs ``body`` (Python) instead of drawing."""
    script = folder / "fake-dot"
    script.write_text(f"#!{sys.executable}\nimport os, signal, sys, time\n{body}\n")
    script.chmod(0o755)
    return script


def render_with(command: Path, folder: Path, *formats: str) -> tuple[int, str]:
    (folder / "map.yaml").write_text(STANDALONE_MAP)
    result = CliRunner().invoke(
        app,
        ["render", str(folder / "map.yaml"), "-f", ",".join(formats), "-o", str(folder / "out")],
        env={**PLAIN_ENV, "CJM_GRAPHVIZ": "system", "CJM_DOT": str(command)},
    )
    return result.exit_code, " ".join(result.stderr.split())


def test_an_allocation_failure_is_running_out_of_memory() -> None:
    failure = explain("graphviz-pure", -signal.SIGABRT, RUST_ALLOCATION)
    assert failure.reason == "Graphviz ran out of memory (it asked for 14.0 GB at once)"
    assert failure.detail == "memory allocation of 15032385536 bytes failed"


@pytest.mark.parametrize(
    ("returncode", "stderr", "reason"),
    [
        (-signal.SIGKILL, "", "Graphviz ran out of memory and was killed"),
        (1, "Traceback...\nMemoryError\n", "Graphviz ran out of memory"),
        (-signal.SIGSEGV, "", "Graphviz crashed: it was stopped by SIGSEGV"),
        (
            1,
            "Error: <stdin>: syntax error in line 3 near '}'\n",
            "Graphviz could not read the DOT source cjm wrote for this view: this is a bug in "
            "cjm; please report it with the map (--format dot writes the source)",
        ),
        (3, "Error: something else\n", "Graphviz failed (exit status 3)"),
    ],
)
def test_known_failures_in_words(returncode: int, stderr: str, reason: str) -> None:
    assert explain("dot", returncode, stderr).reason == reason


def test_the_detail_is_what_graphviz_said_without_its_notes() -> None:
    assert explain("dot", 2, "Warning: odd\nError: bad thing\n").detail == "Error: bad thing"
    assert explain("/usr/bin/dot", 2, "").detail == "dot exited with status 2"


def test_a_failing_graphviz_names_map_view_format_and_cause(tmp_path: Path) -> None:
    command = fake_dot(
        tmp_path,
        f"sys.stderr.write({RUST_ALLOCATION!r}); sys.stderr.flush(); "
        "os.kill(os.getpid(), signal.SIGABRT)",
    )
    code, stderr = render_with(command, tmp_path, "svg", "png", "dot", "html")
    assert code == 1
    for output_format, name in (("SVG", "solo-journey.svg"), ("PNG", "solo-journey.png")):
        assert (
            f"error: {tmp_path}/map.yaml: the journey view as {output_format} "
            f"({tmp_path}/out/{name}) was not drawn: Graphviz ran out of memory (it asked for "
            "14.0 GB at once) detail: memory allocation of 15032385536 bytes failed"
        ) in stderr
    # The files that need no Graphviz are still written.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "solo-journey.dot",
        "solo-report.html",
    ]


def test_a_graphviz_killed_by_a_signal(tmp_path: Path) -> None:
    command = fake_dot(tmp_path, "os.kill(os.getpid(), signal.SIGSEGV)")
    code, stderr = render_with(command, tmp_path, "pdf")
    assert code == 1
    assert "the journey view as PDF" in stderr
    assert "was not drawn: Graphviz crashed: it was stopped by SIGSEGV" in stderr


def test_dot_that_graphviz_cannot_read_is_a_bug_in_cjm(tmp_path: Path) -> None:
    command = fake_dot(
        tmp_path,
        "sys.stderr.write(\"Error: <stdin>: syntax error in line 1 near '<'\\n\"); sys.exit(1)",
    )
    code, stderr = render_with(command, tmp_path, "svg")
    assert code == 1
    assert "this is a bug in cjm; please report it with the map" in stderr
    assert "detail: Error: <stdin>: syntax error in line 1 near '<'" in stderr


def test_graphviz_that_never_finishes_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphviz_run, "TIMEOUT_SECONDS", 1)
    command = fake_dot(tmp_path, "time.sleep(30)")
    code, stderr = render_with(command, tmp_path, "svg", "png")
    assert code == 1
    assert "Graphviz did not finish laying the diagram out within 1 s" in stderr
    # Laid out once for both files: the second one does not wait again.
    assert stderr.count("did not finish") == 2


@pytest.mark.skipif(sys.platform == "win32", reason="memory limits are POSIX")
def test_graphviz_runs_with_a_memory_limit(tmp_path: Path) -> None:
    """A Graphviz that tries to take 2 GB is stopped by cjm's limit, and says so."""
    command = fake_dot(tmp_path, "bytearray(2 * 1024**3)")
    code, stderr = render_with(command, tmp_path, "svg")
    assert code == 1
    assert "was not drawn: Graphviz ran out of memory" in stderr
    assert "MemoryError" in stderr


def test_the_real_graphviz_lays_out_the_example(tmp_path: Path) -> None:
    target = tmp_path / "example"
    shutil.copytree(REPO / "examples" / "b2b-saas-trial", target)
    result = CliRunner().invoke(
        app, ["render", str(target), "-f", "svg", "-o", str(tmp_path / "out")], env=PLAIN_ENV
    )
    assert result.exit_code == 0, result.output
