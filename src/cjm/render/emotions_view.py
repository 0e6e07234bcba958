"""The emotions view: each persona's emotional curve across the steps, as a line chart.

The chart is drawn by Graphviz ``neato`` with every node pinned (``pos="x,y!"``, in
inches): x is the step's place in the journey, y its score from +2 (top) to -2 (bottom).
Behind the curves, one light band per stage with the stage's name on top; left of them,
a grid line per score with its word. Each persona is one polyline in its colour, through
points marked with its initials, so the chart also reads in greyscale. A step the persona
does not take, or has no score for, breaks its line: a gap is no data, not a trend.
Personas that share a point are set side by side so that every mark stays visible.
Drawing order does the layering: the stage bands are clusters (drawn first), the grid
and the curves are edges (``outputorder=edgesfirst``, in the order of their first nodes)
and the marks and labels are nodes, drawn last, so that no line hides a mark.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cjm.model import Emotion
from cjm.render.context import PersonaMark, RenderContext
from cjm.render.dot import DiagramSource, new_graph
from cjm.render.journey_view import Column, columns_of
from cjm.render.style import (
    EMOTION_FILL,
    EMOTION_TEXT,
    EMOTION_WORD,
    LINE_COLOR,
    MUTED,
    STAGE_FILL,
    chip_cell,
    clean,
    escape,
    fixed_row,
    lines_html,
    score_label,
    text_width,
    wrap,
)

VIEW = "emotions"
SCORES = (2, 1, 0, -1, -2)
POINTS_PER_INCH = 72

STEP_WIDTH = 1.8  # inches between two steps
SCORE_HEIGHT = 0.75  # inches between two scores
POINT_SIZE = 0.32  # diameter of a persona's mark
MARGIN = 0.45  # band above +2 and below -2, at least; more when peak labels need it
LINE_HEIGHT = 12 / POINTS_PER_INCH  # one line of small text

STEP_FONT = 9
NAME_FONT = 11
PEAK_FONT = 8
PEAK_LINE = 10 / POINTS_PER_INCH  # one line of a peak's label
PEAK_GAP = POINT_SIZE / 2 + 0.05  # from a mark's centre to its label

# The bands are lighter than the stage headers, so that the curves stand out on them.
BAND_FILL = ("#f3f6fb", "#f6f3f9")
GRID_COLOR = LINE_COLOR
ZERO_COLOR = "#8c8c8c"
GUIDE_COLOR = "white"


def _at(x: float, y: float) -> str:
    return f"{x:.3f},{y:.3f}!"


def _inches(value: float) -> str:
    return f"{value:.3f}"


def _bold(lines: list[str]) -> str:
    """``lines`` in bold, or nothing (Graphviz rejects an empty ``<B></B>``)."""
    return f"<B>{lines_html(lines)}</B>" if lines else ""


def fit(text: str, width: float, size: float) -> list[str]:
    """``text`` wrapped into lines no wider than ``width`` points (by our generous
    estimate, so that wide scripts such as CJK get shorter lines)."""
    characters = max(4, int(width / (size * 0.55)))
    lines = wrap(text, characters)
    while characters > 4 and text_width(lines, size) > width:
        characters -= 2
        lines = wrap(text, characters)
    return lines


@dataclass(frozen=True)
class Point:
    """Where one persona's mark sits: its column, score and place among shared marks."""

    column: int
    mark: PersonaMark
    persona_index: int
    emotion: Emotion
    x: float
    y: float


