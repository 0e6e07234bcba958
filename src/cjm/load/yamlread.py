"""Turn YAML text into plain Python data plus a :class:`SourceIndex` of positions.

We build the data from the parser's event stream ourselves instead of using a loader:

* every key and value gets its line and column, scalars included;
* every duplicate key is reported (a loader stops at the first);
* tags outside the YAML core schema are refused, never constructed;
* aliases are shared, not copied, and the nodes they would expand to are budgeted, so an
  alias bomb is refused in linear time;
* nesting depth is bounded without recursion.

Values follow the YAML 1.2 core schema (:mod:`cjm.load.core_schema`): ``yes`` and
``2026-10-01`` are text, not a boolean and a date.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from cjm.diagnostics import (
    DUPLICATE_KEY,
    INPUT_REFUSED,
    YAML_SYNTAX,
    Code,
    Diagnostic,
    Location,
    Severity,
)
from cjm.load.core_schema import (
    CORE,
    MERGE_KEY,
    SCALAR_TAGS,
    NotOfTag,
    construct_tagged,
    resolve_plain,
)
from cjm.load.positions import NO_KEY, DataPath, SourceIndex, Span, SpanPair

try:  # libyaml through ruamel.yaml.clib; the pure-Python parser is the fallback
    from _ruamel_yaml import CParser
except ImportError:  # pragma: no cover - depends on the platform's wheels
    CParser = None

HAS_LIBYAML = CParser is not None

MAX_DEPTH = 64
# Aliases may add this many nodes, or as many as the document really has, whichever is more.
MIN_ALIAS_BUDGET = 10_000

# ruamel.yaml knows YAML 1.1 timestamps; YAML 1.2's core schema has no date type.
TIMESTAMP = CORE + "timestamp"


@dataclass
class YamlDocument:
    """The result of reading one YAML text: data (``None`` when unusable) and problems."""

    data: Any
    index: SourceIndex
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _Refused(Exception):
    """Raised inside the builder to stop at a problem that makes the rest meaningless."""

    def __init__(self, code: Code, message: str, where: Location, hint: str | None = None):
        super().__init__(message)
        self.code, self.message, self.where, self.hint = code, message, where, hint


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(CORE) if tag.startswith(CORE) else tag


def _location(mark: Any, end_mark: Any = None) -> Location:
    return Location(*_span(mark, end_mark))


def _span(mark: Any, end_mark: Any = None) -> Span:
    line, column = mark.line, mark.column
    end = None
    if end_mark is not None and end_mark.line == line and end_mark.column > column:
        end = end_mark.column + 1
    return (line + 1, column + 1, end)


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: DataPath
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_span: Span | None = None
    key_seen: dict[str, Span] = field(default_factory=dict)
    merges: list[Any] = field(default_factory=list)
    merge_pending: bool = False
    skip_value: bool = False


class _Builder:
    def __init__(self, path: str, yaml: YAML) -> None:
        self.path = path
        self.yaml = yaml
        self.spans: dict[DataPath, SpanPair] = {}
        self.diagnostics: list[Diagnostic] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.documents = 0
        self.real_nodes = 0
        self.aliased_nodes = 0
        self.root: Any = None
        # Untagged plain scalars resolve by their text alone, and maps repeat much of it
        # (ids, levels, scores): each text is resolved and constructed once. The values
        # (text, numbers, booleans) are immutable, so sharing them is safe.
        self._plain: dict[str, Any] = {}

    # -- helpers ---------------------------------------------------------------------

    def problem(self, code: Code, message: str, where: Location, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, message, self.path, where, hint))

    def scalar_value(self, event: ScalarEvent) -> Any:
        tag = event.ctag
        if tag is None:
            if not event.implicit[0]:
                return event.value  # quoted or block text without a tag is always text
            text = event.value
            try:
                return self._plain[text]
            except KeyError:
                value = self._plain[text] = resolve_plain(text)
                return value
        tag = str(tag)
        return event.value if tag == "!" else self._construct_tagged(event, tag)

    def _construct_tagged(self, event: ScalarEvent, tag: str) -> Any:
        """The value of a scalar with an explicit tag: core tags only."""
        if tag == TIMESTAMP:
            raise _Refused(
                INPUT_REFUSED,
                "unsupported YAML tag '!!timestamp': YAML 1.2 has no date type",
                _location(event.start_mark),
                hint="remove the tag: a date is written as plain YYYY-MM-DD, "
                "for example 2026-09-14",
            )
        if tag not in SCALAR_TAGS:
            raise _Refused(
                INPUT_REFUSED,
                f"unsupported YAML tag '{_short_tag(tag)}': maps use plain YAML values only",
                _location(event.start_mark),
                hint="remove the tag",
            )
        try:
            return construct_tagged(event.value, tag)
        except NotOfTag:
            raise _Refused(
                YAML_SYNTAX,
                f"'{_clip(event.value)}' is not a valid {_short_tag(tag)} value",
                _location(event.start_mark),
                hint="remove the tag or fix the value",
            ) from None

    # -- attaching values ---------------------------------------------------------------

    def attach(self, value: Any, size: int, where: Span) -> None:
        if value is MERGE_KEY and not self.expects_key():
            value = "<<"  # the merge key means something only as a key
        if not self.stack:
            self.root = value
            self.spans[()] = NO_KEY + where
            return
        parent = self.stack[-1]
        parent.size += size
        container = parent.container
        if isinstance(container, list):
            self.spans[(*parent.path, len(container))] = NO_KEY + where
            container.append(value)
            return
        key = parent.key
        if key is None:  # this value is a key
            self.take_key(parent, value, where)
            return
        parent.key = None
        if parent.merge_pending:
            parent.merge_pending = False
            parent.merges.append((value, where))
            return
        if parent.skip_value:
            parent.skip_value = False
            return
        container[key] = value
        self.spans[(*parent.path, key)] = (parent.key_span or NO_KEY) + where

    def expects_key(self) -> bool:
        if not self.stack:
            return False
        top = self.stack[-1]
        return isinstance(top.container, dict) and top.key is None

    def take_key(self, frame: _Frame, value: Any, where: Span) -> None:
        if value is MERGE_KEY:
            frame.key, frame.key_span, frame.merge_pending = "<<", where, True
            return
        if isinstance(value, dict | list):
            raise _Refused(YAML_SYNTAX, "a mapping key must be plain text", Location(*where))
        if type(value) is str:
            key = value
        elif value is None:
            key = "null"
        elif isinstance(value, bool):
            key = str(value).lower()
        else:
            key = str(value)
        first = frame.key_seen.get(key)
        frame.key, frame.key_span = key, where
        if first is not None:
            self.diagnostics.append(
                Diagnostic(
                    DUPLICATE_KEY,
                    Severity.ERROR,
                    f"duplicate key '{key}' (first defined on line {first[0]})",
                    self.path,
                    Location(*where),
                    "remove one of them; the first one is used",
                    related=((self.path, Location(*first)),),
                )
            )
            # Park the ignored value under a key no path can name, so that its positions
            # do not overwrite those of the first value, which is the one kept.
            frame.key = f"\x00duplicate-{len(self.diagnostics)}"
            frame.skip_value = True
        else:
            frame.key_seen[key] = where

    # -- events ---------------------------------------------------------------------------

    def start_collection(self, event: CollectionStartEvent, container: Any) -> Span:
        where = _span(event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(
                INPUT_REFUSED,
                f"the document nests deeper than {MAX_DEPTH} levels",
                Location(*where),
            )
        tag = event.ctag
        expected = CORE + ("map" if isinstance(container, dict) else "seq")
        if tag is not None and str(tag) not in ("!", expected):
            raise _Refused(
                INPUT_REFUSED,
                f"unsupported YAML tag '{_short_tag(str(tag))}': maps use plain YAML values only",
                Location(*where),
                hint="remove the tag",
            )
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            raise _Refused(YAML_SYNTAX, "a mapping key must be plain text", Location(*where))
        path: DataPath = ()
        if parent is not None:
            if isinstance(parent.container, list):
                path = (*parent.path, len(parent.container))
            elif parent.key is not None:
                path = (*parent.path, parent.key)
        anchor = event.anchor
        self.stack.append(_Frame(container, path, anchor))
        self.real_nodes += 1
        return where

    def end_collection(self, where_start: Span) -> None:
        frame = self.stack.pop()
        if isinstance(frame.container, dict):
            self.apply_merges(frame)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self.attach(frame.container, frame.size, where_start)

    def apply_merges(self, frame: _Frame) -> None:
        assert isinstance(frame.container, dict)
        for value, where in frame.merges:
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    raise _Refused(YAML_SYNTAX, "'<<' merges mappings only", Location(*where))
                for key, item in source.items():
                    frame.container.setdefault(key, item)

    def alias(self, event: AliasEvent) -> None:
        where = _span(event.start_mark)
        if event.anchor not in self.anchors:
            raise _Refused(
                YAML_SYNTAX, f"alias '*{event.anchor}' names no anchor", Location(*where)
            )
        value, size = self.anchors[event.anchor]
        self.aliased_nodes += size
        if self.aliased_nodes > max(MIN_ALIAS_BUDGET, self.real_nodes):
            raise _Refused(
                INPUT_REFUSED,
                "aliases expand this document beyond a safe size (an alias bomb?)",
                Location(*where),
                hint="write the repeated content out, or reference it by id",
            )
        self.attach(value, size, where)

    def run(self, text: str, fast: bool) -> None:
        starts: list[Span] = []
        for event in _events(self.yaml, text, fast):
            if type(event) is ScalarEvent:
                self.real_nodes += 1
                value = self.scalar_value(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                start, end = event.start_mark, event.end_mark
                line, column = start.line, start.column
                last = end.column + 1 if end.line == line and end.column > column else None
                self.attach(value, 1, (line + 1, column + 1, last))
            elif isinstance(event, MappingStartEvent):
                starts.append(self.start_collection(event, {}))
            elif isinstance(event, SequenceStartEvent):
                starts.append(self.start_collection(event, []))
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                self.end_collection(starts.pop())
            elif isinstance(event, AliasEvent):
                self.alias(event)
            elif isinstance(event, DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _Refused(
                        YAML_SYNTAX,
                        "the file holds more than one YAML document; put one map per file",
                        _location(event.start_mark),
                    )
            elif isinstance(event, StreamEndEvent):
                break


def _new_yaml() -> YAML:
    return YAML(typ="safe", pure=True)


def _events(yaml: YAML, text: str, fast: bool) -> Iterator[Any]:
    """Parser events for ``text``: from libyaml when available and ``fast``, else pure Python.

    Both parsers produce the same events and marks; libyaml is about 80 times faster.
    """
    if fast and CParser is not None:
        parser = CParser(text)
        while True:
            event = parser.get_event()
            yield event
            if isinstance(event, StreamEndEvent):
                return
    yield from yaml.parse(text)


_TAB_PROBLEM = ("a tab character: YAML indentation must use spaces", "replace the tab with spaces")

# Wordings of the pure-Python parser (it reports every syntax error), mapped to friendlier ones.
_FRIENDLY_PROBLEMS: tuple[tuple[str, str, str | None], ...] = (
    (
        "mapping values are not allowed",
        "unexpected ':' here",
        "a value that contains ': ' must be quoted, or the line is indented wrongly",
    ),
    (
        "could not find expected ':'",
        "expected 'key: value' here",
        "check the indentation and that the previous line is complete",
    ),
    (
        "found unexpected end of stream",
        "the file ends inside an unfinished value",
        "close the quote or bracket that was opened",
    ),
    (
        "'<stream end>'",
        "the file ends inside an unfinished list or mapping",
        "close the bracket or brace that was opened",
    ),
    ("found unexpected ':'", "unexpected ':' here", "quote the value"),
    (
        "expected <block end>",
        "the indentation here does not line up with the lines above",
        "indent entries of one mapping or list by the same number of spaces",
    ),
    (
        "did not find expected '-' indicator",
        "the indentation here does not line up with the list above",
        "start every list item with '- ' at the same indentation",
    ),
)


def _character_at(text: str, mark: Any) -> str:
    lines = text.split("\n", mark.line + 1)
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return str(lines[mark.line][mark.column])
    return ""


def _within_text(text: str, where: Location) -> Location:
    """Pull a location past the end of the file back onto its last line."""
    lines = text.splitlines() or [""]
    if where.line <= len(lines):
        return where
    return Location(len(lines), len(lines[-1]) + 1)


def _syntax_diagnostic(path: str, text: str, error: MarkedYAMLError) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    where = _within_text(text, _location(mark)) if mark is not None else Location(1, 1)
    problem = (error.problem or "").strip()
    message, hint = problem, None
    friendly = [(n, m, h) for n, m, h in _FRIENDLY_PROBLEMS if n in problem]
    if mark is not None and _character_at(text, mark) == "\t":
        message, hint = _TAB_PROBLEM
    elif friendly:
        _, message, hint = friendly[0]
    else:
        context = (error.context or "").strip()
        if context and problem:
            message = f"{problem} ({context}"
            if error.context_mark is not None:
                message += f" that starts on line {error.context_mark.line + 1}"
            message += ")"
        message = message or "invalid YAML"
    return Diagnostic(YAML_SYNTAX, Severity.ERROR, message, path, where, hint)


def _reader_diagnostic(path: str, text: str, error: ReaderError) -> Diagnostic:
    offset = max(0, min(int(error.position), len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    character = error.character
    shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return Diagnostic(
        INPUT_REFUSED,
        Severity.ERROR,
        f"control character {shown} is not allowed in YAML text",
        path,
        Location(line, column),
        "remove it; binary data does not belong in a map",
    )


def read_yaml(text: str, path: str, *, fast: bool = True) -> YamlDocument:
    """Parse ``text`` (the contents of ``path``) into data and positions.

    libyaml implements YAML 1.1 syntax and refuses a few things 1.2 allows (``1:1`` in a
    flow mapping), so when it reports a syntax error the pure-Python 1.2 parser gets the
    final word. ``fast=False`` uses only the pure-Python parser (the tests run both).
    """
    if fast and HAS_LIBYAML:
        document = _read(text, path, fast=True)
        if not any(d.code == YAML_SYNTAX for d in document.diagnostics):
            return document
    return _read(text, path, fast=False)


def _read(text: str, path: str, *, fast: bool) -> YamlDocument:
    builder = _Builder(path, _new_yaml())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            builder.run(text, fast)
    except _Refused as refused:
        builder.problem(refused.code, refused.message, refused.where, refused.hint)
        return YamlDocument(None, SourceIndex(builder.spans), builder.diagnostics)
    except ReaderError as error:
        diagnostic = _reader_diagnostic(path, text, error)
        return YamlDocument(None, SourceIndex(builder.spans), [diagnostic])
    except MarkedYAMLError as error:
        builder.diagnostics.append(_syntax_diagnostic(path, text, error))
        return YamlDocument(None, SourceIndex(builder.spans), builder.diagnostics)
    except YAMLError as error:
        builder.problem(YAML_SYNTAX, str(error).strip() or "invalid YAML", Location(1, 1))
        return YamlDocument(None, SourceIndex(builder.spans), builder.diagnostics)
    return YamlDocument(builder.root, SourceIndex(builder.spans), builder.diagnostics)
