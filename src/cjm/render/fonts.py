"""The fonts that PNG and PDF text is set in, and which of them sets each character.

Graphviz lays a diagram out with Helvetica's metrics. Arimo has the same metrics, so text in
the scripts Arimo covers (Latin, Greek, Cyrillic, Hebrew) fills exactly the room Graphviz
measured for it. Every other character is set in the first font of :data:`FALLBACKS` that
has it: Noto Sans for the scripts, Noto Sans CJK for Chinese, Japanese and Korean, Noto
Sans Symbols, and Noto Emoji. The fonts come from packages that pip installs with cjm
(``fontpkg-arimo``, ``manimgx-fonts``, ``noto-cjk-sans-otc``), so every machine draws the
same glyphs, whatever fonts it has.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb

from cjm.render.failure import DrawingFailed

# How much a bold or italic face that a font does not have is faked: the stroke added on
# each side, in ems, and the slant.
SYNTHETIC_BOLD = 0.025
SYNTHETIC_SLANT = 0.2
BOLD_WEIGHT = 700


class FontsMissing(DrawingFailed):
    """A font package that cjm draws text with is not installed."""


@dataclass(frozen=True)
class FontFile:
    """A font in a file of an installed package (``index``: its face in a collection)."""

    package: str
    name: str
    index: int = 0

    @property
    def path(self) -> Path:
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise FontsMissing(
                f"the font package {self.package} is not installed: reinstall cjm "
                "(pip install --force-reinstall cjm-cli)"
            )
        return Path(next(iter(spec.submodule_search_locations))) / self.name


@dataclass(frozen=True, eq=False)
class Family:
    """A typeface: its upright font and, when it has one, its italic. Each family is one
    object, compared and hashed by identity: it is looked up for every character."""

    name: str
    upright: FontFile
    italic: FontFile | None = None


def _arimo(name: str) -> FontFile:
    return FontFile("fontpkg_arimo", f"files/{name}")


def _noto(name: str) -> FontFile:
    return FontFile("manimgx_fonts", name)


PRIMARY = Family("Arimo", _arimo("Arimo[wght].ttf"), _arimo("Arimo-Italic[wght].ttf"))
_SCRIPTS = [
    "Arabic",
    "Hebrew",
    "Devanagari",
    "Bengali",
    "Gujarati",
    "Gurmukhi",
    "Oriya",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Sinhala",
    "Thai",
    "Lao",
    "Khmer",
    "Myanmar",
    "Georgian",
    "Armenian",
    "Ethiopic",
]
_CJK_FILE = ("noto_cjk_sans_otc", "NotoSansCJK-Regular.ttc")
# Faces of the CJK collection, by the regional glyph forms they draw.
CJK_FACES = {"JP": 0, "KR": 1, "SC": 2, "TC": 3}
CJK = {
    region: Family(f"Noto Sans CJK {region}", FontFile(*_CJK_FILE, index))
    for region, index in CJK_FACES.items()
}
EMOJI = Family("Noto Emoji", _noto("NotoEmoji[wght].ttf"))
FALLBACKS: tuple[Family, ...] = (
    Family("Noto Sans", _noto("NotoSans[wght].ttf"), _noto("NotoSans-Italic[wght].ttf")),
    *(Family(f"Noto Sans {script}", _noto(f"NotoSans{script}[wght].ttf")) for script in _SCRIPTS),
    CJK["SC"],
    Family("Noto Sans Symbols", _noto("NotoSansSymbols[wght].ttf")),
    EMOJI,
)

# Characters that belong to the character before them: marks, joiners, variation
# selectors, emoji modifiers and tags. They stay in their base character's font.
_JOINERS = {0x200C, 0x200D, 0x20E3}
_ATTACHED_RANGES = ((0xFE00, 0xFE0F), (0x1F3FB, 0x1F3FF), (0xE0020, 0xE007F), (0xE0100, 0xE01EF))
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF))
EMOJI_VARIATION = 0xFE0F


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def attached(character: str) -> bool:
    """Whether ``character`` is drawn with the character before it."""
    code = ord(character)
    return (
        code in _JOINERS
        or _within(code, _ATTACHED_RANGES)
        or unicodedata.category(character) in ("Mn", "Mc", "Me")
    )


def cjk_family(text: str) -> Family:
    """The CJK face for ``text``: Japanese forms when it has kana, Korean when it has
    hangul, else Simplified Chinese. Han characters look different in each region, and
    a map does not say its language."""
    codes = [ord(character) for character in text]
    if any(_within(code, _KANA) for code in codes):
        return CJK["JP"]
    if any(_within(code, _HANGUL) for code in codes):
        return CJK["KR"]
    return CJK["SC"]


@cache
def _face(font: FontFile) -> hb.Face:
    return hb.Face(hb.Blob.from_file_path(str(font.path)), font.index)


@cache
def coverage(family: Family) -> frozenset[int]:
    """The code points ``family``'s upright font has a glyph for."""
    return frozenset(_face(family.upright).unicodes)


