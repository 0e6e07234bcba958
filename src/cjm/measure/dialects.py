"""The measuring SQL in a warehouse's own dialect.

Every query is written once, in DuckDB's dialect, and transpiled with sqlglot. sqlglot gets
most constructs right; for the few it transpiles wrongly, or into something approximate
without a word, the FIX TABLE below rewrites the syntax tree before the target dialect's
SQL is generated. Each fix is data (name, why, function), so the documentation lists them
(docs/warehouses.md) and each one has a test that fails without it.

This module imports sqlglot; only the code that measures imports this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, ParseError, UnsupportedError

from cjm.measure.runner import SOURCE_DIALECT, MeasureError

SUPPORTED_DIALECTS = ("duckdb", "postgres", "spark", "bigquery", "snowflake", "trino")
"""The sqlglot names of the dialects a query can be transpiled to."""

Rewrite = Callable[[exp.Expr], exp.Expr]


class Fix(NamedTuple):
    """One rewrite of the syntax tree, applied to every node before generating SQL."""

    name: str
    why: str
    function: Rewrite


def transpile(sql: str, dialect: str, tables: Mapping[str, str] | None = None) -> str:
    """``sql`` (DuckDB's dialect) in ``dialect``, pretty-printed, with that dialect's fixes.

    ``tables`` maps a relation the query reads (``cjm_events``) to the table it stands for
    in the target (``analytics.events``, written as the target dialect writes names); the
    relation name stays the table's alias, so columns qualified with it still resolve.
    DuckDB with no tables to substitute (and no fixes) is returned unchanged.
    """
    if dialect not in SUPPORTED_DIALECTS:
        raise MeasureError(
            f"Unknown SQL dialect '{dialect}': use one of {', '.join(SUPPORTED_DIALECTS)}"
        )
    if dialect == SOURCE_DIALECT and not tables and not FIXES[dialect]:
        return sql
    try:
        trees = [tree for tree in sqlglot.parse(sql, read=SOURCE_DIALECT) if tree is not None]
    except ParseError as error:
        raise MeasureError(f"The query is not valid DuckDB SQL: {error}") from None
    statements = []
    for parsed in trees:
        tree = _substitute_tables(parsed, tables or {}, dialect)
        for fix in FIXES[dialect]:
            tree = tree.transform(fix.function)
        try:
            statements.append(
                tree.sql(dialect=dialect, pretty=True, unsupported_level=ErrorLevel.RAISE)
            )
        except UnsupportedError as error:
            raise MeasureError(f"The query cannot be written for {dialect}: {error}") from None
    return ";\n".join(statements)


def _substitute_tables(tree: exp.Expr, tables: Mapping[str, str], dialect: str) -> exp.Expr:
    if not tables:
        return tree
    shadowed = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    replacements = {}
    for relation, table in tables.items():
        try:
            replacements[relation] = exp.to_table(table, dialect=dialect)
        except (ParseError, ValueError) as error:
            raise MeasureError(
                f"The table name '{table}' is not valid {dialect}: {error}"
            ) from None

    def substitute(node: exp.Expr) -> exp.Expr:
        if (
            isinstance(node, exp.Table)
            and not node.args.get("db")
            and not node.args.get("catalog")
            and node.name in replacements
            and node.name not in shadowed
        ):
            table = replacements[node.name].copy()
            table.set(
                "alias", node.args.get("alias") or exp.TableAlias(this=exp.to_identifier(node.name))
            )
            return table
        return node

    return tree.transform(substitute)


# --- percentiles -------------------------------------------------------------------------


def _percentile_parts(
    node: exp.Expr,
) -> tuple[exp.Expr, exp.Expr, exp.Expr | None] | None:
    """(value, fraction, filter condition) of an exact continuous percentile aggregate:
    ``PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x [DESC])`` or ``quantile_cont(x, p)``,
    either with ``FILTER (WHERE ...)``; None for any other node."""
    condition = None
    inner = node
    if isinstance(node, exp.Filter):
        where = node.expression
        condition = where.this if isinstance(where, exp.Where) else where
        inner = node.this
    if isinstance(inner, exp.WithinGroup) and isinstance(inner.this, exp.PercentileCont):
        order = inner.expression
        ordered = order.expressions if isinstance(order, exp.Order) else []
        if len(ordered) != 1:
            return None
        key = ordered[0]
        fraction = inner.this.this
        if key.args.get("desc"):
            fraction = exp.Sub(this=exp.Literal.number(1), expression=fraction.copy())
        return key.this, fraction, condition
    if isinstance(inner, exp.PercentileCont) and inner.expression is not None:
        return inner.this, inner.expression, condition
    return None


def _only_where(value: exp.Expr, condition: exp.Expr | None) -> exp.Expr:
    """``value`` where ``condition`` holds, NULL elsewhere: a filter every aggregate obeys."""
    if condition is None:
        return value.copy()
    return exp.Case(ifs=[exp.If(this=condition.copy(), true=value.copy())])


_SORTED_AT = {
    # The k-th (from 1) smallest non-NULL value of X in the group, per dialect.
    "duckdb": "LIST_EXTRACT(LIST_SORT(LIST(__x) FILTER (WHERE __x IS NOT NULL)), __k)",
    "postgres": "(ARRAY_AGG(__x ORDER BY __x) FILTER (WHERE __x IS NOT NULL))[__k]",
    "trino": "ELEMENT_AT(ARRAY_SORT(ARRAY_AGG(__x) FILTER (WHERE __x IS NOT NULL)), __k)",
    "bigquery": "ARRAY_AGG(__x IGNORE NULLS ORDER BY __x)[SAFE_ORDINAL(__k)]",
}

_INTERPOLATED = (
    "CASE WHEN COUNT(__x) = 0 THEN NULL ELSE "
    "CAST({low} AS DOUBLE) + ((COUNT(__x) - 1) * __p - FLOOR((COUNT(__x) - 1) * __p)) "
    "* (CAST({high} AS DOUBLE) - CAST({low} AS DOUBLE)) END"
)
_LOW_RANK = "CAST(FLOOR((COUNT(__x) - 1) * __p) AS BIGINT) + 1"
_HIGH_RANK = "CAST(CEIL((COUNT(__x) - 1) * __p) AS BIGINT) + 1"


def exact_percentile(value: exp.Expr, fraction: exp.Expr, dialect: str) -> exp.Expr:
    """An aggregate giving exactly ``PERCENTILE_CONT(fraction) WITHIN GROUP (ORDER BY value)``
    from the group's sorted values: the two values around rank ``(n - 1) * fraction`` and a
    linear interpolation between them, as PERCENTILE_CONT defines it. For dialects without
    an exact aggregate (``dialect`` in ``duckdb``, ``postgres``, ``trino``, ``bigquery``)."""
    at = _SORTED_AT[dialect]
    text = _INTERPOLATED.format(
        low=at.replace("__k", f"({_LOW_RANK})"), high=at.replace("__k", f"({_HIGH_RANK})")
    )
    template = sqlglot.parse_one(text, read=dialect)

    def fill(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Column) and not node.table:
            if node.name == "__x":
                return value.copy()
            if node.name == "__p":
                return exp.Paren(this=fraction.copy())
        return node

    return template.transform(fill)


def _exact_percentile_fix(dialect: str) -> Rewrite:
    def rewrite(node: exp.Expr) -> exp.Expr:
        parts = _percentile_parts(node)
        if parts is None:
            return node
        value, fraction, condition = parts
        return exact_percentile(_only_where(value, condition), fraction, dialect)

    return rewrite


def _spark_percentile(node: exp.Expr) -> exp.Expr:
    parts = _percentile_parts(node)
    if parts is None:
        return node
    value, fraction, condition = parts
    return exp.Anonymous(
        this="PERCENTILE", expressions=[_only_where(value, condition), fraction.copy()]
    )


# --- epoch seconds -----------------------------------------------------------------------


def _epoch_from_micros(micros: Callable[[exp.Expr], exp.Expr]) -> Rewrite:
    def rewrite(node: exp.Expr) -> exp.Expr:
        if not isinstance(node, exp.TimeToUnix):
            return node
        return exp.Div(
            this=micros(node.this.copy()),
            expression=exp.Literal.number("1000000.0"),
            typed=False,
            safe=False,
        )

    return rewrite


def _unix_micros(value: exp.Expr) -> exp.Expr:
    return exp.Anonymous(
        this="UNIX_MICROS", expressions=[exp.cast(value, exp.DataType.Type.TIMESTAMPTZ)]
    )


def _snowflake_micros(value: exp.Expr) -> exp.Expr:
    return exp.Extract(this=exp.var("epoch_microsecond"), expression=value)


# --- JSON properties ---------------------------------------------------------------------


def _single_key(path: exp.Expr | None) -> str | None:
    if not isinstance(path, exp.JSONPath):
        return None
    parts = path.expressions
    if len(parts) == 2 and isinstance(parts[0], exp.JSONPathRoot):
        key = parts[1]
        if isinstance(key, exp.JSONPathKey) and isinstance(key.this, str):
            return key.this
    return None


def _postgres_json_cast(node: exp.Expr) -> exp.Expr:
    if not isinstance(node, exp.JSONExtractScalar | exp.JSONExtract):
        return node
    document = node.this
    if isinstance(document, exp.Cast) and document.to.this in (
        exp.DataType.Type.JSON,
        exp.DataType.Type.JSONB,
    ):
        return node
    node.set("this", exp.cast(document.copy(), exp.DataType.Type.JSON))
    return node


def _spark_json_key(node: exp.Expr) -> exp.Expr:
    if not isinstance(node, exp.JSONExtractScalar):
        return node
    key = _single_key(node.expression)
    if key is None:
        return node
    as_map = exp.Anonymous(
        this="FROM_JSON",
        expressions=[node.this.copy(), exp.Literal.string("map<string,string>")],
    )
    return exp.Bracket(this=as_map, expressions=[exp.Literal.string(key)])


# --- numbers and set operations ----------------------------------------------------------


def _postgres_round(node: exp.Expr) -> exp.Expr:
    if not isinstance(node, exp.Round) or node.args.get("decimals") is None:
        return node
    value = node.this
    if isinstance(value, exp.Cast) and value.to.this in (
        exp.DataType.Type.DECIMAL,
        exp.DataType.Type.BIGDECIMAL,
    ):
        return node
    node.set("this", exp.cast(value.copy(), exp.DataType.Type.DECIMAL))
    return node


_POSTGRES_FLOAT_TEXT = """CASE
  WHEN NOT PG_TYPEOF(__x) IN ('double precision', 'real') THEN CAST(__x AS TEXT)
  WHEN CAST(__x AS TEXT) ~ '^-?[0-9]+$' THEN CAST(__x AS TEXT) || '.0'
  WHEN CAST(__x AS TEXT) ~ 'e\\+15$' THEN CAST(CAST(CAST(__x AS TEXT) AS NUMERIC) AS TEXT)
    || CASE WHEN CAST(CAST(CAST(__x AS TEXT) AS NUMERIC) AS TEXT) LIKE '%.%' THEN '' ELSE '.0' END
  WHEN CAST(__x AS TEXT) = 'Infinity' THEN 'inf'
  WHEN CAST(__x AS TEXT) = '-Infinity' THEN '-inf'
  WHEN CAST(__x AS TEXT) = 'NaN' THEN 'nan'
  ELSE CAST(__x AS TEXT)
