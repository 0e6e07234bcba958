"""Import a Mermaid ``journey`` diagram as the YAML text of a cjm journey map.

The diagram's sections become stages, its tasks steps and its actors personas, in the
order they are first met; a Mermaid score from 1 to 5 becomes an emotion from -2 to +2
(score - 3). Consecutive task lines of a section with the same text and different actors
are one step whose personas feel differently (what :func:`cjm.render.mermaid.to_mermaid`
writes for such a step). A step lists its personas (``personas``) when its task names
only some actors, or names them in another order than the map's; a task without actors
becomes a step with ``personas: []``: every persona, with no one named, which the export
writes back as a task without actors. Texts are unescaped with
:func:`cjm.render.mermaid.unescape_text`, and the two comment lines the exporter writes
(:data:`~cjm.render.mermaid.NO_EMOTION_COMMENT`, :data:`~cjm.render.mermaid.NEXT_STEP_COMMENT`)
are understood.

Titles and descriptions: the diagram's ``title`` is the map's title; without one, its
``accTitle`` is. ``accDescr`` (one line, or ``accDescr { ... }`` over several lines) is the
map's description. A map has one title, so an ``accTitle`` that differs from the ``title``
is not kept, and the import says so.

Mermaid has no owner, review date or map type, so the map gets ``type: current-state``,
an ``unassigned`` owner team and today's review date: enough to validate, and for the
user to fill in. A map that joins a workspace (:class:`Workspace`) uses the workspace's
persona where an actor has its name and id, takes ids that no other persona or map of the
workspace has, and uses the workspace's ``unassigned`` team when there is one. A problem
stops the import: every problem found is reported with its line and column, and no YAML
is produced.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from cjm.diagnostics import MERMAID_SYNTAX, Diagnostic, Location, Severity
from cjm.model.base import SLUG_MAX_LENGTH
from cjm.render.mermaid import (
    BRANCH_SIGN,
    NEXT_STEP_COMMENT,
    NO_EMOTION_COMMENT,
    OPTIONAL_COMMENT,
    SCORE_OFFSET,
    unescape_description,
    unescape_text,
)

DEFAULT_TITLE = "Journey"
DEFAULT_PERSONA = ("customer", "Customer")  # for a diagram whose tasks name no actor
OWNER = {"id": "unassigned", "name": "Unassigned"}
SCORE_HINT = "a score is 1 (very negative), 2, 3 (neutral), 4 or 5 (very positive)"

# Whitespace as Mermaid's lexer (JavaScript's ``\s``) sees it.
_SPACE = " \t\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACE += "\u2028\u2029\u202f\u205f\u3000\ufeff"
_TITLE = re.compile(r"title[\s\ufeff]", re.IGNORECASE)
# As in Mermaid, `section` followed by a space and `:` starts a task, not a section.
_SECTION = re.compile(r"section[\s\ufeff][^#:;]", re.IGNORECASE)
_ACC_TITLE = re.compile(r"acctitle[\s\ufeff]*:", re.IGNORECASE)
_ACC_DESCR = re.compile(r"accdescr[\s\ufeff]*:", re.IGNORECASE)
_ACC_BLOCK = re.compile(r"accdescr[\s\ufeff]*\{", re.IGNORECASE)
_SCORE = re.compile(r"[1-5]")


def _comment_text(line: str) -> str:
    return line.removeprefix("%%").strip(_SPACE).casefold()


_NO_EMOTION = _comment_text(NO_EMOTION_COMMENT)
_NEXT_STEP = _comment_text(NEXT_STEP_COMMENT)
_OPTIONAL = _comment_text(OPTIONAL_COMMENT)
_BRANCH = re.compile(
    r"cjm: branch (?P<id>[^\s,]+) of the section before"
    r"(?:, after its step (?P<after>\d+))?(?:, back at its step (?P<rejoin>\d+))?"
    r"(?P<bare>, no condition)?",
)


@dataclass(frozen=True)
class _BranchMark:
    """What the exporter's comment says of the section after it: it is a branch of the
    stage before, leaving after its main line's step ``after`` and back at ``rejoin``
    (counted from 1)."""

    branch_id: str
    after: int | None
    rejoin: int | None
    has_condition: bool


@dataclass
class ImportResult:
    """The YAML text of the imported map ("" when there are problems), the problems, the
    map's id, and notes on what the map could not keep or took from the workspace."""

    yaml_text: str
    problems: list[Diagnostic] = field(default_factory=list)
    map_id: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Workspace:
    """What the workspace that the map joins already has."""

    personas: Mapping[str, str] = field(default_factory=dict)  # shared persona id -> name
    teams: frozenset[str] = frozenset()  # shared team ids
    map_ids: frozenset[str] = frozenset()  # ids of the other maps