class EmotionChart:
    """Builds the pinned nodes and edges of the chart for one map."""

    def __init__(self, context: RenderContext) -> None:
        self.context = context
        self.journey = context.journey
        self.columns = columns_of(self.journey.stages)
        self.prefix = f"cjm-{self.journey.id}-{VIEW}"
        self.graph = new_graph(self.journey.id, VIEW, engine="neato")
        self.graph.attr(outputorder="edgesfirst", overlap="true", splines="false")
        self.left = -STEP_WIDTH / 2
        self.right = (len(self.columns) - 0.5) * STEP_WIDTH
        self.points = self.place_points()
        self.peaks = self.peak_texts()
        self.band_top = SCORES[0] * SCORE_HEIGHT + self.reach(SCORES[0])
        self.band_bottom = SCORES[-1] * SCORE_HEIGHT - self.reach(SCORES[-1])
        self.ids: set[str] = set()
        self.names = 0

    def reach(self, score: int) -> float:
        """How far the bands reach past ``score`` (+2 or -2): enough for its labels."""
        needed = [
            PEAK_GAP + len(lines) * PEAK_LINE + 0.08 for _, s, lines in self.peaks if s == score
        ]
        return max([MARGIN, *needed])

    # -- nodes -------------------------------------------------------------------------

    def unique_id(self, suffix: str) -> str:
        """A namespaced id, unique even when a broken map repeats a step or persona id."""
        candidate = f"{self.prefix}-{suffix}"
        number = 2
        while candidate in self.ids:
            candidate = f"{self.prefix}-{suffix}-{number}"
            number += 1
        self.ids.add(candidate)
        return candidate

    def node(self, suffix: str, x: float, y: float, **attrs: str) -> str:
        """Add a node pinned at ``(x, y)`` inches; returns its name."""
        self.names += 1
        name = f"n{self.names}"
        self.graph.node(name, pos=_at(x, y), id=self.unique_id(suffix), **attrs)
        return name

    def box(self, suffix: str, x: float, y: float, width: float, height: float, fill: str) -> None:
        """A filled rectangle centred on ``(x, y)``, drawn over the lines (stage headers)."""
        self.node(
            suffix,
            x,
            y,
            shape="box",
            style="filled",
            fillcolor=fill,
            color=fill,
            penwidth="0.5",
            fixedsize="true",
            width=_inches(width),
            height=_inches(height),
            label="",
        )

    def anchor(self, suffix: str, x: float, y: float, graph: Any = None) -> str:
        """An invisible point at ``(x, y)``: an end of a line or a corner of a band."""
        self.names += 1
        name = f"n{self.names}"
        (graph or self.graph).node(
            name,
            pos=_at(x, y),
            id=self.unique_id(suffix),
            shape="point",
            style="invis",
            width="0.01",
        )
        return name

    def rule(
        self, suffix: str, start: tuple[float, float], end: tuple[float, float], **attrs: str
    ) -> None:
        """A straight line between two points, drawn under the marks."""
        tail = self.anchor(f"{suffix}-start", *start)
        head = self.anchor(f"{suffix}-end", *end)
        self.graph.edge(tail, head, id=self.unique_id(suffix), dir="none", **attrs)

    def text(self, suffix: str, x: float, y: float, table: str) -> None:
        """An HTML-like ``table`` centred on ``(x, y)``."""
        self.node(suffix, x, y, shape="plain", label=f"<{table}>")

    # -- background --------------------------------------------------------------------

    def stage_spans(self) -> Iterator[tuple[int, int, int]]:
        """``(stage index, first column, number of columns)`` of every stage."""
        for index in range(len(self.journey.stages)):
            numbers = [n for n, c in enumerate(self.columns) if c.stage_index == index]
            yield index, numbers[0], len(numbers)

    def stage_bands(self) -> None:
        """A light band per stage behind its steps (a cluster, so that it is drawn under
        everything), with the stage's name in a header on top."""
        spans = list(self.stage_spans())
        names = {
            index: fit(
                self.journey.stages[index].name, span * STEP_WIDTH * POINTS_PER_INCH - 14, NAME_FONT
            )
            for index, _, span in spans
        }
        header = max(len(lines) for lines in names.values()) * 14 / POINTS_PER_INCH + 0.16
        band_top, band_bottom = self.band_top, self.band_bottom
        for index, first, span in spans:
            stage = self.journey.stages[index]
            left = (first - 0.5) * STEP_WIDTH
            width = span * STEP_WIDTH
            with self.graph.subgraph(name=f"cluster_{index}") as band:
                band.attr(
                    id=self.unique_id(f"band-{stage.id}"),
                    style="filled",
                    fillcolor=BAND_FILL[index % 2],
                    color=BAND_FILL[index % 2],
                    label="",
                    margin="0",
                )
                self.anchor(f"band-{stage.id}-top", left, band_top, band)
                self.anchor(f"band-{stage.id}-bottom", left + width, band_bottom, band)
            x, y = left + width / 2, band_top + header / 2
            self.box(f"stage-{stage.id}", x, y, width, header, STAGE_FILL[index % 2])
            inner = int(width * POINTS_PER_INCH) - 14
            tall = int(header * POINTS_PER_INCH) - 8
            self.text(
                f"stage-{stage.id}-name",
                x,
                y,
                f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>'
                f'<TD WIDTH="{inner}" HEIGHT="{tall}" ALIGN="LEFT" VALIGN="TOP">'
                f"{_bold(names[index])}</TD></TR></TABLE>",
            )

    def grid(self) -> None:
        """A white guide per step, a line per score across the chart, and score words."""
        for number, column in enumerate(self.columns):
            if column.step is not None:
                x = number * STEP_WIDTH
                self.rule(
                    f"guide-{number}",
                    (x, self.band_top),
                    (x, self.band_bottom),
                    color=GUIDE_COLOR,
                    penwidth="1.5",
                )
        word_width = max(text_width([w], STEP_FONT) for w in EMOTION_WORD.values()) + 8
        for score in SCORES:
            label = score_label(score)
            name = label.replace("\u2212", "minus").replace("+", "plus")
            y = score * SCORE_HEIGHT
            self.rule(
                f"grid-{name}",
                (self.left, y),
                (self.right, y),
                color=ZERO_COLOR if score == 0 else GRID_COLOR,
                penwidth="1.2" if score == 0 else "0.8",
            )
            cells = [
                (
                    f'<TD ALIGN="RIGHT"><FONT POINT-SIZE="{STEP_FONT}" COLOR="{MUTED}">'
                    f"{EMOTION_WORD[score]}</FONT></TD>",
                    word_width,
                ),
                chip_cell(label, EMOTION_FILL[score], EMOTION_TEXT[score]),
            ]
            total = sum(w for _, w in cells) + 6
            self.text(
                f"score-{name}",
                self.left - 0.08 - total / 2 / POINTS_PER_INCH,
                y,
                fixed_row(cells, "RIGHT"),
            )

    def step_labels(self) -> None:
        """Each step's action, wrapped, under its column; a note inside an empty stage."""
        width = STEP_WIDTH * POINTS_PER_INCH - 10
        texts = [fit(c.step.action, width, STEP_FONT) if c.step else [] for c in self.columns]
        height = max(len(lines) for lines in texts) * LINE_HEIGHT + 0.06
        y = self.band_bottom - 0.06 - height / 2
        for number, (column, lines) in enumerate(zip(self.columns, texts, strict=True)):
            if column.step is None:
                self.text(
                    f"empty-{number}",
                    number * STEP_WIDTH,
                    SCORE_HEIGHT / 2,
                    f'<FONT POINT-SIZE="{STEP_FONT}" COLOR="{MUTED}"><I>no steps</I></FONT>',
                )
                continue
            if not lines:
                continue  # an action that is blank once cleaned (Graphviz rejects empty tags)
            self.text(
                f"step-{column.step.id}",
                number * STEP_WIDTH,
                y,
                f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>'
                f'<TD WIDTH="{int(width)}" HEIGHT="{int(height * POINTS_PER_INCH)}" VALIGN="TOP">'
                f'<FONT POINT-SIZE="{STEP_FONT}">{lines_html(lines, "CENTER")}</FONT>'
                "</TD></TR></TABLE>",
            )

    # -- curves ------------------------------------------------------------------------

    def place_points(self) -> list[Point]:
        """Every persona's mark, personas at one spot spread side by side."""
        found: list[tuple[int, int, PersonaMark, Emotion]] = []
        for number, column in enumerate(self.columns):
            step = column.step
            if step is None:
                continue
            for index, mark in enumerate(self.context.marks):
                emotion = step.emotion_for(mark.persona_id)
                if step.involves(mark.persona_id) and emotion is not None:
                    found.append((number, index, mark, emotion))
        placed = []
        for number, index, mark, emotion in found:
            shared = [f[1] for f in found if f[0] == number and f[3].score == emotion.score]
            spacing = min(POINT_SIZE + 0.05, (STEP_WIDTH - 0.3) / len(shared))
            offset = (shared.index(index) - (len(shared) - 1) / 2) * spacing
            placed.append(
                Point(
                    number,
                    mark,
                    index,
                    emotion,
                    number * STEP_WIDTH + offset,
                    emotion.score * SCORE_HEIGHT,
                )
            )
        return placed

    def tooltip(self, point: Point, column: Column) -> str:
        """``+1 positive · Busy Sam · <label> · <note> · <step action>``, for SVG viewers.

        Escaped like label text (Graphviz keeps entities in tooltips as they are), and
        with every backslash written four times: the DOT reader halves them, and the
        tooltip's own escapes (``\\N`` is the node's name) halve them again."""
        assert column.step is not None
        emotion = point.emotion
        parts = [
            f"{score_label(emotion.score)} {EMOTION_WORD[emotion.score]}",
            point.mark.name,
            *(text for text in (emotion.label, emotion.note) if text),
            column.step.action,
        ]
        return escape(" \u00b7 ".join(parts)).replace("\\", "\\" * 4)

    def peak_texts(self) -> list[tuple[int, int, list[str]]]:
        """``(column, score, lines)``: the emotion labels of peaks (+2) and valleys (-2).

        When several personas share the spot and do not all agree, each label says whose
        it is."""
        found = []
        for number in range(len(self.columns)):
            for score in (SCORES[0], SCORES[-1]):
                here = [p for p in self.points if p.column == number and p.emotion.score == score]
                labels = [(p.mark.initials, clean(p.emotion.label or "")) for p in here]
                labels = [(who, label) for who, label in labels if label]
                if not labels:
                    continue
                if len(labels) == len(here) and len({label for _, label in labels}) == 1:
                    text = labels[0][1]  # one persona, or all agree: no need to say who
                else:
                    text = " \u00b7 ".join(f"{who}: {label}" for who, label in labels)
                found.append(
                    (number, score, fit(text, STEP_WIDTH * POINTS_PER_INCH - 8, PEAK_FONT))
                )
        return found

    def peak_labels(self) -> None:
        """The labels of peaks above their marks, those of valleys below."""
        for number, score, lines in self.peaks:
            offset = PEAK_GAP + len(lines) * PEAK_LINE / 2
            self.text(
                f"{'peak' if score > 0 else 'valley'}-{number}",
                number * STEP_WIDTH,
                score * SCORE_HEIGHT + (offset if score > 0 else -offset),
                f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR><TD>'
                f'<FONT POINT-SIZE="{PEAK_FONT}" COLOR="{MUTED}"><I>'
                f"{lines_html(lines, 'CENTER')}</I></FONT></TD></TR></TABLE>",
            )

    def curves(self) -> bool:
        """The marks and the lines between them; whether any line has a gap."""
        self.peak_labels()
        names: dict[tuple[int, int], str] = {}
        for point in self.points:
            column = self.columns[point.column]
            assert column.step is not None
            names[(point.persona_index, point.column)] = self.node(
                f"point-{point.mark.persona_id}-{column.step.id}",
                point.x,
                point.y,
                shape="circle",
                style="filled",
                fillcolor=point.mark.fill,
                color="white",
                penwidth="1.5",
                fixedsize="true",
                width=_inches(POINT_SIZE),
                label=f"<{escape(point.mark.initials)}>",
                fontcolor=point.mark.text,
                fontsize="8",
                tooltip=self.tooltip(point, column),
            )
        gaps = False
        for index, mark in enumerate(self.context.marks):
            taken = [n for n in range(len(self.columns)) if (index, n) in names]
            gaps = gaps or (bool(taken) and taken[-1] - taken[0] + 1 != len(taken))
            for number in taken:
                if (index, number + 1) not in names:
                    continue
                step = self.columns[number].step
                assert step is not None
                self.graph.edge(
                    names[(index, number)],
                    names[(index, number + 1)],
                    id=self.unique_id(f"line-{mark.persona_id}-{step.id}"),
                    dir="none",
                    penwidth="2",
                    color=mark.fill,
                )
        return gaps

    # -- title and legend ----------------------------------------------------------------

    def legend(self, gaps: bool) -> str:
        """The title, what the chart shows, and each persona's colour and initials."""
        journey = self.journey
        personas: list[tuple[str, int]] = []
        for m in self.context.marks:
            personas.append(chip_cell(m.initials, m.fill, m.text))
            personas.append(("<TD> </TD>", 6))  # a gap between chip and name
            personas.append((f'<TD ALIGN="LEFT">{escape(m.name)}</TD>', text_width([m.name]) + 14))
        notes = [
            "Each line is one persona's emotion at each step, "
            "+2 very positive to \u22122 very negative."
        ]
        if gaps:
            notes.append(
                "A gap in a line: the persona does not take that step, or no emotion is recorded."
            )
        notes_html = "".join(
            f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT COLOR="{MUTED}" POINT-SIZE="{STEP_FONT}">'
            f"{escape(note)}</FONT></TD></TR>"
            for note in notes
        )
        title = wrap(journey.title, 80)
        return (
            '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">'
            f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="18">{_bold(title) or " "}</FONT>'
            f'<FONT COLOR="{MUTED}">emotional curve</FONT><BR ALIGN="LEFT"/></TD></TR>'
            f"{notes_html}"
            f'<TR><TD ALIGN="LEFT" WIDTH="70"><B>Personas</B></TD>'
            f'<TD ALIGN="LEFT">{fixed_row(personas)}</TD></TR>'
            "</TABLE>"
        )

    def source(self) -> DiagramSource:
        self.stage_bands()
        self.grid()
        self.step_labels()
        gaps = self.curves()
        self.graph.attr(label=f"<{self.legend(gaps)}>", labelloc="t", labeljust="l")
        return DiagramSource(self.journey.id, VIEW, self.graph.source, engine="neato")


def emotions_view(context: RenderContext) -> DiagramSource:
    return EmotionChart(context).source()
