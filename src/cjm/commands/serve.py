"""``cjm serve``: preview a workspace in the browser, live, while its maps are edited."""

from __future__ import annotations

import signal
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from rich.style import Style
from rich.text import Text

from cjm.commands.output import error, note, shown_path, stderr, stdout
from cjm.serve.build import Build
from cjm.serve.panel import clock
from cjm.serve.ports import ListenError, is_loopback
from cjm.serve.session import Preview, StartError
from cjm.serve.target import TargetError, find_target
from cjm.wording import plural

EXIT_OK, EXIT_USAGE = 0, 2


def run_serve(
    path: Path | None, *, host: str, port: int, max_bytes: int, open_browser: bool = False
) -> int:
    """Serve ``path`` (default: the workspace around the current folder) until Ctrl-C."""
    stop = threading.Event()
    previous = {sig: signal.signal(sig, _setter(stop)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _serve(path, host, port, max_bytes, open_browser, stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _setter(stop: threading.Event) -> Callable[[int, FrameType | None], None]:
    """A signal handler that asks the preview to stop, between two of its steps."""

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    return handle


def _serve(
    path: Path | None,
    host: str,
    port: int,
    max_bytes: int,
    open_browser: bool,
    stop: threading.Event,
) -> int:
    try:
        target = find_target(path, Path.cwd())
    except TargetError as problem:
        error(str(problem))
        return EXIT_USAGE
    preview = Preview(target, Path.cwd(), max_bytes, on_build=_report)
    try:
        first = preview.start(host, port)
    except StartError as problem:
        if problem.build is not None and problem.build.errors is not None:
            stderr().print(problem.build.errors, end="")
        error(str(problem))
        return EXIT_USAGE
    except ListenError as problem:
        error(str(problem))
        return EXIT_USAGE
    try:
        _announce(preview, first, host, port)
        if open_browser:
            webbrowser.open(_url(host, preview.port))
        while not stop.wait(0.25):
            pass
    finally:
        preview.stop()
    stdout().print("\nStopped the preview; its temporary files are removed. Goodbye.")
    return EXIT_OK


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    if shown in ("0.0.0.0", "[::]"):
        shown = "127.0.0.1" if shown == "0.0.0.0" else "[::1]"
    return f"http://{shown}:{port}/"


def _announce(preview: Preview, first: Build, host: str, port: int) -> None:
    if preview.moved:
        note(f"port {port} is in use; the preview took port {preview.port} instead")
    if not is_loopback(host):
        stderr().print(
            f"[bold yellow]warning:[/] listening on {host}: anyone on the network who can "
            "reach this machine can read the maps. Use the default --host 127.0.0.1 to keep "
            "them on this machine.",
        )
    url = _url(host, preview.port)
    out = stdout()
    line = Text(f"Previewing {_place(preview.target.path)} at ")
    line.append(url, style=Style(bold=True, link=url))
    out.print(line)
    _report(first)
    out.print(
        f"Watching {_place(preview.target.root)} for changes to maps, definitions, "
        "cjm.yaml, bindings and snapshots. Press Ctrl-C to stop.",
        markup=False,
    )


def _place(path: Path) -> str:
    """``path`` as the user would write it; the current folder by its full path."""
    shown = shown_path(path)
    return path.absolute().as_posix() if shown == "." else shown


def _report(build: Build) -> None:
    """One line per rendering in the terminal, and the errors as `cjm render` prints them."""
    console = stderr()
    if build.errors is not None:
        console.print(build.errors, end="")
    when = clock(build.checked_at)
    if build.stale:
        console.print(f"{when} [yellow]kept the last good rendering:[/] ", end="")
        console.print(build.banner, markup=False)
    elif build.folder is None:
        console.print(f"{when} [yellow]nothing to show:[/] ", end="")
        console.print(build.banner, markup=False)
    else:
        message = f"{when} rendered {plural(build.files, 'file')} in {build.seconds * 1000:.0f} ms"
        if build.banner:
            message += f"; {build.banner}"
        console.print(message, markup=False, style="dim" if not build.banner else None)
    for problem in build.problems:
        error(problem)
