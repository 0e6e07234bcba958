"""The event streams of the two YAML parsers cjm reads with.

libyaml (through ruamel.yaml.clib) is about 80 times faster; ruamel.yaml's pure-Python
parser implements YAML 1.2 and is there on every platform. Both produce the same events
and marks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.events import StreamEndEvent

from cjm.load.syntax import PARSER_SLIPS

try:  # libyaml through ruamel.yaml.clib; the pure-Python parser is the fallback
    from _ruamel_yaml import CParser
except ImportError:  # pragma: no cover - depends on the platform's wheels
    CParser = None

HAS_LIBYAML = CParser is not None


class ParserSlip(Exception):
    """The pure-Python parser failed with an error that is not a YAML error (see
    :data:`cjm.load.syntax.PARSER_SLIPS`); ``error`` is that error."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


class TextPieces:
    """``text`` read a piece at a time, as from a file.

    libyaml reads UTF-8: given a whole text, the parser first makes a UTF-8 copy of all
    of it, held until parsing ends (as large as the text again: for a large map, the
    largest thing made and let go while loading it). Read from this, it encodes one
    piece at a time. The events, their marks and the errors are the same: ``name`` is
    what the parser names a text it is given whole."""

    name = "<unicode string>"

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0

    def read(self, size: int) -> str:
        start = self.position
        self.position = start + size
        return self.text[start : self.position]


def events(text: str, fast: bool) -> Iterator[Any]:
    """Parser events for ``text``: from libyaml when available and ``fast``, else pure
    Python. Raises the parsers' YAML errors, and :class:`ParserSlip`."""
    if fast and CParser is not None:
        parser = CParser(TextPieces(text))
        while True:
            event = parser.get_event()
            yield event
            if isinstance(event, StreamEndEvent):
                return
    try:
        yield from YAML(typ="safe", pure=True).parse(text)
    except PARSER_SLIPS as error:
        raise ParserSlip(error) from error
