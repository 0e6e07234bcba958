"""What every part of the formatter shares: the kinds of file, their models, the
layout constants and the error it raises."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from cjm.diagnostics import Diagnostic
from cjm.model import DefinitionsFile, JourneyMap, WorkspaceConfig

Kind = Literal["map", "definitions", "workspace"]

MODELS: dict[str, type[BaseModel]] = {
    "map": JourneyMap,
    "definitions": DefinitionsFile,
    "workspace": WorkspaceConfig,
}

SCHEMA_COMMENT = "# yaml-language-server:"
INDENT = 2

# What ruamel.yaml's scanner treats as a line break, once CR and CRLF are made LF.
BREAKS = "\n\x85\u2028\u2029"
BREAK_RE = re.compile("[\n\x85\u2028\u2029]")
COMMENT_END = BREAKS + "\r\0"  # where a comment ends


class FormatError(Exception):
    """The text cannot be formatted: it does not parse, is not valid, or would change."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics or []
