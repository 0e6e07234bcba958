"""How numbers, values, dates and counts read in a report: the same in every locale."""

from __future__ import annotations

import datetime


def format_number(value: float) -> str:
    """``38``, ``11.5``, ``0.25``: a number without a trailing ``.0``."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def format_value(value: float | None, unit: str | None) -> str:
    """A value with its unit: ``38%``, ``11.5 minutes``, ``-`` when there is none."""
    if value is None:
        return "\u2013"
    number = format_number(value).replace("-", "\u2212")
    if not unit:
        return number
    return f"{number}{unit}" if unit in ("%", "\u2030") else f"{number} {unit}"


def format_date(value: datetime.date) -> str:
    """``30 Oct 2026``: day, month and year as people read them, in any locale."""
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{value.day} {month[value.month - 1]} {value.year}"
