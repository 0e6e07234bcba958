"""A warm journey SVG builds no Pydantic model class: every document comes from the
validation cache, the rules' options and the empty vocabulary are made without
validating (``cjm.model.base.unvalidated_default``), and a binding's hash writes its
models in a JSON form of cjm's own (``cjm.measure.fingerprint.json_form``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.tools import run_cjm_built

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "b2b-saas-trial"
MAP = "maps/trial-to-paid.yaml"


def test_a_warm_journey_svg_builds_no_model_class(tmp_path: Path) -> None:
    workspace = tmp_path / "example"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns(".cjm-cache"))
    render = ["render", MAP, "--format", "svg", "--view", "journey", "--out", str(tmp_path)]
    code, cold = run_cjm_built(render, workspace)
    assert code == 0
    assert "cjm.model.journey.JourneyMap" in cold  # the probe sees classes built
    assert (workspace / ".cjm-cache").is_dir()
    code, warm = run_cjm_built(render, workspace)
    assert code == 0
    assert warm == []
    assert (tmp_path / "trial-to-paid-journey.svg").is_file()
