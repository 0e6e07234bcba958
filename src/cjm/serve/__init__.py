"""``cjm serve``: a live preview of a workspace in the browser.

The preview renders what ``cjm render PATH --format html`` renders (the workspace site and
the map reports) into a temporary folder, serves that folder over HTTP, watches the
workspace, and, when a file changes, checks and renders it again in the background and
tells the open pages over server-sent events. Each page then fetches itself again and
swaps its body in place, so the room watching the map never sees a reload.

One module, one job: :mod:`~cjm.serve.target` finds what to render and watch,
:mod:`~cjm.serve.paths` maps a request to a file of the output and
refuses everything else, :mod:`~cjm.serve.ports` opens the listening socket,
:mod:`~cjm.serve.watching` decides which changes matter, :mod:`~cjm.serve.debounce`
groups a burst of changes into one rebuild, :mod:`~cjm.serve.build` checks and renders,
:mod:`~cjm.serve.findings` and :mod:`~cjm.serve.panel` show the findings on the page,
:mod:`~cjm.serve.inject` puts the panel and the live script into HTML responses,
:mod:`~cjm.serve.server` answers requests, and :mod:`~cjm.serve.session` runs it all.
"""
