"""JSON Schemas generated from the models, for editors and for other tools.

The committed copies in ``schemas/`` must equal what the models generate;
``cjm schema --check`` (run by the tests) says when they do not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cjm.model import DefinitionsFile, JourneyMap, WorkspaceConfig
from cjm.writing import write_text_atomic

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "map.schema.json": (JourneyMap, "cjm journey map"),
    "workspace.schema.json": (WorkspaceConfig, "cjm workspace configuration (cjm.yaml)"),
    "definitions.schema.json": (DefinitionsFile, "cjm shared definitions file"),
}


def schema_document(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {"$schema": DIALECT, **schema, "title": title}


def generate() -> dict[str, str]:
    """File name to JSON text for every schema."""
    return {
        name: json.dumps(schema_document(model, title), indent=2, ensure_ascii=False) + "\n"
        for name, (model, title) in SCHEMAS.items()
    }


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
