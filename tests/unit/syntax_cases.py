"""Small YAML texts with a syntax error, and exactly what cjm must say about each: line,
column, message and hint, as the pure-Python parser reads them and, where it says something
else, as libyaml does."""

from __future__ import annotations

from dataclasses import dataclass

Expected = tuple[int, int, str, str] | tuple[int, int, str, str, tuple[int, int]]


@dataclass(frozen=True)
class Case:
    """A text, and what the pure-Python parser (and ``libyaml``, when it differs) says."""

    text: str
    expected: Expected
    libyaml: Expected | None = None


NEVER_CLOSED_DOUBLE = (
    'close it with `"` on the same line, or use a block scalar `|` for text over several lines'
)
NEVER_CLOSED_SINGLE = (
    "close it with `'` on the same line, or use a block scalar `|` for text over several lines"
)
NEVER_CLOSED_LIST = (
    "close it with `]` on the same line, or write the list with one '- ' item per line"
)
NEVER_CLOSED_MAPPING = (
    "close it with `}` on the same line, or write the mapping with one 'key: value' per line"
)
RUNS_ON_DOUBLE = (
    'close it with `"` on the same line; text that goes on over several lines must be indented '
    "under its key, or written as a block scalar `|`"
)
TAB = "replace the tab with spaces"
BACKSLASH = (
    "write `\\\\` for a backslash, or use single quotes, in which a backslash is just a backslash"
)
HEX_ESCAPE = (
    "`\\x` takes 2 hexadecimal digits, `\\u` 4 and `\\U` 8, and they must name a Unicode "
    "character; or write the character itself"
)
TAG = "maps use no tags: remove it, or quote a value that starts with '!'"
BLOCK_HEADER = (
    "'|' starts a block of text: on its line it may be followed only by '-' or '+', an indentation "
    "digit from 1 to 9, and a comment"
)
BLOCK_HEADER_HINT = (
    "start the text on the next line, indented under the key; quote a value that starts with '|' "
    "or '>'"
)
BAD_DIRECTIVE = "a line that starts with '%' is a YAML directive, and this one is not valid"
BAD_DIRECTIVE_HINT = "remove it (maps need no directives), or quote a value that starts with '%'"
LIST_IN_MAPPING = "a list item ('- ') where the mapping above expects 'key: value'"
LIST_IN_MAPPING_HINT = (
    "a mapping cannot hold list items: if the lines above belong to the list, start each with '- "
    "'; otherwise put the list under a key of its own"
)
MISALIGNED = "the indentation here does not line up with the lines above"
LONG_KEY_HINT = "shorten the key; long text belongs in a value"
AFTER_VALUE = "unexpected text after the end of the value"
CLOSER_HINT = "close a list with `]` and a mapping with `}`"
MISSING_COLON = "expected 'key: value' here: this line has no ':'"
MISSING_COLON_HINT = (
    "add ': ' after the key, or indent the line if it goes on with the value above it"
)
QUOTE_COLON = "a value that contains ': ' must be quoted"

