"""A small map in format 1.0 with what rules must now read: a pain point of a stage, a
branch with its own steps, a pain point on a branch step and one that spans steps."""

from __future__ import annotations

BRANCHED = """\
format: "1.0"
id: opening
title: Account opening
type: current-state
owner: onboarding
reviewed: 2026-10-01
teams: [{id: onboarding, name: Onboarding}, {id: risk, name: Risk}]
personas: [{id: nadia, name: Nadia}, {id: tom, name: Tom}]
touchpoints: [{id: app, name: App, channel: app, owner: onboarding}]
stages:
  - id: apply
    name: Apply
    pain_points:
      - {id: long-form, summary: The form is long, severity: medium}
    steps:
      - {id: fill-form, action: Fills the form, touchpoints: [app], emotion: 0}
      - {id: upload-id, action: Uploads an ID, touchpoints: [app], emotion: -1}
    branches:
      - id: id-rejected
        condition: The ID photo is rejected
        after: upload-id
        steps:
          - id: retake-photo
            action: Retakes the photo
            touchpoints: [app]
            emotion: -2
            pain_points:
              - {id: blurry, summary: Photos are rejected without a reason, severity: high}
  - id: verify
    name: Verify
    steps:
      - id: wait-for-check
        action: Waits for the identity check
        touchpoints: [app]
        emotion: -1
        pain_points:
          - {id: kyc-wait, summary: Nobody says how long the check takes, severity: high,
             spans: [get-decision]}
      - {id: get-decision, action: Gets the decision, touchpoints: [app], emotion: -1}
"""
"""Lines: the stage pain point 'long-form' is on line 14, the branch 'id-rejected' on
line 19, its step 'retake-photo' on line 23 and that step's pain point 'blurry' on line
28; the stage 'verify' is on line 29 and the spanning pain point 'kyc-wait' on line 37."""

_RETAKE = "            emotion: -2\n"


def on_branch_step(*lines: str) -> str:
    """BRANCHED with ``lines`` added to the branch step 'retake-photo' (after line 26)."""
    return BRANCHED.replace(_RETAKE, _RETAKE + "".join(f"            {line}\n" for line in lines))
