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


def events(text: str, fast: bool) -> Iterator[Any]:
    """Parser events for ``text``: from libyaml when available and ``fast``, else pure
    Python. Raises the parsers' YAML errors, and :class:`ParserSlip`."""
    if fast and CParser is not None:
        parser = CParser(text)
        while True:
            event = parser.get_event()
            yield event
            if isinstance(event, StreamEndEvent):
                return
    try:
        yield from YAML(typ="safe", pure=True).parse(text)
    except PARSER_SLIPS as error:
        raise ParserSlip(error) from error
