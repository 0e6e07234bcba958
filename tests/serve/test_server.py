"""The server answers with files of the current rendering only: the workspace's maps and
/etc/passwd cannot be fetched, whatever the path says; HTML goes out with the live panel
and script while the files on disk stay as `cjm render` wrote them; the event stream
tells a page the newest rendering."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from cjm.serve.build import Build, Builder
from cjm.serve.ports import open_server
from cjm.serve.server import EVENTS, Hub, host_name, make_handler
from cjm.serve.target import find_target

from .workshop import write_workshop


class Running:
    def __init__(self, hub: Hub, build: Build, port: int, workspace: Path) -> None:
        self.hub = hub
        self.build = build
        self.port = port
        self.workspace = workspace

    def get(
        self, path: str, host: str | None = None, method: str = "GET"
    ) -> tuple[int, dict[str, str], bytes]:
        """A raw request: the path is sent as written, never normalised."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host or f"127.0.0.1:{self.port}")
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), body


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    workspace = tmp_path / "workshop"
    write_workshop(workspace)
    builder = Builder(find_target(workspace, tmp_path), tmp_path / "out", tmp_path)
    build = builder.build()
    hub = Hub()
    hub.publish(build)
    server, _ = open_server("127.0.0.1", 0, make_handler(hub, "127.0.0.1"))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield Running(hub, build, int(server.server_address[1]), workspace)
    finally:
        hub.close()
        server.shutdown()
        server.server_close()
        thread.join()


def test_the_home_page_and_a_report_are_served_with_the_live_panel(running: Running) -> None:
    assert running.build.folder is not None
    for path, name in (("/", "index.html"), ("/moving-home-report.html", None)):
        status, headers, body = running.get(path)
        assert status == 200
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Cache-Control"] == "no-store"
        assert headers["X-Content-Type-Options"] == "nosniff"
        page = body.decode("utf-8")
        assert '<script id="cjm-live-script">' in page
        assert 'id="cjm-live"' in page
        on_disk = (running.build.folder / (name or path.lstrip("/"))).read_text(encoding="utf-8")
        assert "cjm-live" not in on_disk  # the file stays as `cjm render` wrote it
        assert len(page) > len(on_disk)


@pytest.mark.parametrize(
    "path",
    [
        "/../workshop/maps/moving-home.yaml",
        "/../../workshop/maps/moving-home.yaml",
        "/%2e%2e/%2e%2e/workshop/maps/moving-home.yaml",
        "/%2E%2E%2F%2E%2E%2Fworkshop%2Fmaps%2Fmoving-home.yaml",
        "/..%5c..%5cworkshop%5cmaps%5cmoving-home.yaml",
        "/../../../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/etc/passwd",
        "//etc/passwd",
        "http://127.0.0.1/../../../../etc/passwd",
    ],
)
def test_no_file_outside_the_output_can_be_fetched(running: Running, path: str) -> None:
    status, _, body = running.get(path)
    assert status in (403, 404)
    assert b"root:" not in body
    assert b"moving-home" not in body or b"Not found" in body
    assert b"Sends the final meter readings" not in body


def test_a_symlink_in_the_output_that_leads_to_a_map_is_refused(running: Running) -> None:
    assert running.build.folder is not None
    journey = running.workspace / "maps" / "moving-home.yaml"
    (running.build.folder / "map.yaml").symlink_to(journey)
    (running.build.folder / "passwd").symlink_to("/etc/passwd")
    for path in ("/map.yaml", "/passwd"):
        status, _, body = running.get(path)
        assert status == 403
        assert b"Sends the final" not in body and b"root:" not in body


def test_a_page_that_is_not_there_is_a_404_page_that_keeps_listening(running: Running) -> None:
    status, headers, body = running.get("/no-such-report.html")
    assert status == 404
    assert headers["Content-Type"].startswith("text/html")
    assert b"cjm-live-script" in body
    assert b"/no-such-report.html" in body


def test_a_request_for_another_host_name_is_refused(running: Running) -> None:
    status, _, body = running.get("/", host="attacker.example:8000")
    assert status == 403
    assert b"Moving home" not in body
    assert running.get("/", host=f"localhost:{running.port}")[0] == 200


def test_only_get_and_head_are_answered(running: Running) -> None:
    status, headers, body = running.get("/index.html", method="HEAD")
    assert status == 200
    assert body == b""
    assert int(headers["Content-Length"]) > 0
    assert running.get("/index.html", method="POST")[0] == 501
    assert running.get("/index.html", method="PUT")[0] == 501


def test_the_event_stream_tells_the_newest_generation(running: Running) -> None:
    with socket.create_connection(("127.0.0.1", running.port), timeout=10) as connection:
        connection.sendall(
            f"GET {EVENTS} HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n\r\n".encode()
        )
        received = b""
        while b"data: 1\n\n" not in received:
            received += connection.recv(4096)
        assert b"Content-Type: text/event-stream" in received
        assert b"event: update\ndata: 1\n\n" in received
        running.hub.publish(replace(running.build, generation=2))
        while b"data: 2\n\n" not in received:
            received += connection.recv(4096)


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("127.0.0.1:8000", "127.0.0.1"),
        ("LocalHost:8000", "localhost"),
        ("localhost", "localhost"),
        ("[::1]:8000", "[::1]"),
        ("[::1]", "[::1]"),
        ("evil.example:80", "evil.example"),
        ("", ""),
    ],
)
def test_the_name_of_a_host_header(host: str, name: str) -> None:
    assert host_name(host) == name
