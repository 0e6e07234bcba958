"""The funnel as one SQL query, in DuckDB's dialect.

:func:`funnel_query` writes one ``SELECT`` reading ``cjm_events`` whose rows carry every
number of the funnel, in the fixed columns of :data:`RESULT_COLUMNS`. One statement, so
that `cjm measure --sql` can hand it to a data team and `--import` can read its result
back. Every identifier and literal is quoted; times become epoch seconds as they are read
(a time without a zone is read as UTC) and the period's bounds are numeric literals, so the
arithmetic after that is plain numbers in every dialect.

How it counts (the reference implementation in the tests counts the same way):

- **Unit.** ``user``: the user column. An event with no user id follows ``anonymous``:
  ``stitch`` gives it the user its anonymous id is linked to by any event of the source
  carrying both ids (several users: the one of the earliest linking event, ties to the
  smallest user id), and a never-linked anonymous id is a unit of its own; ``separate``
  makes every anonymous id a unit of its own; ``drop`` leaves it out. ``account`` and
  ``session``: that column. An empty id counts as none. An anonymous unit is keyed
  ``anonymous:<id>``, apart from the users. Events without a unit are left
  out of everything but the data summary's ``events_without_unit``.
- **Step events.** The event's name is one of the step's names and every ``where``
  condition holds. Conditions compare text: a JSON property as its text, a column cast to
  text, written values as text (``true``, ``3``). ``not_in`` lets a missing value pass.
- **Entry.** A unit enters at its first step-1 event in the period (``t1``). Later steps
  count up to ``t1 + window`` inclusive, even when that is after the period ends.
- **Order.** ``in-order``: ``t_k`` is the earliest step-k event with
  ``t_(k-1) <= time <= t1 + window`` (the same second counts). ``strict``: also, the
  earliest event of any funnel step other than step k-1 at or after ``t_(k-1)`` must be
  that step-k event (ties allowed). ``any``: step k counts when the unit has a step-k
  event in ``[t1, t1 + window]`` and reached every step before; there is no time to next.
- **Side steps** (optional and branch steps): units that entered and did the step in
  ``[t1, t1 + window]``.
- **Segments.** Everyone, then each persona: the units with any event in the period
  meeting all the persona's conditions.
- **Matches.** Per bound step, the events of the step in the period that have a unit, and
  how many units did them.

The query reads the events twice, and so costs about two reads of the ids and times plus
the steps' own work:

- once, every event, grouped by its ids (user and anonymous id, or the unit's column):
  each group's earliest time (for the anonymous-id links), its events in the period and
  its personas. The data summary, the links and the persona members are computed from
  those groups, far fewer rows than events;
- once, only the events whose name is one of a bound step's (a filter a file or warehouse
  reader applies as it reads), with one flag per bound step: the matched events.

Then it walks the funnel's line one step at a time: each step joins the units that reached
the step before (their entry time and that step's time) with the events that may be the
next, so the units it walks thin out as the funnel does and the query grows linearly with
the number of steps.
"""

from __future__ import annotations

from collections.abc import Sequence

from cjm.measure.columns import Ref
from cjm.measure.plan import FunnelPlan
from cjm.measure.runner import EVENTS_RELATION
from cjm.model.binding import Anonymous, Filter, FilterValue, Order, Unit

RESULT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("part", "VARCHAR"),
    ("persona", "VARCHAR"),
    ("step_index", "INTEGER"),
    ("n1", "BIGINT"),
    ("n2", "BIGINT"),
    ("n3", "BIGINT"),
    ("x1", "DOUBLE"),
    ("x2", "DOUBLE"),
)
"""The result's columns and their types. ``part`` says what a row holds:

- ``data``: ``n1`` events in the period, ``n2`` units, ``n3`` events without a unit;
- ``match``: bound step ``step_index`` (funnel steps, then side steps): ``n1`` events,
  ``n2`` units;
- ``step``: funnel step ``step_index`` for ``persona`` (null: everyone): ``n1`` reach,
  ``n2`` durations to the next step, ``x1`` their median and ``x2`` their 90th percentile
  in seconds;
- ``side``: side step ``step_index`` for ``persona``: ``n1`` reach.
"""

