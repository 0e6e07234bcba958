"""Properties of cjm.yamledit on generated documents and on the bundled maps.

* Unchanged data gives the text back byte for byte (CRLF and a byte order mark too).
* Edited data (scalars changed, keys added and removed, items added, removed and
  reordered) reads back as exactly that data; edits that remove nothing keep every
  comment, and no edit adds one.
* A map in ``cjm fmt``'s layout stays in that layout after an edit.

The documents come from the generators of the ``cjm fmt`` properties: journey maps
written by ruamel.yaml's dumper in random styles and by a writer of odd layouts, with
comments holding unique markers. Set ``CJM_YAMLEDIT_EXAMPLES`` to run more examples.
"""

from __future__ import annotations

import copy
import functools
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cjm.fmt import FormatError, format_text
from cjm.load.document import parse_document
from cjm.model import JourneyMap
from cjm.yamledit import EditError, read_data, rewrite
from cjm.yamledit.scalars import same
from cjm.yamledit.tree import Collection, parse
from tests.fmt.test_fmt_properties import dumped_maps, journey_maps, texts, written_maps

ROOT = Path(__file__).resolve().parents[2]
# CI runs the same 60 examples every time; CJM_YAMLEDIT_EXAMPLES=2000 explores new ones.
EXAMPLES = os.environ.get("CJM_YAMLEDIT_EXAMPLES")
PROPERTY = settings(
    max_examples=int(EXAMPLES or 60),
    deadline=None,
    derandomize=EXAMPLES is None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MARKER = re.compile(r"mk\d{4}")

documents = st.one_of(dumped_maps(), written_maps())


def readable(text: str) -> Any:
    try:
        return read_data(text)
    except EditError:
        assume(False)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


new_values = st.one_of(
    texts,
    st.integers(-5, 10_000),
    st.sampled_from([1.5, True, False, None, [], {}, ["a", "b"], {"k": "v", "l": [1, {"m": 2}]}]),
)


def edit(draw: st.DrawFn, data: Any, *, canonical: bool = False) -> tuple[Any, bool]:
    """A copy of ``data`` with one edit; and whether the edit removed something. A
    ``canonical`` edit adds keys where ``cjm fmt`` puts them: a team's own ``x-`` key
    after the others."""
    data = copy.deepcopy(data)
    path = draw(st.sampled_from(_paths(data)[1:]))
    parent, last, value = _at(data, path[:-1]), path[-1], _at(data, path)
    choices = ["set", "remove"]
    if isinstance(value, list) and value:
        choices += ["insert", "reorder"]
    if isinstance(value, dict):
        choices += ["add"]
    kind = draw(st.sampled_from(choices))
    if kind == "set":
        parent[last] = draw(new_values)
        return data, isinstance(value, dict | list) and bool(value)
    if kind == "remove":
        del parent[last]
        return data, True
    if kind == "insert":
        item = copy.deepcopy(draw(st.sampled_from(value)))
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            item["id"] += "-copy"
        value.insert(draw(st.integers(0, len(value))), item)
    elif kind == "reorder":
        value[:] = draw(st.permutations(value))
    else:
        keys = list(value)
        key = draw(st.sampled_from(["x-new", "name", "description", "notes"]))
        if canonical:
            key = "x-new"
        assume(key not in value)
        position = len(keys) if canonical else draw(st.integers(0, len(keys)))
        new_value = draw(new_values)
        items = list(value.items())
        items.insert(position, (key, new_value))
        value.clear()
        value.update(items)
    return data, False


def edits(draw: st.DrawFn, data: Any, *, canonical: bool = False) -> tuple[Any, bool]:
    """``data`` after one to three edits; and whether one of them removed something."""
    removed = False
    for _ in range(draw(st.integers(1, 3))):
        if not _paths(data)[1:]:
            break
        data, removal = edit(draw, data, canonical=canonical)
        removed = removed or removal
    return data, removed


def check_edit(text: str, new: Any, removed: bool) -> str | None:
    note(text)
    try:
        result = rewrite(text, new)
    except EditError as error:
        # Only a refusal with its reason is allowed, never a failed read-back.
        assert "please report" not in str(error), str(error)
        assert re.search(r"alias|anchor|merge", str(error)), str(error)
        return None
    note(result)
    assert same(read_data(result), new)
    before, after = MARKER.findall(text), MARKER.findall(result)
    assert set(after) <= set(before)
    if not removed:
        # A flow collection written again loses the comments inside it (a documented
        # limit); every other comment stays.
        flows = _flow_spans(text)
        in_text = repr(read_data(text))  # a "comment" inside a block scalar is its text
        for marker in set(before) - set(after) - set(MARKER.findall(in_text)):
            at = text.index(marker)
            assert any(start <= at < end for start, end in flows), marker
    return result


def check_still_formatted(result: str) -> None:
    """``result`` is in ``cjm fmt``'s layout, unless the edit made it an invalid map
    (removed a required field, wrote text where a number goes), which fmt refuses."""
    document = parse_document(Path("m.yaml"), "m.yaml", result, JourneyMap)
    assume(not document.diagnostics)
    assert format_text(result, "map") == result


def _flow_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    stack = [parse(text).root]
    while stack:
        node = stack.pop()
        if isinstance(node, Collection):
            if node.flow:
                spans.append((node.start, node.end))
            stack.extend(entry.value for entry in node.entries)
    return spans


@PROPERTY
@given(documents, st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_unchanged_data_gives_the_text_back(
    case: tuple[str, list[str]], newline: str, bom: bool
) -> None:
    text = ("\ufeff" if bom else "") + case[0].replace("\n", newline)
    assert rewrite(text, readable(text)) == text


@PROPERTY
@given(documents, st.sampled_from(["\n", "\r\n"]), st.data())
def test_edits_read_back_and_keep_comments(
    case: tuple[str, list[str]], newline: str, data: st.DataObject
) -> None:
    text = case[0].replace("\n", newline)
    new, removed = edits(data.draw, readable(text))
    result = check_edit(text, new, removed)
    if result is not None and newline == "\r\n":
        assert "\n" not in result.replace("\r\n", "")


@PROPERTY
@given(journey_maps(), st.data())
def test_formatted_maps_stay_formatted(generated: Any, data: st.DataObject) -> None:
    out = io.StringIO()
    YAML().dump(generated, out)
    try:
        text = format_text(out.getvalue(), "map")
    except FormatError:
        assume(False)
    new, removed = edits(data.draw, read_data(text), canonical=True)
    result = check_edit(text, new, removed)
    if result is None:
        return
    check_still_formatted(result)


# -- the bundled files -----------------------------------------------------------------------

EXAMPLE_FILES = sorted(p for p in (ROOT / "examples").rglob("*") if p.suffix in (".yaml", ".yml"))
EXAMPLE_MAPS = sorted(
    p for p in (ROOT / "examples").glob("*/maps/*.yaml") if ".measures." not in p.name
)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_files_are_given_back_unchanged(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert rewrite(text, read_data(text)) == text
    crlf = "\ufeff" + text.replace("\n", "\r\n")
    assert rewrite(crlf, read_data(crlf)) == crlf


def _filled_template(path: Path) -> str:
    """A template with its ``{{ placeholders }}`` filled as ``cjm new`` would fill them."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^[ \t]*\{\{ *\w+ *\}\}[ \t]*\n", "", text, flags=re.MULTILINE)
    return re.sub(r"\{\{ *(\w+) *\}\}", lambda m: "filled-" + m[1].replace("_", "-"), text)


TEMPLATES = sorted(p for p in (ROOT / "templates").rglob("*") if p.suffix in (".yaml", ".yml"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_are_given_back_unchanged(path: Path) -> None:
    text = _filled_template(path)
    assert rewrite(text, read_data(text)) == text


@functools.cache
def _formatted(path: Path) -> str:
    return format_text(path.read_text(encoding="utf-8"), "map")


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(EXAMPLE_MAPS), st.data())
def test_formatted_example_maps_stay_formatted(path: Path, data: st.DataObject) -> None:
    text = _formatted(path)
    new, removed = edits(data.draw, read_data(text), canonical=True)
    result = check_edit(text, new, removed)
    if result is None:
        return
    check_still_formatted(result)
