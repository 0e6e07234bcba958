"""Load one YAML file into a model: read, parse, validate, and locate every problem."""

from __future__ import annotations

import codecs
import functools
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, get_args, get_origin

from annotated_types import BaseMetadata
from pydantic import BaseModel, ValidationError

from cjm.diagnostics import WRONG_TYPE, Diagnostic, Severity
from cjm.load.collector import collector_paused
from cjm.load.partial import Cuts, ShiftedIndex, Shifts, file_path, salvage
from cjm.load.positions import DataPath, SourceIndex
from cjm.load.scales import one_to_five_diagnostics, replaces
from cjm.load.schema_errors import describe_value, kind_name, validation_diagnostics
from cjm.load.source import DEFAULT_MAX_BYTES, read_source
from cjm.model import JourneyMap

ModelT = TypeVar("ModelT", bound=BaseModel)


class PackedText:
    """A document's text, kept compressed and given back whole on each read.

    A workspace's texts are read at few moments (to find suppressions, to key the cache,
    to show the lines of a finding) but were held whole all along: 15 MB for 500 maps,
    a tenth of what checking them holds. zlib's fastest level shrinks YAML about five
    times, and a read gives back exactly the text that was stored. The compressed bytes
    sit in the instance's ``__dict__`` under their own name, so a document pickles (to
    the cache, from the loading processes) compressed too.
    """

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.slot = f"_{name}_packed"

    def __get__(self, instance: object | None, owner: type[Any]) -> str | None:
        if instance is None:
            # No default: dataclasses asks the class for one and takes this as "none".
            raise AttributeError(self.slot)
        # Looked up as an attribute, not in ``__dict__``: a document standing on its
        # summary (cjm.cache.LazyDocument) is then read whole first.
        packed: bytes | None = getattr(instance, self.slot)
        if packed is None:
            return None
        return zlib.decompress(packed).decode("utf-8", "surrogatepass")

    def __set__(self, instance: object, text: str | None) -> None:
        packed = None if text is None else zlib.compress(text.encode("utf-8", "surrogatepass"), 1)
        instance.__dict__[self.slot] = packed

    def present(self, instance: object) -> bool:
        """Whether ``instance`` has a text, without decompressing it."""
        return getattr(instance, self.slot) is not None

    def lines(self, instance: object) -> Iterator[str] | None:
        """The lines of ``instance``'s text, as :meth:`str.splitlines` gives them, or None
        if it has no text. The text is unpacked a piece at a time, so reading a large
        file's lines never holds a whole copy of it (which a read of the text would add
        to what checking the file holds at that moment)."""
        packed: bytes | None = getattr(instance, self.slot)
        if packed is None:
            return None
        return split_pieces(_unpacked(packed))


# How much text a piece of an unpacked text holds at most, in bytes.
_PIECE = 1 << 18


def _unpacked(packed: bytes) -> Iterator[str]:
    """The text ``packed`` holds, in pieces of at most :data:`_PIECE` bytes of UTF-8."""
    inflate = zlib.decompressobj()
    decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
    data = packed
    while data:
        yield decoder.decode(inflate.decompress(data, _PIECE))
        data = inflate.unconsumed_tail
    yield decoder.decode(inflate.flush(), final=True)


def split_pieces(pieces: Iterable[str]) -> Iterator[str]:
    """The lines of the text made of ``pieces``, exactly as ``"".join(pieces).splitlines()``
    gives them. A piece's last line waits for the next piece: it may go on there, or end
    in a carriage return whose line feed starts the next piece."""
    rest = ""
    for piece in pieces:
        lines = (rest + piece).splitlines(keepends=True)
        rest = lines.pop() if lines else ""
        for line in lines:
            yield line.splitlines()[0]
    yield from rest.splitlines()


_TEXT = PackedText()


@dataclass
class Document(Generic[ModelT]):
    """One file as loaded: its text, its model when valid, and what is wrong with it."""

    path: Path
    display: str
    if TYPE_CHECKING:
        text: str | None
    else:
        text: PackedText = _TEXT  # stored compressed; no default (see PackedText)
    model: ModelT | None
    index: SourceIndex
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: bool = False
    # For a file that is valid YAML but breaks the schema: the parts that do validate,
    # for the checks that can still run (never drawn or compared), the data paths left
    # out of them, and the id-like words written in those parts (see cjm.load.partial).
    partial: ModelT | None = None
    unloaded: tuple[DataPath, ...] = ()
    unloaded_mentions: frozenset[str] = frozenset()
    # Where the items of the partial model's shortened lists stand in the file; `index`
    # then looks paths of the partial model up where they are written.
    shifts: Shifts = field(default_factory=dict)

    @cached_property
    def cuts(self) -> Cuts:
        """The parts left out of ``partial``, for quick lookups."""
        return Cuts(self.unloaded)

    def file_path(self, path: DataPath) -> DataPath:
        """``path`` of what the checks look at, as a path of the file."""
        return file_path(path, self.shifts)

    @property
    def has_text(self) -> bool:
        """Whether the file was read as text (``text`` is not None), without unpacking it."""
        return _TEXT.present(self)

    def text_lines(self) -> Iterator[str] | None:
        """The lines of the text (None if the file was not read as text), unpacked a piece
        at a time (see :meth:`PackedText.lines`)."""
        return _TEXT.lines(self)

    @property
    def checked(self) -> ModelT | None:
        """What the checks look at: the model when the file is valid, else the part of it
        that validates (None when nothing does)."""
        return self.model if self.model is not None else self.partial


