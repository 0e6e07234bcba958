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
from array import array
from dataclasses import dataclass, field
from typing import Any

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
from cjm.load.positions import (
    NO_KEY,
    PositionTable,
    SourceIndex,
    Span,
    index_code,
    key_code,
)
from cjm.load.syntax import (
    after_properties,
    reader_diagnostic,
    runaway,
    runs_on,
    slip_diagnostic,
    split_lines,
    surrogate,
    syntax_diagnostic,
)
from cjm.load.yamlevents import HAS_LIBYAML, ParserSlip, events

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
    # True when an alias repeats a node: the data is then a graph, where one list or
    # mapping can be reached from several places, not a tree.
    has_aliases: bool = False


_QUOTES = ("'", '"')


@dataclass(frozen=True)
class _Mark:
    """A 0-based position, as the parsers' marks give it."""

    line: int
    column: int


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
    # The collection's row in the position table.
    node: int
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_code: int = 0
    key_span: Span | None = None
    key_seen: dict[str, Span] = field(default_factory=dict)
    merges: list[Any] = field(default_factory=list)
    merge_pending: bool = False
    skip_value: bool = False
    # Where the collection starts (0-based), and whether it is written in brackets.
    line: int = 0
    column: int = -1
    flow: bool = False
    # The last block mapping that ended inside the value just read (see ``duplicate``).
    nested: _Frame | None = None
    first_key: str | None = None


