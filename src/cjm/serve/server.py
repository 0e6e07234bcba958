"""The HTTP side of the preview: files of the current rendering, and a stream of updates.

``GET /`` is the workspace site's home page (or the one report of a map file);
``GET /<file>`` a file of the current rendering, found by :mod:`cjm.serve.paths`;
``GET /_cjm/events`` a stream of server-sent events, one ``update`` with the number of
the newest rendering on connecting and after each rendering. Only GET and HEAD are
answered. HTML is sent with the live panel and script put in (:mod:`cjm.serve.inject`);
every other file as it is on disk.

When it listens on this machine only, the server answers only requests addressed to
this machine by name (``Host: 127.0.0.1:8000`` or ``localhost``), so a web page that
points a name of its own at 127.0.0.1 (DNS rebinding) cannot read the maps.
"""

from __future__ import annotations

import mimetypes
import threading
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from cjm.serve.build import Build
from cjm.serve.inject import inject
from cjm.serve.panel import panel_html
from cjm.serve.paths import NOT_FOUND, Refused, resolve_request, target_path

EVENTS = "/_cjm/events"
HOME = "index.html"
# A comment line on the event stream this often keeps proxies and browsers from giving up.
KEEP_ALIVE_SECONDS = 15.0
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".md": "text/markdown; charset=utf-8",
    ".mmd": "text/plain; charset=utf-8",
    ".dot": "text/plain; charset=utf-8",
}
LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


@dataclass(frozen=True)
class Shown:
    """The state the pages are served in: the newest build and its panel."""

    build: Build
    panel: str


class Hub:
    """The newest build, handed from the rebuilding thread to the request threads."""

    def __init__(self) -> None:
        self._shown: Shown | None = None
        self._closed = False
        self._changed = threading.Condition()

    def publish(self, build: Build) -> None:
        shown = Shown(build, panel_html(build))
        with self._changed:
            self._shown = shown
            self._changed.notify_all()

    def current(self) -> Shown | None:
        with self._changed:
            return self._shown

    def close(self) -> None:
        """Wake every stream so that it ends."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def next_after(self, generation: int, timeout: float) -> int | None:
        """The newest generation once it is past ``generation``; None after ``timeout``
        seconds without one; -1 once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._newer(generation), timeout)
            if self._closed:
                return -1
            if self._newer(generation):
                assert self._shown is not None
                return self._shown.build.generation
            return None

    def _newer(self, generation: int) -> bool:
        return self._shown is not None and self._shown.build.generation > generation


def host_name(host: str) -> str:
    """The name of a ``Host`` header, without its port: ``[::1]`` of ``[::1]:8000``."""
    if host.startswith("["):
        return host[: host.find("]") + 1].lower()
    return host.rsplit(":", 1)[0].lower()


def home_file(folder: Path) -> Path | None:
    """The page ``/`` shows: the site's home page, or the only page there is."""
    if (folder / HOME).is_file():
        return folder / HOME
    pages = sorted(folder.glob("*.html"))
    return pages[0] if len(pages) == 1 else None


def make_handler(hub: Hub, host: str | None) -> type[BaseHTTPRequestHandler]:
    """The request handler of a preview serving ``hub``'s builds. With ``host`` (a
    loopback address), it answers only requests addressed to it or to this machine's
    usual names."""

    class Handler(PreviewHandler):
        pass

    Handler.hub = hub
    Handler.local_names = None if host is None else LOCAL_NAMES | {host.lower()}
    return Handler


class PreviewHandler(BaseHTTPRequestHandler):
    hub: Hub
    local_names: frozenset[str] | None
    server_version = "cjm-serve"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal is for the findings."""

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        if self.local_names is not None and not self._addressed_here(self.local_names):
            self._plain(403, "This preview answers requests to 127.0.0.1 or localhost only.", body)
            return
        path = target_path(self.path)
        if path == EVENTS:
            self._events() if body else self._plain(200, "", body)
            return
        shown = self.hub.current()
        folder = shown.build.folder if shown is not None else None
        try:
            if folder is None:
                raise Refused(NOT_FOUND, "nothing is rendered yet")
            if path in ("", "/"):
                found = home_file(folder)
                if found is None:
                    raise Refused(NOT_FOUND, "no home page")
            else:
                found = resolve_request(folder, self.path)
            data = found.read_bytes()
        except Refused as refused:
            self._refuse(refused, shown, body)
            return
        except OSError:
            self._missing(shown, body)
            return
        suffix = found.suffix.lower()
        if suffix == ".html" and shown is not None:
            data = inject(data.decode("utf-8"), shown.panel).encode("utf-8")
        kind = TYPES.get(suffix) or mimetypes.guess_type(found.name)[0]
        self._send(200, kind or "application/octet-stream", data, body)

    def _addressed_here(self, names: frozenset[str]) -> bool:
        return host_name(self.headers.get("Host", "")) in names

    def _refuse(self, refused: Refused, shown: Shown | None, body: bool) -> None:
        if refused.status == NOT_FOUND:
            self._missing(shown, body)
        else:
            self._plain(refused.status, f"Refused: {refused.reason}.", body)

    def _missing(self, shown: Shown | None, body: bool) -> None:
        """A page that is not there, which keeps listening: it shows the findings of a
        file that does not render, and fills in once the page is rendered."""
        path = escape(target_path(self.path))
        page = (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; '
            'style-src &#39;unsafe-inline&#39;">'
            "<title>Not found \u00b7 cjm serve</title>"
            "<style>body{font:16px/1.5 system-ui,sans-serif;margin:3em auto;max-width:40em;"
            "padding:0 1em;color:#222}</style></head>"
            f"<body><h1>Not found</h1><p>This preview has no page at <code>{path}</code>. "
            'The <a href="/">home page</a> lists what there is.</p></body></html>\n'
        )
        if shown is not None:
            page = inject(page, shown.panel)
        self._send(404, TYPES[".html"], page.encode("utf-8"), body)

    def _plain(self, status: int, text: str, body: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode("utf-8"), body)

    def _send(self, status: int, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self._common_headers()
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")

    def _events(self) -> None:
        """Tell the page the newest generation now, and again after each rendering."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self._common_headers()
        self.end_headers()
        shown = self.hub.current()
        generation = shown.build.generation if shown is not None else 0
        try:
            self.wfile.write(f"retry: 1000\nevent: update\ndata: {generation}\n\n".encode())
            self.wfile.flush()
            while True:
                newer = self.hub.next_after(generation, KEEP_ALIVE_SECONDS)
                if newer == -1:
                    return
                if newer is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    generation = newer
                    self.wfile.write(f"event: update\ndata: {generation}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return
