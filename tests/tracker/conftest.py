"""A workspace with one map of three opportunities, and a fake GitHub to export to."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cjm.cli import app
from tests.cli.conftest import make_workspace
from tests.samples import PLAIN_ENV
from tests.tracker.fake_github import FakeGitHub, Serving

MAP = """\
id: trial
title: Trial to paid
type: current-state
owner: growth
reviewed: 2026-10-01
personas: [olivia]
teams: [{id: support, name: Support & Care}]
stages:
  - id: signup
    name: Sign-up
    kpis:
      - id: conversion
        name: Trial conversion
        target: 18
        actual: 12.5
        unit: "%"
        better: higher
    steps:
      - id: start-trial
        action: Starts a trial
        emotion: -1
        pain_points:
          - id: card-wall
            summary: A card is required before the trial
            severity: high
            owner: growth
  - id: use
    name: Use
    steps:
      - id: ask-help
        action: Asks for help
        emotion: 0
opportunities:
  - id: no-card
    summary: No card for trials
    description: Drop the card requirement; @everyone agrees.
    addresses: [card-wall]
    owner: growth
    impact: high
    effort: low
    status: planned
    kpis: [conversion]
    due: 2027-03-31
    release: "2027.1"
    links:
      - {url: https://tracker.example.com/browse/PAY-123, key: PAY-123}
  - id: chat-help
    summary: "=Help in a chat window"
    stage: use
    owner: support
    status: idea
  - id: old-banner
    summary: A banner about the trial
    stage: signup
    owner: growth
    impact: low
    effort: low
    status: done
"""

TOKEN_ENV = {"GITHUB_TOKEN": "secret-token-123", "GH_TOKEN": None}


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_workspace(tmp_path, maps={"trial.yaml": MAP})
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    serving = Serving(fake)
    try:
        yield fake
    finally:
        serving.close()


def run(args: Sequence[str], env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(app, ["export", "issues", *args], env={**PLAIN_ENV, **(env or {})})


def to_github(fake: FakeGitHub, *args: str, env: dict[str, str | None] | None = None) -> Result:
    """``cjm export issues --to github`` against ``fake``, with its token unless ``env``
    says otherwise."""
    return run(
        ["--to", "github", "--repo", fake.repo, "--api-url", fake.url, *args],
        env={**TOKEN_ENV, **(env or {})},
    )
