"""Reports a person reads: a self-contained HTML page per map, and the same content as
Markdown for wikis and pull requests."""

from cjm.report.html import html_report
from cjm.report.markdown import markdown_report

__all__ = ["html_report", "markdown_report"]
