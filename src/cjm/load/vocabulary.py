"""Checks of the words a workspace may extend: channels, severities, and persona images.

The models take any id for a touchpoint's channel and a pain point's severity, because a
workspace can add its own in ``cjm.yaml`` (``vocabulary``). Whether an id is known is only
clear once the workspace's configuration is read, so it is checked here, at the place it is
written, with a suggestion; and what a workspace's own word means (the mode of a channel,
the rank of a severity) is handed to the entities that use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cjm.diagnostics import DUPLICATE_ID, INVALID_VALUE, Diagnostic, Severity
from cjm.load.document import Document
from cjm.load.positions import DataPath
from cjm.load.schema_errors import closest
from cjm.model import Channel, JourneyMap, Persona, Touchpoint, Vocabulary, WorkspaceConfig
from cjm.model import Severity as PainSeverity

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})
IMAGE_MAX_BYTES = 2 * 1024 * 1024
"""A persona picture is embedded in every report that shows the persona: keep it small."""


class VocabularyCheck:
    """Checks channels, severities and persona images against one workspace's vocabulary,
    adding its findings to ``diagnostics``."""

    def __init__(self, vocabulary: Vocabulary, diagnostics: list[Diagnostic]) -> None:
        self.vocabulary = vocabulary
        self.diagnostics = diagnostics
        # Each word once, cjm's own first (a workspace may repeat one by mistake).
        self.channels = list(
            dict.fromkeys([c.value for c in Channel] + [t.id for t in vocabulary.channels])
        )
        self.severities = list(
            dict.fromkeys([s.value for s in PainSeverity] + [t.id for t in vocabulary.severities])
        )

    def check_config(self, document: Document[WorkspaceConfig]) -> None:
        """A workspace word may not repeat a built-in one or another of its own."""
        lists: tuple[tuple[str, list[str], set[str]], ...] = (
            ("channels", [t.id for t in self.vocabulary.channels], {c.value for c in Channel}),
            (
                "severities",
                [t.id for t in self.vocabulary.severities],
                {s.value for s in PainSeverity},
            ),
        )
        for kind, ids, built_in in lists:
            seen: set[str] = set()
            for i, term_id in enumerate(ids):
                where = document.index.value(("vocabulary", kind, i, "id"))
                if term_id in built_in:
                    message = f"'{term_id}' is already one of cjm's own {kind}"
                    hint = f"remove it from `vocabulary.{kind}`"
                elif term_id in seen:
                    message = f"'{term_id}' is listed twice in `vocabulary.{kind}`"
                    hint = "remove one of them"
                else:
                    seen.add(term_id)
                    continue
                self.diagnostics.append(
                    Diagnostic(DUPLICATE_ID, Severity.ERROR, message, document.display, where, hint)
                )

    def check_touchpoints(self, document: Document[Any], touchpoints: Sequence[Touchpoint]) -> None:
        for i, touchpoint in enumerate(touchpoints):
            if touchpoint.channel in self.channels:
                touchpoint.follow_vocabulary(self.vocabulary.channel_mode(touchpoint.channel))
                continue
            path: DataPath = ("touchpoints", i, "channel")
            self.unknown_word(document, "channel", touchpoint.channel, self.channels, path)

    def check_severities(self, document: Document[JourneyMap], journey: JourneyMap) -> None:
        for path, pain in journey.located_pain_points():
            if pain.severity in self.severities:
                pain.follow_vocabulary(self.vocabulary.severity_rank(pain.severity))
                continue
            self.unknown_word(
                document, "severity", pain.severity, self.severities, (*path, "severity")
            )

    def unknown_word(
        self,
        document: Document[Any],
        kind: str,
        written: str,
        known: Iterable[str],
        path: DataPath,
    ) -> None:
        if document.cuts.covers(document.file_path(path)):
            return
        plural = "channels" if kind == "channel" else "severities"
        message = f"'{written}' is not a valid {kind}"
        close = closest(written, sorted(known), cutoff=0.6)
        if close is not None:
            message += f"; did you mean '{close}'?"
        hint = (
            f"use one of cjm's {plural} ({', '.join(known)}), or add '{written}' to "
            f"`vocabulary.{plural}` in cjm.yaml"
        )
        self.diagnostics.append(
            Diagnostic(
                INVALID_VALUE,
                Severity.ERROR,
                message,
                document.display,
                document.index.value(path),
                hint,
            )
        )

    def check_images(
        self,
        document: Document[Any],
        personas: Sequence[Persona],
        collection: DataPath,
        indexes: Sequence[int] | None = None,
    ) -> None:
        """Each persona image is a picture file next to the file that names it. Only files
        read from disk are checked (a revision read from git has no folder to look in)."""
        if not document.path.is_file():
            return
        for number, persona in enumerate(personas):
            if persona.image is None:
                continue
            i = indexes[number] if indexes is not None else number
            problem = image_problem(document.path.parent, persona.image)
            if problem is None:
                continue
            message, hint = problem
            self.diagnostics.append(
                Diagnostic(  # a wrong value, not an unreadable file (a usage error)
                    INVALID_VALUE,
                    Severity.ERROR,
                    message,
                    document.display,
                    document.index.value((*collection, i, "image")),
                    hint,
                )
            )


def image_problem(folder: Path, written: str) -> tuple[str, str] | None:
    """What is wrong with the persona image ``written`` (relative to ``folder``), as a
    message and a hint; None when it can be embedded."""
    if "://" in written or written.startswith("data:"):
        return (
            f"persona image '{written}' is not a file path",
            "save the picture next to the map and give its path: reports work offline",
        )
    path = folder / written
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        kinds = ", ".join(sorted(s.lstrip(".") for s in IMAGE_SUFFIXES))
        return f"persona image '{written}' is not a picture cjm embeds", f"use one of: {kinds}"
    try:
        size = path.stat().st_size
    except OSError:
        return (
            f"persona image '{written}' does not exist",
            f"the path is relative to the file that defines the persona ({folder})",
        )
    if not path.is_file():
        return f"persona image '{written}' is not a file", "give the path of a picture file"
    if size > IMAGE_MAX_BYTES:
        return (
            f"persona image '{written}' is {-(-size // 1024)} KB; at most "
            f"{IMAGE_MAX_BYTES // 1024} KB is embedded",
            "make the picture smaller: it is embedded in every report that shows the persona",
        )
    return None