CASES: dict[str, Case] = {
    "double-quote-never-closed": Case(
        'id: a\ntitle: "Trial to paid\ntype: current-state\nowner: growth\n',
        (2, 8, "the double quote opened here is never closed", NEVER_CLOSED_DOUBLE),
    ),
    "single-quote-never-closed": Case(
        "id: a\ntitle: 'Trial to paid\ntype: current-state\n",
        (2, 8, "the single quote opened here is never closed", NEVER_CLOSED_SINGLE),
    ),
    "quote-closed-by-the-next-value": Case(
        'id: a\ntitle: "Trial\ntype: current-state\nowner: "growth"\n',
        (
            2,
            8,
            "the double quote opened here is not closed on its line: the text runs on into line 3",
            RUNS_ON_DOUBLE,
        ),
    ),
    "quote-running-into-a-document-marker": Case(
        'a: "x\n---\nb: 1\n',
        (1, 4, "the double quote opened here is never closed", NEVER_CLOSED_DOUBLE),
    ),
    "quote-running-into-an-end-marker": Case(
        'a: "x\n...\nb: 1\n',
        (1, 4, "the double quote opened here is never closed", NEVER_CLOSED_DOUBLE),
    ),
    "quote-in-a-list-never-closed": Case(
        'tags: ["b2b, saas]\nid: a\n',
        (1, 8, "the double quote opened here is never closed", NEVER_CLOSED_DOUBLE),
    ),
    "unknown-escape": Case(
        'title: "C:\\Users"\n',
        (1, 11, "'\\U' is not a valid escape in double-quoted text", BACKSLASH),
    ),
    "short-hex-escape": Case(
        'a: "\\x4"\n',
        (1, 5, "'\\x4' is not a valid escape in double-quoted text", HEX_ESCAPE),
    ),
    "list-never-closed": Case(
        "id: a\ntags: [b2b, saas\ntype: current-state\nowner: growth\n",
        (2, 7, "the list opened here with '[' is never closed", NEVER_CLOSED_LIST),
    ),
    "list-never-closed-at-the-end": Case(
        "id: a\ntags: [b2b, saas\n",
        (2, 7, "the list opened here with '[' is never closed", NEVER_CLOSED_LIST),
    ),
    "mapping-never-closed": Case(
        "id: a\nemotion: {score: 1, label: calm\ntype: current-state\n",
        (2, 10, "the mapping opened here with '{' is never closed", NEVER_CLOSED_MAPPING),
    ),
    "mapping-never-closed-at-the-end": Case(
        "id: a\nemotion: {score: 1\n",
        (2, 10, "the mapping opened here with '{' is never closed", NEVER_CLOSED_MAPPING),
    ),
    "inner-list-closed-outer-not": Case(
        "a:\n  b: [1, [2, 3]\nc: 1\n",
        (2, 6, "the list opened here with '[' is never closed", NEVER_CLOSED_LIST),
    ),
    "list-in-a-step-never-closed": Case(
        "steps:\n  - id: a\n    touchpoints: [site, app\n  - id: b\n",
        (3, 18, "the list opened here with '[' is never closed", NEVER_CLOSED_LIST),
    ),
    "list-closed-with-a-brace": Case(
        "a: [1, 2}\n",
        (1, 9, "'}' cannot close the list opened with '[' on line 1", CLOSER_HINT, (1, 4)),
    ),
    "mapping-closed-with-a-bracket": Case(
        "a: {b: 1]\n",
        (1, 9, "']' cannot close the mapping opened with '{' on line 1", CLOSER_HINT, (1, 4)),
    ),
    "colon-in-a-bracketed-list": Case(
        "a: [b: c: d]\n",
        (
            1,
            9,
            "unexpected ':' in a list written in brackets",
            'quote an item that contains ": ", for example ["a: b"]',
        ),
    ),
    "missing-comma-in-a-bracketed-list": Case(
        "a: [x, 'a' 'b']\n",
        (
            1,
            12,
            "expected ',' or ']' here",
            "separate the items of a list in brackets with commas, and quote an item that "
            "contains quotes, brackets or ': '",
        ),
    ),
    "missing-comma-in-a-bracketed-mapping": Case(
        "a: {x: 1 y: 2}\n",
        (
            1,
            11,
            "expected ',' or '}' before this ':'",
            "separate the entries with commas, {a: 1, b: 2}, and quote a value that contains ': '",
        ),
    ),
    "double-comma": Case(
        "tags: [a,, b]\n",
        (
            1,
            10,
            "a value is missing before this ','",
            "remove the extra comma, or quote a value that starts with ','",
        ),
    ),
    "stray-closing-brace": Case(
        "a: }\n",
        (1, 4, "'}' closes nothing here", "remove it, or quote a value that starts with '}'"),
    ),
    "stray-closing-bracket": Case(
        "a: ]\n",
        (1, 4, "']' closes nothing here", "remove it, or quote a value that starts with ']'"),
    ),
    "value-starting-with-a-comma": Case(
        "a: ,b\n",
        (
            1,
            4,
            "a value is missing before this ','",
            "remove the extra comma, or quote a value that starts with ','",
        ),
    ),
    "list-running-on-under-its-key": Case(
        "tags: [b2b,\nowner: growth]\n",
        (
            1,
            7,
            "the list opened here with '[' is not closed on its line: the text runs on into line 2",
            "close it with `]` on the same line; a list that goes on over several lines must be "
            "indented under its key, or written with one '- ' item per line",
        ),
    ),
    "mapping-running-on-under-its-key": Case(
        "a:\n  b: {c: 1,\n  d: 2}\n",
        (
            2,
            6,
            "the mapping opened here with '{' is not closed on its line: the text runs on into "
            "line 3",
            "close it with `}` on the same line; a mapping that goes on over several lines must "
            "be indented under its key, or written with one 'key: value' per line",
        ),
    ),
    "quote-running-on-under-its-key": Case(
        'a:\n  b: "one\n  c: two"\n',
        (
            2,
            6,
            "the double quote opened here is not closed on its line: the text runs on into line 3",
            RUNS_ON_DOUBLE,
        ),
    ),
    "tab-indentation": Case(
        "a:\n\tb: 1\n",
        (2, 1, "a tab character: YAML indentation must use spaces", TAB),
    ),
    "tab-in-a-later-line": Case(
        "a:\n  b: 1\n\tc: 2\n",
        (3, 1, "a tab character: YAML indentation must use spaces", TAB),
    ),
    "tab-after-a-dash": Case(
        "a:\n  - \tb\n",
        (2, 5, "a tab character: YAML indentation must use spaces", TAB),
    ),
    "tab-in-a-block-scalar": Case(
        "a: |\n  b\n\tc\n",
        (3, 1, "a tab character: YAML indentation must use spaces", TAB),
    ),
    "key-indented-between-levels": Case(
        "a:\n  b: 1\n c: 2\n",
        (
            3,
            2,
            MISALIGNED,
            "indent it by 0 spaces to line up with `a` on line 1, or by 2 spaces to line up with "
            "`b` on line 2",
        ),
    ),
    "step-key-indented-between-levels": Case(
        "stages:\n  - id: s\n    steps:\n      - id: a\n        action: A\n     owner: x\n",
        (
            6,
            6,
            MISALIGNED,
            "indent it by 4 spaces to line up with `id` on line 2, or by 8 spaces to line up with "
            "`action` on line 5",
        ),
    ),
    "key-indented-deeper-than-the-one-above": Case(
        "a:\n  b: 1\n    c: 2\n",
        (
            3,
            6,
            "unexpected ':' here: YAML reads this line as more of line 2",
            "this line is indented deeper than line 2, so it reads as more of that line's value: "
            "indent it by 2 spaces like the key above, or quote a value that contains ': '",
        ),
    ),
    "step-key-indented-too-deep": Case(
        "steps:\n  - id: a\n    action: A\n      owner: x\n",
        (
            4,
            12,
            "unexpected ':' here: YAML reads this line as more of line 3",
            "this line is indented deeper than line 3, so it reads as more of that line's value: "
            "indent it by 4 spaces like the key above, or quote a value that contains ': '",
        ),
    ),
    "line-without-colon-before-a-key": Case(
        "a:\n  b\n  c: 1\n",
        (
            3,
            4,
            "unexpected ':' here: YAML reads this line as more of line 2",
            "line 2 has no ':' after its key, so this line reads as more of it: add the ':' on "
            "line 2, or quote a value that contains ': '",
        ),
    ),
    "line-without-colon": Case(
        "id: a\nsome text\n",
        (2, 1, MISSING_COLON, MISSING_COLON_HINT),
    ),
    "line-without-colon-at-the-end": Case(
        "a: |\n b\n  c\nd\n",
        (4, 1, MISSING_COLON, MISSING_COLON_HINT),
    ),
    "colon-in-a-value": Case(
        "title: Trial: to paid\n",
        (1, 13, "unexpected ':' here", QUOTE_COLON),
    ),
    "colon-after-a-quoted-value": Case(
        "a: 'b': c\n",
        (1, 7, "unexpected ':' here", QUOTE_COLON),
    ),
    "key-too-long": Case(
        "x" * 1030 + ": 1\n",
        (
            1,
            1,
            "this key is 1,030 characters long: YAML allows at most 1,024 in a key",
            LONG_KEY_HINT,
        ),
    ),
    "key-too-long-in-a-list": Case(
        "- " + "x" * 1030 + ": 1\n",
        (
            1,
            3,
            "this key is 1,030 characters long: YAML allows at most 1,024 in a key",
            LONG_KEY_HINT,
        ),
    ),
    "key-too-long-in-brackets": Case(
        "{" + "a" * 1100 + ": 1}\n",
        (
            1,
            2,
            "this key is 1,100 characters long: YAML allows at most 1,024 in a key",
            LONG_KEY_HINT,
        ),
    ),
    "list-item-after-a-value": Case(
        "a: b\n- c\n",
        (2, 1, LIST_IN_MAPPING, LIST_IN_MAPPING_HINT),
    ),
    "list-item-among-keys": Case(
        "steps:\n  id: a\n  - id: b\n",
        (3, 3, LIST_IN_MAPPING, LIST_IN_MAPPING_HINT),
    ),
    "list-on-the-key-line": Case(
        "tags: - a\n",
        (
            1,
            7,
            "a list cannot start on the same line as its key",
            "start the list on the next line, indented under its key, or write it in brackets: "
            "[a, b]; quote a value that starts with '- '",
        ),
    ),
    "key-among-list-items": Case(
        "a:\n  - 1\n  x: 2\n",
        (
            3,
            3,
            "'key: value' where the list above expects an item ('- ')",
            "start every item of a list with '- ', at the same indentation",
        ),
    ),
    "step-key-at-the-level-of-the-dashes": Case(
        "steps:\n  - id: a\n    action: A\n  owner: x\n",
        (
            4,
            3,
            "'key: value' where the list above expects an item ('- ')",
            "if this line belongs to the item above, indent it by 4 spaces to line up with "
            "`action` on line 3; otherwise start every item of a list with '- ', at the same "
            "indentation",
        ),
    ),
    "list-item-indented-between-levels": Case(
        "a:\n  - 1\n - 2\n",
        (
            3,
            2,
            MISALIGNED,
            "indent it by 0 spaces to line up with `a` on line 1, or by 2 spaces to line up with "
            "the '- ' on line 2",
        ),
    ),
    "question-mark-in-a-value": Case(
        "a: ? b\n",
        (1, 4, "a '?' key cannot start here", "quote a value that starts with '? '"),
    ),
    "text-after-a-quoted-value": Case(
        "a: 'x' y\n",
        (
            1,
            8,
            AFTER_VALUE,
            "a value that starts with a quote ends at its closing quote: quote the whole value, "
            "or remove the quotes (' is then part of the text)",
        ),
    ),
    "text-after-a-double-quoted-value": Case(
        'title: "Trial" to paid\n',
        (
            1,
            16,
            AFTER_VALUE,
            "a value that starts with a quote ends at its closing quote: quote the whole value, "
            'or remove the quotes (" is then part of the text)',
        ),
    ),
    "text-after-a-bracketed-list": Case(
        "a: [1] x\n",
        (
            1,
            8,
            AFTER_VALUE,
            "a value that starts with '[' or '{' is a list or a mapping: quote the whole value to "
            "keep it as text",
        ),
    ),
    "two-anchors": Case(
        "a: &x &y 1\n",
        (1, 7, AFTER_VALUE, "quote the whole value"),
    ),
    "percent-sign": Case(
        "unit: %\n",
        (1, 7, "'%' cannot start a value", 'quote the value: "%"'),
    ),
    "at-sign": Case(
        "owner: @growth\n",
        (1, 8, "'@' cannot start a value", 'quote the value: "@growth"'),
    ),
    "backtick": Case(
        "a: `code`\n",
        (1, 4, "'`' cannot start a value", 'quote the value: "`code`"'),
    ),
    "anchor-without-a-name": Case(
        "a: &\n",
        (
            1,
            4,
            "'&' must be followed by an anchor name (letters, digits, '-' or '_')",
            "quote a value that starts with '&': \"&\"",
        ),
    ),
    "alias-without-a-name": Case(
        "a: * important\n",
        (
            1,
            4,
            "'*' must be followed by the name of an anchor (letters, digits, '-' or '_')",
            "quote a value that starts with '*': \"* important\"",
        ),
    ),
    "verbatim-tag-not-closed": Case(
        "a: !<x\n",
        (1, 4, "this YAML tag is not valid", TAG),
    ),
    "verbatim-tag-with-text-after": Case(
        "a: !<a>b\n",
        (1, 4, "this YAML tag is not valid", TAG),
    ),
    "empty-verbatim-tag": Case(
        "a: !<>\n",
        (1, 4, "this YAML tag is not valid", TAG),
    ),
    "undefined-tag-handle": Case(
        "a: !x!y z\n",
        (1, 4, "the tag handle '!x!' is not defined", TAG),
        libyaml=(1, 4, "this YAML tag is not valid", TAG),
    ),
    "tag-with-a-bad-escape": Case(
        "a: !x%zz y\n",
        (1, 4, "this YAML tag is not valid", TAG),
    ),
    "tag-with-a-bad-utf8-escape": Case(
        "a: !x%ff y\n",
        (1, 4, "this YAML tag is not valid", TAG),
    ),
    "block-scalar-header-with-text": Case(
        "a: |x\n  b\n",
        (1, 4, BLOCK_HEADER, BLOCK_HEADER_HINT),
    ),
    "block-scalar-header-with-zero": Case(
        "a: |0\n  b\n",
        (1, 4, BLOCK_HEADER, BLOCK_HEADER_HINT),
    ),
    "block-scalar-header-with-text-after-a-space": Case(
        "a: | x\n  b\n",
        (1, 4, BLOCK_HEADER, BLOCK_HEADER_HINT),
    ),
    "block-scalar-blank-lines-deeper": Case(
        "a: |\n  \n    \n  x\nb: 1\n",
        (
            3,
            3,
            "this blank line holds more spaces than the first line of text below it (line 4)",
            "remove the spaces at the end of the blank lines, or give the indentation as a digit "
            "after '|' or '>' (for example `|2`)",
        ),
        libyaml=(4, 3, MISALIGNED, "indent it by 0 spaces to line up with `a` on line 1"),
    ),
    "block-scalar-less-indented-line": Case(
        "a: |\n    b\n  c\nd: 1\n",
        (
            3,
            3,
            MISALIGNED,
            "indent it by 0 spaces to line up with `a` on line 1, or by 4 spaces to line up with "
            "the text on line 2",
        ),
    ),
    "yaml-version-2": Case(
        "%YAML 2.0\n---\na: 1\n",
        (
            1,
            1,
            "this file asks for YAML 2.0; cjm reads YAML 1.2",
            "remove the %YAML line: maps need no directives",
        ),
    ),
    "yaml-version-1-3": Case(
        "%YAML 1.3\n---\na: 1\n",
        (
            1,
            1,
            "this file asks for YAML 1.3; cjm reads YAML 1.2",
            "remove the %YAML line: maps need no directives",
        ),
    ),
    "yaml-directive-twice": Case(
        "%YAML 1.2\n%YAML 1.2\n---\na: 1\n",
        (2, 1, "the %YAML directive is given twice", "remove one of them: maps need no directives"),
    ),
    "tag-directive-twice": Case(
        "%TAG !x! tag:a\n%TAG !x! tag:b\n---\na: 1\n",
        (2, 1, "the %TAG directive is given twice", "remove one of them: maps need no directives"),
    ),
    "yaml-directive-not-a-number": Case(
        "%YAML x\n---\na: 1\n",
        (1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT),
    ),
    "yaml-directive-bad-minor": Case(
        "%YAML 1x\n---\na: 1\n",
        (1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT),
    ),
    "yaml-directive-text-after": Case(
        "%YAML 1.2 x\n---\na: 1\n",
        (1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT),
    ),
    "directive-without-a-name": Case(
        "%\n---\na: 1\n",
        (1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT),
    ),
    "tag-directive-without-a-space": Case(
        "%TAG !x!tag:a\n---\na: 1\n",
        (1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT),
    ),
    "tag-directive-bad-handle": Case(
        "%TAG x\n---\na: 1\n",
        (1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT),
    ),
    "tag-directive-handle-not-closed": Case(
        "%TAG !x y\n---\na: 1\n",
        (1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT),
    ),
    "tag-directive-without-a-prefix": Case(
        "%TAG !x! \n---\na: 1\n",
        (1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT),
    ),
    "percent-line-inside-the-document": Case(
        "a: 1\n%b: 2\n",
        (
            2,
            1,
            "a line inside the document cannot start with '%': YAML reads it as a directive",
            'quote the value: "%b: 2"',
        ),
    ),
    "directives-without-document-start": Case(
        "%YAML 1.2\na: 1\n",
        (
            2,
            1,
            "the directives above must be followed by '---', the start of the document",
            "add a line '---' before the first key, or remove the directives (maps need no "
            "directives)",
        ),
    ),
    "text-after-the-document-end": Case(
        "a: 1\n... x\n",
        (
            2,
            5,
            "unexpected text after '...', the end of the document",
            "remove the '...' line, or what follows it: a map is one document",
        ),
    ),
    "unknown-escape-character": Case(
        'note: "50\\% off"\n',
        (1, 10, "'\\%' is not a valid escape in double-quoted text", BACKSLASH),
    ),
    "tag-with-a-bad-utf8-sequence": Case(
        "a: !x%c3%28 y\n",
        (1, 4, "this YAML tag is not valid", TAG),
    ),
    "yaml-version-too-long": Case(
        "%YAML 1.11111111111111111111\n---\na: 1\n",
        (
            1,
            1,
            "this file asks for YAML 1.11111111111111111111; cjm reads YAML 1.2",
            "remove the %YAML line: maps need no directives",
        ),
        libyaml=(1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT),
    ),
    "code-point-too-large": Case(
        'a: "\\U00110000"\n',
        (
            1,
            5,
            "'\\U00110000' is not a valid escape in double-quoted text: it names no Unicode "
            "character",
            "`\\U` escapes go up to \\U0010FFFF; write the character itself, or the code of a "
            "character",
        ),
        libyaml=(1, 5, "'\\U00110000' is not a valid escape in double-quoted text", HEX_ESCAPE),
    ),
    "surrogate-escape": Case(
        'a: "\\ud800"\n',
        (
            1,
            4,
            "'\\ud800' in double-quoted text is half of a UTF-16 surrogate pair, not a character",
            "write the character itself, or its code as `\\U` and 8 hexadecimal digits "
            "(\\U0001F600)",
        ),
        libyaml=(1, 5, "'\\ud800' is not a valid escape in double-quoted text", HEX_ESCAPE),
    ),
}


# Texts only one parser refuses: libyaml follows YAML 1.1 here, and the pure-Python parser
# refuses a tab that YAML 1.2 allows. ``read_yaml`` reads them, as YAML 1.2 says.
ONE_PARSER_ONLY = {
    "unknown-directive": Case("%FOO bar\n---\na: 1\n", (1, 1, BAD_DIRECTIVE, BAD_DIRECTIVE_HINT)),
    "colon-ending-a-key-in-brackets": Case(
        "a: {b:: c}\n", (1, 6, "unexpected ':' here", "quote the value")
    ),
    "colon-inside-an-item-in-brackets": Case(
        "a: [b:c]\n", (1, 6, "unexpected ':' here", "quote the value")
    ),
    "tab-after-a-colon": Case(
        "a:\tb\n", (1, 3, "a tab character where YAML expects a space", "replace it with a space")
    ),
}
REFUSED_BY_PURE_PYTHON_ONLY = {"tab-after-a-colon"}
