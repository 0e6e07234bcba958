"""Export a journey map as a Mermaid ``journey`` diagram, the kind GitHub renders inline.

::

    journey
        title Trial to paid
        accTitle: Trial to paid
        accDescr: From the first visit to the first invoice.
        section Discover
          Reads peer reviews: 4: Ops Olivia, Finance Farid

The map's title is the diagram's ``title``. A map with a description gets the two
accessibility statements that screen readers use: ``accTitle`` (the same title) and
``accDescr`` (the description; ``accDescr { ... }`` over several lines when it has line
breaks). Stages become sections, steps become tasks (the step's action), personas become
actors, and an emotion from -2 to +2 becomes a Mermaid score from 1 to 5 (emotion + 3).

A step's actors are the personas of the map that take it, in the order of the step's
``personas`` when it names them, else in the map's persona order. When they all feel the
same, one task line lists them all; when they differ, the step is written as one task
line per distinct score, with the same task text. A step whose ``personas`` is written
empty (``personas: []``, every persona, as ``cjm import mermaid`` writes a task without
actors) and that feels the same for everyone is a task without actors. Personas who take
the step but have no emotion there get a line of their own with the neutral score 3,
preceded by the comment line :data:`NO_EMOTION_COMMENT`, so that ``cjm import mermaid``
restores "no emotion". Two consecutive steps of a stage whose actions read the same are
separated by :data:`NEXT_STEP_COMMENT`, so that the importer does not merge them into one
step.

Mermaid journeys have no branches and no optional steps. The export keeps them without
losing a step: a stage's branches follow its section, each as a section of its own titled
``<stage> ↗ <condition>`` (``<stage> ↗ branch <id>`` when it has no condition), so that
its steps are drawn, with their emotions, as an alternative after the stage. The comment
line before such a section (:data:`BRANCH_COMMENT`) says which branch it is, after which
step of the stage's main line it leaves (``after its step 2``, counting the main line's
steps from 1) and where it comes back (``back at its step 4``), so that ``cjm import
mermaid`` makes it a branch again. An optional step's task lines are preceded by
:data:`OPTIONAL_COMMENT`. :func:`mermaid_notes` says what became of branches, for the
command's output.

Mermaid's grammar gives meaning to some characters and to keywords at the start of a
line, so every title, section, task and actor text goes through :func:`escape_text`,
which :func:`unescape_text` reverses on import:

- ``:`` becomes U+A789 MODIFIER LETTER COLON (it separates task, score and actors);
- ``#`` becomes U+FF03 FULLWIDTH NUMBER SIGN (it starts a comment);
- ``;`` becomes U+FF1B FULLWIDTH SEMICOLON (it is not allowed in a statement);
- ``<`` and ``>`` become U+FF1C and U+FF1E, the fullwidth less-than and greater-than signs
  (``<br>`` breaks a line, and Mermaid sanitises the title as HTML);
- ``&`` becomes U+FF06 FULLWIDTH AMPERSAND (the sanitised title would show ``&amp;``);
- a ``%`` followed by another ``%`` becomes U+FF05 FULLWIDTH PERCENT SIGN (``%%`` starts a
  comment or a directive);
- in actor names only, ``,`` becomes U+201A SINGLE LOW-9 QUOTATION MARK (it separates
  actors), which looks like a comma;
- every run of whitespace or control characters (newlines, tabs, no-break spaces, U+FEFF)
  becomes one space, and leading and trailing spaces are dropped (a line ends a statement);
- text left empty becomes ``(blank)``;
- text that starts with ``journey``, ``title``, ``section``, ``accTitle`` or ``accDescr``
  in any case gets an invisible U+200B ZERO WIDTH SPACE in front, so that it is not read
  as a statement (not needed for actors, which never start a line).

Task texts keep their commas: only actor lists are split on ``,``. Text that already
contains one of the look-alike characters comes back from an import with the ASCII
character, and whitespace is normalised; everything else survives an export and import.

The description goes through :func:`escape_description`: the same look-alikes but for
``:``, which a description may hold, and ``}`` becomes U+FF5D FULLWIDTH RIGHT CURLY
BRACKET (it closes ``accDescr {``); it keeps its line breaks, but each line is trimmed
and empty lines are dropped, as Mermaid does.
"""

from __future__ import annotations

import re

from cjm.display import reveal_bidi_controls
from cjm.model import Branch, Emotion, JourneyMap, Stage, Step

INDENT_SECTION = "    "
INDENT_TASK = "      "
NEUTRAL_SCORE = 3
SCORE_OFFSET = 3  # Mermaid score = cjm emotion + 3

