"""DOT sources of the views, built with the ``graphviz`` package.

A :class:`DiagramSource` is the DOT text plus the layout engine it needs. Every graph
gets an ``id`` namespaced by map and view, so that several diagrams can share one HTML
page; :func:`namespace_svg_ids` applies the same prefix to the ids Graphviz makes up.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import graphviz

from cjm.render.style import FONT, FONT_SIZE


@dataclass(frozen=True)
class DiagramSource:
    """A view of one map as DOT, and how to lay it out."""

    map_id: str
    view: str
    source: str
    engine: str = "dot"
    # Every node is placed (``pos``, in points): Graphviz only draws (``neato -n``).
    pinned: bool = False
    # The same diagram cut for print: one source per page, each a band of whole stages
    # with the title, lane names and legend repeated. Empty when it is one page.
    pages: tuple[DiagramSource, ...] = ()

    @property
    def namespace(self) -> str:
        return f"cjm-{self.map_id}-{self.view}"


def new_graph(map_id: str, view: str, engine: str = "dot") -> graphviz.Digraph:
    graph = graphviz.Digraph(name=f"{map_id}-{view}", engine=engine)
    graph.attr(
        id=f"cjm-{map_id}-{view}",
        bgcolor="white",
        pad="0.3",
        fontname=FONT,
        fontsize=str(FONT_SIZE),
    )
    graph.attr("node", fontname=FONT, fontsize=str(FONT_SIZE))
    graph.attr("edge", fontname=FONT, fontsize=str(FONT_SIZE))
    return graph


_EMPTY_TAG = re.compile(r"<(B|I|U|O|S|SUB|SUP|FONT)(?: [^>]*)?></\1>")


def drop_empty_tags(markup: str) -> str:
    """``markup`` without empty formatting tags such as ``<B></B>``, which Graphviz
    rejects; they come from text that is blank once cleaned (a title of spaces)."""
    while True:
        shorter = _EMPTY_TAG.sub("", markup)
        if shorter == markup:
            return markup
        markup = shorter


def html_label(markup: str) -> str:
    """``markup`` as an HTML-like label: empty tags dropped, and a line per table row, so
    that a change to a diagram reads as a change to a few lines of its DOT source
    (Graphviz ignores white space between the elements of a table)."""
    return "<" + drop_empty_tags(markup).replace("<TR>", "\n<TR>") + ">"


def html_graph(map_id: str, view: str, table: str, legend: str | None = None) -> DiagramSource:
    """A graph of one node whose label is the HTML-like ``table``; ``legend`` (another
    table) goes under it, as the graph's label, aligned left."""
    graph = new_graph(map_id, view)
    if legend is not None:
        graph.attr(label=html_label(legend), labelloc="b", labeljust="l")
    graph.node("grid", label=html_label(table), shape="plain", id=f"cjm-{map_id}-{view}-grid")
    return DiagramSource(map_id, view, graph.source)


_ID = re.compile(r'\b(id|href|xlink:href)="(#?)([^"]*)"')
_URL = re.compile(r"url\(#([^)]*)\)")


def namespace_svg_ids(svg: str, namespace: str) -> str:
    """Prefix every id (and every reference to one) in ``svg`` with ``namespace``.

    Graphviz names its own elements ``graph0``, ``node1``, ``a_node1_0``...; two
    diagrams inlined in one page would share those. Ids we set already carry the prefix.
    """

    def _prefixed(value: str) -> str:
        # Graphviz writes "-" in ids as "&#45;": compare the value as the browser reads it.
        plain = html.unescape(value)
        if plain.startswith(namespace):
            return value
        # Graphviz names the links of cells with tooltips after their node's id
        # ("a_<id>_0"): the namespace goes to the front, once.
        return f"{namespace}-{html.escape(plain.replace(namespace, ''))}"

    def _attribute(match: re.Match[str]) -> str:
        name, hash_sign, value = match.groups()
        if name != "id" and not hash_sign:
            return match.group(0)  # a real link, not a reference into the document
        return f'{name}="{hash_sign}{_prefixed(value)}"'

    svg = _ID.sub(_attribute, svg)
    return _URL.sub(lambda m: f"url(#{_prefixed(m.group(1))})", svg)
