"""JSON Schemas generated from the models, for editors and for other tools.

The schemas are published per format version: ``schemas/<version>/`` holds the three
files of that version (``schemas/0.x/`` the frozen ones of the format before 1.0, which
are never generated again). Each generated schema has a stable ``$id`` such as
``urn:cjm:format:1.0:map``: a name that identifies the schema, not an address to fetch.

The committed copies in ``schemas/1.0/`` must equal what the models generate;
``cjm schema --check`` (run by the tests) says when they do not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cjm.model import FORMAT_VERSION, DefinitionsFile, JourneyMap, WorkspaceConfig
from cjm.model.binding import Binding
from cjm.model.snapshot import Snapshot
from cjm.writing import write_text_atomic

DIALECT = "https://json-schema.org/draft/2020-12/schema"

LEGACY_VERSION = "0.x"
"""The folder of the schemas of the format before versions were written in files."""

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "map.schema.json": (JourneyMap, "map", "cjm journey map"),
    "workspace.schema.json": (
        WorkspaceConfig,
        "workspace",
        "cjm workspace configuration (cjm.yaml)",
    ),
    "definitions.schema.json": (DefinitionsFile, "definitions", "cjm shared definitions file"),
    "measures.schema.json": (Binding, "measures", "cjm binding of a map to data (.measures.yaml)"),
    "snapshot.schema.json": (Snapshot, "snapshot", "cjm measurement snapshot"),
}


def schema_id(kind: str, version: str = FORMAT_VERSION) -> str:
    """The ``$id`` of the schema of ``kind`` (map, workspace, definitions) in ``version``."""
    return f"urn:cjm:format:{version}:{kind}"


def schema_document(model: type[BaseModel], kind: str, title: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {"$schema": DIALECT, "$id": schema_id(kind), **schema, "title": title}


def generate() -> dict[str, str]:
    """File name to JSON text for every schema of the current format version."""
    return {
        name: json.dumps(schema_document(model, kind, title), indent=2, ensure_ascii=False) + "\n"
        for name, (model, kind, title) in SCHEMAS.items()
    }


def version_folder(out: Path) -> Path:
    """Where the current version's schemas go under ``out``: ``out/<version>``."""
    return out / FORMAT_VERSION


def _is_current(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def stale_files(folder: Path) -> list[str]:
    """Names of schema files in ``folder`` that are missing or differ from the models."""
    return [name for name, text in generate().items() if not _is_current(folder / name, text)]


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in generate().items():
        path = folder / name
        if not _is_current(path, text):
            write_text_atomic(path, text)
            changed.append(path)
    return changed