END"""
"""A column as text, a floating-point one written as DuckDB writes it (``3.0``, not ``3``).
PostgreSQL checks every branch's types but evaluates only the branch taken, so the
numeric cast is never run on a text column."""

_SPARK_FLOAT_TEXT = """CASE
  WHEN NOT TYPEOF(__x) IN ('double', 'float') THEN CAST(__x AS STRING)
  ELSE TRANSFORM(ARRAY(NAMED_STRUCT(
    's', CAST(__x AS STRING),
    'lead', REGEXP_EXTRACT(CAST(__x AS STRING), '^-?([0-9])', 1),
    'f', REGEXP_REPLACE(REGEXP_EXTRACT(CAST(__x AS STRING), '[.]([0-9]+)E', 1), '^0$', ''),
    'e', CAST(NULLIF(REGEXP_EXTRACT(CAST(__x AS STRING), 'E(-?[0-9]+)$', 1), '') AS INT)
  )), p -> CASE
    WHEN p.s = 'Infinity' THEN 'inf'
    WHEN p.s = '-Infinity' THEN '-inf'
    WHEN p.s = 'NaN' THEN 'nan'
    WHEN NOT p.s LIKE '%E%' THEN p.s
    ELSE CONCAT(IF(p.s LIKE '-%', '-', ''), CASE
      WHEN p.e >= 16
        THEN CONCAT(p.lead, IF(p.f = '', '', CONCAT('.', p.f)), 'e+',
                    IF(p.e < 10, '0', ''), CAST(p.e AS STRING))
      WHEN p.e >= 0 AND LENGTH(p.f) <= p.e
        THEN CONCAT(RPAD(CONCAT(p.lead, p.f), p.e + 1, '0'), '.0')
      WHEN p.e >= 0
        THEN CONCAT(SUBSTRING(CONCAT(p.lead, p.f), 1, p.e + 1), '.',
                    SUBSTRING(CONCAT(p.lead, p.f), p.e + 2))
      WHEN p.e >= -4 THEN CONCAT('0.', REPEAT('0', -p.e - 1), p.lead, p.f)
      ELSE CONCAT(p.lead, IF(p.f = '', '', CONCAT('.', p.f)), 'e-',
                  IF(p.e > -10, '0', ''), CAST(-p.e AS STRING))
    END)
  END)[0]
