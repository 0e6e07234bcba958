"""Nasty mutations of valid maps, at three levels.

* Data (:data:`GENTLE` and :data:`BREAKING`): edits of the Python data a map holds, aware
  of its structure. Gentle ones keep the map loadable (hostile text, swapped ids, other
  scores and levels, entries removed or reordered), so that diffs and renders get far;
  breaking ones delete required keys, change a value's kind (list, mapping, scalar,
  null), rename keys, put out-of-range numbers, booleans and numbers as text where
  numbers belong, dates as text, times and numbers where dates belong, near-miss ids and
  levels, blow lists up, share subtrees (written as anchors and aliases) and nest values
  deeply.
* YAML text (:data:`TEXT_EDITS`): duplicate keys, tags, anchors, aliases and merge keys,
  suppression comments.
* Bytes (:data:`BYTE_EDITS`): truncation, inserted and flipped bytes, swapped lines, tabs,
  other line breaks and encodings.

:func:`mutated_documents` chains them for one map file, :func:`mutated_workspaces` for
one file of a workspace; :func:`mutated_data` and :func:`map_families` stop at the data.
"""

from __future__ import annotations

import copy
import datetime
import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

from tests.fmt.test_fmt_properties import dumped_maps, written_maps
from tests.fuzz.maps import HOSTILE_TEXTS, journey_maps, slugs, texts, to_yaml, workspace_configs

Container = dict[Any, Any] | list[Any]
Place = tuple[Container, Any]
"""Where a value sits: its parent and its key (or index) there."""

DataEdit = Callable[[st.DrawFn, dict[str, Any]], None]


def places(data: Any) -> list[Place]:
    """Every place in ``data`` that holds a value, parents before children."""
    found: list[Place] = []
    pending: list[Any] = [data]
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:  # shared subtrees are walked once
            continue
        seen.add(id(node))
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            found.append((node, key))
            if isinstance(node[key], dict | list):
                pending.append(node[key])
    return found


def pick(draw: st.DrawFn, data: Any, wanted: Callable[[Place], bool] = lambda _: True) -> Place:
    """A place of ``data`` for which ``wanted`` holds, or any place when none does."""
    every = places(data)
    chosen = [place for place in every if wanted(place)] or every
    return draw(st.sampled_from(chosen))


def pick_only(draw: st.DrawFn, data: Any, wanted: Callable[[Place], bool]) -> Place | None:
    """A place of ``data`` for which ``wanted`` holds, if there is one."""
    chosen = [place for place in places(data) if wanted(place)]
    return draw(st.sampled_from(chosen)) if chosen else None


def value_at(place: Place) -> Any:
    parent, key = place
    return parent[key]


def has_key(*names: str) -> Callable[[Place], bool]:
    return lambda place: isinstance(place[0], dict) and place[1] in names


# Keys whose text must be an id or come from a fixed list for the map to load.
CODED_KEYS = frozenset(
    {"id", "owner", "stage", "current_state", "type", "review_cadence", "severity", "status"}
    | {"channel", "mode", "kind", "impact", "effort", "better", "personas", "touchpoints"}
    | {"evidence", "addresses", "emotions"}
    | {"format", "duration", "wait", "sample_unit", "confidence", "counts_as", "url"}
    | {"after", "rejoin", "spans", "kpis", "baseline_date", "target_date", "actual_date"}
    | {"start", "end", "due"}
)


def free_text(data: Any) -> list[Place]:
    """The places of ``data`` holding text that may say anything: names, thoughts, notes...
    not ids, references or values from a fixed list."""
    every = places(data)
    is_coded = has_key(*CODED_KEYS, "reviewed", "date")
    coded = {(id(parent), key) for parent, key in every if is_coded((parent, key))}
    id_lists = {id(parent[key]) for parent, key in every if is_coded((parent, key))}
    return [
        (parent, key)
        for parent, key in every
        if isinstance(parent[key], str)
        and (id(parent), key) not in coded
        and id(parent) not in id_lists
    ]


# -- gentle edits: the map still loads ---------------------------------------------------------