ANONYMOUS_PREFIX = "'anonymous:'"
"""A unit that is an anonymous id is keyed by the id after this prefix, so that it stays
apart from a user of the same id."""

PART_DATA = "data"
PART_MATCH = "match"
PART_STEP = "step"
PART_SIDE = "side"


def ident(name: str) -> str:
    """``name`` as a quoted identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """``text`` as a quoted string literal."""
    return "'" + text.replace("'", "''") + "'"


def number(value: float) -> str:
    """A plain numeric literal (no exponent)."""
    if float(value).is_integer():
        return str(int(value))
    return format(value, "f")


def value_text(value: FilterValue) -> str:
    """A written filter value as the text it is compared with."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def json_path(key: str) -> str:
    """A JSON path to the top-level ``key``, quoted so any key is read as written."""
    return '$."' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Writer:
    def __init__(self, plan: FunnelPlan) -> None:
        self.plan = plan
        self.columns = plan.columns

    def ref(self, ref: Ref) -> str:
        if ref.column is not None:
            return f"CAST({ident(ref.column)} AS VARCHAR)"
        assert ref.property is not None and self.columns.properties is not None
        path = literal(json_path(ref.property))
        return f"json_extract_string({ident(self.columns.properties)}, {path})"

    def filter(self, filter_: Filter) -> str:
        value = self.ref(Ref(column=filter_.column, property=filter_.property))
        if filter_.equals is not None:
            return f"{value} = {literal(value_text(filter_.equals))}"
        if filter_.in_ is not None:
            return f"{value} IN ({self.values(filter_.in_)})"
        if filter_.not_in is not None:
            return f"({value} IS NULL OR {value} NOT IN ({self.values(filter_.not_in)}))"
        return f"{value} IS {'NOT ' if filter_.exists else ''}NULL"

    def values(self, values: Sequence[FilterValue]) -> str:
        return ", ".join(literal(value_text(value)) for value in values)

    def condition(self, events: Sequence[str] | None, where: Sequence[Filter]) -> str:
        parts = []
        if events is not None:
            names = ", ".join(literal(name) for name in events)
            parts.append(f"{self.ref(self.columns.event)} IN ({names})")
        parts.extend(f"({self.filter(filter_)})" for filter_ in where)
        return "COALESCE(" + " AND ".join(parts) + ", FALSE)"

    def id_value(self, ref: Ref) -> str:
        return f"NULLIF({self.ref(ref)}, '')"


