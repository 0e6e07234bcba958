"""A Graphviz graph whose nodes are pinned where they are put, for ``neato``.

Positions are worked out in inches and written in points (``pos="x,y!"``): every node is
placed, so Graphviz is asked for no layout at all (``neato -n``, see
:attr:`cjm.render.dot.DiagramSource.pinned`), which keeps a chart of a thousand steps from
spending half a minute in a layout that moves nothing. Every node and edge gets an id
namespaced by
map and view, unique even when a broken map repeats an id or the same thing is drawn
twice (a stage split between bands).
"""

from __future__ import annotations

from typing import Any

from cjm.render.dot import new_graph

POINTS_PER_INCH = 72


def at(x: float, y: float) -> str:
    """A pinned position of ``x``, ``y`` inches, in the points ``neato -n`` reads."""
    return f"{x * POINTS_PER_INCH:.2f},{y * POINTS_PER_INCH:.2f}!"


def inches(value: float) -> str:
    return f"{value:.3f}"


class PinnedGraph:
    """A ``neato`` graph of one map's view, and the shapes it is drawn with."""

    def __init__(self, map_id: str, view: str) -> None:
        self.prefix = f"cjm-{map_id}-{view}"
        self.graph = new_graph(map_id, view, engine="neato")
        self.graph.attr(outputorder="edgesfirst", overlap="true", splines="false")
        self.ids: set[str] = set()
        self.names = 0

    # -- shapes ------------------------------------------------------------------------

    def unique_id(self, suffix: str) -> str:
        """A namespaced id, unique even when a broken map repeats a step or persona id,
        or a stage is split between bands."""
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
        self.graph.node(name, pos=at(x, y), id=self.unique_id(suffix), **attrs)
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
            width=inches(width),
            height=inches(height),
            label="",
        )

    def anchor(self, suffix: str, x: float, y: float, graph: Any = None) -> str:
        """An invisible point at ``(x, y)``: an end of a line or a corner of a band."""
        self.names += 1
        name = f"n{self.names}"
        (graph or self.graph).node(
            name,
            pos=at(x, y),
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
