"""A small client of GitHub's REST API for issues, on the standard library alone.

It lists the issues cjm wrote (``GET /repos/{owner}/{repo}/issues?state=all&labels=cjm``,
page by page through the ``Link`` header), opens issues (``POST``) and edits them
(``PATCH``). Every failure becomes a :class:`GitHubError` that says in plain words what
failed and what to do; the token never appears in a message. The next-page address is
followed only on the host the client talks to, so the token is never sent elsewhere.
"""

from __future__ import annotations

import datetime
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from email.message import Message
from typing import Any

from cjm import __version__
from cjm.tracker.plan import RemoteIssue

DEFAULT_API_URL = "https://api.github.com"
TOKEN_VARIABLES = ("GITHUB_TOKEN", "GH_TOKEN")
REPO_NAME = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
PAGE_SIZE = 100
# A repository with more cjm issues than this is not listed further: something is wrong.
MAX_PAGES = 200
_NEXT = re.compile(r'<(?P<url>[^>]+)>\s*;\s*rel="?next"?')


class GitHubError(Exception):
    """A request to GitHub failed. ``fatal``: the next requests would fail the same way
    (bad token, no access, rate limit, no network), so the export stops."""

    def __init__(self, message: str, *, status: int | None = None, fatal: bool = True) -> None:
        super().__init__(message)
        self.status = status
        self.fatal = fatal


def check_api_url(url: str) -> str | None:
    """Why ``url`` cannot be the API root, or None when it can."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"--api-url must be an http or https address, not '{url}'"
    if parts.query or parts.fragment or parts.username or parts.password:
        return "--api-url must be a plain address without user, query or fragment"
    return None


class GitHub:
    """The issues of one repository, ``owner/name``, through the REST API at ``api_url``
    (``https://HOST/api/v3`` for GitHub Enterprise Server)."""

    def __init__(
        self,
        repo: str,
        token: str | None,
        api_url: str = DEFAULT_API_URL,
        timeout: float = 30.0,
    ) -> None:
        self.repo = repo
        self._token = token
        self.api_url = api_url.rstrip("/")
        self._origin = _origin(self.api_url)
        self.timeout = timeout

    def __repr__(self) -> str:  # the token stays out of any printout
        return f"GitHub({self.repo!r}, api_url={self.api_url!r})"

    def list_issues(self) -> list[RemoteIssue]:
        """Every issue (open and closed) with the ``cjm`` label; pull requests left out."""
        query = urllib.parse.urlencode({"state": "all", "labels": "cjm", "per_page": PAGE_SIZE})
        url: str | None = f"{self.api_url}/repos/{self.repo}/issues?{query}"
        found: list[RemoteIssue] = []
        pages = 0
        while url is not None:
            pages += 1
            if pages > MAX_PAGES:
                raise GitHubError(
                    f"listing the cjm issues of {self.repo} went past {MAX_PAGES} pages; "
                    "stopped, as that many issues is not what cjm writes"
                )
            data, headers = self._send("GET", url, None, "listing the cjm issues")
            if not isinstance(data, list):
                raise GitHubError(
                    f"listing the cjm issues of {self.repo}: GitHub's answer is not a list "
                    f"of issues; is {self.api_url} the address of a GitHub API?"
                )
            for item in data:
                issue = _issue(item)
                if issue is not None:
                    found.append(issue)
            url = self._next_page(headers)
        return found

    def send(self, method: str, path: str, body: Mapping[str, Any], what: str) -> RemoteIssue:
        """``method`` ``path`` (``/repos/...``) with the JSON ``body``; the issue GitHub
        returns. ``what`` names the request in messages ("creating trial/fast-track")."""
        data, _ = self._send(method, self.api_url + path, dict(body), what)
        issue = _issue(data) if isinstance(data, dict) else None
        if issue is None:
            raise GitHubError(f"{what}: GitHub's answer is not an issue", fatal=False)
        return issue

    # -- the wire ---------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": f"cjm/{__version__}",
        }
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    def _send(
        self, method: str, url: str, body: dict[str, Any] | None, what: str
    ) -> tuple[Any, Message]:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers=self._headers())
        if data is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
                headers = response.headers
        except urllib.error.HTTPError as failure:
            raise self._refusal(failure, method, what) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as failure:
            reason = getattr(failure, "reason", failure)
            raise GitHubError(
                f"{what}: cannot reach {self._origin} ({reason}); check the network and "
                "--api-url, then run the export again"
            ) from None
        try:
            return (json.loads(raw) if raw else None), headers
        except ValueError:
            raise GitHubError(
                f"{what}: GitHub's answer is not JSON; is {self.api_url} the address of a "
                "GitHub API?"
            ) from None

    def _next_page(self, headers: Message) -> str | None:
        found = _NEXT.search(headers.get("Link", "") or "")
        if found is None:
            return None
        url = found.group("url")
        if _origin(url) != self._origin:
            raise GitHubError(
                f"listing the cjm issues: GitHub's next page is on another host "
                f"({_origin(url)}); stopped so as not to send the token there"
            )
        return url

    def _refusal(self, failure: urllib.error.HTTPError, method: str, what: str) -> GitHubError:
        status = failure.code
        headers = failure.headers
        detail = _message(failure)
        said = f" (GitHub says: {detail})" if detail else ""
        if status == 401:
            return GitHubError(
                f"{what}: GitHub refused the token (401 Unauthorized){said}; set GITHUB_TOKEN "
                "or GH_TOKEN to a valid token",
                status=status,
            )
        if status in (403, 429) and _rate_limited(headers, status):
            return GitHubError(f"{what}: {_rate_limit_words(headers)}", status=status)
        if status == 403:
            return GitHubError(
                f"{what}: GitHub refused (403 Forbidden){said}; the token needs write access "
                f"to the issues of {self.repo} (the `repo` scope, or Issues: read and write)",
                status=status,
            )
        if status == 404 and method == "PATCH":
            return GitHubError(
                f"{what}: GitHub finds no such issue in {self.repo} (404 Not Found); it may "
                "have been deleted or moved to another repository",
                status=status,
                fatal=False,
            )
        if status == 404:
            return GitHubError(
                f"{what}: GitHub knows no repository {self.repo} at {self.api_url} "
                f"(404 Not Found){said}; check --repo, and that the token may see it",
                status=status,
            )
        if status == 410:
            return GitHubError(
                f"{what}: issues are turned off in {self.repo} (410 Gone); turn them on in "
                "the repository's settings",
                status=status,
            )
        if status == 422:
            return GitHubError(
                f"{what}: GitHub refused the issue as invalid (422){said}; the map's text "
                "may be too long for an issue, or a label name not allowed",
                status=status,
                fatal=False,
            )
        return GitHubError(
            f"{what}: GitHub answered {status} {failure.reason}{said}; try again later",
            status=status,
            fatal=status >= 500,
        )


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _issue(item: Any) -> RemoteIssue | None:
    """An issue from GitHub's JSON; None for a pull request or an unexpected shape."""
    if not isinstance(item, dict) or "pull_request" in item:
        return None
    number = item.get("number")
    if not isinstance(number, int):
        return None
    labels = tuple(
        str(label.get("name")) if isinstance(label, dict) else str(label)
        for label in item.get("labels") or []
    )
    return RemoteIssue(
        number=number,
        title=str(item.get("title") or ""),
        body=str(item.get("body") or ""),
        labels=labels,
        state=str(item.get("state") or "open"),
        url=str(item.get("html_url") or ""),
    )


