"""The workspace site: static pages a CX team publishes beside the map reports.

:func:`site_pages` turns a :class:`~cjm.portfolio.Portfolio` into the pages of the site
(the overview, the pain-point register, the opportunity backlog, the KPI board, team,
persona, channel and comparison pages, and the search page), each self-contained and
offline like the reports they link.
"""

from cjm.site.pages import Page, site_pages

__all__ = ["Page", "site_pages"]
