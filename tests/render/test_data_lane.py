"""The journey view's Data lane: drawn for a measured map only, with its legend."""

from __future__ import annotations

from cjm.render.journey_view import journey_view
from tests.report.funnel_fixture import binding, funnel_context, measured


def test_a_measured_map_has_a_data_lane() -> None:
    source = journey_view(funnel_context()).source
    assert "<B>Data</B>" in source or ">Data<" in source
    assert "1,204 reached" in source and "38% drop off" in source
    assert "58.5% drop off" in source
    assert "402 reached" in source and "optional: no drop-off" in source
    assert "58 reached" in source and "branch: no drop-off" in source
    assert "112 reached" in source  # the last step: no drop-off after it
    assert "drop off: the share of them who did not reach the next funnel step" in source
    assert "out of step" not in source


def test_no_lane_without_a_snapshot() -> None:
    for context in (funnel_context(measured(with_snapshot=False)), funnel_context()):
        if context.measured is not None and context.measured.snapshot is not None:
            context.measured = None
        source = journey_view(context).source
        assert "reached" not in source and "drop off" not in source


def test_an_out_of_step_snapshot_is_marked() -> None:
    changed = binding().model_copy(deep=True)
    changed.funnel.window = "7 days"
    source = journey_view(funnel_context(measured(changed))).source
    assert "Data \u26a0" in source
    assert "out of step" in source and "1,204 reached" in source
