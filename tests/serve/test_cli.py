"""`cjm serve` on the command line: startup errors are one clear line and exit 2; a
running preview says where it is, moves off a taken port, warns when the network can
read it, and stops on Ctrl-C with exit code 0, no traceback and no files left behind."""

from __future__ import annotations

import signal
import socket
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjm.cli import app

from .conftest import Served
from .workshop import write_workshop


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["serve", *args])
    return result.exit_code, result.output


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    code, output = _run([str(tmp_path / "nowhere")])
    assert code == 2
    assert f"error: no such file or folder: {tmp_path / 'nowhere'}" in output
    assert "Traceback" not in output


def test_no_workspace_around_the_current_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = _run([])
    assert code == 2
    assert "error: no cjm.yaml found in" in output
    assert "pass the workspace folder or a map file to preview" in output


def test_a_workspace_without_maps_is_an_error(tmp_path: Path) -> None:
    write_workshop(tmp_path / "workshop").unlink()
    code, output = _run([str(tmp_path / "workshop"), "--port", "0"])
    assert code == 2
    assert "error: no map to preview in" in output
    assert "match no file (`cjm new map` adds one)" in output


def test_a_broken_cjm_yaml_is_an_error_with_its_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_workshop(tmp_path / "workshop")
    (tmp_path / "workshop" / "cjm.yaml").write_text('format: "1.0"\nmaps: [\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, output = _run(["workshop", "--port", "0"])
    assert code == 2
    assert "workshop/cjm.yaml:2:8: error CJM001 a value is missing here" in output
    assert "error: workshop/cjm.yaml has 1 error; fix it, then start the preview again" in output


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_an_invalid_port_is_a_usage_error(tmp_path: Path, port: str) -> None:
    write_workshop(tmp_path / "workshop")
    code, output = _run([str(tmp_path / "workshop"), "--port", port])
    assert code == 2
    assert "Invalid value for '--port'" in output


def test_a_host_that_cannot_be_listened_on_is_an_error(tmp_path: Path) -> None:
    write_workshop(tmp_path / "workshop")
    code, output = _run([str(tmp_path / "workshop"), "--host", "no-such-host.invalid"])
    assert code == 2
    assert "error: cannot listen on no-such-host.invalid" in output
    assert "Traceback" not in output


def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    write_workshop(tmp_path / "workshop")
    served = Served(tmp_path, "workshop", "--port", "0")
    try:
        assert served.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(served.url, timeout=10) as response:
            assert response.status == 200
            assert b"Moving home" in response.read()
        assert next(p.name for p in served.tmp.iterdir()).startswith("cjm-serve-")
    finally:
        code, out, err = served.interrupt()
    assert code == 0
    assert out.splitlines()[-1] == "Stopped the preview; its temporary files are removed. Goodbye."
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert list(served.tmp.iterdir()) == []


def test_sigterm_stops_cleanly_too(tmp_path: Path) -> None:
    write_workshop(tmp_path / "workshop")
    served = Served(tmp_path, "workshop", "--port", "0")
    served.process.send_signal(signal.SIGTERM)
    out, _err = served.process.communicate(timeout=30)
    assert served.process.returncode == 0
    assert "Goodbye" in out
    assert list(served.tmp.iterdir()) == []


def test_a_taken_port_is_replaced_and_said_so(tmp_path: Path) -> None:
    write_workshop(tmp_path / "workshop")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        served = Served(tmp_path, "workshop", "--port", str(taken))
        try:
            assert f":{taken}/" not in served.url
        finally:
            code, _, err = served.interrupt()
    assert code == 0
    assert f"note: port {taken} is in use; the preview took port " in err


def test_listening_on_the_network_warns_that_anyone_can_read_the_maps(tmp_path: Path) -> None:
    write_workshop(tmp_path / "workshop")
    served = Served(tmp_path, "workshop", "--host", "0.0.0.0", "--port", "0")
    try:
        time.sleep(0.2)
    finally:
        code, _, err = served.interrupt()
    assert code == 0
    assert "warning: listening on 0.0.0.0: anyone on the network" in " ".join(err.split())