@dataclass(frozen=True)
class Style:
    """How a text item is set: in bold, in italics."""

    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, eq=False)
class Face:
    """A family in a style: the font file that draws it and how it is varied or faked.
    Made by :func:`face`, one object for each family and style, compared by identity."""

    family: Family
    style: Style

    @property
    def font(self) -> FontFile:
        if self.style.italic and self.family.italic is not None:
            return self.family.italic
        return self.family.upright


@cache
def face(family: Family, style: Style) -> Face:
    """The one :class:`Face` of ``family`` in ``style``."""
    return Face(family, style)


@cache
def hb_font(face: Face) -> hb.Font:
    """A HarfBuzz font for ``face``, at one unit per font unit: the weight axis set for
    bold where the font has one, bold and slant faked where it has not."""
    hb_face = _face(face.font)
    font = hb.Font(hb_face)
    axes = {axis.tag for axis in hb_face.axis_infos}
    if face.style.bold:
        if "wght" in axes:
            font.set_variations({"wght": BOLD_WEIGHT})
        else:
            font.synthetic_bold = SYNTHETIC_BOLD
    if face.style.italic and face.family.italic is None:
        font.synthetic_slant = SYNTHETIC_SLANT
    return font


def _prefers_emoji(text: str, position: int) -> bool:
    code = ord(text[position])
    following = text[position + 1] if position + 1 < len(text) else ""
    if following and ord(following) == EMOJI_VARIATION:
        return True
    return 0x1F000 <= code <= 0x1FAFF or (
        0x2600 <= code <= 0x27BF and code not in coverage(PRIMARY)
    )


def _neutral(character: str) -> bool:
    """Spaces, punctuation and symbols: characters that belong to no script."""
    return unicodedata.category(character)[0] in "ZPS"


def families_for(text: str) -> list[Family]:
    """The family that sets each character of ``text``.

    Marks and joiners stay with the character before them when its family has them, and
    so do spaces and punctuation (but not after an emoji), so that a phrase stays in one
    run. Any other character
    takes the first family that has it, Arimo first, emoji in Noto Emoji. A character
    that no font has is left to Arimo, which draws it as a box.
    """
    if text.isascii():
        return [PRIMARY] * len(text)
    cjk = cjk_family(text)
    order = [PRIMARY, *(cjk if family in CJK.values() else family for family in FALLBACKS)]
    chosen: list[Family] = []
    for position, character in enumerate(text):
        code = ord(character)
        previous = chosen[-1] if chosen else None
        if previous is not None and attached(character) and code in coverage(previous):
            chosen.append(previous)
        elif _prefers_emoji(text, position) and code in coverage(EMOJI):
            chosen.append(EMOJI)
        elif (
            previous is not None
            and previous is not EMOJI  # its spaces are an emoji wide
            and _neutral(character)
            and code in coverage(previous)
        ):
            chosen.append(previous)
        else:
            chosen.append(next((f for f in order if code in coverage(f)), PRIMARY))
    return chosen


def font_files() -> list[FontFile]:
    """Every font file cjm sets text with."""
    files = [PRIMARY.upright, *(f for f in (PRIMARY.italic,) if f)]
    for family in FALLBACKS:
        files.append(family.upright)
        if family.italic is not None:
            files.append(family.italic)
    return list(dict.fromkeys(files))