END"""
"""A column as text, a floating-point one written as DuckDB writes it: Spark writes Java's
``1.2345678E7`` and ``1.0E-4`` where DuckDB writes ``12345678.0`` and ``0.0001``, so the
sign, leading digit, fraction and exponent Java gives (named once, in a struct a lambda
reads) are laid out again. ``TYPEOF`` is folded when the query is planned, so a column of
another type is just cast."""


_TEXT_TYPES = (exp.DataType.Type.VARCHAR, exp.DataType.Type.TEXT)


def _float_text(template: str, dialect: str) -> Rewrite:
    def rewrite(node: exp.Expr) -> exp.Expr:
        if not isinstance(node, exp.Cast) or not isinstance(node.this, exp.Column):
            return node
        if node.to.this not in _TEXT_TYPES or node.to.expressions:
            return node
        column = node.this

        def fill(part: exp.Expr) -> exp.Expr:
            if isinstance(part, exp.Column) and not part.table and part.name == "__x":
                return column.copy()
            return part

        return exp.Paren(this=sqlglot.parse_one(template, read=dialect).transform(fill))

    return rewrite


def _column_types(branch: exp.Select) -> list[exp.DataType | None]:
    """The type DuckDB would give each column of ``branch``, where it can be told without
    the tables' schema (a cast, a literal, an aggregate); None where it cannot."""
    from sqlglot.optimizer.annotate_types import annotate_types

    annotated = annotate_types(branch.copy(), dialect=SOURCE_DIALECT)
    types: list[exp.DataType | None] = []
    for column in annotated.expressions:
        value = column.this if isinstance(column, exp.Alias) else column
        known = value.type
        if isinstance(value, exp.JSONExtractScalar):
            known = exp.DataType.build("VARCHAR")
        unknown = known is None or known.this in (exp.DataType.Type.UNKNOWN, exp.DataType.Type.NULL)
        types.append(None if unknown else known)
    return types


