"""A small map and helpers shared by the feedback tests."""

from __future__ import annotations

from typing import Any

from cjm.measure.feedback import FeedbackRow
from cjm.model import JourneyMap
from cjm.model.binding import FeedbackBinding

MAP: dict[str, Any] = {
    "id": "trial",
    "title": "Trial to paid",
    "type": "current-state",
    "owner": "growth",
    "reviewed": "2026-10-01",
    "personas": ["olivia", "sam"],
    "stages": [
        {
            "id": "signup",
            "name": "Sign-up",
            "steps": [
                {"id": "start", "action": "Starts a trial", "touchpoints": ["web-form"]},
                {"id": "verify", "action": "Verifies e-mail", "touchpoints": ["mail", "help"]},
            ],
            "branches": [
                {
                    "id": "sso",
                    "after": "start",
                    "steps": [{"id": "sso-login", "action": "Signs in with SSO"}],
                }
            ],
        },
        {
            "id": "pay",
            "name": "Paying",
            "steps": [
                {"id": "checkout", "action": "Pays", "touchpoints": ["help", "billing"]},
            ],
        },
    ],
}


def journey() -> JourneyMap:
    return JourneyMap.model_validate(MAP)


def binding(**settings: Any) -> FeedbackBinding:
    values: dict[str, Any] = {"source": "answers", "scale": "csat", "min_responses": 1}
    values.update(settings)
    return FeedbackBinding.model_validate(values)


def rated(step: str, *ratings: object, persona: str | None = None) -> list[FeedbackRow]:
    return [FeedbackRow(step=step, persona=persona, rating=rating) for rating in ratings]
