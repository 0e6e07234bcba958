"""Load one YAML file into a model: read, parse, validate, and locate every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from cjm.diagnostics import WRONG_TYPE, Diagnostic, Severity
from cjm.load.collector import collector_paused
from cjm.load.partial import Cuts, ShiftedIndex, Shifts, file_path, salvage
from cjm.load.positions import DataPath, SourceIndex
from cjm.load.scales import one_to_five_diagnostics, replaces
from cjm.load.schema_errors import describe_value, kind_name, validation_diagnostics
from cjm.load.source import DEFAULT_MAX_BYTES, read_source
from cjm.load.yamlread import read_yaml
from cjm.model import JourneyMap

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass
class Document(Generic[ModelT]):
    """One file as loaded: its text, its model when valid, and what is wrong with it."""

    path: Path
    display: str
    text: str | None
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
    try:
        document.model = model.model_validate(data)
    except ValidationError as error:
        document.diagnostics.extend(
            found
            for found in validation_diagnostics(error, model, data, parsed.index, display)
            if not replaces(scale, found)
        )
        salvaged = salvage(model, data)
        document.partial = salvaged.model
        document.unloaded = salvaged.unloaded
        document.unloaded_mentions = salvaged.mentions
        document.shifts = salvaged.shifts
        if salvaged.shifts:
            document.index = ShiftedIndex(parsed.index, salvaged.shifts)
    return document
