"""Text as a YAML double-quoted scalar, the one style that can hold any text.

Escaped are the characters YAML does not allow as they are (control characters, the
surrogates, U+FFFE and U+FFFF), the line and paragraph separators and the byte order
mark (a reader would take them for a line break or drop them), and every other
character Python does not count as printable (a zero-width space, a direction mark):
shown as ``\\u200b``, it cannot hide in the text. Everything else is written as it is.
"""

from __future__ import annotations

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\0": "\\0"}


def double_quoted(text: str) -> str:
    """``text`` between double quotes, escaped so that a YAML 1.2 reader reads it back."""
    out = ['"']
    for character in text:
        code = ord(character)
        if character in _ESCAPES:
            out.append(_ESCAPES[character])
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif character in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        elif not character.isprintable() and code > 0xFF:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(character)
    out.append('"')
    return "".join(out)
