"""Read back a funnel result computed elsewhere (``cjm measure --import FILE``).

A data team runs the query ``cjm measure --sql`` prints in its own warehouse and saves the
result as CSV with a header row. The columns must be the query's own, in any order;
anything else is refused with the row and column at fault, because a result read wrongly
would be a confident wrong answer.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

from cjm.measure.runner import MeasureError

NULLS = frozenset({"", "null", "NULL", "None", "\\N", "NaN"})


def _value(text: str, kind: str, where: str) -> Any:
    if text in NULLS:
        return None
    try:
        if kind == "int":
            number = float(text)
            if not number.is_integer():
                raise ValueError
            return int(number)
        if kind == "float":
            number = float(text)
            if not math.isfinite(number):
                raise ValueError
            return number
    except ValueError:
        raise MeasureError(
            f"{where}: expected {'a whole number' if kind == 'int' else 'a number'}, found {text!r}"
        ) from None
    return text


def read_result(path: Path) -> list[tuple[Any, ...]]:
    """The rows of the CSV at ``path``, in the query's column order, typed."""
    from cjm.measure.funnel_sql import RESULT_COLUMNS

    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise MeasureError(f"{path}: the file is empty; expected a CSV with a header row")
            names = [name.strip().lower() for name in header]
            expected = [name for name, _ in RESULT_COLUMNS]
            missing = [name for name in expected if name not in names]
            extra = [name for name in names if name not in expected]
            if missing or extra:
                said = []
                if missing:
                    said.append("missing " + ", ".join(missing))
                if extra:
                    said.append("unexpected " + ", ".join(extra))
                raise MeasureError(
                    f"{path}:1: the header is not the query's columns ({'; '.join(said)}); "
                    f"expected {', '.join(expected)}"
                )
            order = [names.index(name) for name in expected]
            rows: list[tuple[Any, ...]] = []
            for number, record in enumerate(reader, start=2):
                if not record:
                    continue
                if len(record) != len(names):
                    raise MeasureError(
                        f"{path}:{number}: {len(record)} values where the header has {len(names)}"
                    )
                rows.append(
                    tuple(
                        _value(record[index], kind, f"{path}:{number}: column {name}")
                        for index, (name, kind) in zip(order, RESULT_COLUMNS, strict=True)
                    )
                )
    except OSError as problem:
        raise MeasureError(f"cannot read {path}: {problem.strerror or problem}") from None
    except (UnicodeDecodeError, csv.Error) as problem:
        raise MeasureError(f"{path}: not a UTF-8 CSV file ({problem})") from None
    return rows
