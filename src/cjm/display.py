"""How user text is shown in what cjm writes: the characters it must not pass on silently.

Bidirectional embedding, override and isolate controls (U+202A to U+202E, U+2066 to
U+2069) are invisible, yet they reorder the text that follows them: a pain point summary
with a right-to-left override reads backwards on the page while the YAML says otherwise.
Every output shows them as a visible code instead (``⟨U+202E⟩``), so what a reader sees is
what the file says and a reviewer can spot them. Right-to-left scripts themselves (Arabic,
Hebrew) need no control characters and are left as they are; the outputs set each text
apart (HTML ``dir="auto"`` with ``unicode-bidi: isolate``) so that it cannot reorder its
neighbours either.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def reveal_bidi_controls(text: str) -> str:
    """``text`` with each bidirectional control character written as ``⟨U+XXXX⟩``."""
    if not BIDI_CONTROLS.search(text):
        return text
    return BIDI_CONTROLS.sub(lambda found: f"\u27e8U+{ord(found.group()):04X}\u27e9", text)