@dataclass
class _Step:
    action: str
    optional: bool = False
    # Actor to Mermaid score; None when the actor takes the step with no emotion.
    scores: dict[str, int | None] = field(default_factory=dict)
    # The score of a task line without actors: every persona of the map.
    everyone: int | None = None

    def takes(self, actors: list[str]) -> bool:
        """Whether a task line for ``actors`` with this step's text belongs to this step."""
        return bool(actors) and bool(self.scores) and not set(actors) & self.scores.keys()


@dataclass
class _Section:
    name: str | None  # None: tasks written before any section
    steps: list[_Step] = field(default_factory=list)
    branch: _BranchMark | None = None  # a branch of the section before, as the exporter wrote it


@dataclass
class _Diagram:
    title: str | None = None
    acc_title: str | None = None
    description: str | None = None
    sections: list[_Section] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)


class _Parser:
    """Reads the diagram line by line, the way Mermaid's journey grammar does."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.diagram = _Diagram()
        self.problems: list[Diagnostic] = []
        self.no_emotion = False  # the exporter's comment announced a task without emotion
        self.next_step = False  # the exporter's comment separates two same-text steps
        self.optional = False  # the exporter's comment announced an optional step
        self.branch: _BranchMark | None = None  # the exporter's comment on the next section
        self.joinable = False  # the last statement was a task

    def problem(self, line: int, column: int, message: str, hint: str | None = None) -> None:
        self.problems.append(
            Diagnostic(
                MERMAID_SYNTAX, Severity.ERROR, message, self.source, Location(line, column), hint
            )
        )

    def parse(self, text: str) -> _Diagram | None:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        start = self._header(lines)
        if start is None:
            return None
        description: list[str] | None = None  # the lines of an open `accDescr {`
        for number, line in enumerate(lines[start:], start + 1):
            offset = 0
            if description is not None:
                if _is_comment_line(line):  # Mermaid drops it before reading the block
                    continue
                end = line.find("}")
                if end < 0:
                    description.append(line)
                    continue
                description.append(line[:end])
                self.diagram.description = _block_description(description)
                description, offset = None, end + 1
            description = self._line(number, offset, line[offset:])
        if description is not None:
            self.problem(len(lines), 1, "`accDescr {` is not closed with `}`")
        if not self.diagram.sections and not self.problems:
            self.problem(start, 1, "the journey has no section and no task")
        return None if self.problems else self.diagram

    def _line(self, number: int, offset: int, line: str) -> list[str] | None:
        """Read one line (from column ``offset`` + 1); the lines read so far of an
        ``accDescr {`` that it opens and does not close, else None."""
        body = line.lstrip(_SPACE)
        column = offset + len(line) - len(body) + 1
        body = body.rstrip(_SPACE)
        if not body or body.startswith("#"):
            return None
        if body.startswith("%%"):
            self._comment(body)
        elif found := _ACC_TITLE.match(body):
            self.diagram.acc_title = unescape_text(body[found.end() :].strip(_SPACE)) or None
        elif found := _ACC_DESCR.match(body):
            text = unescape_description(body[found.end() :].strip(_SPACE))
            self.diagram.description = text or None
        elif found := _ACC_BLOCK.match(body):
            rest = line[len(line) - len(line.lstrip(_SPACE)) + found.end() :]
            end = rest.find("}")
            if end < 0:
                return [rest]
            self.diagram.description = _block_description([rest[:end]])
            return self._line(number, column - 1 + found.end() + end + 1, rest[end + 1 :])
        else:
            self._statement(number, column, body.split("#", 1)[0].rstrip(_SPACE))
        return None

    def _header(self, lines: list[str]) -> int | None:
        """The index of the line after ``journey``; None (with a problem) if there is none."""
        index, front_matter = 0, False
        for index, line in enumerate(lines):
            body = line.strip(_SPACE)
            if index == 0 and body == "---":
                front_matter = True
            elif front_matter:
                front_matter = body != "---"
            elif body and not body.startswith(("%%", "#")):
                column = len(line) - len(line.lstrip(_SPACE)) + 1
                if re.fullmatch(r"journey", body, re.IGNORECASE):
                    return index + 1
                shown = body if len(body) <= 40 else body[:39].rstrip(_SPACE) + "…"
                self.problem(
                    index + 1,
                    column,
                    f"not a journey diagram: it starts with `{shown}` instead of `journey`",
                )
                return None
        if front_matter:
            self.problem(1, 1, "not a journey diagram: its front matter is not closed with `---`")
        else:
            self.problem(index + 1, 1, "not a journey diagram: it is empty")
        return None

    def _comment(self, body: str) -> None:
        text = _comment_text(body)
        if text == _NO_EMOTION:
            self.no_emotion = True
        elif text == _NEXT_STEP:
            self.next_step = True
        elif text == _OPTIONAL:
            self.optional = True
        elif found := _BRANCH.fullmatch(text):
            after, rejoin = found["after"], found["rejoin"]
            self.branch = _BranchMark(
                found["id"],
                int(after) if after else None,
                int(rejoin) if rejoin else None,
                not found["bare"],
            )

    def _statement(self, number: int, column: int, body: str) -> None:
        no_emotion, next_step, optional = self.no_emotion, self.next_step, self.optional
        branch, self.branch = self.branch, None
        self.no_emotion = self.next_step = self.optional = False
        joinable, self.joinable = self.joinable, False
        semicolon = body.find(";")
        if semicolon >= 0:
            self.problem(
                number,
                column + semicolon,
                "`;` cannot appear in a statement",
                "write `\uff1b` (U+FF1B), which looks alike",
            )
        elif body[:7].casefold() == "journey":
            self.problem(number, column, "`journey` may only start the diagram")
        elif _TITLE.match(body) or body.casefold() == "title":
            self.diagram.title = unescape_text(body[6:].strip(_SPACE)) or None
        elif _SECTION.match(body) or body.casefold() == "section":
            self._section(number, column, body, branch)
        else:
            self._task(number, column, body, no_emotion, joinable and not next_step, optional)

    def _section(self, number: int, column: int, body: str, branch: _BranchMark | None) -> None:
        name = body[8:]
        colon = name.find(":")
        if colon >= 0:
            self.problem(
                number,
                column + 8 + colon,
                "a section name cannot hold `:`",
                "write `\ua789` (U+A789), which looks alike",
            )
        elif not name.strip(_SPACE):
            self.problem(number, column, "a section needs a name")
        else:
            self.diagram.sections.append(_Section(unescape_text(name.strip(_SPACE)), branch=branch))

    def _task(
        self,
        number: int,
        column: int,
        body: str,
        no_emotion: bool,
        joinable: bool,
        optional: bool = False,
    ) -> None:
        written, colon, data = body.partition(":")
        name = written.strip(_SPACE)
        if not name:
            self.problem(number, column, "a task needs a name before `:`")
            return
        pieces = data.split(":")
        score_text = pieces[0].strip(_SPACE)
        if not colon or not score_text:
            self.problem(
                number,
                column,
                f"the task `{name}` has no score",
                f"write `{name}: 3`; {SCORE_HINT}",
            )
            return
        if not _SCORE.fullmatch(score_text):
            where = column + len(written) + 1 + len(pieces[0]) - len(pieces[0].lstrip(_SPACE))
            self.problem(
                number,
                where,
                f"the score of the task `{name}` must be a whole number from 1 to 5, "
                f"not `{score_text}`",
                SCORE_HINT,
            )
            return
        self.joinable = True
        actors: list[str] = []
        if len(pieces) > 1:  # Mermaid ignores anything after a third `:`
            for actor in pieces[1].split(","):
                actor = unescape_text(actor.strip(_SPACE), actor=True)
                if actor and actor not in actors:
                    actors.append(actor)
        self._add_task(unescape_text(name), int(score_text), actors, no_emotion, joinable, optional)

    def _add_task(
        self,
        action: str,
        score: int,
        actors: list[str],
        no_emotion: bool,
        joinable: bool,
        optional: bool,
    ) -> None:
        if not self.diagram.sections:
            self.diagram.sections.append(_Section(None))
        steps = self.diagram.sections[-1].steps
        if joinable and steps and steps[-1].action == action and steps[-1].takes(actors):
            step = steps[-1]
        else:
            step = _Step(action, optional)
            steps.append(step)
        recorded = None if no_emotion else score
        if not actors:
            step.everyone = recorded
        for actor in actors:
            step.scores[actor] = recorded
            if actor not in self.diagram.actors:
                self.diagram.actors.append(actor)


def _block_description(lines: list[str]) -> str | None:
    """The text of ``accDescr { ... }`` as Mermaid keeps it: comment lines dropped, each
    line trimmed, empty lines dropped."""
    kept = [line.strip(_SPACE) for line in lines if not _is_comment_line(line)]
    text = "\n".join(line for line in kept if line)
    return unescape_description(text) or None


def _is_comment_line(line: str) -> bool:
    """Whether Mermaid drops ``line`` before reading the diagram (``%%`` but not ``%%{``)."""
    body = line.lstrip(_SPACE)
    return body.startswith("%%") and not body.startswith("%%{") and len(body) > 2


def _shorten(slug: str, limit: int) -> str:
    """``slug`` cut to ``limit`` characters, at a hyphen where there is one."""
    if len(slug) <= limit:
        return slug
    head = slug[: limit + 1]
    return head[: head.rfind("-")] if "-" in head[1:] else head[:limit]


def slugify(text: str, fallback: str) -> str:
    """A cjm id for ``text``: ASCII letters and digits joined by hyphens, or ``fallback``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.replace("'", "")).strip("-")
    return _shorten(slug, SLUG_MAX_LENGTH) or fallback


def _unique(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... when it is taken; the result is taken."""
    candidate, count = slug, 1
    while candidate in taken:
        count += 1
        suffix = f"-{count}"
        candidate = _shorten(slug, SLUG_MAX_LENGTH - len(suffix)) + suffix
    taken.add(candidate)
    return candidate


def _mapping(**items: Any) -> CommentedMap:
    return CommentedMap((key, value) for key, value in items.items() if value is not None)


NO_ACTORS_COMMENT = "the Mermaid task names no actor: every persona"


def _step_map(step: _Step, step_id: str, persona_of: dict[str, str]) -> CommentedMap:
    data = _mapping(id=step_id, action=step.action, optional=True if step.optional else None)
    if not step.scores:  # a task line without actors: every persona, no one named
        data["personas"] = CommentedSeq()
        data.yaml_add_eol_comment(NO_ACTORS_COMMENT, "personas")
        if step.everyone is not None:
            data["emotion"] = step.everyone - SCORE_OFFSET
        return data
    actors = list(step.scores)
    in_map_order = [actor for actor in persona_of if actor in step.scores]
    if len(actors) < len(persona_of) or actors != in_map_order:
        data["personas"] = CommentedSeq(persona_of[actor] for actor in actors)
    known = {actor: score for actor, score in step.scores.items() if score is not None}
    if len(set(known.values())) == 1 and len(known) == len(step.scores):
        data["emotion"] = next(iter(known.values())) - SCORE_OFFSET
    elif known:
        data["emotions"] = CommentedMap(
            (persona_of[actor], known[actor] - SCORE_OFFSET) for actor in actors if actor in known
        )
    return data


@dataclass
class _Personas:
    """The map's personas: actor name to persona id, and the entries of ``personas``."""

    ids: dict[str, str] = field(default_factory=dict)
    entries: list[Any] = field(default_factory=list)


def _personas(diagram: _Diagram, workspace: Workspace, notes: list[str]) -> _Personas:
    found = _Personas()
    if not diagram.actors:
        found.entries.append(_mapping(id=DEFAULT_PERSONA[0], name=DEFAULT_PERSONA[1]))
        return found
    taken = set(workspace.personas)
    for actor in diagram.actors:
        slug = slugify(actor, "persona")
        shared = workspace.personas.get(slug)
        same_name = shared is not None and shared.casefold() == actor.casefold()
        if same_name and slug not in found.ids.values():
            found.ids[actor] = slug
            found.entries.append(slug)
            notes.append(f"the actor {actor!r} is the workspace's persona {slug!r}")
            continue
        found.ids[actor] = _unique(slug, taken)
        found.entries.append(_mapping(id=found.ids[actor], name=actor))
        if slug in workspace.personas:
            notes.append(
                f"the workspace's persona {slug!r} is {shared!r}, not {actor!r}: "
                f"the actor {actor!r} is the map's own persona {found.ids[actor]!r}"
            )
    return found


def _title(diagram: _Diagram, notes: list[str]) -> str:
    title = diagram.title or diagram.acc_title or DEFAULT_TITLE
    if diagram.acc_title is not None and diagram.acc_title != title:
        notes.append(
            f"the accessible title (accTitle) {diagram.acc_title!r} is not kept: "
            f"a map has one title, {title!r}"
        )
    return title


def _text_value(text: str | None) -> str | None:
    """``text``, written over several lines (``|-``) when it has line breaks."""
    if text is None or "\n" not in text:
        return text
    if not all(line.isprintable() for line in text.split("\n")):
        return text  # quoted, with escapes
    block: str = LiteralScalarString(text)
    return block


def _journey_map(
    diagram: _Diagram, today: datetime.date, workspace: Workspace, notes: list[str]
) -> CommentedMap:
    title = _title(diagram, notes)
    personas = _personas(diagram, workspace, notes)
    stage_ids: set[str] = set()
    step_ids: set[str] = set()
    branch_ids: set[str] = set()
    stages = CommentedSeq()
    main: _Section | None = None  # the section of the last stage
    for section in diagram.sections:
        steps = CommentedSeq(
            _step_map(step, _unique(slugify(step.action, "step"), step_ids), personas.ids)
            for step in section.steps
        )
        if section.branch is not None and main is not None and stages:
            branch = _branch_map(section, main, stages[-1], steps, branch_ids)
            if branch is not None:
                stages[-1].setdefault("branches", CommentedSeq()).append(branch)
                continue
            notes.append(
                f"the section {section.name!r} is marked as a branch, but the steps it "
                "leaves from or comes back to are not in the section before: it is a stage"
            )
        main = section
        name = section.name or title
        stage = _mapping(id=_unique(slugify(name, "stage"), stage_ids), name=name)
        stage["steps"] = steps
        stages.append(stage)
    map_id = _unique(slugify(title, "journey"), set(workspace.map_ids))
    if map_id != slugify(title, "journey"):
        notes.append(
            f"the workspace already has a map with id {slugify(title, 'journey')!r}: "
            f"this one is {map_id!r}"
        )
    teams = None if OWNER["id"] in workspace.teams else CommentedSeq([_mapping(**OWNER)])
    return _mapping(
        id=map_id,
        title=title,
        type="current-state",
        owner=OWNER["id"],
        reviewed=today,
        description=_text_value(diagram.description),
        personas=CommentedSeq(personas.entries),
        teams=teams,
        stages=stages,
    )


def _branch_map(
    section: _Section,
    main: _Section,
    stage: CommentedMap,
    steps: CommentedSeq,
    taken: set[str],
) -> CommentedMap | None:
    """The branch that ``section`` is, of ``stage`` (read from ``main``), as the
    exporter's comment says; None when the steps it names are not in the stage."""
    mark = section.branch
    assert mark is not None
    main_steps = stage["steps"]
    ends: list[str | None] = []
    for position in (mark.after, mark.rejoin):
        if position is None:
            ends.append(None)
        elif 1 <= position <= len(main_steps):
            ends.append(str(main_steps[position - 1]["id"]))
        else:
            return None
    condition = None
    if mark.has_condition:
        prefix = f"{main.name or ''} {BRANCH_SIGN} "
        name = section.name or ""
        condition = name[len(prefix) :] if name.startswith(prefix) else name
    branch_id = _unique(slugify(mark.branch_id, "branch"), taken)
    return _mapping(id=branch_id, condition=condition, after=ends[0], rejoin=ends[1], steps=steps)


def _dump(data: CommentedMap, source: str) -> str:
    yaml = YAML()  # round-trip: block style, keys in insertion order
    yaml.default_flow_style = False
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one line per value, however long
    stream = io.StringIO()
    yaml.dump(data, stream)
    shown = re.sub(r"[\s\x00-\x1f\x7f-\x9f]+", " ", source).strip()
    return f"# Imported from {shown} by cjm import mermaid\n{stream.getvalue()}"


def import_mermaid(
    text: str,
    source: str,
    today: datetime.date | None = None,
    workspace: Workspace | None = None,
) -> ImportResult:
    """Turn the Mermaid journey ``text`` read from ``source`` into a cjm map's YAML text.

    ``today`` is the map's review date (default: today's date); ``workspace`` is what the
    workspace the map joins already has (default: none).
    """
    parser = _Parser(source)
    diagram = parser.parse(text)
    if diagram is None:
        return ImportResult("", parser.problems)
    notes: list[str] = []
    data = _journey_map(diagram, today or datetime.date.today(), workspace or Workspace(), notes)
    return ImportResult(_dump(data, source), [], str(data["id"]), notes)