def _set_branches(node: exp.Expr) -> list[exp.Select]:
    if isinstance(node, exp.SetOperation):
        return _set_branches(node.this) + _set_branches(node.expression)
    if isinstance(node, exp.Subquery):
        return _set_branches(node.this)
    return [node] if isinstance(node, exp.Select) else []


def _typed_union_nulls(node: exp.Expr) -> exp.Expr:
    if not isinstance(node, exp.SetOperation) or isinstance(node.parent, exp.SetOperation):
        return node
    branches = _set_branches(node)
    typed = [(branch, _column_types(branch)) for branch in branches]
    width = max((len(branch.expressions) for branch in branches), default=0)
    for position in range(width):
        columns = [b.expressions[position] for b in branches if len(b.expressions) > position]
        known = next(
            (types[position] for _, types in typed if len(types) > position and types[position]),
            None,
        )
        if known is None:
            continue
        for column in columns:
            bare = column.this if isinstance(column, exp.Alias) else column
            if isinstance(bare, exp.Null):
                bare.replace(exp.Cast(this=exp.Null(), to=known.copy()))
    return node


_UNION_NULLS = Fix(
    "typed-union-nulls",
    "A bare NULL in one branch of a UNION ALL gets a type of its own before the branches are "
    "matched: PostgreSQL makes it text and then refuses `UNION types text and numeric`. "
    "Each bare NULL is cast to the type another branch gives that column (a cast, a "
    "literal, an aggregate).",
    _typed_union_nulls,
)


def exact_percentile_fix(dialect: str, native: str = "an approximation") -> Fix:
    """The fix writing continuous percentiles as :func:`exact_percentile` in ``dialect``."""
    return Fix(
        "exact-percentile",
        f"sqlglot writes the aggregate `PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)` as {native}. "
        "cjm's numbers must be exact: it is rewritten as the interpolation PERCENTILE_CONT "
        "defines, over the group's sorted values (the two values around rank (n - 1) * p).",
        _exact_percentile_fix(dialect),
    )


