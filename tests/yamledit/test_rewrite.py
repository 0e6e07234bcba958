"""Unit cases of cjm.yamledit: each rule of rewriting on a small text."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from typing import Any

import pytest

from cjm.fmt import format_text
from cjm.yamledit import EditError, read_data, rewrite
from cjm.yamledit.scalars import same


def edited(text: str, change: Callable[[Any], None]) -> str:
    """``text`` rewritten after ``change`` edits a copy of its data; checks read-back."""
    data = copy.deepcopy(read_data(text))
    change(data)
    result = rewrite(text, data)
    assert same(read_data(result), data)
    return result


MAP = """\
# yaml-language-server: $schema=map.schema.json
format: "1.0"
id: demo  # the map's id
title: Demo
stages:
  # The first stage.
  - id: a
    name: Aware
    steps:
      - id: s1
        name: Look
  - id: b  # bee
    name: Buy

  # The third stage.
  - id: c
    name: Care
tags: [x, y]
"""


def test_reading_gives_cjms_data() -> None:
    data = read_data("a: 2026-01-01\nb: yes\nc: 1.0\nd: ~\ne: 0x1F\nf: [1, '2']\n")
    assert data == {"a": "2026-01-01", "b": "yes", "c": 1.0, "d": None, "e": 31, "f": [1, "2"]}
    assert isinstance(data["c"], float)


def test_unreadable_text_is_an_error_with_its_place() -> None:
    with pytest.raises(EditError, match=r"^m\.yaml:2:1: duplicate key 'a'"):
        read_data("a: 1\na: 2\n", path="m.yaml")
    with pytest.raises(EditError, match=r"^m\.yaml:1:"):
        rewrite("a: [1\n", {"a": 1}, path="m.yaml")


def test_unchanged_data_gives_the_same_text() -> None:
    assert rewrite(MAP, read_data(MAP)) == MAP


def test_a_changed_scalar_is_replaced_in_place() -> None:
    result = edited(MAP, lambda d: d["stages"][1].update(name="Purchase"))
    assert result == MAP.replace("name: Buy", "name: Purchase")


def test_quoted_scalars_keep_their_quotes() -> None:
    text = "a: 'one'\nb: \"two\"\nc: three\n"
    result = edited(text, lambda d: d.update(a="uno", b="dos", c="tres"))
    assert result == "a: 'uno'\nb: \"dos\"\nc: tres\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("yes", "'yes'"),
        ("1.0", "'1.0'"),
        ("2026-01-01", "'2026-01-01'"),
        ("null", "'null'"),
        ("~", "'~'"),
        ("a: b", "'a: b'"),
        ("-dash", "'-dash'"),
        ("#hash", "'#hash'"),
        ("*star", "'*star'"),
        ("&amp", "'&amp'"),
        ("!bang", "'!bang'"),
        ("%pct", "'%pct'"),
        ("@at", "'@at'"),
        ("`tick", "'`tick'"),
        ("trailing ", "'trailing '"),
        ("it's: here", "'it''s: here'"),
        ("", "''"),
        ("tab\there", '"tab\\there"'),
        ("plain text", "plain text"),
        (3, "3"),
        (2.5, "2.5"),
        (True, "true"),
        (None, "null"),
        (datetime.date(2026, 9, 14), "2026-09-14"),
    ],
)
def test_new_values_are_written_so_that_they_read_back(value: Any, written: str) -> None:
    text = "name: Old name  # kept\n"
    result = rewrite(text, {"name": value}, path="m.yaml")
    assert result == f"name: {written}  # kept\n"
    expected = value.isoformat() if isinstance(value, datetime.date) else value
    assert same(read_data(result), {"name": expected})


@pytest.mark.parametrize(
    ("character", "escape"),
    [("\u200b", "\\u200b"), ("\uffff", "\\uffff"), ("\U000e0001", "\\U000e0001")],
)
def test_characters_that_are_not_printable_are_escaped(character: str, escape: str) -> None:
    # Above U+00FF too: as the formatter writes them, which leaves the text as it is.
    text = 'format: "1.0"\nname: Demo  # the workspace\n'
    result = edited(text, lambda d: d.update(name=f"De{character}mo"))
    assert result == f'format: "1.0"\nname: "De{escape}mo"  # the workspace\n'
    assert format_text(result, "workspace") == result


def test_plain_text_stays_plain_when_it_still_reads_back() -> None:
    assert edited("a: no\n", lambda d: d.update(a="yes")) == "a: yes\n"
    assert edited("a: x\n", lambda d: d.update(a="a: b")) == "a: 'a: b'\n"


def test_multi_line_text_becomes_a_block_scalar() -> None:
    text = "a: one  # note\nb: 2\n"
    assert edited(text, lambda d: d.update(a="one\ntwo\n")) == "a: |  # note\n  one\n  two\nb: 2\n"
    assert edited(text, lambda d: d.update(a="one\ntwo")) == "a: |-  # note\n  one\n  two\nb: 2\n"
    assert edited(text, lambda d: d.update(a="one\n\n")) == "a: |+  # note\n  one\n\nb: 2\n"


def test_block_scalars_stay_blocks() -> None:
    text = "a: |\n  one\n  two\n\nb: >-\n  folded\n  text\nc: 1\n"
    result = edited(text, lambda d: d.update(a="uno\ndos\n", b="new folded text"))
    assert result == "a: |\n  uno\n  dos\n\nb: >-\n  new folded text\nc: 1\n"
    result = edited(text, lambda d: d.update(a="one line"))
    assert result == "a: one line\n\nb: >-\n  folded\n  text\nc: 1\n"


def test_long_folded_text_is_wrapped() -> None:
    text = "a: >-\n  short\n"
    words = " ".join(["word"] * 40)
    result = edited(text, lambda d: d.update(a=words))
    lines = result.splitlines()
    assert lines[0] == "a: >-" and len(lines) > 2
    assert all(len(line) <= 96 for line in lines)


def test_a_removed_item_takes_the_comment_above_it() -> None:
    result = edited(MAP, lambda d: d["stages"].pop(0))
    assert "# The first stage." not in result
    assert result.startswith(MAP.split("  # The first stage.")[0] + "  - id: b  # bee\n")
    assert "# The third stage." in result


def test_a_comment_above_a_neighbour_is_kept() -> None:
    result = edited(MAP, lambda d: d["stages"].pop(1))
    assert result == MAP.replace("  - id: b  # bee\n    name: Buy\n", "")


def test_removing_the_last_item() -> None:
    result = edited(MAP, lambda d: d["stages"].pop())
    assert result == MAP.replace("\n  # The third stage.\n  - id: c\n    name: Care\n", "")


def test_emptying_a_list_writes_empty_brackets() -> None:
    result = edited(MAP, lambda d: d["stages"][0].update(steps=[]))
    assert "    steps: []\n  - id: b" in result
    text = "items:  # none left\n  - a\n  - b\nnext: 1\n"
    assert edited(text, lambda d: d.update(items=[])) == "items: []  # none left\nnext: 1\n"


def test_adding_to_empty_brackets_writes_a_block() -> None:
    text = "items: []  # to do\nnext: 1\n"
    result = edited(text, lambda d: d.update(items=["a", {"id": "b", "k": 1}]))
    assert result == "items:  # to do\n  - a\n  - id: b\n    k: 1\nnext: 1\n"
    result = edited("m: {}\n", lambda d: d.update(m={"k": "v"}))
    assert result == "m:\n  k: v\n"


def test_a_key_with_a_null_value() -> None:
    text = "a:\nb: 1\n"
    assert edited(text, lambda d: d.update(a="x")) == "a: x\nb: 1\n"
    assert edited(text, lambda d: d.update(a=["x"])) == "a:\n  - x\nb: 1\n"
    assert edited("a: x\n", lambda d: d.update(a=None)) == "a: null\n"
    assert edited(text, lambda d: d.update(c=None)) == "a:\nb: 1\nc: null\n"
    assert edited(text, lambda d: d.pop("a")) == "b: 1\n"


def test_new_keys_go_after_their_predecessor() -> None:
    def add(data: dict[str, Any]) -> None:
        stage = data["stages"][1]
        data["stages"][1] = {"id": "b", "description": "New", "name": "Buy"}
        assert stage["name"] == "Buy"

    result = edited(MAP, add)
    assert "  - id: b  # bee\n    description: New\n    name: Buy\n" in result

    def first(data: dict[str, Any]) -> None:
        data["stages"][2] = {"key": "k", **data["stages"][2]}

    result = edited(MAP, first)
    assert "  # The third stage.\n  - key: k\n    id: c\n    name: Care\n" in result


def test_new_items_use_the_canonical_layout_at_their_siblings_indentation() -> None:
    def add(data: dict[str, Any]) -> None:
        data["stages"].insert(1, {"id": "n", "name": "New", "steps": [{"id": "q"}], "tags": []})

    result = edited(MAP, add)
    assert (
        "        name: Look\n  - id: 'n'\n    name: New\n    steps:\n      - id: q\n"
        "    tags: []\n  - id: b  # bee\n" in result
    )
    text = "list:\n- a\n- b\n"
    assert (
        edited(text, lambda d: d["list"].append({"x": [1]})) == "list:\n- a\n- b\n- x:\n    - 1\n"
    )


def test_items_with_ids_are_matched_by_id() -> None:
    def rename(data: dict[str, Any]) -> None:
        data["stages"] = [
            dict(s, name=s["name"] + "!") if s["id"] == "c" else s for s in data["stages"]
        ]
        data["stages"].insert(0, data["stages"].pop(2))

    result = edited(MAP, rename)
    assert result.index("# The third stage.") < result.index("# The first stage.")
    assert "  # The third stage.\n  - id: c\n    name: Care!\n" in result
    assert "  - id: b  # bee\n    name: Buy\n" in result


def test_other_sequences_are_matched_by_equality() -> None:
    text = "l:\n  - one  # 1\n  - two  # 2\n  - three  # 3\n"
    assert edited(text, lambda d: d["l"].remove("two")) == "l:\n  - one  # 1\n  - three  # 3\n"
    result = edited(text, lambda d: d["l"].__setitem__(1, "deux"))
    assert result == "l:\n  - one  # 1\n  - deux  # 2\n  - three  # 3\n"
    result = edited(text, lambda d: d["l"].reverse())
    assert result == "l:\n  - three  # 3\n  - two  # 2\n  - one  # 1\n"


def test_flow_collections_are_rewritten_in_flow_style() -> None:
    text = "tags: [x, 'y', z]  # kept\nm: {a: 1, b: 2}\n"
    result = edited(text, lambda d: d["tags"].append("w"))
    assert result == "tags: [x, 'y', z, w]  # kept\nm: {a: 1, b: 2}\n"
    result = edited(text, lambda d: d["m"].pop("a"))
    assert result == "tags: [x, 'y', z]  # kept\nm: {b: 2}\n"
    result = edited(text, lambda d: d["tags"].__setitem__(0, "a, b"))
    assert result == "tags: ['a, b', 'y', z]  # kept\nm: {a: 1, b: 2}\n"


def test_crlf_and_bom_are_kept() -> None:
    text = "\ufeff# c\r\na: 1\r\nl:\r\n  - x\r\n  - y\r\n"
    assert rewrite(text, read_data(text)) == text
    result = edited(text, lambda d: d["l"].append({"k": "v", "m": [1]}))
    assert (
        result == "\ufeff# c\r\na: 1\r\nl:\r\n  - x\r\n  - y\r\n  - k: v\r\n    m:\r\n      - 1\r\n"
    )
    result = edited(text, lambda d: d.update(a="one\ntwo"))
    assert result == "\ufeff# c\r\na: |-\r\n  one\r\n  two\r\nl:\r\n  - x\r\n  - y\r\n"
    assert edited(text, lambda d: d["l"].pop(0)) == "\ufeff# c\r\na: 1\r\nl:\r\n  - y\r\n"


def test_blank_lines_do_not_pile_up() -> None:
    text = "a: 1\n\nb: 2\n\nc: 3\n"
    assert edited(text, lambda d: d.pop("b")) == "a: 1\n\nc: 3\n"
    assert edited(text, lambda d: d.pop("a")) == "b: 2\n\nc: 3\n"
    assert edited(text, lambda d: d.pop("c")) == "a: 1\n\nb: 2\n"


def test_header_comments_stay_when_the_first_key_goes() -> None:
    result = edited(MAP, lambda d: d.pop("format"))
    assert result.startswith("# yaml-language-server: $schema=map.schema.json\nid: demo")


def test_a_changed_alias_or_anchor_is_refused_with_its_place() -> None:
    text = "base: &b {x: 1}\nother: *b\n"
    with pytest.raises(EditError, match=r"^m\.yaml:2:8: this value is the alias \*b"):
        rewrite(text, {"base": {"x": 1}, "other": {"x": 2}}, path="m.yaml")
    with pytest.raises(EditError, match=r"^m\.yaml:1:7: this value carries the anchor &b"):
        rewrite(text, {"base": {"x": 2}, "other": {"x": 1}}, path="m.yaml")
    with pytest.raises(EditError, match=r"^m\.yaml:1:7: cannot remove this"):
        rewrite(text, {"other": {"x": 1}}, path="m.yaml")
    assert rewrite(text, {"base": {"x": 1}}) == "base: &b {x: 1}\n"


def test_merged_keys_are_refused() -> None:
    text = "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n"
    assert edited(text, lambda d: d["m"].update(y=3)) == text.replace("y: 2", "y: 3")
    with pytest.raises(EditError, match=r"^m\.yaml:3:3: 'x' comes from the merge"):
        rewrite(text, {"base": {"x": 1}, "m": {"x": 5, "y": 2}}, path="m.yaml")


def test_values_yaml_cannot_hold_are_refused() -> None:
    with pytest.raises(EditError, match="cannot write a value of type set"):
        rewrite("a: 1\n", {"a": {1, 2}})


def test_deeper_comments_below_an_entry_stay_with_it() -> None:
    text = "a:\n  - x\n  # more about a\nb: 1\n"
    assert edited(text, lambda d: d.pop("b")) == "a:\n  - x\n  # more about a\n"
    result = edited(text, lambda d: d.update(a=["x"], c=2, b=1))
    assert result == "a:\n  - x\n  # more about a\nb: 1\nc: 2\n"
    assert edited(text, lambda d: d.pop("a")) == "b: 1\n"
    new = {"a": ["x"], "c": 2, "b": 1}
    assert rewrite(text, new) == "a:\n  - x\n  # more about a\nc: 2\nb: 1\n"


def test_an_item_whose_id_changes_is_edited_in_place() -> None:
    result = edited(MAP, lambda d: d["stages"][1].update(id="buy"))
    assert result == MAP.replace("- id: b  # bee", "- id: buy  # bee")


def test_comments_below_a_new_block_scalar_are_not_taken_into_its_text() -> None:
    text = "a: 1\nb: 2\n\n   # deeper after a blank line\nc: 3\n"
    result = rewrite(text, {"a": 1, "b": 2, "n": "x\ny\n", "c": 3})
    assert result == "a: 1\nb: 2\n'n': |\n  x\n  y\n\n# deeper after a blank line\nc: 3\n"
    text = "l:\n  - a\n      # deep\nn: 1\n"
    result = edited(text, lambda d: d["l"].append({"k": "x\ny\n"}))
    assert result == "l:\n  - a\n  - k: |\n      x\n      y\n  # deep\nn: 1\n"
    text = "a: x\n    # deep\nb: 1\n"
    assert edited(text, lambda d: d.update(a="x\ny")) == "a: |-\n  x\n  y\n# deep\nb: 1\n"


def test_dates_are_written_as_iso_text() -> None:
    text = "reviewed: 2026-01-01\nnote: x\n"
    new = {"reviewed": datetime.date(2026, 2, 3), "note": datetime.datetime(2026, 4, 5, 0, 0)}
    assert rewrite(text, new) == "reviewed: 2026-02-03\nnote: 2026-04-05\n"
    assert rewrite(text, {"reviewed": datetime.date(2026, 1, 1), "note": "x"}) == text
    new = {"reviewed": "2026-01-01", "note": datetime.datetime(2026, 4, 5, 9, 30)}
    assert rewrite(text, new) == "reviewed: 2026-01-01\nnote: 2026-04-05T09:30:00\n"


def test_empty_and_odd_documents() -> None:
    assert rewrite("", {"a": 1}) == "a: 1\n"
    assert rewrite("# c\n", {"a": [1, 2]}) == "# c\na:\n  - 1\n  - 2\n"
    assert rewrite("a: 1\n", {}) == "{}\n"
    assert rewrite("{}\n", {"b": {"c": 1}}) == "b:\n  c: 1\n"
    assert rewrite("a: 1", {"a": 1, "b": 2}) == "a: 1\nb: 2"
    assert rewrite("- a\n- b\n", []) == "[]\n"


def test_comments_after_a_removed_last_key_stay_out_of_a_block_scalar() -> None:
    # The entry left last ends with a block scalar: a comment indented as deep as its
    # text, below the removed entry, would become its text; it moves to the keys' column.
    text = "s:\n  a: |-\n    x\n  b:\n  - 1\n     # c\nt: 1\n"
    result = edited(text, lambda d: d["s"].pop("b"))
    assert result == "s:\n  a: |-\n    x\n  # c\nt: 1\n"
    # One the block scalar's text does not take in stays where it is.
    text = "s:\n  a: |-\n      x\n  b: 1\n   # c\nt: 1\n"
    assert edited(text, lambda d: d["s"].pop("b")) == "s:\n  a: |-\n      x\n   # c\nt: 1\n"


def test_comments_before_an_entry_moved_below_a_block_scalar_stay_out_of_it() -> None:
    text = "- |-\n    x\n- y\n\n    # c\n- z\n"
    result = edited(text, lambda d: d.pop(1))
    assert result == "- |-\n    x\n\n# c\n- z\n"
    result = edited(text, lambda d: d.reverse())
    assert "# c" in result
    # A comment line of the entry's own, below it, has ended the block scalar already.
    text = "- |-\n    x\n  # t\n- y\n\n      # c\n- z\n"
    assert edited(text, lambda d: d.pop(1)) == "- |-\n    x\n  # t\n\n      # c\n- z\n"


def test_an_item_with_an_id_moved_and_edited_keeps_its_comments() -> None:
    # Not all items have an id, so they are matched by their data; the one whose data
    # changed is still the item with its id.
    text = "l:\n- # c\n  id: x\n  n: 1  # d\n- y\n"
    result = edited(text, lambda d: d.__setitem__("l", ["y", {"id": "x", "n": 2}]))
    assert result == "l:\n- y\n- # c\n  id: x\n  n: 2  # d\n"
    # Items dropped and new side by side pair up in place first, whatever their ids.
    text = "l:\n- id: a   # c1\n  n: 1\n- id: b   # c2\n  n: 1\n"
    result = edited(text, lambda d: d.__setitem__("l", [{"id": "a", "n": 2}, {"id": 1.5, "n": 1}]))
    assert result == "l:\n- id: a   # c1\n  n: 2\n- id: 1.5   # c2\n  n: 1\n"


def test_comment_lines_after_one_that_ends_a_block_scalar_are_not_its_text() -> None:
    # ' # c' ends the block scalar; '# d' below it is not taken in whatever its depth.
    text = "p:\n- >-\n  y\n # c\n     # d\nq: 1\n"
    result = edited(text, lambda d: d.__setitem__("p", ["b", "a", "b"]) or d.pop("q"))
    assert result == "p:\n- >-\n  b\n- a\n- b\n # c\n     # d\n"