NO_EMOTION_COMMENT = "%% cjm: no emotion recorded, the score 3 below is a placeholder"
NEXT_STEP_COMMENT = "%% cjm: next step"
OPTIONAL_COMMENT = "%% cjm: optional step"
BRANCH_COMMENT = "%% cjm: branch {id} of the section before"
"""Followed by ``, after its step N`` and ``, back at its step M`` when the branch says
``after`` and ``rejoin``, and ``, no condition`` when it has none."""
BRANCH_SIGN = "\u2197"  # ↗, between a stage's name and a branch's condition

PLACEHOLDER = "(blank)"
ZERO_WIDTH_SPACE = "\u200b"
# Words that Mermaid's lexer (case-insensitive) takes for a statement at the start of a line.
KEYWORDS = ("journey", "title", "section", "acctitle", "accdescr")

_LOOKALIKES = {
    ":": "\ua789",
    "#": "\uff03",
    ";": "\uff1b",
    "<": "\uff1c",
    ">": "\uff1e",
    "&": "\uff06",
}
_PERCENT_LOOKALIKE = "\uff05"
_COMMA, _COMMA_LOOKALIKE = ",", "\u201a"
_BRACE, _BRACE_LOOKALIKE = "}", "\uff5d"
_ESCAPE = str.maketrans(_LOOKALIKES)
# A description may hold `:`; `}` would close `accDescr {`.
_ESCAPE_DESCRIPTION = str.maketrans(
    {k: v for k, v in _LOOKALIKES.items() if k != ":"} | {_BRACE: _BRACE_LOOKALIKE}
)
_UNESCAPE = str.maketrans({v: k for k, v in _LOOKALIKES.items()} | {_PERCENT_LOOKALIKE: "%"})
# Blanks within a line of a description: every whitespace and control character but the
# line break.
_LINE_BLANKS = re.compile(r"(?:[^\S\n]|[\ufeff\x00-\x09\x0b-\x1f\x7f-\x9f])+")
# Whitespace as Python and JavaScript see it (JavaScript adds U+FEFF), and control characters.
_BLANKS = re.compile(r"[\s\ufeff\x00-\x1f\x7f-\x9f]+")


def _starts_with_keyword(text: str) -> bool:
    return text.lstrip(ZERO_WIDTH_SPACE).casefold().startswith(KEYWORDS)


def escape_text(text: str, *, actor: bool = False) -> str:
    """``text`` rewritten so that Mermaid reads it whole, as a title, section or task name,
    or with ``actor`` as the name of one actor (see the module's docstring). Bidirectional
    controls are written as visible codes, as in every output."""
    text = _BLANKS.sub(" ", reveal_bidi_controls(text)).strip() or PLACEHOLDER
    text = re.sub(r"%(?=%)", _PERCENT_LOOKALIKE, text.translate(_ESCAPE))
    if actor:
        return text.replace(_COMMA, _COMMA_LOOKALIKE)
    return ZERO_WIDTH_SPACE + text if _starts_with_keyword(text) else text


def unescape_text(text: str, *, actor: bool = False) -> str:
    """The text that :func:`escape_text` was given, up to normalised whitespace."""
    if not actor and text.startswith(ZERO_WIDTH_SPACE) and _starts_with_keyword(text[1:]):
        text = text[1:]
    text = text.translate(_UNESCAPE)
    return text.replace(_COMMA_LOOKALIKE, _COMMA) if actor else text


def escape_description(text: str) -> list[str]:
    """The lines of ``text`` written so that Mermaid reads them whole as an accessible
    description (see the module's docstring); no line when nothing is left."""
    lines = []
    text = reveal_bidi_controls(text)
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _LINE_BLANKS.sub(" ", line).strip()
        if line:
            lines.append(re.sub(r"%(?=%)", _PERCENT_LOOKALIKE, line.translate(_ESCAPE_DESCRIPTION)))
    return lines


def unescape_description(text: str) -> str:
    """The description that :func:`escape_description` was given, up to blanks."""
    return text.translate(_UNESCAPE).replace(_BRACE_LOOKALIKE, _BRACE)


def _actor_names(journey: JourneyMap, personas: dict[str, str]) -> dict[str, str]:
    """Persona id to actor name; a name that two personas share gets the id added."""
    names: dict[str, str] = {}
    for persona_id in journey.persona_ids:
        name = escape_text(personas.get(persona_id, persona_id), actor=True)
        candidate, count = name, 1
        while candidate in names.values():
            count += 1
            candidate = f"{name} ({persona_id})" if count == 2 else f"{name} ({persona_id} {count})"
        names[persona_id] = candidate
    return names


def _takers(step: Step, persona_ids: list[str]) -> list[str]:
    """The personas of the map who take ``step``: in the step's order when it names them."""
    if step.personas:
        return [pid for pid in dict.fromkeys(step.personas) if pid in persona_ids]
    return list(persona_ids)


def _names_nobody(step: Step) -> bool:
    """Whether ``step`` says ``personas: []``: every persona, with no one named."""
    return "personas" in step.model_fields_set and not step.personas


