"""Shared building blocks of the map vocabulary: the base model, ids and small enums."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 64

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
]
"""A stable identifier: lowercase letters, digits and single hyphens (``trial-signup``)."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Human-readable text that may not be empty."""


class CjmModel(BaseModel):
    """Base of every model: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid")


def id_field(kind: str) -> Any:
    return Field(
        description=(
            f"Stable id of this {kind}: lowercase letters, digits and hyphens. References, "
            "diffs and suppressions use it, so it survives changes to the visible text."
        ),
    )


def reference(kind: str, description: str) -> Any:
    """A field holding the id of one other entity; the id must exist."""
    return Field(default=None, description=f"{description} The id of a {kind}.")


def references(plural: str, description: str) -> Any:
    """A field holding ids of other entities; every id must exist."""
    return Field(default_factory=list, description=f"{description} Ids of {plural}.")


def texts(description: str) -> Any:
    return Field(default_factory=list, description=description)


class Level(StrEnum):
    """A three-step scale used for impact and effort."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
