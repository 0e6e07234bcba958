"""One file from the 0.x format to the current one: what changes, and the check that
nothing else did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.error import YAMLError

from cjm.diagnostics import INVALID_VALUE, WRONG_TYPE, Diagnostic, Location, Severity
from cjm.load.yamlread import read_yaml
from cjm.migrate.edit import EditError, insert_first_key, repoint_modeline
from cjm.migrate.version import Version, written_version
from cjm.model import FORMAT_VERSION

FORMAT_LINE = f'format: "{FORMAT_VERSION}"'


class MigrateError(Exception):
    """The file cannot be migrated; ``diagnostics`` say where, when there is a place."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics or []


@dataclass(frozen=True)
class Migration:
    """The migrated text and what changed in it (empty: the file is already current)."""

    text: str
    changes: list[str] = field(default_factory=list)
    # The schema the `$schema` line now names, as written there (None: not repointed).
    schema: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def _refusal(path: str, message: str, where: Location, hint: str, code: Any) -> MigrateError:
    diagnostic = Diagnostic(code, Severity.ERROR, message, path, where, hint)
    return MigrateError(f"{path}:{where.line}:{where.column}: {message}", [diagnostic])


def _same(a: Any, b: Any) -> bool:
    """Equal data with equal types (``1`` is not ``1.0`` nor ``True``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) or (a != a and b != b)  # NaN equals NaN here


def migrate_text(text: str, *, path: str = "<text>") -> Migration:
    """``text`` (a map, definitions file or ``cjm.yaml`` read from ``path``) in the current
    format. Raises :class:`MigrateError` when it does not parse, is not a mapping, or names
    a version this cjm cannot migrate from."""
    document = read_yaml(text, path)
    errors = [d for d in document.diagnostics if d.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise MigrateError(f"{path}:{first.line}:{first.column}: {first.message}", errors)
    data = document.data
    if data is None:
        raise _refusal(
            path,
            "the file is empty: there is nothing to migrate",
            Location(1, 1),
            "write the map, or delete the file",
            WRONG_TYPE,
        )
    if not isinstance(data, dict):
        raise _refusal(
            path,
            "the file holds no mapping of keys, so it is no map, definitions file or cjm.yaml",
            Location(1, 1),
            "write the file's keys (id, title, ...) at the top level",
            WRONG_TYPE,
        )
    version = written_version(data)
    if version.state is Version.CURRENT:
        return Migration(text)
    where = document.index.value(("format",))
    if version.state is Version.NEWER:
        raise _refusal(
            path,
            f"the file is in format {version.written}, newer than format {FORMAT_VERSION}, "
            "the newest this cjm reads",
            where,
            "upgrade cjm to read and migrate it",
            INVALID_VALUE,
        )
    if version.state is Version.INVALID:
        raise _refusal(
            path,
            f"`format` says {version.written!r}, which is no format version: the current "
            f'one is "{FORMAT_VERSION}", and a file in the 0.x format has no `format` key',
            where,
            f"write `{FORMAT_LINE}` if the file is in that format, or remove the key and "
            "run `cjm migrate` again",
            INVALID_VALUE,
        )
    return _upgrade(text, data, path)


def _upgrade(text: str, data: dict[str, Any], path: str) -> Migration:
    try:
        migrated, schema = repoint_modeline(text, FORMAT_VERSION)
        migrated = insert_first_key(migrated, FORMAT_LINE)
    except EditError as problem:
        raise MigrateError(f"{path}: cannot be migrated: {problem}") from None
    except YAMLError as problem:
        # libyaml accepted what the pure-Python parser, which the edit needs, does not.
        mark = getattr(problem, "problem_mark", None)
        place = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else path
        reason = getattr(problem, "problem", None) or "invalid YAML"
        raise MigrateError(f"{place}: cannot be migrated: {reason}") from None
    after = read_yaml(migrated, path)
    if after.diagnostics or not _same({"format": FORMAT_VERSION, **data}, after.data):
        raise MigrateError(
            f"{path}: cannot be migrated without changing its data (a bug in cjm migrate); "
            f"add `{FORMAT_LINE}` by hand, and please report this"
        )
    changes = [f"add `{FORMAT_LINE}`"]
    if schema is not None:
        changes.append(f"point $schema at {schema}")
    return Migration(migrated, changes, schema)