def funnel_query(plan: FunnelPlan) -> str:
    """The one SELECT that computes every funnel number of ``plan``."""
    w = _Writer(plan)
    columns = plan.columns
    bound = plan.bound_steps
    n = len(plan.steps)
    sides = len(plan.side_steps)
    personas = len(plan.personas)
    window = number(plan.window_seconds)
    start, end = number(plan.start_epoch), number(plan.end_epoch)
    last = number(plan.end_epoch + plan.window_seconds)
    stitch = plan.unit is Unit.USER and plan.anonymous is Anonymous.STITCH
    anonymous = (
        plan.unit is Unit.USER
        and plan.anonymous is not Anonymous.DROP
        and columns.anonymous is not None
    )
    ctes: list[str] = []

    # Each event's ids and epoch seconds, read the same way by both passes below.
    if plan.unit is Unit.USER:
        assert columns.user is not None
        ids = [f"{w.id_value(columns.user)} AS cjm_u"]
        if anonymous:
            assert columns.anonymous is not None
            ids.append(f"{w.id_value(columns.anonymous)} AS cjm_a")
    else:
        assert plan.unit_ref is not None
        ids = [f"{w.id_value(plan.unit_ref)} AS cjm_k"]
    assert columns.time.column is not None
    ids.append(f"epoch(CAST({ident(columns.time.column)} AS TIMESTAMPTZ)) AS cjm_t")
    keys = [text.rsplit(" AS ", 1)[1] for text in ids[:-1]]
    in_period = f"cjm_t >= {start} AND cjm_t < {end}"

    # Pass one, over every event: one row per combination of ids, with its earliest time
    # (for the anonymous-id links), its events in the period and its personas.
    personas_read = [
        f"{w.condition(None, persona.where)} AS cjm_p{index}"
        for index, persona in enumerate(plan.personas)
    ]
    grouped = [*keys, "MIN(cjm_t) AS cjm_first"]
    grouped.append(f"SUM(CASE WHEN {in_period} THEN 1 ELSE 0 END) AS cjm_n")
    grouped += [
        f"MAX(CASE WHEN {in_period} AND cjm_p{index} THEN 1 ELSE 0 END) AS cjm_p{index}"
        for index in range(personas)
    ]
    ctes.append(
        "cjm_ids AS (\n  SELECT "
        + ",\n    ".join(grouped)
        + "\n  FROM (\n    SELECT "
        + ", ".join(ids + personas_read)
        + f"\n    FROM {ident(EVENTS_RELATION)}\n  ) AS cjm_read\n  GROUP BY "
        + ", ".join(keys)
        + "\n)"
    )
    if stitch and anonymous:
        ctes.append(
            "cjm_links AS (\n  SELECT cjm_a, cjm_u FROM (\n"
            "    SELECT cjm_a, cjm_u,\n"
            "      ROW_NUMBER() OVER (PARTITION BY cjm_a ORDER BY cjm_first, cjm_u) AS cjm_rank\n"
            "    FROM cjm_ids\n"
            "    WHERE cjm_u IS NOT NULL AND cjm_a IS NOT NULL AND cjm_first IS NOT NULL\n"
            "  ) AS cjm_ranked\n  WHERE cjm_rank = 1\n)"
        )

    def unit_of(alias: str) -> tuple[str, str]:
        """The unit of a row of ``alias`` and the join that finds it."""
        if plan.unit is not Unit.USER:
            return f"{alias}.cjm_k", ""
        if not anonymous:
            return f"{alias}.cjm_u", ""
        if not stitch:
            return (
                f"CASE WHEN {alias}.cjm_u IS NOT NULL THEN {alias}.cjm_u"
                f" WHEN {alias}.cjm_a IS NOT NULL THEN {ANONYMOUS_PREFIX} || {alias}.cjm_a END",
                "",
            )
        return (
            f"CASE WHEN {alias}.cjm_u IS NOT NULL THEN {alias}.cjm_u"
            f" WHEN l.cjm_u IS NOT NULL THEN l.cjm_u"
            f" WHEN {alias}.cjm_a IS NOT NULL THEN {ANONYMOUS_PREFIX} || {alias}.cjm_a END",
            f" LEFT JOIN cjm_links AS l ON l.cjm_a = {alias}.cjm_a",
        )

    # What the period held, and which personas each unit is in.
    unit, join = unit_of("g")
    member_flags = "".join(f", g.cjm_p{index}" for index in range(personas))
    ctes.append(
        f"cjm_held AS (\n  SELECT {unit} AS cjm_unit, g.cjm_n{member_flags}\n"
        f"  FROM cjm_ids AS g{join}\n  WHERE g.cjm_n > 0\n)"
    )
    ctes.append(
        "cjm_counts AS (\n  SELECT\n    COALESCE(SUM(cjm_n), 0) AS cjm_events,\n"
        "    COUNT(DISTINCT cjm_unit) AS cjm_units,\n"
        "    COALESCE(SUM(CASE WHEN cjm_unit IS NULL THEN cjm_n ELSE 0 END), 0) AS cjm_lost\n"
        "  FROM cjm_held\n)"
    )
    if personas:
        members = ", ".join(f"MAX(cjm_p{index}) AS cjm_p{index}" for index in range(personas))
        any_persona = " OR ".join(f"cjm_p{index} = 1" for index in range(personas))
        ctes.append(
            f"cjm_members AS (\n  SELECT cjm_unit, {members}\n  FROM cjm_held\n"
            f"  WHERE cjm_unit IS NOT NULL AND ({any_persona})\n  GROUP BY cjm_unit\n)"
        )

    # Pass two, over the events named by a bound step only (a filter the file reader
    # applies as it reads): their unit, time and one flag per bound step.
    names: list[str] = []
    for step in bound:
        names += [name for name in step.events if name not in names]
    step_read = [
        f"{w.condition(step.events, step.where)} AS cjm_s{index}"
        for index, step in enumerate(bound)
    ]
    step_flags = [f"cjm_s{index}" for index in range(len(bound))]
    ctes.append(
        "cjm_se AS (\n  SELECT "
        + ", ".join(ids + step_read)
        + f"\n  FROM {ident(EVENTS_RELATION)}\n  WHERE {w.ref(columns.event)} IN ("
        + ", ".join(literal(name) for name in names)
        + ")\n)"
    )
    span = (
        f"s.cjm_t >= {start} AND s.cjm_t < {last} AND ("
        + " OR ".join(f"s.{flag}" for flag in step_flags)
        + ")"
    )
    carried = ", ".join(f"s.{flag}" for flag in step_flags)
    if stitch and anonymous:
        # Events with a user id need no look-up; only the others are joined to the links.
        unit, join = unit_of("s")
        found = (
            f"    SELECT s.cjm_u AS cjm_unit, s.cjm_t, {carried}\n    FROM cjm_se AS s\n"
            f"    WHERE s.cjm_u IS NOT NULL AND {span}\n    UNION ALL\n"
            f"    SELECT {unit} AS cjm_unit, s.cjm_t, {carried}\n    FROM cjm_se AS s{join}\n"
            f"    WHERE s.cjm_u IS NULL AND {span}"
        )
    else:
        unit, join = unit_of("s")
        found = (
            f"    SELECT {unit} AS cjm_unit, s.cjm_t, {carried}\n    FROM cjm_se AS s{join}\n"
            f"    WHERE {span}"
        )
    ctes.append(
        f"cjm_m AS (\n  SELECT cjm_unit, cjm_t, {', '.join(step_flags)}\n  FROM (\n"
        f"{found}\n  ) AS cjm_found\n  WHERE cjm_unit IS NOT NULL\n)"
    )

    # What each bound step matched in the period: its events, and how many units did them.
    events = [
        f"COALESCE(SUM(CASE WHEN cjm_s{index} THEN 1 ELSE 0 END), 0) AS cjm_me{index}"
        for index in range(len(bound))
    ]
    ctes.append(
        "cjm_matches AS (\n  SELECT "
        + ", ".join(events)
        + f"\n  FROM cjm_m\n  WHERE cjm_t < {end}\n)"
    )
    did = [
        f"MAX(CASE WHEN cjm_s{index} THEN 1 ELSE 0 END) AS cjm_h{index}"
        for index in range(len(bound))
    ]
    ctes.append(
        "cjm_matched AS (\n  SELECT cjm_unit,\n    "
        + ",\n    ".join(did)
        + f"\n  FROM cjm_m\n  WHERE cjm_t < {end}\n  GROUP BY cjm_unit\n)"
    )
    totals = [f"COALESCE(SUM(cjm_h{index}), 0) AS cjm_mu{index}" for index in range(len(bound))]
    ctes.append("cjm_totals AS (\n  SELECT " + ", ".join(totals) + "\n  FROM cjm_matched\n)")
    ctes.append(
        "cjm_summary AS (\n  SELECT *\n  FROM cjm_counts CROSS JOIN cjm_matches"
        " CROSS JOIN cjm_totals\n)"
    )

    # The funnel's line, one step at a time: each step joins the units that reached the
    # step before (their entry time and that step's time) with the events that may be the
    # next, so the units it walks thin out as the funnel does.
    ctes.append(
        "cjm_r0 AS (\n  SELECT cjm_unit, MIN(cjm_t) AS cjm_t0, MIN(cjm_t) AS cjm_t\n  FROM cjm_m\n"
        f"  WHERE cjm_s0 AND cjm_t < {end}\n  GROUP BY cjm_unit\n)"
    )
    for k in range(1, n):
        lower = "p.cjm_t0" if plan.order is Order.ANY else "p.cjm_t"
        having = ""
        if plan.order is Order.STRICT:
            others = " OR ".join(f"x.cjm_s{j}" for j in range(n) if j != k - 1)
            having = f"\n  HAVING MIN(CASE WHEN x.cjm_s{k} THEN x.cjm_t END) = MIN(x.cjm_t)"
        else:
            others = f"x.cjm_s{k}"
        ctes.append(
            f"cjm_r{k} AS (\n  SELECT p.cjm_unit, MIN(p.cjm_t0) AS cjm_t0, MIN(x.cjm_t) AS cjm_t\n"
            f"  FROM cjm_r{k - 1} AS p\n  JOIN cjm_m AS x ON x.cjm_unit = p.cjm_unit"
            f" AND x.cjm_t >= {lower} AND x.cjm_t <= p.cjm_t0 + {window} AND ({others})\n"
            f"  GROUP BY p.cjm_unit{having}\n)"
        )
    unit_columns = ["r.cjm_t0"] + [f"q{k}.cjm_t AS cjm_t{k}" for k in range(1, n)]
    joins = [f" LEFT JOIN cjm_r{k} AS q{k} ON q{k}.cjm_unit = r.cjm_unit" for k in range(1, n)]
    if sides:
        side_did = ", ".join(
            f"MAX(CASE WHEN x.cjm_s{n + j} THEN 1 ELSE 0 END) AS cjm_side{j}" for j in range(sides)
        )
        any_side = " OR ".join(f"x.cjm_s{n + j}" for j in range(sides))
        ctes.append(
            f"cjm_sides AS (\n  SELECT p.cjm_unit, {side_did}\n  FROM cjm_r0 AS p\n"
            "  JOIN cjm_m AS x ON x.cjm_unit = p.cjm_unit AND x.cjm_t >= p.cjm_t0"
            f" AND x.cjm_t <= p.cjm_t0 + {window} AND ({any_side})\n  GROUP BY p.cjm_unit\n)"
        )
        unit_columns += [f"sd.cjm_side{j}" for j in range(sides)]
        joins.append(" LEFT JOIN cjm_sides AS sd ON sd.cjm_unit = r.cjm_unit")
    unit_columns += [f"mb.cjm_p{index}" for index in range(personas)]
    if personas:
        joins.append(" LEFT JOIN cjm_members AS mb ON mb.cjm_unit = r.cjm_unit")
    ctes.append(
        "cjm_units AS (\n  SELECT "
        + ", ".join(unit_columns)
        + "\n  FROM cjm_r0 AS r"
        + "\n   ".join(joins)
        + "\n)"
    )

    # Everyone and each persona: one pass over the units that entered.
    segments = " UNION ALL ".join(f"SELECT {index} AS cjm_seg" for index in range(personas + 1))
    ctes.append(f"cjm_segs AS (\n  {segments}\n)")
    belongs = " OR ".join(
        ["g.cjm_seg = 0"]
        + [f"(g.cjm_seg = {index + 1} AND u.cjm_p{index} = 1)" for index in range(personas)]
    )
    aggregates = [f"COUNT(u.cjm_t{k}) AS cjm_c{k}" for k in range(n)]
    if plan.order is not Order.ANY:
        for k in range(n - 1):
            gap = f"u.cjm_t{k + 1} - u.cjm_t{k}"
            aggregates.append(f"PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY {gap}) AS cjm_med{k}")
            aggregates.append(f"PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY {gap}) AS cjm_p90_{k}")
    aggregates += [f"COALESCE(SUM(u.cjm_side{j}), 0) AS cjm_sd{j}" for j in range(sides)]
    ctes.append(
        "cjm_agg AS (\n  SELECT g.cjm_seg,\n    "
        + ",\n    ".join(aggregates)
        + f"\n  FROM cjm_segs AS g\n  LEFT JOIN cjm_units AS u ON {belongs}\n"
        "  GROUP BY g.cjm_seg\n)"
    )
    ctes.append(_index("cjm_mi", len(bound) + 1))
    ctes.append(_index("cjm_si", n + sides))

    data_rows = _data_rows(len(bound))
    funnel_rows = _funnel_rows(plan, n, sides)
    return "WITH " + ",\n".join(ctes) + "\n" + data_rows + "\nUNION ALL\n" + funnel_rows + "\n"


