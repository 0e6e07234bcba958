"""Upgrading files written in an older format version to the current one (``cjm migrate``).

Why a migration and not a loader that guesses: teams keep years of maps in the format, and
the format has to keep growing. A file that names its version (``format: "1.0"``) is read
the same way by every later cjm of that major version; a breaking change needs a new major
version, and then a migration that rewrites the files, reviewed as an ordinary change in
version control. So a migration must touch only what the new version needs: here, from
0.x to 1.0, it adds ``format: "1.0"`` as the first key (after the comments at the top of
the file) and points a ``# yaml-language-server: $schema=`` line that names a 0.x schema
at the 1.0 schema next to it. Every other byte stays as written: comments, key order,
quoting, blank lines, line breaks. The change is a careful text edit, checked by reading
the result back: its data must be the data before plus the ``format`` key, or the file is
left alone.

A file already at the current version is never touched; a file that names a newer version
(written by a newer cjm) or a value that is no version at all is refused with a located
message, as is a file that does not parse.
"""

from __future__ import annotations

from cjm.migrate.edit import EditError, insert_first_key
from cjm.migrate.upgrade import FORMAT_LINE, MigrateError, Migration, migrate_text
from cjm.migrate.version import Version, written_version

__all__ = [
    "FORMAT_LINE",
    "EditError",
    "MigrateError",
    "Migration",
    "Version",
    "insert_first_key",
    "migrate_text",
    "written_version",
]