def load_document(
    path: Path,
    display: str,
    model: type[ModelT],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document[ModelT]:
    """Read ``path`` and validate it as ``model``; ``display`` names it in messages."""
    source = read_source(path, display, max_bytes)
    if source.text is None:
        return Document(
            path, display, None, None, SourceIndex(), source.diagnostics, source.unreadable
        )
    return parse_document(path, display, source.text, model)


@collector_paused()
def parse_document(path: Path, display: str, text: str, model: type[ModelT]) -> Document[ModelT]:
    """Validate already-decoded ``text`` as ``model``."""
    # Imported here: the YAML parser is large, and a run that takes every file from the
    # validation cache parses none.
    from cjm.load.yamlread import read_yaml

    parsed = read_yaml(text, display)
    document: Document[ModelT] = Document(
        path, display, text, None, parsed.index, list(parsed.diagnostics)
    )
    if parsed.data is None and parsed.diagnostics:
        return document
    data = parsed.data
    if data is None and not any(f.is_required() for f in model.model_fields.values()):
        data = {}  # an empty cjm.yaml or definitions file means "all defaults"
    if not isinstance(data, dict):
        found = "nothing" if data is None else describe_value(data)
        fields = ", ".join(name for name, f in model.model_fields.items() if f.is_required())
        expected = f" ({fields}, ...)" if fields else ""
        document.diagnostics.append(
            Diagnostic(
                WRONG_TYPE,
                Severity.ERROR,
                f"a {kind_name(model)} must be a mapping of keys{expected}, "
                f"but the file holds {found}",
                display,
                parsed.index.value(()),
            )
        )
        return document
    scale = one_to_five_diagnostics(data, parsed.index, display) if model is JourneyMap else []
    document.diagnostics.extend(scale)
    in_parts = _parts_validated_first(model, data, parsed.has_aliases)
    result = _validated_in_parts(model, data) if in_parts else _validated(model, data)
    if in_parts and isinstance(result, ValidationError):
        # The error may be one part's alone, and the parts' mappings were given up for
        # their models: the tree is read again and validated whole, for the same errors.
        # The models made so far go first.
        parsed.data = data = None
        data = read_yaml(text, display).data
        result = _validated(model, data)
    if isinstance(result, ValidationError):
        document.diagnostics.extend(
            found
            for found in validation_diagnostics(result, model, data, parsed.index, display)
            if not replaces(scale, found)
        )
        salvaged = salvage(model, data)
        document.partial = salvaged.model
        document.unloaded = salvaged.unloaded
        document.unloaded_mentions = salvaged.mentions
        document.shifts = salvaged.shifts
        if salvaged.shifts:
            document.index = ShiftedIndex(parsed.index, salvaged.shifts)
    else:
        document.model = result
    return document


def _validated(model: type[ModelT], data: Any) -> ModelT | ValidationError:
    """``data`` as ``model``, or what is wrong with it."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        return error


def _validated_in_parts(model: type[ModelT], data: dict[str, Any]) -> ModelT | ValidationError:
    """``data`` as ``model``, as :func:`_validated` makes it, with less memory; or the
    first error found, which may be a part's (not located in the whole).

    Pydantic makes a model of the whole tree while holding all of it; for a large map
    the tree and the models together were the peak of ``cjm validate``. So the items of
    the model's large lists (a map's stages and opportunities) are validated one at a
    time first, each replacing its mapping in the list, which frees that mapping; the
    whole is then validated with those models in it, which Pydantic takes as they are.
    The result is the same model. The tree is changed on the way: only a tree without
    aliases is validated so (see :func:`_parts_validated_first`)."""
    for name, item_model in _separate_parts(model):
        items = data.get(name)
        if type(items) is list:
            for i, item in enumerate(items):
                try:
                    items[i] = item_model.model_validate(item)
                except ValidationError as error:
                    return error
    return _validated(model, data)


def _parts_validated_first(model: type[BaseModel], data: Any, has_aliases: bool) -> bool:
    """Whether ``data`` is validated in parts: a mapping read without aliases (where no
    list can be reached from two places), for a model with parts to validate first."""
    return not has_aliases and type(data) is dict and bool(_separate_parts(model))


@functools.cache
def _separate_parts(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel]], ...]:
    """The fields of ``model`` whose items are validated on their own first: for a
    :class:`JourneyMap` (only maps are large enough to pay), those holding a list of
    models with nothing that could look at the list before its items are models: no
    validator of the field's, none of the map's run before its fields (but the base
    model's, which reads the top keys only), only constraints such as a minimum length."""
    if model is not JourneyMap:
        return ()
    decorators = model.__pydantic_decorators__
    if any(
        validator.info.mode != "after" and name != "_set_extensions_aside"
        for name, validator in decorators.model_validators.items()
    ):
        return ()
    checked = {
        name for validator in decorators.field_validators.values() for name in validator.info.fields
    }
    if "*" in checked:
        return ()
    parts = []
    for name, info in model.model_fields.items():
        item = _list_item(info.annotation)
        constraints_only = all(isinstance(m, BaseMetadata) for m in info.metadata)
        if item is not None and name not in checked and constraints_only:
            parts.append((name, item))
    return tuple(parts)


def _list_item(annotation: Any) -> type[BaseModel] | None:
    """``M`` for the annotation ``list[M]`` where ``M`` is a model, else None."""
    if get_origin(annotation) is not list:
        return None
    (item,) = get_args(annotation)
    return item if isinstance(item, type) and issubclass(item, BaseModel) else None