class _Builder:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._lines: list[str] | None = None
        self.last_block_mapping: _Frame | None = None
        # Lines and columns fit in 32 bits for any text under 4 G characters.
        self.table = PositionTable(array("I" if len(text) < 2**32 - 2 else "Q"))
        self.key_codes: dict[str, int] = {}
        self.diagnostics: list[Diagnostic] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.documents = 0
        self.real_nodes = 0
        self.aliased_nodes = 0
        self.aliases = 0
        self.root: Any = None
        # Untagged plain scalars resolve by their text alone, and maps repeat much of it
        # (ids, levels, scores): each text is resolved and constructed once. The values
        # (text, numbers, booleans) are immutable, so sharing them is safe.
        self._plain: dict[str, Any] = {}

    # -- helpers ---------------------------------------------------------------------

    @property
    def lines(self) -> list[str]:
        """The text's lines, split only when a check needs them."""
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines

    def check_runs_on(self, opener: str, start: Any, end_line: int, parent: _Frame | None) -> None:
        """Refuse a quoted value or bracketed collection (in ``parent``) that takes in a
        line that looks like the next entry and is not indented past its key or list dash:
        a quote or bracket left open, closed only by a later one. Inside brackets only the
        outermost bracket is checked."""
        if end_line <= start.line or (parent is not None and parent.flow):
            return
        owner = parent.column if parent is not None else -1
        into = runaway(self.lines, start.line, end_line, owner)
        if into is not None:
            message, hint = runs_on(opener, into + 1)
            raise _Refused(YAML_SYNTAX, message, _location(start), hint)

    def problem(self, code: Code, message: str, where: Location, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, message, self.path, where, hint))

    def scalar_value(self, event: ScalarEvent) -> Any:
        tag = event.ctag
        if event.style == '"':
            self.check_escapes(event)
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

    def check_escapes(self, event: ScalarEvent) -> None:
        problem = surrogate(event.value)
        if problem is not None:
            raise _Refused(YAML_SYNTAX, problem[0], _location(event.start_mark), problem[1])

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

    def attach(self, value: Any, size: int, where: Span, node: int | None = None) -> None:
        """Put ``value`` in its place and record its position: as a new row of the table,
        or in row ``node`` for a collection (whose row was added when it began)."""
        if value is MERGE_KEY and not self.expects_key():
            value = "<<"  # the merge key means something only as a key
        if not self.stack:
            self.root = value
            self.record(node, 0, NO_KEY, where)
            return
        parent = self.stack[-1]
        parent.size += size
        container = parent.container
        if isinstance(container, list):
            self.record(node, index_code(len(container)), NO_KEY, where)
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
        self.record(node, parent.key_code, parent.key_span or NO_KEY, where)

    def record(self, node: int | None, code: int, key: Span, where: Span) -> None:
        if node is None:
            self.table.leaf(code, key, where)
        else:
            self.table.place(node, where)

    def code(self, key: str) -> int:
        """The table's code for mapping key ``key``."""
        code = self.key_codes.get(key)
        if code is None:
            code = self.key_codes[key] = key_code(len(self.key_codes))
        return code

    def close_all(self) -> None:
        """End the collections still open when reading stopped at a problem."""
        for frame in self.stack:
            self.table.close(frame.node)

    def index(self) -> SourceIndex:
        """The positions read so far."""
        self.close_all()
        self.table.keys = list(self.key_codes)
        self.table.narrow()
        return SourceIndex(self.table)

    def expects_key(self) -> bool:
        if not self.stack:
            return False
        top = self.stack[-1]
        return isinstance(top.container, dict) and top.key is None

    def take_key(self, frame: _Frame, value: Any, where: Span) -> None:
        if value is MERGE_KEY:
            frame.key, frame.key_span, frame.merge_pending = "<<", where, True
            frame.key_code = self.code("<<")
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
        nested, frame.nested = frame.nested, None
        if first is not None:
            self.diagnostics.append(self.duplicate(frame, key, first, where, nested))
            # Park the ignored value under a key no path can name, so that its positions
            # do not overwrite those of the first value, which is the one kept.
            frame.key = f"\x00duplicate-{len(self.diagnostics)}"
            frame.key_code = self.code(frame.key)
            frame.skip_value = True
        else:
            frame.key_code = self.code(key)
            frame.key_seen[key] = where
            if frame.first_key is None:
                frame.first_key = key

    def duplicate(
        self,
        frame: _Frame,
        key: str,
        first: Span,
        where: Span,
        nested: _Frame | None,
    ) -> Diagnostic:
        """The report of ``key`` given twice in ``frame``. When the value just before it
        held a deeper block mapping that began after the first ``key``, the second one is
        most likely a key of that mapping, indented too little: say so, and where it goes."""
        message = f"duplicate key '{key}' (first defined on line {first[0]})"
        hint = "remove one of them; the first one is used"
        if nested is not None and not frame.flow and key not in nested.container:
            line, column, first_key = nested.line, nested.column, nested.first_key
            if line + 1 > first[0] and column > frame.column:
                message += ": this one is probably indented wrongly"
                hint = (
                    f"to put it in the mapping that starts on line {line + 1}, indent it by "
                    f"{column} spaces like `{first_key}`; if it is a real duplicate, remove "
                    "it (the first one is used)"
                )
        return Diagnostic(
            DUPLICATE_KEY,
            Severity.ERROR,
            message,
            self.path,
            Location(*where),
            hint,
            related=((self.path, Location(*first)),),
        )

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
        code, key = 0, NO_KEY
        if parent is not None:
            if isinstance(parent.container, list):
                code = index_code(len(parent.container))
            else:
                code, key = parent.key_code, parent.key_span or NO_KEY
        anchor = event.anchor
        line, column = event.start_mark.line, event.start_mark.column
        if anchor is not None or tag is not None:
            line, column = after_properties(self.lines, line, column)
        flow = bool(event.flow_style)
        node = self.table.open(code, key)
        frame = _Frame(container, node, anchor, line=line, column=column, flow=flow)
        self.stack.append(frame)
        self.real_nodes += 1
        return where

    def end_collection(self, where_start: Span, end: Any) -> None:
        frame = self.stack.pop()
        self.table.close(frame.node)
        if frame.flow:
            opener = "{" if isinstance(frame.container, dict) else "["
            parent = self.stack[-1] if self.stack else None
            self.check_runs_on(opener, _Mark(frame.line, frame.column), end.line, parent)
        if isinstance(frame.container, dict):
            self.apply_merges(frame)
            if not frame.flow and frame.first_key is not None:
                self.last_block_mapping = frame
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self.attach(frame.container, frame.size, where_start, frame.node)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict):
            inner = self.last_block_mapping
            parent.nested = inner if inner is not None and inner.line >= frame.line else None

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
        self.aliases += 1
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
        for event in events(text, fast):
            if type(event) is ScalarEvent:
                self.real_nodes += 1
                value = self.scalar_value(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                start, end = event.start_mark, event.end_mark
                line, column = start.line, start.column
                if end.line > line and event.style in _QUOTES:
                    parent = self.stack[-1] if self.stack else None
                    self.check_runs_on(event.style, start, end.line, parent)
                last = end.column + 1 if end.line == line and end.column > column else None
                self.attach(value, 1, (line + 1, column + 1, last))
            elif isinstance(event, MappingStartEvent):
                starts.append(self.start_collection(event, {}))
            elif isinstance(event, SequenceStartEvent):
                starts.append(self.start_collection(event, []))
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                self.end_collection(starts.pop(), event.start_mark)
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
    builder = _Builder(path, text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            builder.run(text, fast)
    except _Refused as refused:
        builder.problem(refused.code, refused.message, refused.where, refused.hint)
        return YamlDocument(None, builder.index(), builder.diagnostics)
    except ReaderError as error:
        diagnostic = reader_diagnostic(path, text, error)
        return YamlDocument(None, builder.index(), [diagnostic])
    except MarkedYAMLError as error:
        builder.diagnostics.append(syntax_diagnostic(path, text, error))
        return YamlDocument(None, builder.index(), builder.diagnostics)
    except ParserSlip as slip:
        builder.diagnostics.append(slip_diagnostic(path, text, slip.error))
        return YamlDocument(None, builder.index(), builder.diagnostics)
    except YAMLError as error:
        builder.problem(YAML_SYNTAX, str(error).strip() or "invalid YAML", Location(1, 1))
        return YamlDocument(None, builder.index(), builder.diagnostics)
    return YamlDocument(builder.root, builder.index(), builder.diagnostics, builder.aliases > 0)
