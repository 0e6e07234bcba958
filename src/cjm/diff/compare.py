"""Compare two snapshots in journey terms: a pure function over the models.

Maps are paired by id, or, for two map files named on the command line, as the two
versions of one journey whatever their ids (:class:`~cjm.diff.model.Matching`). Inside a
pair (:mod:`cjm.diff.map_diff`) entities are matched by id, never by position or text:
the same id with new visible text is a rename, a step with the same id in another stage
has moved (a change of its ``stage``), and a pain point or KPI keeps its identity when it
moves between steps.

Lint findings have no id: they are matched by rule code and message within the same map
or file, never by line (lines shift with every edit above them), nor by the "did you
mean" suggestion of an unknown reference (it depends on which other ids exist).

A file that now says its format version is ``migrated``; the ``format-outdated`` finding
that asked for it is not reported as fixed on top of that.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Mapping

from cjm.diff.changes import (
    AT_DEFINITIONS,
    AT_FINDINGS,
    AT_MAP,
    SHARED_KINDS,
    definition_changes,
    map_size,
    union,
)
from cjm.diff.map_diff import MapDiff
from cjm.diff.measurements import measurement_changes
from cjm.diff.model import (
    Change,
    DiffResult,
    Entity,
    FileEntry,
    FindingEntry,
    Kind,
    MapEntry,
    Matching,
    Pair,
    Section,
    SharedEntry,
    Snapshot,
)
from cjm.lint.rules.format_outdated import CODE as FORMAT_OUTDATED


def compare(old: Snapshot, new: Snapshot, *, matching: Matching = Matching.BY_ID) -> DiffResult:
    """Every change from ``old`` to ``new`` in the maps and files either side selected,
    with the maps paired as ``matching`` says."""
    result = DiffResult(old.label, new.label)
    pairs, result.pair = _pair_maps(old.maps, new.maps, matching)
    # Two maps with different ids: the report says at the top which two are compared.
    named = result.pair is not None and not result.pair.same_map
    old_findings, new_findings = _findings_by_key(old.findings), _findings_by_key(new.findings)
    for old_map, new_map in pairs:
        section = _map_section(old_map, new_map, old_findings, new_findings, named=named)
        if section.changes:
            result.sections.append(section)
    result.sections.extend(_shared_sections(old, new))
    return result


# -- maps ------------------------------------------------------------------------------------


def _pair_maps(
    old: list[MapEntry], new: list[MapEntry], matching: Matching
) -> tuple[list[tuple[MapEntry | None, MapEntry | None]], Pair | None]:
    """The maps to compare, and the pair of named maps when there is one."""
    if matching is Matching.NAMED:
        old_named = [e for e in old if e.selected]
        new_named = [e for e in new if e.selected]
        if len(old_named) == 1 and len(new_named) == 1:
            (named_old,), (named_new,) = old_named, new_named
            pair = Pair(named_old.model.id, named_old.path, named_new.model.id, named_new.path)
            return [(named_old, named_new)], pair
        matching = Matching.SELECTED
    if matching is Matching.SELECTED:
        old = [e for e in old if e.selected]
        new = [e for e in new if e.selected]
    old_by_id = _by_id_entries(old)
    new_by_id = _by_id_entries(new)
    pairs: list[tuple[MapEntry | None, MapEntry | None]] = []
    for map_id in union(new_by_id, old_by_id):
        before, after = old_by_id.get(map_id), new_by_id.get(map_id)
        if (before is not None and before.selected) or (after is not None and after.selected):
            pairs.append((before, after))
    return pairs, None


def _by_id_entries(entries: list[MapEntry]) -> dict[str, MapEntry]:
    found: dict[str, MapEntry] = {}
    for entry in entries:
        found.setdefault(entry.model.id, entry)
    return found


def _findings_by_key(findings: list[FindingEntry]) -> dict[str, list[FindingEntry]]:
    """``findings`` grouped by the key of their file, each group in the order given: each
    map takes its own group rather than looking through every finding of the side."""
    grouped: dict[str, list[FindingEntry]] = {}
    for finding in findings:
        grouped.setdefault(finding.key, []).append(finding)
    return grouped


def _map_section(
    old: MapEntry | None,
    new: MapEntry | None,
    old_findings: Mapping[str, list[FindingEntry]],
    new_findings: Mapping[str, list[FindingEntry]],
    *,
    named: bool = False,
) -> Section:
    """The changes of one map, given the findings of each side by file key; ``named``: two
    maps with different ids named as two versions of one journey (the report says so at the
    top, so the section does not call the old file a move)."""
    if new is None:
        assert old is not None
        journey = old.model
        section = Section(journey.id, journey.title, old.path)
        section.changes.append(
            Change(Kind.REMOVED, Entity.MAP, journey.id, journey.title, details=map_size(journey))
        )
        section.changes.extend(measurement_changes(journey.id, old.measured, None, journey))
        return section
    journey = new.model
    moved = old.path if old is not None and old.key != new.key and not named else None
    section = Section(journey.id, journey.title, new.path, old_path=moved)
    if old is None:
        section.changes.append(
            Change(Kind.ADDED, Entity.MAP, journey.id, journey.title, details=map_size(journey))
        )
        section.changes.extend(measurement_changes(journey.id, None, new.measured, journey))
        section.changes.extend(_finding_changes([], new_findings.get(new.key, [])))
        return section
    changes = MapDiff(old.model, new.model).run()
    before = old_findings.get(old.key, [])
    if old.model.id != journey.id:
        # Messages name the map; under its new id they are the same findings.
        before = [_renamed_map(f, old.model.id, journey.id) for f in before]
    findings = _finding_changes(before, new_findings.get(new.key, []))
    if any(change.kind is Kind.MIGRATED for change in changes):
        findings = _without_format_findings(findings)
    changes.extend(findings)
    if old.model.id == journey.id:
        # Two maps with different ids (a map and its future state) are not two
        # measurements of one funnel.
        changes.extend(measurement_changes(journey.id, old.measured, new.measured, journey))
    section.changes = sorted(changes, key=lambda change: change.position)
    return section


def _renamed_map(finding: FindingEntry, old_id: str, new_id: str) -> FindingEntry:
    message = finding.message.replace(f"'{old_id}'", f"'{new_id}'")
    return dataclasses.replace(finding, message=message)


# -- lint findings ---------------------------------------------------------------------------

# Messages may name lines and other files' positions; those move with unrelated edits.
_PLACES = re.compile(r"\bat \S+:\d+:\d+|\bline \d+")
# A "did you mean" suggestion depends on which other ids exist: an unknown reference with
# another suggestion is the same finding.
_SUGGESTION = re.compile(r"; did you mean '[^']*'\?$")


def _finding_key(finding: FindingEntry) -> tuple[str, str]:
    message = _SUGGESTION.sub("", finding.message)
    return finding.code, _PLACES.sub("<place>", message)


def _finding_changes(old: list[FindingEntry], new: list[FindingEntry]) -> list[Change]:
    """Findings introduced and fixed, matched by rule and message (as a multiset)."""
    old_counts = Counter(_finding_key(f) for f in old)
    new_counts = Counter(_finding_key(f) for f in new)
    changes: list[Change] = []
    for kind, findings, other in (
        (Kind.INTRODUCED, new, old_counts),
        (Kind.FIXED, old, new_counts),
    ):
        seen: Counter[tuple[str, str]] = Counter()
        for finding in sorted(findings, key=lambda f: (f.code, f.message)):
            key = _finding_key(finding)
            seen[key] += 1
            if seen[key] <= other[key]:
                continue
            introduced = kind is Kind.INTRODUCED
            changes.append(
                Change(
                    kind,
                    Entity.FINDING,
                    finding.code,
                    finding.name,
                    before=None if introduced else finding.message,
                    after=finding.message if introduced else None,
                    details=(("severity", finding.severity),),
                    position=(AT_FINDINGS, 0 if introduced else 1, len(changes)),
                )
            )
    return changes


# -- format versions -------------------------------------------------------------------------


def _without_format_findings(changes: list[Change]) -> list[Change]:
    """A migrated file's changes without the fixed finding that asked for the migration:
    "migrated to format 1.0" says it."""
    return [c for c in changes if not (c.kind is Kind.FIXED and c.id == FORMAT_OUTDATED)]


def _migration(before: str | None, after: str | None) -> Change | None:
    """A shared file's new format version: ``migrated`` to a version, or a version removed
    (the file is read as 0.x again)."""
    if before == after:
        return None
    kind = Kind.MIGRATED if after is not None else Kind.CHANGED
    return Change(
        kind, Entity.FILE, "format", field="format", before=before, after=after,
        position=(AT_MAP, 0),
    )  # fmt: skip


def _file_pairs(old: list[FileEntry], new: list[FileEntry]) -> list[tuple[FileEntry, FileEntry]]:
    """The shared files both sides have, by their key."""
    before = {entry.key: entry for entry in old}
    return [(before[entry.key], entry) for entry in new if entry.key in before]


# -- shared definitions ----------------------------------------------------------------------


def _shared_sections(old: Snapshot, new: Snapshot) -> list[Section]:
    """Changes to definitions outside maps, and findings in those files, per file."""
    sections: dict[str, Section] = {}

    def section_for(key: str, path: str) -> Section:
        if key not in sections:
            sections[key] = Section(None, None, path)
        return sections[key]

    for old_file, new_file in _file_pairs(old.files, new.files):
        change = _migration(old_file.format, new_file.format)
        if change is not None and (old_file.selected or new_file.selected):
            section_for(new_file.key, new_file.path).changes.append(change)
    for rank, entity in enumerate(SHARED_KINDS):
        before = _sharedby_id(old.shared, entity)
        after = _sharedby_id(new.shared, entity)
        for change in definition_changes(
            entity,
            [e.model for e in before.values()],
            [e.model for e in after.values()],
            (AT_DEFINITIONS, rank),
        ):
            old_entry, new_entry = before.get(change.id), after.get(change.id)
            entry = new_entry or old_entry
            assert entry is not None
            chosen = (old_entry is not None and old_entry.selected) or (
                new_entry is not None and new_entry.selected
            )
            if chosen:
                section_for(entry.key, entry.path).changes.append(change)

    old_maps = {m.key for m in old.maps}
    new_maps = {m.key for m in new.maps}
    old_files = _findings_by_file(old.findings, old_maps)
    new_files = _findings_by_file(new.findings, new_maps)
    for key in sorted({*old_files, *new_files}):
        before_found, after_found = old_files.get(key, []), new_files.get(key, [])
        if not any(f.selected for f in (*before_found, *after_found)):
            continue
        changes = _finding_changes(before_found, after_found)
        if key in sections and any(c.kind is Kind.MIGRATED for c in sections[key].changes):
            changes = _without_format_findings(changes)
        if changes:
            path = (after_found or before_found)[0].path
            section_for(key, path).changes.extend(changes)
    for section in sections.values():
        section.changes.sort(key=lambda change: change.position)
    return [sections[key] for key in sorted(sections)]


def _sharedby_id(entries: list[SharedEntry], entity: Entity) -> dict[str, SharedEntry]:
    found: dict[str, SharedEntry] = {}
    for entry in entries:
        if entry.entity is entity:
            found.setdefault(entry.model.id, entry)
    return found


def _findings_by_file(
    findings: list[FindingEntry], map_keys: set[str]
) -> dict[str, list[FindingEntry]]:
    grouped: dict[str, list[FindingEntry]] = {}
    for finding in findings:
        if finding.key not in map_keys:
            grouped.setdefault(finding.key, []).append(finding)
    return grouped
