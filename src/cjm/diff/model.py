"""What a diff is made of: the two sides as plain data, and the changes between them.

A :class:`Snapshot` is one side of a comparison (a commit, a folder, a file): its maps,
its shared definitions and its lint findings, each tagged with the file it lives in and
whether the user asked about that file. :func:`cjm.diff.compare.compare` turns two
snapshots into a :class:`DiffResult`: sections (one per map, one per shared file) holding
:class:`Change` objects, in journey order. Nothing here loads, prints or compares.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cjm.model import JourneyMap
from cjm.model.snapshot import Snapshot as MeasuredSnapshot
from cjm.wording import plural


class Kind(StrEnum):
    """What happened to an entity."""

    ADDED = "added"
    REMOVED = "removed"
    # Same id, new visible text: a map's title, a stage's name, a step's action...
    RENAMED = "renamed"
    # Any other field, including a step moved to another stage and a KPI moved.
    CHANGED = "changed"
    REOWNED = "reowned"
    # Pain points.
    OPENED = "opened"
    RESOLVED = "resolved"
    MITIGATED = "mitigated"
    REOPENED = "reopened"
    REGRADED = "regraded"
    # A pain point that covers more steps (``spans``), or fewer.
    WIDENED = "widened"
    NARROWED = "narrowed"
    # Opportunities.
    COMPLETED = "completed"
    DROPPED = "dropped"
    # Lint findings.
    INTRODUCED = "introduced"
    FIXED = "fixed"
    # A map, definitions file or cjm.yaml now written in another format version.
    MIGRATED = "migrated"
    # A map's snapshot measured again (``measured_on``), and numbers that cannot be
    # compared because the definition they were computed under changed.
    REMEASURED = "remeasured"
    INCOMPARABLE = "incomparable"


class Entity(StrEnum):
    """What a change is about."""

    MAP = "map"
    PERSONA = "persona"
    STAGE = "stage"
    STEP = "step"
    BRANCH = "branch"
    EMOTION = "emotion"
    PAIN_POINT = "pain-point"
    KPI = "kpi"
    OPPORTUNITY = "opportunity"
    TOUCHPOINT = "touchpoint"
    TEAM = "team"
    EVIDENCE = "evidence"
    # Words a workspace adds in cjm.yaml (``vocabulary``).
    CHANNEL = "channel"
    SEVERITY = "severity"
    # A definitions file or cjm.yaml as a whole (its format version).
    FILE = "file"
    FINDING = "finding"
    # A map's snapshot (``measurements/<map-id>.yaml``): its definition as a whole, one
    # funnel step's numbers for one segment, one measured KPI, one step's feedback.
    MEASUREMENT = "measurement"
    FUNNEL_STEP = "funnel-step"
    MEASURED_KPI = "measured-kpi"
    FEEDBACK = "feedback"


class Direction(StrEnum):
    """Which way a change moved the journey."""

    BETTER = "better"
    WORSE = "worse"
    # A KPI's actual value, when the KPI has a target.
    TOWARD_TARGET = "toward-target"
    AWAY_FROM_TARGET = "away-from-target"
    # A KPI's actual value moved, and the KPI does not say which way is better.
    UNKNOWN = "unknown"

    @property
    def known(self) -> bool:
        return self is not Direction.UNKNOWN

    @property
    def good(self) -> bool:
        return self in (Direction.BETTER, Direction.TOWARD_TARGET)


class Matching(StrEnum):
    """How the maps of the two sides are paired."""

    # Every map of both sides by id, reported where either side asked about it: a map
    # that moved to another file is still itself (``--base``).
    BY_ID = "by-id"
    # Only the maps each side asked about, by id (two folders).
    SELECTED = "selected"
    # The one map each side names, whatever its id: two map files are two versions of one
    # journey (a current-state map and its future state). Files that are not maps (shared
    # definitions) fall back to ``SELECTED``.
    NAMED = "named"


@dataclass(frozen=True)
class Ref:
    """An entity named by kind and id: the stage a step is in, the step of a pain point."""

    entity: Entity
    id: str


@dataclass(frozen=True)
class Change:
    """One difference, in journey terms.

    ``before`` and ``after`` are JSON values (text, numbers, lists, ``None``). For an
    emotion, ``id`` is the step's id and ``persona`` says whose emotion it is; for a
    finding, ``id`` is the rule code and ``name`` the rule name.
    """

    kind: Kind
    entity: Entity
    id: str
    # The entity's visible text: a title, name, action or summary (newest side first).
    name: str | None = None
    # The YAML key that changed, for `changed`, `renamed`, `reowned`... changes.
    field: str | None = None
    before: Any = None
    after: Any = None
    direction: Direction | None = None
    persona: str | None = None
    parent: Ref | None = None
    # Extra facts worth showing: a KPI's unit and target, a finding's severity...
    details: tuple[tuple[str, Any], ...] = ()
    # Where the change sits in journey order; sections are sorted by it.
    position: tuple[int, ...] = dataclasses.field(default=(), compare=False)

    def detail(self, key: str) -> Any:
        return dict(self.details).get(key)


# -- the two sides ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """A map's snapshot on one side, and how the report names its file."""

    snapshot: MeasuredSnapshot
    path: str