def hostile_text(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Replace some text (not an id, nor a value from a fixed list) with a hostile string."""
    chosen = free_text(data)
    if chosen:
        parent, key = draw(st.sampled_from(chosen))
        parent[key] = draw(st.one_of(st.sampled_from(HOSTILE_TEXTS), texts))


def swap_ids(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Swap the ids of two entities, or rename one: references now dangle or point
    elsewhere, and ids may clash."""
    with_ids = [
        value_at(place)
        for place in places(data)
        if isinstance(value_at(place), dict) and isinstance(value_at(place).get("id"), str)
    ]
    if len(with_ids) >= 2 and draw(st.booleans()):
        first, second = draw(st.permutations(with_ids))[:2]
        first["id"], second["id"] = second["id"], first["id"]
    elif with_ids:
        draw(st.sampled_from(with_ids))["id"] = draw(slugs)


def other_score(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Set an emotion to another valid score: the curve moves."""
    place = pick_only(draw, data, has_key("emotion", "score"))
    if place is not None:
        parent, key = place
        parent[key] = draw(st.integers(-2, 2))


def other_level(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Re-grade a pain point or opportunity, or change a status."""
    levels = {
        "severity": ["low", "medium", "high", "critical"],
        "status": ["open", "mitigated", "resolved"],
        "impact": ["low", "medium", "high"],
        "effort": ["low", "medium", "high"],
    }
    place = pick_only(draw, data, has_key(*levels))
    if place is None:
        return
    parent, key = place
    # `status` is also an opportunity's, with other values.
    if key != "status" or parent[key] in levels["status"]:
        parent[key] = draw(st.sampled_from(levels[key]))


def drop_entry(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Remove one entry of a list with more than one (a stage, a step, a thought...)."""
    lists = [
        value_at(place)
        for place in places(data)
        if isinstance(value_at(place), list) and len(value_at(place)) > 1
    ]
    if lists:
        chosen = draw(st.sampled_from(lists))
        del chosen[draw(st.integers(0, len(chosen) - 1))]


def reorder(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Shuffle one list: stages, steps, personas..."""
    lists = [value_at(place) for place in places(data) if isinstance(value_at(place), list)]
    if lists:
        chosen = draw(st.sampled_from(lists))
        chosen[:] = draw(st.permutations(chosen))


def drop_optional_key(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Leave out a key that may be left out: a description, a list, a level..."""
    place = pick_only(draw, data, lambda place: isinstance(place[0], dict))
    if place is not None and place[1] not in REQUIRED_KEYS:
        del place[0][place[1]]


GENTLE: list[DataEdit] = [
    hostile_text,
    swap_ids,
    other_score,
    other_level,
    drop_entry,
    reorder,
    drop_optional_key,
]

# -- breaking edits ------------------------------------------------------------------------------

REQUIRED_KEYS = frozenset(
    {"id", "title", "type", "owner", "reviewed", "personas", "stages", "name", "action"}
    | {"summary", "severity", "channel", "kind", "score"}
)

ODD_NUMBERS = [
    3,
    -3,
    -2.5,
    0.5,
    1.0,
    -0.0,
    1e309,  # what YAML reads for `1e309`: infinity
    -1e309,
    float("nan"),
    True,
    False,
    10**30,
    2**63,
    -(2**64),
    10**400,
    1.7976931348623157e308,
    5e-324,
    "1",
    "-2",
    "0x10",
]

ODD_DATES = [
    "2026-01-01",
    "2026-02-30",
    "2026-13-01",
    "0000-01-01",
    "9999-12-31",
    "2026-1-1",
    "20260101",
    "2026-01-01T10:00:00",
    "yesterday",
    "",
    2026,
    0,
    86400,
    1.5,
    datetime.datetime(2026, 1, 1),
    datetime.datetime(2026, 1, 1, 23, 59, 59),
    datetime.date.min,
    datetime.date.max,
    None,
    [datetime.date(2026, 1, 1)],
]


def delete_required_key(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Leave out a key that must be there: an id, a title, a score..."""
    parent, key = pick(draw, data, has_key(*REQUIRED_KEYS))
    del parent[key]


def other_kind(value: Any) -> list[Any]:
    """Values of other kinds than ``value``: list, mapping, text, number, boolean, null."""
    return [
        [value],
        [],
        {"value": value},
        {},
        str(value)[:50],
        "",
        0,
        -1,
        True,
        None,
    ]


def change_kind(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Change a value's kind: list, mapping, scalar, null."""
    parent, key = pick(draw, data)
    parent[key] = draw(st.sampled_from(other_kind(parent[key])))


def odd_number(draw: st.DrawFn, data: dict[str, Any], numbers: Sequence[Any] = ODD_NUMBERS) -> None:
    """Put an out-of-range or odd number where a number belongs, or anywhere."""
    wanted = has_key("emotion", "score", "sample_size", "target", "actual")
    if draw(st.integers(0, 3)) == 0:
        wanted = lambda place: True  # noqa: E731
    parent, key = pick(draw, data, wanted)
    parent[key] = draw(st.sampled_from(numbers))


DATE_KEYS = (
    *("reviewed", "date", "start", "end", "due"),
    *("baseline_date", "target_date", "actual_date"),
)


def odd_date(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Write a date as text, an impossible date, a time, a number, where a date belongs."""
    place = pick_only(draw, data, has_key(*DATE_KEYS))
    if place is not None:
        parent, key = place
        parent[key] = draw(st.sampled_from(ODD_DATES))


def odd_enum(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """A near miss for a value from a fixed list: other case, spaces, underscores."""
    parent, key = pick(draw, data, has_key("type", "severity", "channel", "kind", "status"))
    value = str(parent[key])
    parent[key] = draw(
        st.sampled_from([value.upper(), value + " ", value.replace("-", "_"), "other-" + value])
    )


def odd_key(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Rename a key: a typo, another case, an unknown or empty key, a number."""
    parent, key = pick(draw, data, lambda place: isinstance(place[0], dict))
    if not isinstance(parent, dict):
        return
    new = draw(st.sampled_from([f"{key}s", str(key).upper(), f"x-{key}", "", "1", "null", "<<"]))
    parent[new] = parent.pop(key)


def huge_list(draw: st.DrawFn, data: dict[str, Any], most: int = 400) -> None:
    """Repeat a list's entry many times: as copies, or as one object (aliases in YAML)."""
    parent, key = pick(draw, data, lambda place: isinstance(value_at(place), list))
    entries = parent[key] if isinstance(parent[key], list) and parent[key] else [parent[key]]
    count = draw(st.integers(min(50, most), most))
    entry = entries[0]
    if draw(st.booleans()):
        parent[key] = [copy.deepcopy(entry) for _ in range(count)]
    else:
        parent[key] = [entry] * count


def share_subtree(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Put one object in two places: an anchor and an alias once written, duplicate ids.

    Never inside itself: YAML can write such a cycle, but cjm's reader refuses an alias to
    an anchor that is still open, so no loaded map holds one (the text edit
    :func:`anchors_and_aliases` writes those).
    """
    source = value_at(pick(draw, data, lambda place: isinstance(value_at(place), dict | list)))
    inside = {id(source)} | {id(parent) for parent, _ in places(source)}
    parent, key = pick(draw, data, lambda place: id(place[0]) not in inside)
    if id(parent) not in inside:
        parent[key] = source


def deep_nesting(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Wrap a value in lists and mappings, sometimes deeper than cjm reads."""
    parent, key = pick(draw, data)
    value = parent[key]
    for level in range(draw(st.sampled_from([3, 30, 63, 70]))):
        value = [value] if level % 2 else {"k": value}
    parent[key] = value


NEAR_MISS_IDS = [
    "trial\n",
    "Trial",
    "trial_signup",
    "-trial",
    "trial-",
    "trial--signup",
    "trial signup",
    " trial",
    "tríal",
    "\uff54\uff52\uff49\uff41\uff4c",  # "trial" in fullwidth letters
    "٣",
    "",
    "a" * 64,
    "a" * 65,
]

ID_KEYS = ("id", "owner", "stage", "current_state")


def near_miss_id(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Make an id, a reference or a persona key of `emotions` almost an id."""
    wrong = draw(st.sampled_from(NEAR_MISS_IDS))
    emotions = [
        value_at(place) for place in places(data) if has_key("emotions")(place) and value_at(place)
    ]
    if emotions and isinstance(emotions[0], dict) and draw(st.booleans()):
        chosen = draw(st.sampled_from(emotions))
        chosen[wrong] = chosen.pop(draw(st.sampled_from(list(chosen))))
        return
    parent, key = pick(draw, data, has_key(*ID_KEYS))
    parent[key] = wrong


def empty_or_null_entry(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Put empty text or null where text or an entry belongs."""
    parent, key = pick(draw, data, lambda place: isinstance(value_at(place), str))
    parent[key] = draw(st.sampled_from(["", None, " "]))


def current_state_edit(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Name a current-state map, or change the map's type under one: `current_state` is
    for future-state maps only."""
    if draw(st.booleans()):
        data["current_state"] = draw(st.one_of(slugs, st.none()))
    data["type"] = draw(
        st.sampled_from(["current-state", "future-state", "day-in-the-life", "service-blueprint"])
    )


TYPED_KEYS = (
    *("score", "emotion", "sample_size", "target", "actual", "type", "severity", "status"),
    *("channel", "mode", "kind", "impact", "effort", "better", "review_cadence"),
    *("baseline", "format", "optional", "duration", "wait", "fail_point", "moment_of_truth"),
    *("sample_unit", "confidence", "counts_as", "url", "after", "rejoin"),
    *ID_KEYS,
)
CONFUSABLE_VALUES = [
    True,
    False,
    None,
    0,
    1,
    -2,
    3,
    1.0,
    -2.0,
    2.5,
    "1",
    "-1",
    "1.5",
    "",
    " ",
    "true",
    "null",
    "web",
    "trial\n",
    "Trial",
    "1.0",
    "10 min",
    "ten minutes",
    "https://example.com/x",
    "ftp://example.com/x",
    [],
    [1],
    {},
    {"score": 1},
]


def typed_places(data: Any) -> list[Place]:
    """Places whose value has a kind beyond "some text": numbers, levels, ids, and the
    values of `emotions` and `demographics` mappings."""
    every = places(data)
    mappings = {
        id(value_at(place)) for place in every if has_key("emotions", "demographics")(place)
    }
    return [place for place in every if has_key(*TYPED_KEYS)(place) or id(place[0]) in mappings]


def confuse_type(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Put a value of a kind easily taken for another where a number, a level or an id
    belongs: a boolean, a number as text, a whole number written as a float..."""
    chosen = typed_places(data)
    if chosen:
        parent, key = draw(st.sampled_from(chosen))
        parent[key] = draw(st.sampled_from(CONFUSABLE_VALUES))


BREAKING: list[DataEdit] = [
    delete_required_key,
    change_kind,
    odd_number,
    odd_date,
    odd_enum,
    odd_key,
    near_miss_id,
    confuse_type,
    empty_or_null_entry,
    current_state_edit,
    huge_list,
    share_subtree,
    deep_nesting,
]


def breaking_edits(huge: int = 400, numbers: Sequence[Any] = ODD_NUMBERS) -> list[DataEdit]:
    """:data:`BREAKING`, with lists blown up to at most ``huge`` entries and odd numbers
    drawn from ``numbers``."""
    sized: dict[DataEdit, DataEdit] = {
        huge_list: functools.partial(huge_list, most=huge),
        odd_number: functools.partial(odd_number, numbers=numbers),
    }
    return [sized.get(edit, edit) for edit in BREAKING]


# -- YAML text edits ---------------------------------------------------------------------------

KEY_LINE = re.compile(r"^(?P<indent>\s*(?:- )*)(?P<key>[\w-]+):(?P<rest>.*)$")

TAGS = [
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!timestamp ",
    "!!binary ",
    "!!map ",
    "!!seq ",
    "!!set ",
    "!!omap ",
    "! ",
    "!custom ",
    "!<tag:yaml.org,2002:str> ",
    "!!python/object/apply:os.system ",
    "!!python/name:os.system ",
]


def _key_lines(lines: list[str]) -> list[int]:
    return [number for number, line in enumerate(lines) if KEY_LINE.match(line)]


def duplicate_key(draw: st.DrawFn, text: str) -> str:
    """Write a key twice in one mapping."""
    lines = text.split("\n")
    candidates = _key_lines(lines)
    if not candidates:
        return text
    number = draw(st.sampled_from(candidates))
    match = KEY_LINE.match(lines[number])
    assert match is not None
    indent = " " * len(match["indent"])
    copy_line = f"{indent}{match['key']}:{draw(st.sampled_from([match['rest'], ' x', '']))}"
    lines.insert(number + 1, copy_line)
    return "\n".join(lines)


def insert_tag(draw: st.DrawFn, text: str) -> str:
    """Put a YAML tag, known or not, on a value."""
    lines = text.split("\n")
    candidates = _key_lines(lines)
    if not candidates:
        return text
    number = draw(st.sampled_from(candidates))
    lines[number] = lines[number].replace(":", ": " + draw(st.sampled_from(TAGS)), 1)
    return "\n".join(lines)


def anchors_and_aliases(draw: st.DrawFn, text: str) -> str:
    """Anchor one value and alias it elsewhere, merge it in, or alias no anchor."""
    lines = text.split("\n")
    candidates = _key_lines(lines)
    if len(candidates) < 2:
        return text
    first, second = sorted(draw(st.permutations(candidates))[:2])
    name = draw(st.sampled_from(["a", "x1", "very-long-anchor-name" * 5]))
    lines[first] = lines[first].replace(":", f": &{name}", 1)
    match = KEY_LINE.match(lines[second])
    assert match is not None
    alias = draw(st.sampled_from([f"*{name}", "*nowhere", f"{{<<: *{name}}}", f"[*{name}]"]))
    if draw(st.booleans()):
        lines[second] = f"{match['indent']}{match['key']}: {alias}"
    else:
        lines.insert(second + 1, " " * len(match["indent"]) + f"<<: *{name}")
    return "\n".join(lines)


SUPPRESSED_NAMES = [
    "stale-map",
    "CJM115",
    "cjm115",
    "ALL",
    "unknown-rule",
    "CJM999",
    "",
    ",",
    "stale-map,,CJM101",
    "duplicate-id, unknown-reference",
    "]",
    "<script>",
]


def suppression_comment(draw: st.DrawFn, text: str) -> str:
    """Silence rules, real or not, at the end of a line or on a line of their own."""
    lines = text.split("\n")
    number = draw(st.integers(0, len(lines) - 1))
    comment = f"# cjm: ignore[{draw(st.sampled_from(SUPPRESSED_NAMES))}]"
    if draw(st.booleans()):
        lines[number] += "  " + comment
    else:
        lines.insert(number, comment)
    return "\n".join(lines)


TextEdit = Callable[[st.DrawFn, str], str]
TEXT_EDITS: list[TextEdit] = [duplicate_key, insert_tag, anchors_and_aliases, suppression_comment]

# -- byte edits ----------------------------------------------------------------------------------

NASTY_BYTES = [
    b"\x00",
    b"\xff",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\r",
    b"\r\n",
    b"\t",
    b"\x1b",
    b"\x85",
    b"\xe2\x80\xa8",
    b"'",
    b'"',
    b"[",
    b"{",
    b"&",
    b"*",
    b"!",
    b"%YAML 1.1\n---\n",
    b"---\n",
    b"...\n",
    b"\n  - ",
    b": ",
    b"#",
]


def truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def insert_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    inserted = draw(st.one_of(st.sampled_from(NASTY_BYTES), st.binary(min_size=1, max_size=8)))
    return data[:at] + inserted + data[at:]


def flip_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return data
    changed = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(changed) - 1))
        changed[at] = draw(st.integers(0, 255))
    return bytes(changed)


def delete_range(draw: st.DrawFn, data: bytes) -> bytes:
    start = draw(st.integers(0, len(data)))
    return data[:start] + data[start + draw(st.integers(1, 40)) :]


def duplicate_range(draw: st.DrawFn, data: bytes) -> bytes:
    start = draw(st.integers(0, len(data)))
    end = min(len(data), start + draw(st.integers(1, 200)))
    return data[:end] + data[start:end] + data[end:]


def swap_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    if len(lines) < 2:
        return data
    first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[first], lines[second] = lines[second], lines[first]
    return b"\n".join(lines)


def tab_indent(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    at = draw(st.integers(0, len(lines) - 1))
    lines[at] = b"\t" + lines[at].lstrip(b" ")
    return b"\n".join(lines)


def other_encoding(draw: st.DrawFn, data: bytes) -> bytes:
    """CRLF or CR line breaks, a byte order mark, UTF-16 or Latin-1."""
    text = data.decode("utf-8", errors="replace")
    choice = draw(st.sampled_from(["crlf", "cr", "bom", "utf-16", "utf-16-le", "latin-1"]))
    if choice == "crlf":
        return data.replace(b"\n", b"\r\n")
    if choice == "cr":
        return data.replace(b"\n", b"\r")
    if choice == "bom":
        return b"\xef\xbb\xbf" + data
    return text.encode(choice, errors="replace")


ByteEdit = Callable[[st.DrawFn, bytes], bytes]
BYTE_EDITS: list[ByteEdit] = [
    truncate,
    insert_bytes,
    flip_bytes,
    delete_range,
    duplicate_range,
    swap_lines,
    tab_indent,
    other_encoding,
]

# -- strategies ---------------------------------------------------------------------------------


def mutate(
    draw: st.DrawFn, data: dict[str, Any], edits: Sequence[DataEdit], most: int
) -> dict[str, Any]:
    """A copy of ``data`` with 1 to ``most`` of ``edits`` applied."""
    mutated = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, most))):
        draw(st.sampled_from(edits))(draw, mutated)
    return mutated


@st.composite
def mutated_data(
    draw: st.DrawFn, edits: Sequence[DataEdit] | None = None, most: int = 3
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A valid map and 1 to ``most`` of ``edits`` (default: every gentle and breaking
    edit) applied to a copy of it, as data: ``(valid, mutated)``."""
    chosen = list(edits) if edits is not None else GENTLE + breaking_edits()
    valid = draw(journey_maps())
    return valid, mutate(draw, valid, chosen, most)


@st.composite
def map_families(
    draw: st.DrawFn, edits: Sequence[DataEdit], size: int, most: int = 2, loadable: bool = True
) -> list[dict[str, Any]]:
    """A valid map followed by ``size`` mutations of it, each made independently: one
    costly map drawn, many cheap cases checked (see :func:`journey_maps` for
    ``loadable``)."""
    valid = draw(journey_maps(loadable))
    return [valid, *(mutate(draw, valid, edits, most) for _ in range(size))]


@st.composite
def mutated_documents(draw: st.DrawFn, huge: int = 400) -> tuple[str, bytes]:
    """A valid map as YAML text, and a nasty mutation of it as the bytes of a file.

    The valid map is either drawn whole and edited as data, or one of the commented,
    oddly laid out maps of the ``cjm fmt`` tests; then YAML text and bytes may be edited.
    """
    source = draw(st.sampled_from(["data", "gentle", "fmt-dumped", "fmt-written"]))
    if source in ("data", "gentle"):
        edits = GENTLE if source == "gentle" else GENTLE + breaking_edits(huge)
        valid, mutated = draw(mutated_data(edits))
        original, text = to_yaml(valid), to_yaml(mutated)
    else:
        original, _ = draw(dumped_maps() if source == "fmt-dumped" else written_maps())
        text = original
    for _ in range(0 if source == "gentle" else draw(st.integers(0, 2))):
        text = draw(st.sampled_from(TEXT_EDITS))(draw, text)
    data = text.encode("utf-8")
    if source != "gentle" and draw(st.integers(0, 2)) == 0:
        for _ in range(draw(st.integers(1, 2))):
            data = draw(st.sampled_from(BYTE_EDITS))(draw, data)
    return original, data


def _shared_definitions(journey: dict[str, Any]) -> dict[str, Any]:
    """Move the map's teams, touchpoints, evidence and inline personas into a shared
    definitions file; the map then names its personas by id."""
    shared: dict[str, Any] = {
        key: journey.pop(key) for key in ("teams", "touchpoints", "evidence") if key in journey
    }
    inline = [entry for entry in journey["personas"] if isinstance(entry, dict)]
    if inline:
        shared["personas"] = inline
        journey["personas"] = [
            entry["id"] if isinstance(entry, dict) else entry for entry in journey["personas"]
        ]
    return shared


WORKSPACE_FILES = ("cjm.yaml", "shared/definitions.yaml", "maps/journey.yaml")


@st.composite
def mutated_workspaces(draw: st.DrawFn) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """A valid workspace (``cjm.yaml``, a shared definitions file, a map) and a copy with
    one of its files mutated, each as file names to bytes: ``(valid, mutated)``."""
    journey = draw(journey_maps())
    shared = _shared_definitions(journey) if draw(st.booleans()) else {}
    data = dict(zip(WORKSPACE_FILES, (draw(workspace_configs()), shared, journey), strict=True))
    valid = {name: to_yaml(content).encode("utf-8") for name, content in data.items()}
    target = draw(st.sampled_from(WORKSPACE_FILES))
    changed = copy.deepcopy(data[target])
    if places(changed):
        for _ in range(draw(st.integers(1, 2))):
            draw(st.sampled_from(GENTLE + breaking_edits(huge=60)))(draw, changed)
    text = to_yaml(changed)
    for _ in range(draw(st.integers(0, 1))):
        text = draw(st.sampled_from(TEXT_EDITS))(draw, text)
    encoded = text.encode("utf-8")
    if draw(st.integers(0, 3)) == 0:
        encoded = draw(st.sampled_from(BYTE_EDITS))(draw, encoded)
    return valid, {**valid, target: encoded}
