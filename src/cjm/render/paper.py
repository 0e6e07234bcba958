"""Paper for PDF pages: sizes, orientation, margins, and where a drawing goes on a page.

A drawing is scaled down to fit inside the margins when it is larger than the page, never
scaled up, and centred.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # points in a millimetre
MARGIN = 10 * MM


@dataclass(frozen=True)
class Paper:
    """A paper size, portrait, in points."""

    name: str
    width: float
    height: float


PAPERS = {
    "a4": Paper("A4", 210 * MM, 297 * MM),
    "letter": Paper("Letter", 612.0, 792.0),
    "a3": Paper("A3", 297 * MM, 420 * MM),
}
DEFAULT_PAPER = "a4"


@dataclass(frozen=True)
class PageSetup:
    """A paper size and orientation: landscape unless asked otherwise."""

    paper: Paper = PAPERS[DEFAULT_PAPER]
    portrait: bool = False

    @property
    def width(self) -> float:
        short, long = sorted((self.paper.width, self.paper.height))
        return short if self.portrait else long

    @property
    def height(self) -> float:
        short, long = sorted((self.paper.width, self.paper.height))
        return long if self.portrait else short

    def describe(self) -> str:
        return f"{self.paper.name} {'portrait' if self.portrait else 'landscape'}"


def page_setup(paper: str = DEFAULT_PAPER, portrait: bool = False) -> PageSetup:
    """The setup for a paper name (``a4``, ``letter``, ``a3``, any case)."""
    key = paper.lower()
    if key not in PAPERS:
        raise ValueError(f"unknown paper '{paper}': choose from {', '.join(PAPERS)}")
    return PageSetup(PAPERS[key], portrait)


@dataclass(frozen=True)
class Placement:
    """Where a drawing goes on a page: its scale and the position of its top left corner."""

    scale: float
    x: float
    y: float


def place(width: float, height: float, setup: PageSetup) -> Placement:
    """A drawing of ``width`` by ``height`` points, fitted within the margins and centred."""
    room_width = setup.width - 2 * MARGIN
    room_height = setup.height - 2 * MARGIN
    scale = min(
        1.0, room_width / width if width > 0 else 1.0, room_height / height if height > 0 else 1.0
    )
    return Placement(scale, (setup.width - width * scale) / 2, (setup.height - height * scale) / 2)