@dataclass(frozen=True)
class MapEntry:
    """A map on one side: the model, the file it is in, and whether it was asked about."""

    model: JourneyMap
    # How the file is named in the report (relative to the working folder when possible).
    path: str
    # The file's identity on its side: its path relative to the workspace root.
    key: str
    selected: bool = True
    # What `cjm measure` last measured for the map, when the side has its snapshot.
    measured: Measured | None = None


@dataclass(frozen=True)
class SharedEntry:
    """A persona, team, touchpoint or evidence entry defined outside any map."""

    entity: Entity
    model: Any
    path: str
    key: str
    selected: bool = True


@dataclass(frozen=True)
class FindingEntry:
    """A lint finding on one side, without its line and column (lines shift)."""

    code: str
    name: str
    severity: str
    message: str
    # The file's identity (as for maps) and how the report names it.
    key: str
    path: str
    selected: bool = True


@dataclass(frozen=True)
class FileEntry:
    """A definitions file or cjm.yaml on one side, with the format version it says it is
    written in (None: the 0.x format)."""

    format: str | None
    key: str
    path: str
    selected: bool = True


@dataclass
class Snapshot:
    """One side of a comparison."""

    label: str
    maps: list[MapEntry] = field(default_factory=list)
    shared: list[SharedEntry] = field(default_factory=list)
    findings: list[FindingEntry] = field(default_factory=list)
    files: list[FileEntry] = field(default_factory=list)


# -- the result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """Two map files compared as two versions of one journey."""

    old_id: str
    old_path: str
    new_id: str
    new_path: str

    @property
    def same_map(self) -> bool:
        """Two versions of one map (the same id), rather than two maps."""
        return self.old_id == self.new_id


@dataclass
class Section:
    """The changes of one map, or of one shared definitions file (``map_id`` is None)."""

    map_id: str | None
    title: str | None
    path: str
    changes: list[Change] = field(default_factory=list)
    old_path: str | None = None

    @property
    def is_map(self) -> bool:
        return self.map_id is not None


@dataclass(frozen=True)
class Tally:
    """One count of the summary line: ``2 steps got worse``."""

    key: str
    count: int
    one: str
    many: str

    @property
    def phrase(self) -> str:
        return plural(self.count, self.one, self.many)


