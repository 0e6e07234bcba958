"""Drawing the emotional curve with pinned nodes: one chart row per band, stacked.

See :mod:`cjm.render.emotions_view` for what the chart shows. Every band is laid out in
its own coordinates (its score 0 line at y = 0, its first step at x = 0) and shifted down
under the band before it; the first band is not shifted at all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cjm.render.bands import Band, Column
from cjm.render.cell import Cell, tooltip
from cjm.render.context import RenderContext
from cjm.render.emotion_points import (
    POINT_SIZE,
    SCORE_HEIGHT,
    STEP_WIDTH,
    Point,
    Segment,
    TurningPoint,
    curve_segments,
    main_route_gaps,
    place_points,
    turning_columns,
    turning_labels,
)
from cjm.render.legend import broken_row, legend_table, persona_rows
from cjm.render.pinned import PinnedGraph, inches
from cjm.render.step_marks import BRANCH_INK, BRANCH_SIGN, branch_name
from cjm.render.style import (
    EMOTION_FILL,
    EMOTION_TEXT,
    EMOTION_WORD,
    LINE_COLOR,
    MUTED,
    STAGE_FILL,
    chip_cell,
    escape,
    fixed_row,
    score_label,
    text_width,
)

VIEW = "emotions"
SCORES = (2, 1, 0, -1, -2)
POINTS_PER_INCH = 72

MARGIN = 0.45  # band above +2 and below -2, at least; more when peak labels need it
STEP_FONT = 9
STEP_LINES = 5
LINE_HEIGHT = 12 / POINTS_PER_INCH  # one line of a step's action
NAME_FONT = 11
NAME_LINES = 2
NAME_LINE = 14 / POINTS_PER_INCH
PEAK_FONT = 8
PEAK_LINES = 2
PEAK_LINE = 10 / POINTS_PER_INCH  # one line of a peak's label
PEAK_GAP = POINT_SIZE / 2 + 0.05  # from a mark's centre to its label
ROW_GAP = 0.4  # inches between two chart rows
TITLE_SIZE = 18
LEGEND_WIDTH = 640  # points, at least

# The bands are lighter than the stage headers, so that the curves stand out on them.
BAND_FILL = ("#f3f6fb", "#f6f3f9")
GRID_COLOR = LINE_COLOR
ZERO_COLOR = "#8c8c8c"
GUIDE_COLOR = "white"
PEAK_SIGN = {"peak": "\u25b2", "valley": "\u25bc"}


def _table(cell: str) -> str:
    return f'<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0"><TR>{cell}</TR></TABLE>'


@dataclass(frozen=True)
class ChartData:
    """What the chart shows, worked out once for the whole journey: the columns of all
    bands in order, the marks, and the peaks and valleys."""

    bands: list[Band]
    columns: list[Column]
    points: list[Point]
    turns: list[TurningPoint]
    segments: list[Segment]
    gaps: bool

    @classmethod
    def of(cls, context: RenderContext, bands: list[Band]) -> ChartData:
        columns = [column for band in bands for column in band.columns]
        points = place_points(context, columns)
        turns = turning_labels(points, turning_columns(context, columns))
        segments = curve_segments(context, columns, points)
        gaps = main_route_gaps(context, columns, points)
        return cls(bands, columns, points, turns, segments, gaps)

    def first_column(self, band: Band) -> int:
        """The place of the band's first column in the whole journey."""
        return sum(len(b.columns) for b in self.bands if b.number < band.number)


@dataclass(frozen=True)
class Frame:
    """A band's layout in its own coordinates, and how far it is shifted down."""

    band: Band
    first: int  # the band's first column in the whole journey
    names: list[Cell]
    steps: list[Cell | None]
    header: float
    top: float  # the top of the chart area (above +2)
    bottom: float  # the bottom of the chart area (below -2)
    labels: float  # the height of the steps' actions under it
    shift: float = 0.0

    @property
    def upper(self) -> float:
        return self.top + self.header

    @property
    def lower(self) -> float:
        return self.bottom - 0.06 - self.labels

    @property
    def right(self) -> float:
        return (len(self.band.columns) - 0.5) * STEP_WIDTH


LEFT = -STEP_WIDTH / 2


