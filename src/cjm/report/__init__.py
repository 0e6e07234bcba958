"""Reports a person reads: a self-contained HTML page per map, a workspace index page, and
the same content as Markdown for wikis and pull requests."""

from cjm.report.html import IndexEntry, html_index, html_report, index_entry
from cjm.report.markdown import markdown_report

__all__ = ["IndexEntry", "html_index", "html_report", "index_entry", "markdown_report"]
