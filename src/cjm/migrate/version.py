"""Which format version a file is written in, read from its ``format`` key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from cjm.model import FORMAT_VERSION

_VERSION = re.compile(r"([0-9]+)(?:\.([0-9]+))?")


class Version(Enum):
    """Where a file stands against the format this cjm writes."""

    LEGACY = "0.x"  # no `format` key: written before files named their version
    CURRENT = "current"  # the version this cjm reads and writes
    NEWER = "newer"  # written for a later cjm
    INVALID = "invalid"  # a `format` value that is no version this cjm knows


@dataclass(frozen=True)
class WrittenVersion:
    state: Version
    written: str | None = None  # the value as the file has it, for messages


def _number(value: Any) -> tuple[int, int] | None:
    """``"1.0"``, ``1.0``, ``2`` -> (major, minor); None for anything that is no version."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, 0)
    if isinstance(value, float):
        value = repr(value)
    if not isinstance(value, str):
        return None
    match = _VERSION.fullmatch(value)
    if match is None:
        return None
    return (int(match.group(1)), int(match.group(2) or 0))


CURRENT_NUMBER = _number(FORMAT_VERSION)


def written_version(data: dict[str, Any]) -> WrittenVersion:
    """The version the top-level mapping ``data`` of a file says it is in."""
    if "format" not in data:
        return WrittenVersion(Version.LEGACY)
    value = data["format"]
    shown = value if isinstance(value, str) else repr(value)
    number = _number(value)
    if number is None or CURRENT_NUMBER is None or number[0] < 1:
        return WrittenVersion(Version.INVALID, shown)
    if number == CURRENT_NUMBER:
        return WrittenVersion(Version.CURRENT, shown)
    if number > CURRENT_NUMBER:
        return WrittenVersion(Version.NEWER, shown)
    return WrittenVersion(Version.INVALID, shown)
