"""The SQL funnel agrees with the plain-Python reference on generated events, in every
file format, order, unit and way of handling anonymous visitors."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.measure.funnel_support import WRITERS, binding, measure, plan_for, source
from tests.measure.reference import reference_funnel

BASE = datetime.datetime(2026, 3, 27, 20, 0, tzinfo=datetime.UTC)
ZONES = [datetime.UTC, datetime.timezone(datetime.timedelta(hours=2)), None]
ODD_KEY = "we'i\"rd.key"


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    offset = draw(st.sampled_from(range(0, 4 * 86400, 1800))) + draw(st.sampled_from([0, 0, 1]))
    moment = BASE + datetime.timedelta(seconds=offset)
    zone = draw(st.sampled_from(ZONES))
    stamp = moment.replace(tzinfo=None) if zone is None else moment.astimezone(zone)
    properties = draw(
        st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {},
                optional={
                    "plan": st.sampled_from(["pro", "free", 'it\'s "x"']),
                    ODD_KEY: st.sampled_from(["a", "b"]),
                    "account_id": st.sampled_from(["acme", "globex"]),
                },
            ),
        )
    )
    return {
        "user_id": draw(st.sampled_from([None, "u1", "u2", "u3", "007"])),
        "anonymous_id": draw(st.sampled_from([None, "a1", "a2", "a3"])),
        "session_id": draw(st.sampled_from([None, "s1", "s2"])),
        "event": draw(st.sampled_from(["e0", "e1", "e2", "e3", "side", "noise"])),
        "timestamp": stamp,
        "properties": properties,
        "plan": draw(st.sampled_from([None, "pro", "free"])),
    }


STEPS = {
    "s0": {"event": "e0"},
    "s1": {"event": ["e1", "side"], "where": [{"property": "plan", "not_in": ["free"]}]},
    "s2": {"event": "e2"},
    "s3": {"event": "e3", "where": [{"property": ODD_KEY, "exists": False}]},
    "opt": {"event": "side"},
}
PERSONAS = {
    "pro": {"where": [{"property": "plan", "equals": "pro"}]},
    "free": {"where": [{"column": "plan", "in": ["free"]}]},
    "odd": {"where": [{"property": "plan", "equals": 'it\'s "x"'}]},
}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    rows=st.lists(events(), min_size=1, max_size=40),
    order=st.sampled_from(["in-order", "strict", "any"]),
    unit=st.sampled_from(["user", "user", "session", "account"]),
    anonymous=st.sampled_from(["stitch", "separate", "drop"]),
    window=st.sampled_from(["1 h", "1 day", "2 days"]),
    timezone=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York"]),
    form=st.sampled_from(sorted(WRITERS)),
)
def test_sql_matches_reference(
    rows: list[dict[str, Any]],
    order: str,
    unit: str,
    anonymous: str,
    window: str,
    timezone: str,
    form: str,
) -> None:
    the_binding = binding(
        STEPS,
        unit=unit,
        order=order,
        anonymous=anonymous,
        window=window,
        timezone=timezone,
        personas=PERSONAS,
    )
    plan = plan_for(
        [["s0", "opt", "s1"], ["s2", "s3"]], the_binding, source(f"events/*.{form}"), opt="optional"
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        WRITERS[form](rows, root / "events" / f"part.{form}")
        got = measure(plan, root)
    assert got == reference_funnel(plan, rows)
