"""What the findings of the map rules on one map depend on, as a key to keep them under.

``cjm validate`` keeps what the map rules found on each map in the workspace's cache (see
:mod:`cjm.cache`), so that a run where one map changed checks that map only. The key of
one map's findings hashes everything the 33 map rules and the engine's handling of their
findings read:

- the map itself: its path, the name it is reported under and its text (a document is
  parsed from exactly these, see :func:`cjm.load.document.parse_document`), and its
  path within the workspace, on which the lint settings that apply to it depend;
- ``cjm.yaml`` (lint settings, rule options, teams, measure settings) and every shared
  definitions file, in order: the map's scope of personas, teams, touchpoints and
  evidence is made from them;
- the map's binding and snapshot files as the rules find them (none for a map whose id
  another map had first), with their paths within the workspace;
- for ``pain-point-without-opportunity``: the pain point ids that the live opportunities
  of the future-state maps naming this map as their current state address;
- the lint settings given on the command line, ``today`` (stale-map, opportunity-overdue
  and snapshot-stale count days up to it), the workspace's root, and the cache namespace:
  the versions of cjm, pydantic and Python and the fingerprint of cjm's own code.

A rule that came to read anything else of the workspace would have to be added here:
``tests/cache/test_findings_cache.py`` fails when a map rule reads more of the project.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from cjm.lint.config import LintRequest
from cjm.lint.rule import MapContext
from cjm.lint.rules._measured import measured
from cjm.lint.rules.pain_point_without_opportunity import addressed_elsewhere
from cjm.load.document import Document
from cjm.load.project import Project
from cjm.load.resolve import Scope
from cjm.model import JourneyMap

# Bumped whenever what a findings entry holds, or what its key hashes, changes.
KEY_FORMAT = 1


def _add(digest: Any, *parts: str) -> None:
    """Add ``parts`` to ``digest``, each with its length, so no two lists run together."""
    for part in parts:
        data = part.encode("utf-8", "surrogateescape")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)


def _document(digest: Any, label: str, document: Document[Any] | None) -> None:
    """Add what ``document`` was loaded from: a file that could be read is parsed from its
    path, display name and text alone; one that could not is its problems."""
    if document is None:
        _add(digest, label, "absent")
        return
    _add(digest, label, str(document.path), document.display)
    text = document.text  # unpacked once (see cjm.load.document.PackedText)
    if text is not None:
        _add(digest, "text", text)
    else:
        _add(digest, "unread", repr(document.diagnostics))


def workspace_part(
    namespace: bytes, project: Project, request: LintRequest, today: datetime.date
) -> bytes:
    """The part of every map's key that the workspace shares: the cache namespace, the
    root, ``cjm.yaml``, the definitions files, the command line's lint settings, today."""
    digest = hashlib.sha256(namespace)
    select = None if request.select is None else tuple(request.select)
    _add(digest, f"findings {KEY_FORMAT}", str(project.root), today.isoformat())
    _add(digest, repr((select, tuple(request.ignore), request.fail_on)))
    _document(digest, "config", project.config)
    _add(digest, f"definitions {len(project.definitions)}")
    for definitions in project.definitions:
        _document(digest, "definitions", definitions)
    return digest.digest()


def map_key(
    shared: bytes,
    project: Project,
    document: Document[JourneyMap],
    journey: JourneyMap,
    scope: Scope,
    relative: Any,
) -> str:
    """The key of the map rules' findings on ``document`` (read as ``journey``, with
    ``scope``); ``relative`` gives a document's path within the workspace by its display
    name. ``shared`` is :func:`workspace_part` of the project."""
    digest = hashlib.sha256(shared)
    _document(digest, "map", document)
    _add(digest, repr(relative(document.display)))
    found = measured(MapContext(document, journey, scope, project, None, datetime.date.min))
    for label, measure in (("binding", found.binding), ("snapshot", found.snapshot)):
        _document(digest, label, measure)
        if measure is not None:
            _add(digest, repr(relative(measure.display)))
    _add(digest, "addressed", *sorted(addressed_elsewhere(project, journey.id)))
    return digest.hexdigest()