# The summary line counts these, in this order; everything else is an "other change".
# A row names the entity, the kinds, and the direction (None: any direction).
_TALLIES: tuple[tuple[str, Entity, tuple[Kind, ...], Direction | None, str, str], ...] = (
    ("maps_added", Entity.MAP, (Kind.ADDED,), None, "map added", "maps added"),
    ("maps_removed", Entity.MAP, (Kind.REMOVED,), None, "map removed", "maps removed"),
    ("stages_added", Entity.STAGE, (Kind.ADDED,), None, "stage added", "stages added"),
    ("stages_removed", Entity.STAGE, (Kind.REMOVED,), None, "stage removed", "stages removed"),
    ("steps_added", Entity.STEP, (Kind.ADDED,), None, "step added", "steps added"),
    ("steps_removed", Entity.STEP, (Kind.REMOVED,), None, "step removed", "steps removed"),
    ("branches_added", Entity.BRANCH, (Kind.ADDED,), None, "branch added", "branches added"),
    ("branches_removed", Entity.BRANCH, (Kind.REMOVED,), None, "branch removed",
     "branches removed"),
    ("steps_worse", Entity.EMOTION, (Kind.CHANGED,), Direction.WORSE, "step got worse",
     "steps got worse"),
    ("steps_better", Entity.EMOTION, (Kind.CHANGED,), Direction.BETTER, "step got better",
     "steps got better"),
    ("pain_points_opened", Entity.PAIN_POINT, (Kind.OPENED,), None, "pain point opened",
     "pain points opened"),
    ("pain_points_resolved", Entity.PAIN_POINT, (Kind.RESOLVED,), None, "pain point resolved",
     "pain points resolved"),
    ("pain_points_mitigated", Entity.PAIN_POINT, (Kind.MITIGATED,), None,
     "pain point mitigated", "pain points mitigated"),
    ("pain_points_reopened", Entity.PAIN_POINT, (Kind.REOPENED,), None, "pain point reopened",
     "pain points reopened"),
    ("pain_points_regraded", Entity.PAIN_POINT, (Kind.REGRADED,), None, "pain point re-graded",
     "pain points re-graded"),
    ("pain_points_widened", Entity.PAIN_POINT, (Kind.WIDENED,), None, "pain point widened",
     "pain points widened"),
    ("pain_points_narrowed", Entity.PAIN_POINT, (Kind.NARROWED,), None, "pain point narrowed",
     "pain points narrowed"),
    ("pain_points_reowned", Entity.PAIN_POINT, (Kind.REOWNED,), None, "pain point re-owned",
     "pain points re-owned"),
    ("pain_points_removed", Entity.PAIN_POINT, (Kind.REMOVED,), None, "pain point removed",
     "pain points removed"),
    ("opportunities_added", Entity.OPPORTUNITY, (Kind.ADDED,), None, "opportunity added",
     "opportunities added"),
    ("opportunities_completed", Entity.OPPORTUNITY, (Kind.COMPLETED,), None,
     "opportunity completed", "opportunities completed"),
    ("opportunities_dropped", Entity.OPPORTUNITY, (Kind.DROPPED,), None, "opportunity dropped",
     "opportunities dropped"),
    ("opportunities_removed", Entity.OPPORTUNITY, (Kind.REMOVED,), None, "opportunity removed",
     "opportunities removed"),
    ("kpis_toward_target", Entity.KPI, (Kind.CHANGED,), Direction.TOWARD_TARGET,
     "KPI moved toward its target", "KPIs moved toward their targets"),
    ("kpis_away_from_target", Entity.KPI, (Kind.CHANGED,), Direction.AWAY_FROM_TARGET,
     "KPI moved away from its target", "KPIs moved away from their targets"),
    ("kpis_better", Entity.KPI, (Kind.CHANGED,), Direction.BETTER, "KPI improved",
     "KPIs improved"),
    ("kpis_worse", Entity.KPI, (Kind.CHANGED,), Direction.WORSE, "KPI got worse",
     "KPIs got worse"),
    ("kpis_direction_unknown", Entity.KPI, (Kind.CHANGED,), Direction.UNKNOWN,
     "KPI moved (direction unknown)", "KPIs moved (direction unknown)"),
    ("touchpoints_added", Entity.TOUCHPOINT, (Kind.ADDED,), None, "touchpoint added",
     "touchpoints added"),
    ("touchpoints_removed", Entity.TOUCHPOINT, (Kind.REMOVED,), None, "touchpoint removed",
     "touchpoints removed"),
    ("touchpoints_unowned", Entity.TOUCHPOINT, (Kind.REOWNED,), None,
     "touchpoint lost its owner", "touchpoints lost their owner"),
    ("personas_added", Entity.PERSONA, (Kind.ADDED,), None, "persona added", "personas added"),
    ("personas_removed", Entity.PERSONA, (Kind.REMOVED,), None, "persona removed",
     "personas removed"),
    ("files_migrated", Entity.MAP, (Kind.MIGRATED,), None, "file migrated", "files migrated"),
    ("measurements_added", Entity.MEASUREMENT, (Kind.ADDED,), None, "map measured",
     "maps measured"),
    ("measurements_incomparable", Entity.MEASUREMENT, (Kind.INCOMPARABLE,), None,
     "measurement not comparable", "measurements not comparable"),
    ("measured_kpis_better", Entity.MEASURED_KPI, (Kind.CHANGED,), Direction.BETTER,
     "measured KPI improved", "measured KPIs improved"),
    ("measured_kpis_worse", Entity.MEASURED_KPI, (Kind.CHANGED,), Direction.WORSE,
     "measured KPI got worse", "measured KPIs got worse"),
    ("findings_introduced", Entity.FINDING, (Kind.INTRODUCED,), None, "finding introduced",
     "findings introduced"),
    ("findings_fixed", Entity.FINDING, (Kind.FIXED,), None, "finding fixed", "findings fixed"),
)  # fmt: skip