def _index(name: str, count: int) -> str:
    rows = " UNION ALL ".join(f"SELECT {index} AS cjm_i" for index in range(count))
    return f"{name} AS (\n  {rows}\n)"


def _case(index: str, values: Sequence[str | None]) -> str:
    branches = " ".join(
        f"WHEN {position} THEN {value}"
        for position, value in enumerate(values)
        if value is not None
    )
    return f"CASE {index} {branches} END" if branches else "NULL"


def _data_rows(bound: int) -> str:
    i = "i.cjm_i"
    n1 = _case(i, ["d.cjm_events"] + [f"d.cjm_me{index}" for index in range(bound)])
    n2 = _case(i, ["d.cjm_units"] + [f"d.cjm_mu{index}" for index in range(bound)])
    n3 = _case(i, ["d.cjm_lost"])
    return (
        f"SELECT CAST(CASE WHEN {i} = 0 THEN '{PART_DATA}' ELSE '{PART_MATCH}' END AS VARCHAR)"
        " AS part,\n"
        "  CAST(NULL AS VARCHAR) AS persona,\n"
        f"  CAST(CASE WHEN {i} = 0 THEN 0 ELSE {i} - 1 END AS INTEGER) AS step_index,\n"
        f"  CAST({n1} AS BIGINT) AS n1,\n"
        f"  CAST({n2} AS BIGINT) AS n2,\n"
        f"  CAST({n3} AS BIGINT) AS n3,\n"
        "  CAST(NULL AS DOUBLE) AS x1,\n"
        "  CAST(NULL AS DOUBLE) AS x2\n"
        "FROM cjm_summary AS d CROSS JOIN cjm_mi AS i"
    )


def _funnel_rows(plan: FunnelPlan, n: int, sides: int) -> str:
    i = "i.cjm_i"
    timed = plan.order is not Order.ANY
    n1 = _case(i, [f"a.cjm_c{k}" for k in range(n)] + [f"a.cjm_sd{j}" for j in range(sides)])
    n2 = _case(i, [f"a.cjm_c{k + 1}" if timed and k + 1 < n else None for k in range(n)])
    x1 = _case(i, [f"a.cjm_med{k}" if timed and k + 1 < n else None for k in range(n)])
    x2 = _case(i, [f"a.cjm_p90_{k}" if timed and k + 1 < n else None for k in range(n)])
    personas = _case("a.cjm_seg", [None] + [literal(persona.persona) for persona in plan.personas])
    return (
        f"SELECT CASE WHEN {i} < {n} THEN '{PART_STEP}' ELSE '{PART_SIDE}' END,\n"
        f"  {personas},\n"
        f"  CASE WHEN {i} < {n} THEN {i} ELSE {i} - {n} END,\n"
        f"  {n1},\n  {n2},\n  NULL,\n  {x1},\n  {x2}\n"
        "FROM cjm_agg AS a CROSS JOIN cjm_si AS i"
    )
