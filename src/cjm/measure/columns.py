"""Which columns of an events source hold the user, the time, the event's name.

A source's ``shape`` picks a preset of column names for a common event table; every key
under ``columns`` in ``cjm.yaml`` overrides the preset's. A value may live in a column or
under a key of the JSON properties column (``{property: ...}``).

=========  =========  =============  ================  ==========  ==============  ==========
shape      user       anonymous      session           event       time            properties
=========  =========  =============  ================  ==========  ==============  ==========
generic    user_id    anonymous_id   session_id        event       timestamp       properties
segment    user_id    anonymous_id   (none)            event       timestamp       (none)
snowplow   user_id    domain_userid  domain_sessionid  event_name  derived_tstamp  (none)
posthog    person_id  distinct_id    ``$session_id``   event       timestamp       properties
=========  =========  =============  ================  ==========  ==============  ==========

PostHog's session is the property ``$session_id``.
The account is the property ``account_id`` for ``generic`` and ``$group_0`` (the first
group type) for ``posthog``; the other shapes have none until ``columns.account`` names it.

The presets follow each product's own table: Segment's warehouse ``tracks`` table
(``anonymous_id``, ``user_id``, ``event``, ``timestamp``; custom properties become columns
of per-event tables, so there is no JSON properties column), Snowplow's ``atomic.events``
(``user_id``, the first-party cookie ``domain_userid``, ``domain_sessionid``,
``event_name``, ``derived_tstamp``), and PostHog's ``events`` table (``person_id``,
``distinct_id``, ``event``, ``timestamp``, and ``properties`` as a JSON string).
"""

from __future__ import annotations

from dataclasses import dataclass

from cjm.model.sources import ColumnRef, ColumnValue, EventShape, Source

ROLES = ("user", "anonymous", "account", "session", "event", "time")


@dataclass(frozen=True)
class Ref:
    """Where one value is read: a column (``column``) or a JSON property (``property``)."""

    column: str | None = None
    property: str | None = None

    def describe(self) -> str:
        if self.column is not None:
            return f"column '{self.column}'"
        return f"property '{self.property}'"


@dataclass(frozen=True)
class ResolvedColumns:
    """The columns of one events source, after the shape's preset and the overrides."""

    shape: EventShape
    user: Ref | None
    anonymous: Ref | None
    account: Ref | None
    session: Ref | None
    event: Ref
    time: Ref
    properties: str | None

    def role(self, name: str) -> Ref | None:
        value: Ref | None = getattr(self, name)
        return value

    def table_columns(self) -> list[str]:
        """Every column of the table this resolution reads, in a stable order."""
        names: list[str] = []
        for name in ROLES:
            ref = self.role(name)
            if ref is not None and ref.column is not None and ref.column not in names:
                names.append(ref.column)
        if self.properties is not None and self.properties not in names:
            names.append(self.properties)
        return names


def _col(name: str) -> Ref:
    return Ref(column=name)


def _prop(name: str) -> Ref:
    return Ref(property=name)


PRESETS: dict[EventShape, dict[str, Ref | str | None]] = {
    EventShape.GENERIC: {
        "user": _col("user_id"),
        "anonymous": _col("anonymous_id"),
        "account": _prop("account_id"),
        "session": _col("session_id"),
        "event": _col("event"),
        "time": _col("timestamp"),
        "properties": "properties",
    },
    EventShape.SEGMENT: {
        "user": _col("user_id"),
        "anonymous": _col("anonymous_id"),
        "account": None,
        "session": None,
        "event": _col("event"),
        "time": _col("timestamp"),
        "properties": None,
    },
    EventShape.SNOWPLOW: {
        "user": _col("user_id"),
        "anonymous": _col("domain_userid"),
        "account": None,
        "session": _col("domain_sessionid"),
        "event": _col("event_name"),
        "time": _col("derived_tstamp"),
        "properties": None,
    },
    EventShape.POSTHOG: {
        "user": _col("person_id"),
        "anonymous": _col("distinct_id"),
        "account": _prop("$group_0"),
        "session": _prop("$session_id"),
        "event": _col("event"),
        "time": _col("timestamp"),
        "properties": "properties",
    },
}


def _ref(value: ColumnValue) -> Ref:
    if isinstance(value, ColumnRef):
        return Ref(column=value.column, property=value.property)
    return Ref(column=value)


def resolve_columns(source: Source) -> ResolvedColumns:
    """The shape's preset with ``source.columns`` written over it."""
    preset = dict(PRESETS[source.shape])
    overrides = source.columns
    if overrides is not None:
        for name in ROLES:
            value = getattr(overrides, name)
            if value is not None:
                preset[name] = _ref(value)
        if overrides.properties is not None:
            preset["properties"] = overrides.properties
    refs = {name: preset[name] for name in ROLES}
    properties = preset["properties"]
    event, time = refs["event"], refs["time"]
    assert isinstance(event, Ref) and isinstance(time, Ref)
    assert properties is None or isinstance(properties, str)

    def optional(name: str) -> Ref | None:
        value = refs[name]
        assert value is None or isinstance(value, Ref)
        return value

    return ResolvedColumns(
        shape=source.shape,
        user=optional("user"),
        anonymous=optional("anonymous"),
        account=optional("account"),
        session=optional("session"),
        event=event,
        time=time,
        properties=properties,
    )
