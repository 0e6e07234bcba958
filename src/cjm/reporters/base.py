"""What every reporter offers, and the counting they share."""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from rich.text import Text

from cjm.check import CheckResult
from cjm.diagnostics import Severity


class Reporter(Protocol):
    """Turns a :class:`CheckResult` into the text of one output format."""

    def render(self, result: CheckResult) -> Text | str:
        """The whole report. A :class:`rich.text.Text` may carry colour for terminals."""
        ...


def count_by_severity(result: CheckResult) -> dict[Severity, int]:
    counts = Counter(d.severity for d in result.diagnostics)
    return {severity: counts.get(severity, 0) for severity in Severity}
