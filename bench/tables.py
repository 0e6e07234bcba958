"""Result tables, written for a terminal and as Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    """A titled table of already formatted cells: text columns first, then numbers."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text_columns: int = 1  # left-aligned; the others are right-aligned

    def add(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def _widths(self) -> list[int]:
        return [
            max(len(row[i]) for row in [self.columns, *self.rows]) for i in range(len(self.columns))
        ]

    def text(self) -> str:
        widths = self._widths()

        def line(cells: list[str]) -> str:
            padded = [
                cell.ljust(width) if i < self.text_columns else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
            ]
            return "  ".join(padded).rstrip()

        out = [self.title, "=" * len(self.title), line(self.columns)]
        out.append("  ".join("-" * width for width in widths))
        out += [line(row) for row in self.rows]
        out += [f"  {note}" for note in self.notes]
        return "\n".join(out)

    def markdown(self) -> str:
        def line(cells: list[str]) -> str:
            return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

        align = ["---"] * self.text_columns + ["---:"] * (len(self.columns) - self.text_columns)
        out = [f"### {self.title}", "", line(self.columns), line(align)]
        out += [line(row) for row in self.rows]
        if self.notes:
            out.append("")
            out += [f"- {note}" for note in self.notes]
        return "\n".join(out)


def seconds(value: float) -> str:
    """A duration in the unit that reads best: ms below ten seconds, else s."""
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def megabytes(value: float) -> str:
    return f"{value:.2f} MB" if value < 10 else f"{value:.1f} MB"


def rate(amount: float, elapsed: float, unit: str) -> str:
    per_second = amount / elapsed if elapsed > 0 else 0.0
    decimals = 2 if per_second < 10 else 1 if per_second < 100 else 0
    return f"{per_second:.{decimals}f} {unit}/s"
