"""Which changes on disk call for a new rendering, and the loop that watches for them.

Everything the rendering reads is YAML (maps, ``cjm.yaml``, definition files, the
``*.measures.yaml`` bindings and the measurement snapshots) or a persona's picture. A
change to any such file under the watched folder counts; everything else does not:
version control and tool folders (``.git``, caches), virtual environments (any folder
holding ``pyvenv.cfg``, whatever its name), hidden files, and the temporary and backup
files editors write beside the file being saved (``.x.yaml.swp``, ``x.yaml~``,
``.#x.yaml``, ``4913``, ``x.yaml.tmp``, JetBrains' ``___jb_tmp___``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from cjm.load.workspace import YAML_SUFFIXES

PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
WATCHED_SUFFIXES = (*YAML_SUFFIXES, *PICTURES)
# Hidden folders (``.git``, ``.venv``, ``.mypy_cache``...) are ignored by their dot.
IGNORED_FOLDERS = frozenset({"__pycache__", "node_modules", "venv"})
# Names editors give the files they write while saving, and the backups they keep.
EDITOR_FILES = re.compile(
    r"(~$)|(^\.#)|(^#.*#$)|(\.sw[a-p]$)|(^4913$)|(\.(tmp|temp|bak|orig|swp|kate-swp)$)"
    r"|(___jb_(tmp|old|bak)___$)|(^\.goutputstream-)|(\.crswap$)"
)


class WatchFilter:
    """Whether a changed path under ``root`` is one the rendering reads. With ``only``,
    a single map file is watched and nothing else counts."""

    def __init__(self, root: Path, only: Path | None = None) -> None:
        self.root = root
        self.only = only
        self._venvs: dict[Path, bool] = {}

    def __call__(self, change: object, path: str) -> bool:
        return self.wanted(Path(path))

    def wanted(self, path: Path) -> bool:
        if self.only is not None:
            return path == self.only
        try:
            parts = path.relative_to(self.root).parts
        except ValueError:
            return False
        if not parts:
            return False
        *folders, name = parts
        if any(part.startswith(".") or part in IGNORED_FOLDERS for part in folders):
            return False
        if name.startswith(".") or EDITOR_FILES.search(name):
            return False
        if not name.lower().endswith(WATCHED_SUFFIXES):
            return False
        return not self._in_virtualenv(folders)

    def _in_virtualenv(self, folders: list[str]) -> bool:
        """Whether one of ``folders`` (under the root) is a virtual environment."""
        here = self.root
        for part in folders:
            here = here / part
            if here not in self._venvs:
                self._venvs[here] = (here / "pyvenv.cfg").is_file()
            if self._venvs[here]:
                return True
        return False


def watch_changes(
    root: Path,
    wanted: WatchFilter,
    on_change: Callable[[Iterable[Path]], None],
    stop: threading.Event,
    polling: bool = False,
) -> None:
    """Call ``on_change`` with the wanted paths of each batch of changes under ``root``
    until ``stop`` is set. Batches are small: a batch is given after 20 ms without a
    change (the :class:`~cjm.serve.debounce.Debouncer` waits for the burst to end). With
    ``polling``, the folder is scanned every 300 ms instead of relying on the system's
    change notifications."""
    from watchfiles import watch

    for changes in watch(
        root,
        watch_filter=wanted,
        debounce=400,
        step=20,
        stop_event=stop,
        rust_timeout=500,
        raise_interrupt=False,
        force_polling=polling or None,
    ):
        on_change(Path(path) for _, path in changes)
