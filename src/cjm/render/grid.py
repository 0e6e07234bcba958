"""What the table views (journey, blueprint) share: fixed columns, the title, the stage
headers, and the bands stacked into one drawing or cut into pages.

Each band is one Graphviz HTML-like table: a column of lane names (:data:`LABEL_WIDTH`
points) and a column per step (:data:`COLUMN_WIDTH` points). Every cell of a step column
says its width, and no text in it is wider than the room that leaves (see
:mod:`cjm.render.text`), so no text can widen its column: every band has the same grid.
The whole drawing is a table of the title block and the bands, one under another; a page
is the title block with the page's place in the journey, and one band.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from cjm.model import JourneyMap
from cjm.render.bands import Band, Segment, band_caption
from cjm.render.cell import Cell, text_room
from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource, html_graph
from cjm.render.style import (
    BROKEN_INK,
    LANE_LABEL_FILL,
    LINE_COLOR,
    MUTED,
    SMALL,
    STAGE_FILL,
    escape,
)

COLUMN_WIDTH = 160  # points per step column
LABEL_WIDTH = 140  # points for the lane names
TITLE_SIZE = 18
BAND_GAP = 18  # points between two bands of the whole drawing
STAGE_BUDGET = 90  # points of height for a stage's name and goal
LEGEND_MIN_WIDTH = 700


def band_width(columns: int) -> int:
    return LABEL_WIDTH + columns * COLUMN_WIDTH


def legend_width(bands: list[Band]) -> int:
    """How wide a legend may be: as wide as the widest band, and not too narrow."""
    columns = max((len(band.columns) for band in bands), default=1)
    return max(band_width(columns), LEGEND_MIN_WIDTH)


def lane_label(title: str, rowspan: int = 1, extra: str = "") -> str:
    """The name of a lane, at the left of its row (``extra``: markup under the name)."""
    span = f' ROWSPAN="{rowspan}"' if rowspan > 1 else ""
    return (
        f'<TD BGCOLOR="{LANE_LABEL_FILL}" ALIGN="LEFT" VALIGN="TOP" WIDTH="{LABEL_WIDTH}"{span}>'
        f'<B>{escape(title)}</B><BR ALIGN="LEFT"/>{extra}</TD>'
    )


def title_block(context: RenderContext, width: int, caption: str | None) -> str:
    """The map's title, its type, owner and last review, and where a page is."""
    journey = context.journey
    cell = Cell(text_room(width))
    cell.add(journey.title, size=TITLE_SIZE, max_lines=3, bold=True)
    owner = context.team(journey.owner)
    reviewed = journey.reviewed.isoformat()
    if owner is not None and not owner.broken:
        facts = f"{journey.type.value} \u00b7 owner: {owner.text} \u00b7 reviewed {reviewed}"
        cell.add(facts, ink=MUTED, max_lines=3)
    else:
        cell.add(f"{journey.type.value} \u00b7 reviewed {reviewed}", ink=MUTED, max_lines=3)
        cell.named(owner, size=11, prefix="owner: ")
    if caption:
        cell.add(caption, size=SMALL, ink=MUTED)
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="6">'
        f"<TR>{cell.td('', width)}</TR></TABLE>"
    )


def stage_cell(journey: JourneyMap, segment: Segment) -> str:
    """A stage's header over its columns: its name (and "continued" on a later part of a
    stage split between bands) and, on its first part, the customer's goal."""
    stage = journey.stages[segment.stage_index]
    span = len(segment.columns)
    width = span * COLUMN_WIDTH
    cell = Cell(text_room(width), STAGE_BUDGET)
    if segment.continued:
        whole = cell.add(f"{stage.name} (continued)", max_lines=2, bold=True)
        if whole is not None and whole.shortened:
            cell.add("(continued)", size=SMALL, bold=True)
    else:
        cell.add(stage.name, max_lines=2, bold=True)
        if stage.customer_goal:
            cell.add(f"Goal: {stage.customer_goal}", size=SMALL, max_lines=3)
    if segment.continues:
        cell.add("continues in the next band \u2192", size=SMALL, ink=MUTED)
    colspan = f' COLSPAN="{span}"' if span > 1 else ""
    fill = STAGE_FILL[segment.stage_index % 2]
    return cell.td(f'{colspan} BGCOLOR="{fill}"', width)


def stage_row(journey: JourneyMap, band: Band) -> str:
    cells = [lane_label("Stage")]
    cells.extend(stage_cell(journey, segment) for segment in band.segments)
    return "<TR>" + "".join(cells) + "</TR>"


def band_table(rows: list[str]) -> str:
    return (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="6" '
        f'COLOR="{LINE_COLOR}">' + "".join(rows) + "</TABLE>"
    )


def stack(parts: list[tuple[str, int]]) -> str:
    """Tables one under another, aligned left: ``(table, step columns it spans)`` each.

    Graphviz stretches a table nested in a wider cell, and its columns with it. So the
    stack is a grid of the lane-name column and step columns, fixed by a first row of
    empty cells, and each table spans exactly its own columns: a band of three steps
    keeps step columns as wide as one of six."""
    columns = max(span for _, span in parts)
    sizing = f'<TD WIDTH="{LABEL_WIDTH}" HEIGHT="1" FIXEDSIZE="TRUE"></TD>' + (
        f'<TD WIDTH="{COLUMN_WIDTH}" HEIGHT="1" FIXEDSIZE="TRUE"></TD>' * columns
    )
    rows = [f"<TR>{sizing}</TR>"]
    for number, (table, span) in enumerate(parts):
        if number:
            rows.append(f'<TR><TD COLSPAN="{columns + 1}" HEIGHT="{BAND_GAP}"></TD></TR>')
        rest = f'<TD COLSPAN="{columns - span}"></TD>' if span < columns else ""
        rows.append(f'<TR><TD COLSPAN="{span + 1}" ALIGN="LEFT">{table}</TD>{rest}</TR>')
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        + "".join(rows)
        + "</TABLE>"
    )


def table_diagram(
    context: RenderContext,
    view: str,
    bands: list[Band],
    table_of: Callable[[Band], str],
    legend_of: Callable[[bool], str],
    after: tuple[str, int] | None = None,
    stages: int | None = None,
) -> DiagramSource:
    """The whole diagram (the bands stacked) with one page per band when there are
    several; ``after`` (a table and the step columns it spans) follows the last band, on
    the last page. ``legend_of(broken)`` makes the legend, told whether anything is drawn
    as a broken reference. ``stages`` is how many stages the bands hold, for the page
    captions (default: the map's)."""
    map_id = context.journey.id
    tables = [(table_of(band), len(band.columns)) for band in bands]
    tail = [after] if after is not None else []
    columns = max(span for _, span in [*tables, *tail])
    width = band_width(columns)
    title = title_block(context, width, None)
    drawn = [title, *(table for table, _ in [*tables, *tail])]
    legend = legend_of(any(f'COLOR="{BROKEN_INK}"' in markup for markup in drawn))
    whole = html_graph(map_id, view, stack([(title, columns), *tables, *tail]), legend)
    if len(bands) < 2:
        return whole
    stages = stages if stages is not None else len(context.journey.stages)
    pages = tuple(
        html_graph(
            map_id,
            view,
            stack(
                [
                    (title_block(context, width, band_caption(band, len(bands), stages)), columns),
                    table,
                    *(tail if band is bands[-1] else []),
                ]
            ),
            legend,
        )
        for band, table in zip(bands, tables, strict=True)
    )
    return replace(whole, pages=pages)