def _tally_key(change: Change) -> str | None:
    if change.entity is Entity.TOUCHPOINT and change.kind is Kind.REOWNED:
        # Only losing the owner is worth a headline; a new owner is an "other change".
        return "touchpoints_unowned" if change.after is None else None
    if change.entity is Entity.PERSONA and change.field != "personas":
        return None  # a shared definition; the headline counts personas a map covers
    if change.kind is Kind.MIGRATED:
        return "files_migrated"  # a map's file or a shared file
    for key, entity, kinds, direction, _, _ in _TALLIES:
        if change.entity is not entity or change.kind not in kinds:
            continue
        if direction is None or change.direction is direction:
            return key
    return None


@dataclass
class DiffResult:
    """Every change between two sides, grouped into sections."""

    old_label: str
    new_label: str
    sections: list[Section] = field(default_factory=list)
    # Set when two map files were compared as two versions of one journey.
    pair: Pair | None = None
    # The paths asked about that belong to no workspace, when unknown references changed:
    # ids of a workspace's shared files are unknown to them, which the report says.
    outside_workspace: list[str] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        return [change for section in self.sections for change in section.changes]

    @property
    def has_changes(self) -> bool:
        return any(section.changes for section in self.sections)

    @property
    def maps_changed(self) -> int:
        return sum(1 for s in self.sections if s.is_map and s.changes)

    @property
    def shared_files_changed(self) -> int:
        return sum(1 for s in self.sections if not s.is_map and s.changes)

    def tallies(self) -> list[Tally]:
        """The counts of the summary line, in a fixed order; zero counts are left out.

        Emotions count steps (a step where two personas feel worse is one step that got
        worse); everything else counts changes.
        """
        counts: Counter[str] = Counter()
        worse_steps: set[tuple[str | None, str, str]] = set()
        others = 0
        for section in self.sections:
            for change in section.changes:
                key = _tally_key(change)
                if key is None:
                    others += 1
                elif change.entity is Entity.EMOTION:
                    step = (section.map_id, change.id, key)
                    if step not in worse_steps:
                        worse_steps.add(step)
                        counts[key] += 1
                else:
                    counts[key] += 1
        found = [
            Tally(key, counts[key], one, many)
            for key, _, _, _, one, many in _TALLIES
            if counts[key]
        ]
        if others:
            found.append(Tally("other_changes", others, "other change", "other changes"))
        return found
