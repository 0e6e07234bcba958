"""A preview session: the first rendering, the server, the watcher and the rebuilder.

Three threads run beside the caller's: the HTTP server, the watcher (which only notes
changed paths) and the rebuilder (which waits for a burst of changes to end, checks and
renders, and publishes the result to the open pages). :meth:`Preview.stop` ends them all
and removes the temporary folder; nothing is ever written into the workspace.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from cjm.serve.build import Build, Builder
from cjm.serve.debounce import Debouncer
from cjm.serve.ports import PreviewServer, is_loopback, open_server
from cjm.serve.server import Hub, make_handler
from cjm.serve.target import Target
from cjm.serve.watching import WatchFilter, watch_changes


class StartError(Exception):
    """The preview cannot start; ``build`` is the first check, when it ran."""

    def __init__(self, message: str, build: Build | None = None) -> None:
        super().__init__(message)
        self.build = build


class Preview:
    """Serve ``target`` rendered, and render it again whenever its files change."""

    def __init__(
        self,
        target: Target,
        cwd: Path,
        max_bytes: int,
        on_build: Callable[[Build], None] = lambda build: None,
    ) -> None:
        self.target = target
        self.on_build = on_build
        self.folder = Path(tempfile.mkdtemp(prefix="cjm-serve-"))
        self.builder = Builder(target, self.folder, cwd, max_bytes)
        self.hub = Hub()
        self.debouncer = Debouncer()
        self.stopping = threading.Event()
        self.server: PreviewServer | None = None
        self.moved = False
        self._threads: list[threading.Thread] = []

    def start(self, host: str, port: int) -> Build:
        """Render once, listen and start watching; the first build. Raises
        :class:`StartError` or :class:`~cjm.serve.ports.ListenError` (the temporary
        folder is then removed)."""
        try:
            first = self.builder.build()
            if first.config_failed:
                reason = first.banner or "the workspace configuration has errors"
                raise StartError(f"{reason}; fix it, then start the preview again", first)
            if first.maps == 0:
                raise StartError(_no_maps(self.target), first)
            self.hub.publish(first)
            handler = make_handler(self.hub, host if is_loopback(host) else None)
            self.server, self.moved = open_server(host, port, handler)
        except BaseException:
            self._remove_folder()
            raise
        self._spawn("server", self._serve)
        self._spawn("watcher", self._watch)
        self._spawn("rebuilder", self._rebuild)
        return first

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.server_address[1])

    def stop(self) -> None:
        """Stop serving and watching, and remove the temporary folder."""
        self.stopping.set()
        self.debouncer.close()
        self.hub.close()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._remove_folder()

    def rebuild_now(self) -> Build:
        """Check and render now, and tell the open pages."""
        try:
            build = self.builder.build()
        except Exception as problem:  # a bug must not end the preview in the middle
            build = self.builder.failed(
                f"cjm could not render the maps ({type(problem).__name__}: {problem}); "
                "this is a bug in cjm, please report it with the file that caused it"
            )
        self.hub.publish(build)
        self.on_build(build)
        self.builder.prune()
        return build

    def _spawn(self, name: str, work: Callable[[], None]) -> None:
        thread = threading.Thread(target=work, name=f"cjm-serve-{name}", daemon=True)
        thread.start()
        self._threads.append(thread)

    def _serve(self) -> None:
        assert self.server is not None
        self.server.serve_forever(poll_interval=0.2)

    def _watch(self) -> None:
        """Watch with the system's notifications; should they fail (too many folders
        for the system's limit, a file system that sends none), look every 300 ms."""
        wanted = WatchFilter(self.target.root, self.target.only)
        try:
            watch_changes(self.target.root, wanted, self.debouncer.add, self.stopping)
        except Exception:
            if not self.stopping.is_set():
                watch_changes(
                    self.target.root, wanted, self.debouncer.add, self.stopping, polling=True
                )

    def _rebuild(self) -> None:
        while self.debouncer.wait() is not None:
            if self.stopping.is_set():
                return
            self.rebuild_now()

    def _remove_folder(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _no_maps(target: Target) -> str:
    if target.is_workspace and target.path.is_dir():
        return (
            f"no map to preview in {target.path}: the `maps` patterns of its cjm.yaml match "
            "no file (`cjm new map` adds one)"
        )
    return f"no map to preview in {target.path}"
