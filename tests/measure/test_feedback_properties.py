"""Properties of feedback counting that hold whatever the answers."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.measure.feedback import SCALES, FeedbackRow, measure_feedback, read_rating
from cjm.model.binding import RatingScale
from tests.measure.feedback_samples import binding, journey

STEPS = ["start", "verify", "sso-login", "checkout", "web-form", "help", "billing", "gone", None]
PERSONAS = ["olivia", "sam", "smb", "other", None]
RATINGS = [None, "", "x", 0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 4.5, "3.0", -1]
COMMENTS = [None, "", "Great, thanks!", "It crashed and I lost my work.", "How do I export?"]

rows = st.lists(
    st.builds(
        FeedbackRow,
        step=st.sampled_from(STEPS),
        persona=st.sampled_from(PERSONAS),
        rating=st.sampled_from(RATINGS),
        comment=st.sampled_from(COMMENTS),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(
    rows,
    st.sampled_from([None, *RatingScale]),
    st.booleans(),
    st.integers(min_value=1, max_value=6),
)
def test_every_answer_is_counted_once(
    answers: list[FeedbackRow], scale: RatingScale | None, text: bool, minimum: int
) -> None:
    chosen = binding(
        scale=scale,
        text_sentiment=text,
        min_responses=minimum,
        segments={"smb": "olivia"},
        quotes=True,
    )
    result = measure_feedback(journey(), chosen, answers, None)
    everyone = [g for g in result.groups if g.persona is None]
    assert sum(g.responses for g in everyone) + result.unplaced + result.unreadable == len(answers)
    by_step = {g.step: g for g in everyone}
    for group in result.groups:
        assert group.responses >= 1
        if group.suppressed:
            assert group.responses < minimum
            assert (group.positive, group.negative, group.neutral, group.from_text) == (0,) * 4
            assert group.quotes == []
        else:
            assert group.responses >= minimum
            assert group.positive + group.negative + group.neutral == group.responses
            assert group.from_text <= group.responses
            assert len(group.quotes) <= chosen.max_quotes
        if group.persona is not None:
            assert group.responses <= by_step[group.step].responses
    if scale is None and not text:
        assert result.groups == []
    if not text:
        assert all(g.from_text == 0 for g in result.groups)
    # The order of the rows changes nothing.
    shuffled = list(answers)
    random.Random(len(answers)).shuffle(shuffled)
    assert measure_feedback(journey(), chosen, shuffled, None) == result


@given(st.sampled_from(list(RatingScale)), st.integers(min_value=-3, max_value=13))
def test_each_rating_on_a_scale_is_exactly_one_class(scale: RatingScale, rating: int) -> None:
    cuts = SCALES[scale]
    verdict = cuts.read(rating)
    assert (verdict is None) == (not cuts.low <= rating <= cuts.high)
    assert read_rating(str(rating)) == rating