def _task_lines(step: Step, persona_ids: list[str], actors: dict[str, str]) -> list[str]:
    task = escape_text(step.action)
    groups: dict[int | None, list[str]] = {}
    for pid in _takers(step, persona_ids):
        groups.setdefault(_score(step.emotion_for(pid)), []).append(actors[pid])
    if not groups:  # only in a map whose step names no persona of the map
        groups = {_score(step.emotion): []}
    elif _names_nobody(step) and len(groups) == 1:
        groups = {score: [] for score in groups}
    lines: list[str] = []
    for score, names in groups.items():
        if score is None:
            lines.append(INDENT_TASK + NO_EMOTION_COMMENT)
        mermaid_score = NEUTRAL_SCORE if score is None else score + SCORE_OFFSET
        who = f": {', '.join(names)}" if names else ""
        lines.append(f"{INDENT_TASK}{task}: {mermaid_score}{who}")
    return lines


def _score(emotion: Emotion | None) -> int | None:
    return None if emotion is None else emotion.score


def _heading(journey: JourneyMap) -> list[str]:
    """The title, and the accessible title and description when there is a description."""
    title = escape_text(journey.title)
    lines = [f"{INDENT_SECTION}title {title}"]
    description = escape_description(journey.description or "")
    if not description:
        return lines
    lines.append(f"{INDENT_SECTION}accTitle: {title}")
    if len(description) == 1:
        return [*lines, f"{INDENT_SECTION}accDescr: {description[0]}"]
    return [
        *lines,
        f"{INDENT_SECTION}accDescr {{",
        *(INDENT_TASK + line for line in description),
        f"{INDENT_SECTION}}}",
    ]


def _section_lines(steps: list[Step], persona_ids: list[str], actors: dict[str, str]) -> list[str]:
    """The task lines of ``steps``, with the comments that keep them apart and optional."""
    lines: list[str] = []
    previous: str | None = None
    for step in steps:
        task = escape_text(step.action)
        if task == previous:
            lines.append(INDENT_TASK + NEXT_STEP_COMMENT)
        if step.optional:
            lines.append(INDENT_TASK + OPTIONAL_COMMENT)
        lines.extend(_task_lines(step, persona_ids, actors))
        previous = task
    return lines


def branch_title(stage: Stage, branch: Branch) -> str:
    """``Apply ↗ Card declined``: the section of a branch."""
    condition = (branch.condition or "").strip() or f"branch {branch.id}"
    return f"{stage.name} {BRANCH_SIGN} {condition}"


def branch_comment(stage: Stage, branch: Branch) -> str:
    """The comment line that says which branch the next section is, and where it leaves
    and rejoins the main line (steps counted from 1)."""
    ids = [step.id for step in stage.steps]
    text = BRANCH_COMMENT.format(id=branch.id)
    if branch.after in ids:
        text += f", after its step {ids.index(branch.after) + 1}"
    if branch.rejoin in ids:
        text += f", back at its step {ids.index(branch.rejoin) + 1}"
    if not (branch.condition or "").strip():
        text += ", no condition"
    return text


def to_mermaid(journey: JourneyMap, personas: dict[str, str]) -> str:
    """The Mermaid ``journey`` text of ``journey``; ``personas`` maps persona id to name."""
    actors = _actor_names(journey, personas)
    persona_ids = journey.persona_ids
    lines = ["journey", *_heading(journey)]
    for stage in journey.stages:
        lines.append(f"{INDENT_SECTION}section {escape_text(stage.name)}")
        lines.extend(_section_lines(stage.steps, persona_ids, actors))
        for branch in stage.branches:
            lines.append(INDENT_SECTION + branch_comment(stage, branch))
            lines.append(f"{INDENT_SECTION}section {escape_text(branch_title(stage, branch))}")
            lines.extend(_section_lines(branch.steps, persona_ids, actors))
    return "\n".join(lines) + "\n"


def mermaid_notes(journey: JourneyMap) -> list[str]:
    """What the export does with what Mermaid cannot draw: one note per stage with
    branches, and one for optional steps."""
    notes = []
    for stage in journey.stages:
        if stage.branches:
            count = len(stage.branches)
            which = "the branch" if count == 1 else f"the {count} branches"
            verb = "is" if count == 1 else "are"
            titles = ", ".join(f"'{branch_title(stage, b)}'" for b in stage.branches)
            notes.append(
                f"Mermaid journeys have no branches: {which} of stage '{stage.name}' {verb} "
                f"written as sections after it ({titles}), marked with a comment that "
                "cjm import mermaid reads back"
            )
    optional = sum(1 for _, _, step in journey.iter_steps() if step.optional)
    if optional:
        steps = "step is" if optional == 1 else f"{optional} steps are"
        notes.append(
            f"Mermaid journeys have no optional steps: the optional {steps} drawn like the "
            "others, marked with a comment that cjm import mermaid reads back"
        )
    return notes
