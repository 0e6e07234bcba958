"""Every rule's default options, and the empty vocabulary, made without validating: equal
to the validated ones, and made without building any model class."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict, Field

from cjm.lint.config import Policy
from cjm.lint.registry import CATALOGUE, RuleEntry, load_rule
from cjm.lint.rule import NoOptions
from cjm.model import Vocabulary
from cjm.model.base import unvalidated_default


def _assert_same(made: BaseModel, validated: BaseModel) -> None:
    assert type(made) is type(validated)
    assert made == validated
    assert made.model_fields_set == validated.model_fields_set
    assert made.__pydantic_private__ == validated.__pydantic_private__
    assert made.model_dump(mode="json") == validated.model_dump(mode="json")


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda entry: entry.code)
def test_a_rules_default_options_are_its_validated_options(entry: RuleEntry) -> None:
    rule = load_rule(entry)
    _assert_same(unvalidated_default(rule.options), rule.options())


@pytest.mark.parametrize("entry", CATALOGUE, ids=lambda entry: entry.code)
def test_a_rule_without_settings_runs_with_its_defaults(entry: RuleEntry) -> None:
    rule = load_rule(entry)
    _assert_same(Policy().options_for(rule), rule.options())


def test_the_empty_vocabulary_is_the_validated_one() -> None:
    _assert_same(unvalidated_default(Vocabulary), Vocabulary())


def test_defaults_made_twice_share_no_list() -> None:
    first, second = unvalidated_default(Vocabulary), unvalidated_default(Vocabulary)
    assert first.channels is not second.channels


def test_a_field_without_a_default_is_refused() -> None:
    class Required(BaseModel):
        name: str

    with pytest.raises(TypeError, match=r"Required\.name has no default"):
        unvalidated_default(Required)


def test_making_defaults_builds_no_validator() -> None:
    class Deferred(BaseModel):
        model_config = ConfigDict(defer_build=True)

        words: list[str] = Field(default_factory=list)
        limit: int = 3

    made = unvalidated_default(Deferred)
    assert not Deferred.__pydantic_complete__
    assert (made.words, made.limit) == ([], 3)


def test_no_options_is_built_when_first_validated() -> None:
    assert NoOptions.model_config.get("defer_build") is True
    assert NoOptions() == unvalidated_default(NoOptions)
