"""Where a workspace's data lives: the `measure` section of ``cjm.yaml``.

Sources are named once in ``cjm.yaml`` and referred to by id from each map's binding file
(``<map>.measures.yaml``). A source is local files (computed with an embedded DuckDB) or
a table in a warehouse (computed there). Credentials never appear here: a warehouse
connection names the environment variables that hold its settings.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from cjm.model.base import CjmModel, Slug, Text, id_field

ENV_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"

EnvName = Annotated[str, StringConstraints(pattern=ENV_NAME_PATTERN)]
"""The name of an environment variable, for example ``CJM_WAREHOUSE_DSN``."""

MEMORY_PATTERN = r"^[0-9]+(?:\.[0-9]+)? ?(?:KB|MB|GB|TB|KiB|MiB|GiB|TiB)$"

MemorySize = Annotated[str, StringConstraints(pattern=MEMORY_PATTERN)]
"""An amount of memory, for example ``2GB`` or ``512 MiB``."""


class SourceKind(StrEnum):
    """What rows a source holds."""

    EVENTS = "events"
    FEEDBACK = "feedback"


class FileFormat(StrEnum):
    """How local files are written."""

    PARQUET = "parquet"
    CSV = "csv"
    JSON_LINES = "jsonl"


class EventShape(StrEnum):
    """A preset of column names for a common event table."""

    GENERIC = "generic"
    SEGMENT = "segment"
    SNOWPLOW = "snowplow"
    POSTHOG = "posthog"


class Warehouse(StrEnum):
    """Warehouses cjm runs its SQL in, through each one's own Python client."""

    POSTGRES = "postgres"
    SPARK = "spark"
    BIGQUERY = "bigquery"
    SNOWFLAKE = "snowflake"
    TRINO = "trino"


class ColumnRef(CjmModel):
    """A value read from the row: a column, or a key of the JSON properties column."""

    column: Text | None = Field(default=None, description="A column of the table.")
    property: Text | None = Field(
        default=None, description="A key of the JSON properties column, for example `plan`."
    )

    @model_validator(mode="after")
    def _one_of(self) -> ColumnRef:
        if (self.column is None) == (self.property is None):
            raise PydanticCustomError("column_ref", "Write exactly one of `column` and `property`")
        return self


ColumnValue = Text | ColumnRef


class EventColumns(CjmModel):
    """Which columns of an event table hold what cjm needs. Every key overrides the
    shape's preset; a column name may be written as text or as `{column: ...}`, and a
    value kept in the JSON properties as `{property: ...}`."""

    user: ColumnValue | None = Field(default=None, description="The known user's id.")
    anonymous: ColumnValue | None = Field(
        default=None,
        description="The id of a visitor not yet identified (a device or cookie id).",
    )
    account: ColumnValue | None = Field(
        default=None, description="The account (company, household) the user belongs to."
    )
    session: ColumnValue | None = Field(default=None, description="The session id.")
    event: ColumnValue | None = Field(default=None, description="The event's name.")
    time: ColumnValue | None = Field(
        default=None,
        description="When the event happened. A time without a zone is read as UTC.",
    )
    properties: Text | None = Field(
        default=None, description="The column holding the event's properties as JSON."
    )


class FeedbackColumns(CjmModel):
    """Which columns of a feedback table hold what cjm needs."""

    step: Text | None = Field(default="step", description="The step id the answer is about.")
    touchpoint: Text | None = Field(
        default=None, description="The touchpoint id, when rows name a touchpoint, not a step."
    )
    persona: Text | None = Field(
        default=None, description="The persona id or segment the respondent belongs to."
    )
    rating: Text | None = Field(default=None, description="The rating (CSAT, CES or NPS).")
    comment: Text | None = Field(default=None, description="The free-text answer.")
    time: Text | None = Field(default=None, description="When the answer was given.")


class Source(CjmModel):
    """One source of events or feedback."""

    id: Slug = id_field("source")
    kind: SourceKind = Field(description="`events` (product events) or `feedback` (answers).")
    files: Text | None = Field(
        default=None,
        description="Local files, relative to cjm.yaml; a glob such as `data/events/*.parquet` "
        "reads every file it matches. Computed with an embedded DuckDB.",
    )
    file_format: FileFormat | None = Field(
        default=None,
        description="parquet, csv or jsonl; without it, read from the files' extension.",
    )
    warehouse: Warehouse | None = Field(
        default=None,
        description="The warehouse the table is in: postgres, spark, bigquery, snowflake "
        "or trino. The SQL runs there, through its own Python client.",
    )
    table: Text | None = Field(
        default=None, description="The warehouse table, for example `analytics.events`."
    )
    connection: dict[str, EnvName] = Field(
        default_factory=dict,
        description="Settings of the warehouse's Python client, each named by the environment "
        "variable that holds it (`dsn: CJM_PG_DSN`). Never the values themselves.",
    )
    shape: EventShape = Field(
        default=EventShape.GENERIC,
        description="For events: the preset of column names (generic, segment, snowplow, posthog).",
    )
    columns: EventColumns | None = Field(
        default=None, description="For events: column names that differ from the shape's preset."
    )
    feedback_columns: FeedbackColumns | None = Field(
        default=None,
        description="For feedback: which columns hold the step, persona, rating and comment.",
    )

    @model_validator(mode="after")
    def _where(self) -> Source:
        if (self.files is None) == (self.warehouse is None):
            raise PydanticCustomError(
                "source_place",
                "Write exactly one of `files` (local files) and `warehouse` (a warehouse "
                "table) for source '{id}'",
                {"id": self.id},
            )
        if self.warehouse is not None and self.table is None:
            raise PydanticCustomError(
                "source_table",
                "Source '{id}' is in a warehouse: write `table`, the table to read",
                {"id": self.id},
            )
        if self.files is not None and (self.table is not None or self.connection):
            raise PydanticCustomError(
                "source_files",
                "Source '{id}' reads local files: `table` and `connection` are for warehouses",
                {"id": self.id},
            )
        if self.kind is SourceKind.EVENTS and self.feedback_columns is not None:
            raise PydanticCustomError(
                "source_columns",
                "Source '{id}' holds events: name its columns under `columns`",
                {"id": self.id},
            )
        if self.kind is SourceKind.FEEDBACK and self.columns is not None:
            raise PydanticCustomError(
                "source_columns",
                "Source '{id}' holds feedback: name its columns under `feedback_columns`",
                {"id": self.id},
            )
        return self


class MeasureSettings(CjmModel):
    """How `cjm measure` reads data and where it writes what it measured."""

    snapshots: Text = Field(
        default="measurements",
        description="The folder, relative to cjm.yaml, of the generated snapshots "
        "(`<folder>/<map-id>.yaml`).",
    )
    memory_limit: MemorySize | None = Field(
        default=None,
        description="The most memory the embedded DuckDB may use, for example `2GB`; "
        "without it, DuckDB's own default (80% of the machine's memory).",
    )
    threads: int | None = Field(
        default=None, ge=1, le=1024, description="Threads DuckDB may use; without it, all."
    )
    sources: list[Source] = Field(
        default_factory=list, description="Where events and feedback are read from."
    )

    def source(self, source_id: str) -> Source | None:
        return next((source for source in self.sources if source.id == source_id), None)
