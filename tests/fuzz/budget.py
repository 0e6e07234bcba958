"""How many examples each fuzz test runs.

CI runs a fixed set of examples (derandomized: the same ones on every run), sized so that
the whole folder takes a few minutes on two cores. ``CJM_FUZZ_SCALE=20`` runs twenty
times as many, new ones on every run, to hunt for bugs on a workstation.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SCALE = os.environ.get("CJM_FUZZ_SCALE")


def examples(count: int) -> settings:
    """Settings for a property that runs ``count`` examples in CI."""
    return settings(
        max_examples=count * int(SCALE or 1),
        derandomize=SCALE is None,
        database=None,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
