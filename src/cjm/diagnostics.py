"""The one type every check produces: a located, coded finding.

Loading, schema checking, reference resolution and (later) lint rules all speak in
:class:`Diagnostic` objects; reporters turn them into text, JSON and the CI formats.
Nothing here knows about terminals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is. Ordered: ``error`` > ``warning`` > ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Code:
    """A stable diagnostic code (``CJM003``) with its readable name (``unknown-key``)."""

    code: str
    name: str
    summary: str


# Problems found while reading a file. They are not lint rules: they cannot be
# silenced, because the map cannot be understood until they are fixed.
YAML_SYNTAX = Code("CJM001", "yaml-syntax", "The file is not valid YAML.")
DUPLICATE_KEY = Code("CJM002", "duplicate-key", "A mapping defines the same key twice.")
UNKNOWN_KEY = Code("CJM003", "unknown-key", "A key that the format does not define.")
WRONG_TYPE = Code("CJM004", "wrong-type", "A value of the wrong kind (text, number, list...).")
INVALID_VALUE = Code("CJM005", "invalid-value", "A value outside what the field allows.")
MISSING_FIELD = Code("CJM006", "missing-field", "A required field is absent.")
INPUT_REFUSED = Code(
    "CJM007",
    "input-refused",
    "The file is refused before parsing: too large, binary, not UTF-8, unsafe YAML.",
)
FILE_ERROR = Code("CJM008", "file-error", "The file or folder cannot be read.")
# Problems in a Mermaid file that `cjm import mermaid` reads.
MERMAID_SYNTAX = Code(
    "CJM010", "mermaid-syntax", "The Mermaid file is not a valid journey diagram."
)

# Reference checks: the first members of the lint catalogue.
UNKNOWN_REFERENCE = Code("CJM103", "unknown-reference", "A reference to an id that does not exist.")
DUPLICATE_ID = Code("CJM104", "duplicate-id", "Two entities of one kind share an id.")

LOAD_CODES: tuple[Code, ...] = (
    YAML_SYNTAX,
    DUPLICATE_KEY,
    UNKNOWN_KEY,
    WRONG_TYPE,
    INVALID_VALUE,
    MISSING_FIELD,
    INPUT_REFUSED,
    FILE_ERROR,
)


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based line and column, with an optional end column on the same line."""

    line: int
    column: int
    end_column: int | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: what is wrong, where, and what to do about it."""

    code: Code
    severity: Severity
    message: str
    path: str
    location: Location = field(default_factory=lambda: Location(1, 1))
    hint: str | None = None
    # Where else the problem shows (for example the first of two duplicate ids).
    related: tuple[tuple[str, Location], ...] = ()

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code.code, self.message)
