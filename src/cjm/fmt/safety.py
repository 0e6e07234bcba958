"""The safety net: the result must hold the same data as the input."""

from __future__ import annotations

from typing import Any

from cjm.fmt.common import FormatError
from cjm.load.yamlread import read_yaml

# -- the safety net -------------------------------------------------------------------------------


BUG_MESSAGE = "cjm fmt could not format this file without changing it"


def check_unchanged(before: str, after: str, path: str) -> None:
    """Refuse a result that does not read back as the same data."""
    old, new = read_yaml(before, path), read_yaml(after, path)
    if new.diagnostics or not same_data(old.data, new.data):
        raise FormatError(f"{path}: {BUG_MESSAGE} (its data would change); please report this")


def same_data(a: Any, b: Any) -> bool:
    """Whether two loaded documents hold the same data, types included (``1`` is not
    ``1.0`` nor ``True``; key order does not matter)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return repr(a) == repr(b)
    return bool(a == b)