FIXES: dict[str, list[Fix]] = {
    "duckdb": [],
    "postgres": [
        _UNION_NULLS,
        Fix(
            "float-text",
            "A step or persona condition compares a column as text, and PostgreSQL writes a "
            "whole floating-point number without its fraction: `CAST(3.0 AS TEXT)` is `3` where "
            "DuckDB (and Spark) write `3.0`, and `1e+15` where DuckDB writes "
            "`1000000000000000.0`, so `equals: 3.0` on a double column matched nothing. A "
            "double or real column is written as DuckDB writes it (the type is read with "
            "`PG_TYPEOF`, since the query does not know the table's types).",
            _float_text(_POSTGRES_FLOAT_TEXT, "postgres"),
        ),
        Fix(
            "json-text-cast",
            "`json_extract_string(p, '$.\"k\"')` becomes `JSON_EXTRACT_PATH_TEXT(p, 'k')`, which "
            "PostgreSQL has only for json, not text: a properties column kept as text fails "
            "with `function json_extract_path_text(text, unknown) does not exist`. The "
            "document is cast to json.",
            _postgres_json_cast,
        ),
        Fix(
            "round-double",
            "PostgreSQL has `ROUND(value, digits)` only for numeric: `ROUND(x, 2)` over a "
            "double fails with `function round(double precision, integer) does not exist`. "
            "The value is cast to numeric first.",
            _postgres_round,
        ),
    ],
    "spark": [
        Fix(
            "float-text",
            "A step or persona condition compares a column as text, and Spark writes a "
            "floating-point number from 10^7 up or below 10^-3 in Java's notation: "
            "`CAST(12345678.0 AS STRING)` is `1.2345678E7` where DuckDB writes `12345678.0`, "
            "`1.0E-4` for `0.0001`, `1.0E20` for `1e+20`, and `Infinity`/`NaN` for "
            "`inf`/`nan`. A double or float column is written as DuckDB writes it (its type "
            "is read with `TYPEOF`, which Spark folds when it plans the query).",
            _float_text(_SPARK_FLOAT_TEXT, "spark"),
        ),
        Fix(
            "exact-percentile",
            "sqlglot writes `PERCENTILE_CONT(p) WITHIN GROUP (ORDER BY x)` as "
            "`PERCENTILE_APPROX(x, p)`, an approximation, without a warning. It is written as "
            "Spark's exact `PERCENTILE(x, p)` (which interpolates as PERCENTILE_CONT does).",
            _spark_percentile,
        ),
        Fix(
            "epoch-fraction",
            "`epoch(t)` becomes `UNIX_TIMESTAMP(t)`, which drops the fraction of a second "
            "DuckDB keeps: times between steps would lose their milliseconds. It is written "
            "as `UNIX_MICROS(t) / 1000000.0`.",
            _epoch_from_micros(_unix_micros),
        ),
        Fix(
            "json-key",
            "`json_extract_string(p, '$.\"k\"')` becomes `GET_JSON_OBJECT(p, path)`, whose "
            "JSONPath cannot name a key holding a quote. A single key is read as "
            "`FROM_JSON(p, 'map<string,string>')['k']`, which takes the key as a plain string "
            "and gives numbers as text, like DuckDB.",
            _spark_json_key,
        ),
    ],
    "bigquery": [
        exact_percentile_fix(
            "bigquery", "the same aggregate, which BigQuery has only as an analytic function"
        ),
        Fix(
            "epoch-fraction",
            "`epoch(t)` becomes `TIME_TO_UNIX(t)`, a function BigQuery does not have. It is "
            "written as `UNIX_MICROS(t) / 1000000.0`, keeping the fraction of a second.",
            _epoch_from_micros(_unix_micros),
        ),
    ],
    "snowflake": [
        Fix(
            "epoch-fraction",
            "`epoch(t)` becomes `EXTRACT(epoch_second FROM t)`, a whole number of seconds: "
            "the fraction DuckDB keeps is lost. It is written as "
            "`EXTRACT(epoch_microsecond FROM t) / 1000000.0`.",
            _epoch_from_micros(_snowflake_micros),
        ),
    ],
    "trino": [
        exact_percentile_fix(
            "trino", "`APPROX_PERCENTILE(x, p)`, an approximation, without a warning"
        ),
    ],
}
"""Per dialect, the rewrites applied (in this order) before its SQL is generated."""
