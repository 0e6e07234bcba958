"""A small workspace for the preview's tests: one map, two teams, one persona file.

It is written with today's date as the review date, so that it checks clean.
"""

from __future__ import annotations

import datetime
from pathlib import Path

CONFIG = """\
format: "1.0"
name: Workshop
maps: ["maps/*.yaml"]
definitions: ["shared/*.yaml"]
teams:
  - id: web
    name: Web Team
  - id: care
    name: Customer Care
# A first draft in a workshop: the research and the later stages come after.
lint:
  ignore: [CJM106, CJM111, CJM114, CJM117, CJM120, CJM121, CJM123]
"""

PERSONAS = """\
format: "1.0"
personas:
  - id: mover
    name: Moving Mia
    role: Moving house
    goals: [Move without paying twice]
    frustrations: [Estimated bills]
touchpoints:
  - id: helpline
    name: Helpline
    channel: phone
    owner: care
"""

MAP = """\
format: "1.0"
# The journey the workshop maps.
id: moving-home
title: Moving home
type: current-state
owner: care
reviewed: {today}
review_cadence: quarterly
personas: [mover]
stages:
  - id: tell-us
    name: Tell us you move
    steps:
      - id: sends-readings
        action: Sends the final meter readings
        touchpoints: [helpline]
        owner: care
        emotion: {{score: -1, label: tired}}
      - id: waits
        action: Waits for the final bill
        owner: care
        emotion: 0
"""

STEP = "Sends the final meter readings"


def write_workshop(folder: Path, today: datetime.date | None = None) -> Path:
    """Write the workspace into ``folder``; the path of its map."""
    day = (today or datetime.date.today()).isoformat()
    (folder / "maps").mkdir(parents=True, exist_ok=True)
    (folder / "shared").mkdir(exist_ok=True)
    (folder / "cjm.yaml").write_text(CONFIG, encoding="utf-8")
    (folder / "shared" / "personas.yaml").write_text(PERSONAS, encoding="utf-8")
    journey = folder / "maps" / "moving-home.yaml"
    journey.write_text(MAP.format(today=day), encoding="utf-8")
    return journey