def _message(failure: urllib.error.HTTPError) -> str:
    """GitHub's own explanation of a refusal, on one line (its message and the field
    errors of a 422)."""
    try:
        data = json.loads(failure.read() or b"null")
    except (ValueError, OSError):
        return ""
    if not isinstance(data, dict):
        return ""
    parts = [str(data.get("message") or "")]
    for item in data.get("errors") or []:
        if isinstance(item, dict):
            words = item.get("message") or " ".join(
                str(item[name]) for name in ("resource", "field", "code") if item.get(name)
            )
            parts.append(str(words))
        else:
            parts.append(str(item))
    return " ".join(" ".join(p for p in parts if p).split())[:300]


def _rate_limited(headers: Message, status: int) -> bool:
    return (
        status == 429
        or headers.get("X-RateLimit-Remaining") == "0"
        or bool(headers.get("Retry-After"))
    )


def _rate_limit_words(headers: Message) -> str:
    wait = headers.get("Retry-After")
    if wait and wait.isdigit():
        return (
            f"GitHub's rate limit is reached; wait {wait} seconds, then run the export "
            "again (issues already written are found again, not duplicated)"
        )
    reset = headers.get("X-RateLimit-Reset")
    if reset and reset.isdigit():
        when = datetime.datetime.fromtimestamp(int(reset), tz=datetime.UTC)
        return (
            f"GitHub's rate limit is used up until {when:%H:%M} UTC; run the export again "
            "then (issues already written are found again, not duplicated)"
        )
    return (
        "GitHub's rate limit is reached; wait a few minutes, then run the export again "
        "(issues already written are found again, not duplicated)"
    )
