"""The outline of one bundled example's deck (titles, texts, chart series) is stable.

When a change to the deck is intended, rewrite the golden file with
``CJM_UPDATE_GOLDEN=1 python -m pytest tests/deck/test_golden.py``."""

from __future__ import annotations

import os
from pathlib import Path

from .conftest import deck_of, example_report, outline

GOLDEN = Path(__file__).resolve().parent / "golden" / "bank-account-opening--account-opening.txt"
UPDATE = os.environ.get("CJM_UPDATE_GOLDEN") == "1"


def test_the_bank_example_deck_matches_its_outline() -> None:
    text = outline(deck_of(example_report("bank-account-opening", "account-opening")))
    if UPDATE:
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.is_file(), f"no golden file {GOLDEN.name}: run with CJM_UPDATE_GOLDEN=1"
    assert GOLDEN.read_text(encoding="utf-8") == text, (
        f"{GOLDEN.name} differs; if the change is intended, rerun with CJM_UPDATE_GOLDEN=1"
    )


def test_the_deck_is_the_same_every_time() -> None:
    report = example_report("b2b-saas-trial", "trial-to-paid")
    assert outline(deck_of(report)) == outline(deck_of(report))
