"""A fake GitHub REST API for issues, on 127.0.0.1 in a thread: it records every request
and serves the issues it holds page by page, as GitHub does, with a Link header."""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class FakeGitHub:
    """The issues of one repository. ``page_size`` caps a page whatever ``per_page`` asks,
    to test pagination with a few issues; ``refuse`` maps a method to the (status, JSON,
    headers) every such request gets."""

    repo: str = "acme/journeys"
    token: str = "secret-token-123"
    page_size: int = 100
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    refuse: dict[str, tuple[int, Any, dict[str, str]]] = field(default_factory=dict)
    url: str = ""

    def add(self, title: str, body: str, labels: list[str], state: str = "open") -> int:
        number = max(self.issues, default=0) + 1
        self.issues[number] = {
            "number": number,
            "title": title,
            "body": body,
            "labels": [{"name": name} for name in labels],
            "state": state,
            "html_url": f"https://github.example/{self.repo}/issues/{number}",
        }
        return number

    def sent(self, method: str | None = None) -> list[Recorded]:
        return [r for r in self.requests if method is None or r.method == method]


def _handler(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
            raw = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(raw)

        def _handle(self, method: str) -> None:
            parts = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            query = urllib.parse.parse_qs(parts.query)
            fake.requests.append(
                Recorded(method, parts.path, query, dict(self.headers.items()), body)
            )
            # Reading works without a token (a public repository); a wrong one is refused.
            given = self.headers.get("Authorization")
            if given != f"Bearer {fake.token}" and (method != "GET" or given):
                self._answer(401, {"message": "Bad credentials"})
                return
            if method in fake.refuse:
                status, data, headers = fake.refuse[method]
                self._answer(status, data, headers)
                return
            base = f"/repos/{fake.repo}/issues"
            if method == "GET" and parts.path == base:
                self._list(query)
            elif method == "POST" and parts.path == base:
                number = fake.add(body["title"], body["body"], body.get("labels", []))
                self._answer(201, fake.issues[number])
            elif method == "PATCH" and parts.path.startswith(base + "/"):
                number = int(parts.path.rsplit("/", 1)[1])
                issue = fake.issues.get(number)
                if issue is None:
                    self._answer(404, {"message": "Not Found"})
                    return
                for name in ("title", "body", "state"):
                    if name in body:
                        issue[name] = body[name]
                if "labels" in body:
                    issue["labels"] = [{"name": name} for name in body["labels"]]
                self._answer(200, issue)
            else:
                self._answer(404, {"message": "Not Found"})

        def _list(self, query: dict[str, list[str]]) -> None:
            wanted = query.get("labels", [""])[0]
            size = min(int(query.get("per_page", ["30"])[0]), fake.page_size)
            page = int(query.get("page", ["1"])[0])
            found = [
                issue
                for _, issue in sorted(fake.issues.items())
                if not wanted or wanted in [label["name"] for label in issue["labels"]]
            ]
            chunk = found[(page - 1) * size : page * size]
            headers = {}
            if page * size < len(found):
                following = {**{k: v[0] for k, v in query.items()}, "page": str(page + 1)}
                address = f"{fake.url}/repos/{fake.repo}/issues?{urllib.parse.urlencode(following)}"
                headers["Link"] = f'<{address}>; rel="next", <{address}>; rel="last"'
            self._answer(200, chunk, headers)

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_PATCH(self) -> None:
            self._handle("PATCH")

    return Handler


class Serving:
    """Runs ``fake`` until closed."""

    def __init__(self, fake: FakeGitHub) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
        fake.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
