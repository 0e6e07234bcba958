"""PLACEHOLDER: the blueprint view is being written."""

from cjm.render.context import RenderContext
from cjm.render.dot import DiagramSource


def blueprint_view(context: RenderContext) -> DiagramSource:
    raise NotImplementedError
