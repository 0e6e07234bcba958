"""Small inputs shared by several test modules."""

# A standalone map (no workspace): it defines its persona and team inline.
STANDALONE_MAP = """\
id: solo
title: Solo journey
type: current-state
owner: growth
reviewed: 2026-10-01
teams: [{id: growth, name: Growth}]
personas:
  - id: olivia
    name: Ops Olivia
stages:
  - id: signup
    name: Sign-up
    steps:
      - id: start-trial
        action: Starts a trial
        emotion: 1
"""

# Keep rich from colouring or wrapping the output, whatever the environment says.
PLAIN_ENV = {"NO_COLOR": "1", "FORCE_COLOR": None, "TERM": "dumb", "COLUMNS": "200"}
