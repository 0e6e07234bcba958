"""The error for a request that cannot be carried out, apart from the checks that raise it.

Kept in a module of its own so that commands which only need the error (``cjm fmt``,
``cjm migrate``, ``cjm measure``) do not import the lint rules with :mod:`cjm.check`.
"""

from __future__ import annotations


class UsageError(Exception):
    """The request cannot be carried out (exit code 2): bad path, no workspace..."""
