"""Which links a report may follow: web addresses and e-mail, nothing else.

Evidence links are user text. Only ``http:``, ``https:`` and ``mailto:`` addresses become
links; anything else (``javascript:``, ``data:``, ``file:``, relative paths in the
repository) is shown as plain text. Browsers ignore tabs, newlines and leading control
characters in a URL's scheme (``java\\tscript:``), so an address that contains any of
them, or any whitespace, is never a link.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_UNSAFE_CHARACTERS = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\ufeff\"'<>\\`]"
)


def safe_href(link: str | None) -> str | None:
    """``link`` when a report may make it a link, else None."""
    if not link or _UNSAFE_CHARACTERS.search(link):
        return None
    match = _SCHEME.match(link)
    if match is None or match.group(1).lower() not in SAFE_SCHEMES:
        return None
    rest = link[match.end() :]
    if match.group(1).lower() == "mailto":
        return link if rest else None
    # A web address needs a host: ``https://host...``.
    return link if rest.startswith("//") and len(rest) > 2 and rest[2] != "/" else None


def safe_relative(name: str) -> str | None:
    """``name`` when it is a plain relative file name a page may link to, else None."""
    if not name or _UNSAFE_CHARACTERS.search(name) or ":" in name.split("/", 1)[0]:
        return None
    if name.startswith(("/", "//")) or any(part == ".." for part in name.split("/")):
        return None
    return name


def safe_web_href(link: str | None) -> str | None:
    """``link`` when it is an ``http:`` or ``https:`` address a report may follow (a
    tracker's issue or epic), else None."""
    href = safe_href(link)
    if href is None or not href.lower().startswith(("http://", "https://")):
        return None
    return href
