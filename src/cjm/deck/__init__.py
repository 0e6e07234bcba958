"""Slide decks of journey maps (``cjm export deck``): one PPTX file per map."""

from cjm.deck.build import build_deck

__all__ = ["build_deck"]
