"""What the site tests read in a page: links, sources, scripts, metas and text."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class Markup(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.sources: list[str] = []  # every src, action and xlink:href
        self.scripts: list[tuple[str | None, str]] = []  # (type, text)
        self.metas: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self.rows = 0  # table body rows
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") is not None:
            self.links.append(values["href"] or "")
        for name in ("src", "action", "xlink:href", "srcset", "poster"):
            if values.get(name) is not None:
                self.sources.append(values[name] or "")
        if tag == "link":
            self.sources.append(values.get("href") or "")
        if tag == "meta":
            self.metas.append(values)
        if tag == "tr" and "tbody" in self._in:
            self.rows += 1
        if tag in ("script", "style", "tbody"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append((values.get("type"), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "tbody") and self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            kind, text = self.scripts[-1]
            self.scripts[-1] = (kind, text + data)
        elif not (self._in and self._in[-1] == "style"):
            self.text.append(data)

    @property
    def all_text(self) -> str:
        # Inline elements end where punctuation follows: no space before it.
        text = " ".join("".join(self.text).split())
        return re.sub(r" ([.,:;)])", r"\1", text)

    @property
    def policy(self) -> str | None:
        for meta in self.metas:
            if (meta.get("http-equiv") or "").lower() == "content-security-policy":
                return meta.get("content")
        return None
