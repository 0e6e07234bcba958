"""The console-script entry point: bugs end with a short report, not a traceback."""

from __future__ import annotations

import pytest

from cjm import cli


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("kaboom")


def _exploding_command(app: object) -> object:
    """Stands in for the command tree ``main`` builds of the app: running it raises."""
    return _explode


def test_internal_error_is_reported_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CJM_DEBUG", raising=False)
    monkeypatch.setattr(cli, "lazy_command", _exploding_command)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == cli.EXIT_INTERNAL_ERROR
    err = capsys.readouterr().err
    assert err.startswith("cjm: internal error: RuntimeError: kaboom\n")
    assert "Traceback" not in err


def test_debug_variable_shows_the_real_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CJM_DEBUG", "1")
    monkeypatch.setattr(cli, "lazy_command", _exploding_command)
    with pytest.raises(RuntimeError, match="kaboom"):
        cli.main()
