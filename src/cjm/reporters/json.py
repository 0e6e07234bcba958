"""Machine-readable JSON: every diagnostic with its location, code and hint."""

from __future__ import annotations

import json
from typing import Any

from cjm import __version__
from cjm.check import CheckResult
from cjm.diagnostics import Diagnostic
from cjm.reporters.base import count_by_severity


def diagnostic_to_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    location = diagnostic.location
    return {
        "path": diagnostic.path,
        "line": location.line,
        "column": location.column,
        "end_column": location.end_column,
        "severity": diagnostic.severity.value,
        "code": diagnostic.code.code,
        "name": diagnostic.code.name,
        "message": diagnostic.message,
        "hint": diagnostic.hint,
        "related": [
            {"path": path, "line": loc.line, "column": loc.column}
            for path, loc in diagnostic.related
        ],
    }


class JsonReporter:
    def render(self, result: CheckResult) -> str:
        counts = count_by_severity(result)
        document = {
            "tool": {"name": "cjm", "version": __version__},
            "files": result.files,
            "diagnostics": [diagnostic_to_dict(d) for d in result.diagnostics],
            "summary": {
                "files": len(result.files),
                **{severity.value: count for severity, count in counts.items()},
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
