"""What runs a query: the embedded DuckDB or a warehouse, behind one small interface.

The funnel and feedback code write their SQL once, in DuckDB's dialect, and hand it to a
runner; a warehouse runner transpiles it to its own dialect first. Tests use the same
interface to run one query on DuckDB, PostgreSQL and Spark and compare the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from cjm.model.snapshot import Engine

SOURCE_DIALECT = "duckdb"
"""The dialect every query is written in before it is transpiled."""

EVENTS_RELATION = "cjm_events"
"""The name the events source is read under in every query: a DuckDB view over the
files, or, in a warehouse, the source's table (the runner substitutes it)."""

FEEDBACK_RELATION = "cjm_feedback"
"""The name the feedback source is read under in every query."""


class MeasureError(Exception):
    """Measuring cannot go on: a source that cannot be read, a warehouse client that is
    not installed, a query the engine refuses. The message says what and where."""


class Runner(Protocol):
    """Runs queries written in DuckDB's dialect against one source."""

    @property
    def dialect(self) -> str:
        """The sqlglot name of the dialect the queries are run in (``duckdb``, ``postgres``)."""
        ...

    def engine(self) -> Engine:
        """What computes the numbers, for the snapshot."""
        ...

    def run(self, sql: str) -> Sequence[tuple[Any, ...]]:
        """Run ``sql`` (DuckDB dialect, reading ``cjm_events`` / ``cjm_feedback``) and
        return its rows; raise :class:`MeasureError` when it fails."""
        ...

    def close(self) -> None: ...