class EmotionChart(PinnedGraph):
    """Builds the pinned nodes and edges of the chart for some bands of one map."""

    def __init__(self, context: RenderContext, data: ChartData) -> None:
        super().__init__(context.journey.id, VIEW)
        self.context = context
        self.journey = context.journey
        self.data = data
        self.clusters = 0
        self.width = 0.0
        self.continues = False  # whether a line runs on across the edge of a band
        self.alternatives = False  # whether a line follows an alternative route

    # -- layout ------------------------------------------------------------------------

    def turns_in(self, band: Band, first: int) -> list[TurningPoint]:
        return [t for t in self.data.turns if first <= t.column < first + len(band.columns)]

    def turn_cell(self, turn: TurningPoint) -> Cell:
        cell = Cell(STEP_WIDTH * POINTS_PER_INCH - 8)
        text = f"{PEAK_SIGN[turn.kind]} {turn.label or turn.kind}"
        cell.add(text, size=PEAK_FONT, max_lines=PEAK_LINES, italic=True, ink=MUTED)
        return cell

    def frame(self, band: Band) -> Frame:
        first = self.data.first_column(band)
        names = []
        for segment in band.segments:
            stage = self.journey.stages[segment.stage_index]
            width = len(segment.columns) * STEP_WIDTH * POINTS_PER_INCH - 14
            cell = Cell(width)
            name = f"{stage.name} (continued)" if segment.continued else stage.name
            cell.add(name, size=NAME_FONT, max_lines=NAME_LINES, bold=True)
            names.append(cell)
        steps: list[Cell | None] = []
        for column in band.columns:
            if column.step is None:
                steps.append(None)
                continue
            cell = Cell(STEP_WIDTH * POINTS_PER_INCH - 10)
            if column.branch is not None:
                note = f"{BRANCH_SIGN} {branch_name(column.branch)}"
                cell.add(note, size=STEP_FONT, max_lines=2, italic=True, ink=BRANCH_INK)
            cell.add(column.step.action, size=STEP_FONT, max_lines=STEP_LINES)
            if column.step.optional:
                cell.add("(optional)", size=STEP_FONT, italic=True, ink=MUTED)
            steps.append(cell)
        header = max(_lines(cell) for cell in names) * NAME_LINE + 0.16
        labels = max([_lines(cell) for cell in steps if cell is not None] or [0]) * LINE_HEIGHT
        reach = {SCORES[0]: MARGIN, SCORES[-1]: MARGIN}
        for turn in self.turns_in(band, first):
            if turn.score in reach:
                needed = PEAK_GAP + _lines(self.turn_cell(turn)) * PEAK_LINE + 0.08
                reach[turn.score] = max(reach[turn.score], needed)
        top = SCORES[0] * SCORE_HEIGHT + reach[SCORES[0]]
        bottom = SCORES[-1] * SCORE_HEIGHT - reach[SCORES[-1]]
        return Frame(band, first, names, steps, header, top, bottom, labels + 0.06)

    # -- background --------------------------------------------------------------------

    def stage_bands(self, frame: Frame) -> None:
        """A light band per stage behind its steps (a cluster, so that it is drawn under
        everything), with the stage's name in a header on top."""
        position = 0
        shift = frame.shift
        for segment, name in zip(frame.band.segments, frame.names, strict=True):
            stage = self.journey.stages[segment.stage_index]
            index = segment.stage_index
            span = len(segment.columns)
            left = (position - 0.5) * STEP_WIDTH
            width = span * STEP_WIDTH
            position += span
            self.clusters += 1
            with self.graph.subgraph(name=f"cluster_{self.clusters - 1}") as band:
                ys = sorted((frame.top + shift, frame.bottom + shift))
                band.attr(
                    id=self.unique_id(f"band-{stage.id}"),
                    style="filled",
                    fillcolor=BAND_FILL[index % 2],
                    color=BAND_FILL[index % 2],
                    label="",
                    margin="0",
                    # Graphviz places nothing (neato -n), so a cluster says its own box.
                    bb=",".join(
                        f"{value * POINTS_PER_INCH:.2f}"
                        for value in (left, ys[0], left + width, ys[1])
                    ),
                )
                self.anchor(f"band-{stage.id}-top", left, frame.top + shift, band)
                self.anchor(f"band-{stage.id}-bottom", left + width, frame.bottom + shift, band)
            x, y = left + width / 2, frame.top + frame.header / 2 + shift
            self.box(f"stage-{stage.id}", x, y, width, frame.header, STAGE_FILL[index % 2])
            inner = int(width * POINTS_PER_INCH) - 14
            tall = int(frame.header * POINTS_PER_INCH) - 8
            self.text(
                f"stage-{stage.id}-name",
                x,
                y,
                _table(
                    f'<TD WIDTH="{inner}" HEIGHT="{tall}" ALIGN="LEFT" VALIGN="TOP"'
                    f"{tooltip(name.hidden)}>{name.markup}</TD>"
                ),
            )

    def grid(self, frame: Frame) -> None:
        """A white guide per step, a line per score across the band, and score words."""
        shift = frame.shift
        for position, column in enumerate(frame.band.columns):
            if column.step is not None:
                x = position * STEP_WIDTH
                self.rule(
                    f"guide-{frame.first + position}",
                    (x, frame.top + shift),
                    (x, frame.bottom + shift),
                    color=GUIDE_COLOR,
                    penwidth="1.5",
                )
        word_width = max(text_width([w], STEP_FONT) for w in EMOTION_WORD.values()) + 8
        for score in SCORES:
            label = score_label(score)
            name = label.replace("\u2212", "minus").replace("+", "plus")
            y = score * SCORE_HEIGHT + shift
            self.rule(
                f"grid-{name}",
                (LEFT, y),
                (frame.right, y),
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
            self.width = max(self.width, total / POINTS_PER_INCH)
            self.text(
                f"score-{name}",
                LEFT - 0.08 - total / 2 / POINTS_PER_INCH,
                y,
                fixed_row(cells, "RIGHT"),
            )

    def step_labels(self, frame: Frame) -> None:
        """Each step's action, wrapped, under its column; a note inside an empty stage."""
        width = int(STEP_WIDTH * POINTS_PER_INCH - 10)
        height = int(frame.labels * POINTS_PER_INCH)
        y = frame.bottom - 0.06 - frame.labels / 2 + frame.shift
        for position, (column, cell) in enumerate(
            zip(frame.band.columns, frame.steps, strict=True)
        ):
            number = frame.first + position
            if column.step is None or cell is None:
                self.text(
                    f"empty-{number}",
                    position * STEP_WIDTH,
                    SCORE_HEIGHT / 2 + frame.shift,
                    f'<FONT POINT-SIZE="{STEP_FONT}" COLOR="{MUTED}"><I>no steps</I></FONT>',
                )
                continue
            if not cell.markup:
                continue  # an action that is blank once cleaned (Graphviz rejects empty tags)
            self.text(
                f"step-{column.step.id}",
                position * STEP_WIDTH,
                y,
                _table(
                    f'<TD WIDTH="{width}" HEIGHT="{height}" VALIGN="TOP" BALIGN="CENTER"'
                    f"{tooltip(cell.hidden)}>{_centred(cell)}</TD>"
                ),
            )

    # -- curves ------------------------------------------------------------------------

    def tooltip(self, point: Point) -> str:
        """``+1 positive · Busy Sam · <label> · <note> · <step action>``, for SVG viewers.

        Escaped like label text (Graphviz keeps entities in tooltips as they are), and
        with every backslash written four times: the DOT reader halves them, and the
        tooltip's own escapes (``\\N`` is the node's name) halve them again."""
        step = self.data.columns[point.column].step
        assert step is not None
        emotion = point.emotion
        parts = [
            f"{score_label(emotion.score)} {EMOTION_WORD[emotion.score]}",
            point.mark.named.shown,
            *(text for text in (emotion.label, emotion.note) if text),
            step.action,
        ]
        return escape(" \u00b7 ".join(parts)).replace("\\", "\\" * 4)

    def turn_labels(self, frame: Frame) -> None:
        """The labels of peaks above their marks, those of valleys below."""
        for turn in self.turns_in(frame.band, frame.first):
            cell = self.turn_cell(turn)
            offset = PEAK_GAP + _lines(cell) * PEAK_LINE / 2
            y = turn.score * SCORE_HEIGHT + (offset if turn.kind == "peak" else -offset)
            self.text(
                f"{turn.kind}-{turn.column}",
                (turn.column - frame.first) * STEP_WIDTH,
                y + frame.shift,
                _table(f"<TD{tooltip(cell.hidden)}>{_centred(cell)}</TD>"),
            )

    def curves(self, frame: Frame) -> None:
        """The marks of the band and the lines between them, with a dashed stretch to the
        band's edge where a line goes on in the next band or comes from the previous."""
        first, count = frame.first, len(frame.band.columns)
        names: dict[tuple[int, int], str] = {}
        where: dict[tuple[int, int], Point] = {}
        for point in self.data.points:
            if not first <= point.column < first + count:
                continue
            step = self.data.columns[point.column].step
            assert step is not None
            where[(point.persona_index, point.column)] = point
            names[(point.persona_index, point.column)] = self.node(
                f"point-{point.mark.persona_id}-{step.id}",
                (point.column - first) * STEP_WIDTH + point.offset,
                point.y + frame.shift,
                shape="circle",
                style="filled",
                fillcolor=point.mark.fill,
                color="white",
                penwidth="1.5",
                fixedsize="true",
                width=inches(POINT_SIZE),
                label=f"<{escape(point.mark.initials)}>",
                fontcolor=point.mark.text,
                fontsize="8",
                tooltip=self.tooltip(point),
            )
        inside = range(first, first + count)
        for index in range(len(self.context.marks)):
            mine = [segment for segment in self.data.segments if segment.persona_index == index]
            for number in inside:
                leaving = [segment for segment in mine if segment.start == number]
                arriving = [s for s in mine if s.end == number and s.start not in inside]
                for segment in [*leaving, *arriving]:
                    self.segment(frame, segment, names, where)

    def segment(
        self,
        frame: Frame,
        segment: Segment,
        names: dict[tuple[int, int], str],
        where: dict[tuple[int, int], Point],
    ) -> None:
        """One stretch of a persona's curve, as far as it lies in ``frame``'s band: the
        whole line when both ends are in it, else a dashed stretch to or from the band's
        edge. A stretch on an alternative route is dotted."""
        first, count = frame.first, len(frame.band.columns)
        index, start, end = segment.persona_index, segment.start, segment.end
        inside = range(first, first + count)
        if start not in inside and end not in inside:
            return
        mark = self.context.marks[index]
        step = self.data.columns[start].step
        end_step = self.data.columns[end].step
        assert step is not None and end_step is not None
        line = {"dir": "none", "penwidth": "2", "color": mark.fill}
        if segment.main:
            name = f"line-{mark.persona_id}-{step.id}"
        else:
            self.alternatives = True
            name = f"line-{mark.persona_id}-{step.id}-to-{end_step.id}"
            line.update(style="dotted", penwidth="2.4")
        if start in inside and end in inside:
            self.graph.edge(
                names[(index, start)], names[(index, end)], id=self.unique_id(name), **line
            )
            return
        self.continues = True
        line["style"] = "dashed"
        if start in inside:
            # Half a step long: to the band's edge from its last column.
            x = (start - first + 0.5) * STEP_WIDTH
            y = where[(index, start)].y + frame.shift
            edge = self.anchor(f"{name}-edge", x, y)
            self.graph.edge(
                names[(index, start)], edge, id=self.unique_id(f"{name}-continues"), **line
            )
        else:
            # Half a step long: from the band's edge to its first column.
            x = (end - first - 0.5) * STEP_WIDTH
            y = where[(index, end)].y + frame.shift
            arrival = f"line-{mark.persona_id}-{end_step.id}" if segment.main else name
            edge = self.anchor(f"{arrival}-from-edge", x, y)
            self.graph.edge(
                edge, names[(index, end)], id=self.unique_id(f"{arrival}-continued"), **line
            )

    # -- assembly ----------------------------------------------------------------------

    def draw(self, bands: list[Band]) -> None:
        """Lay out ``bands`` one under another and draw them."""
        shift = 0.0
        previous: Frame | None = None
        for band in bands:
            frame = self.frame(band)
            if previous is not None:
                shift = previous.lower + previous.shift - ROW_GAP - frame.upper
            frame = replace(frame, shift=shift)
            self.stage_bands(frame)
            self.grid(frame)
            self.step_labels(frame)
            self.turn_labels(frame)
            self.curves(frame)
            self.width = max(self.width, frame.right - LEFT)
            previous = frame

    def legend(self, caption: str | None) -> str:
        """The title, what the chart shows, each persona's colour and initials, and the
        page's place in the journey."""
        width = max(LEGEND_WIDTH, int(self.width * POINTS_PER_INCH))
        title = Cell(width)
        title.add(self.journey.title, size=TITLE_SIZE, max_lines=3, bold=True)
        title.add("emotional curve", ink=MUTED)
        if caption:
            title.add(caption, size=STEP_FONT, ink=MUTED)
        notes = [
            "Each line is one persona's emotion at each step, "
            "+2 very positive to \u22122 very negative. "
            "\u25b2 marks a peak of a persona's curve, \u25bc a valley, with the emotion's label."
        ]
        if self.data.gaps:
            notes.append(
                "A gap in a line: the persona does not take that step, or no emotion is recorded."
            )
        if self.alternatives:
            notes.append(
                "A dotted line: a branch, an alternative route from the step where it "
                "leaves the main line to the step where it comes back."
            )
        if self.continues:
            notes.append(
                "A dashed end: the line goes on in the next row, or comes from the one before."
            )
        for note in notes:
            title.add(note, size=STEP_FONT, ink=MUTED, max_lines=3)
        rows = [
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"{tooltip(title.hidden)}>{title.markup}</TD></TR>',
            *persona_rows(self.context.marks, width),
        ]
        if not all(mark.known for mark in self.context.marks):
            rows.append(broken_row())  # only personas are named in this view
        return legend_table(rows)


def _lines(cell: Cell) -> int:
    """How many lines of text a cell holds (its line breaks)."""
    return cell.markup.count("<BR")


def _centred(cell: Cell) -> str:
    """A cell's markup with its lines centred."""
    return cell.markup.replace('ALIGN="LEFT"', 'ALIGN="CENTER"')
