"""PLACEHOLDER: the emotions view is being written."""

from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource


def emotions_view(context: RenderContext) -> DiagramSource:
    raise NotImplementedError
