"""A journey map as a slide deck, made from the report's facts.

The deck is what a CX lead presents at a quarterly review: the title with the review's
state and the numbers at a glance, the personas, the journey stage by stage, the
emotional curve, the worst pain points, the best opportunities, the KPIs against their
targets and the lint findings. Everything on it comes from one :class:`Report`
(:func:`cjm.report.build.build_report`), the same facts the HTML and Markdown reports
show, in the same words.
"""

from __future__ import annotations

from cjm.deck.canvas import Deck
from cjm.deck.curve import curve_slide
from cjm.deck.journey import stage_slides
from cjm.deck.overview import findings_slide, persona_slides, title_slide
from cjm.deck.registers import kpi_slides, opportunities_slide, pains_slide
from cjm.report.facts import Report


def build_deck(report: Report) -> bytes:
    """The deck of ``report``'s map, as the bytes of a PPTX file."""
    deck = Deck()
    deck.presentation.core_properties.title = report.title[:255]
    title_slide(deck, report)
    persona_slides(deck, report)
    stage_slides(deck, report)
    curve_slide(deck, report)
    pains_slide(deck, report)
    opportunities_slide(deck, report)
    kpi_slides(deck, report)
    findings_slide(deck, report)
    return deck.save()
