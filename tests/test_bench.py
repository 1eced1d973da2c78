"""The benchmark runs end to end and reports figures of the right shape. It never judges the speed:
targets belong to the issue tracker, and a loaded CI machine must not fail a build."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_quick_bench_prints_one_json_object_of_figures(tmp_path):
    from desktop_app.bench import FIGURES

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "desktop_app.bench", "--json", "--quick"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)

    assert done.returncode == 0, done.stderr[-3000:]
    figures = json.loads(done.stdout)  # all of stdout is one JSON value
    assert isinstance(figures, dict)
    assert set(figures) == set(FIGURES)
    for name, figure in figures.items():
        assert set(figure) == {"value", "unit", "floor"}, name
        value, floor = figure["value"], figure["floor"]
        assert isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value), name
        assert figure["unit"] in {"ms", "MB"}, name
        assert floor is None or (isinstance(floor, (int, float)) and not isinstance(floor, bool)
                                 and math.isfinite(floor)), name
