"""Loading tests check small workspaces written to disk, with the lint test helpers."""

from tests.lint.conftest import lint_files, lint_map

__all__ = ["lint_files", "lint_map"]
