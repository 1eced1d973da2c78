"""scripts/setup-env (run by scripts/start and scripts/test) installs only when what it installs from changed, so
a second start touches neither apt nor pip, nor the network: a lab without internet can start Lede again."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Stands in for the venv's python: records each pip call instead of installing.
FAKE_PYTHON = """#!/bin/sh
echo "$*" >> "$(dirname "$0")/../../pip-calls.log"
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup-env", tmp_path / "scripts" / "setup-env")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, text in (("python", FAKE_PYTHON), ("lede", "#!/bin/sh\n")):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return tmp_path


def setup_env(checkout: Path, *extras: str) -> list[str]:
    """Runs the script; returns the pip calls it made this time."""
    log = checkout / "pip-calls.log"
    before = log.read_text().splitlines() if log.exists() else []
    env = {k: v for k, v in os.environ.items() if k != "LEDE_REINSTALL"}
    subprocess.run(["bash", "scripts/setup-env", *extras], cwd=checkout, check=True, env=env, timeout=600,
                   capture_output=True)
    return (log.read_text().splitlines() if log.exists() else [])[len(before):]


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("dpkg"), reason="setup-env checks the system libraries with dpkg (Debian)")
def test_installs_once_then_only_when_the_dependencies_change(checkout):
    first = setup_env(checkout, "test")
    assert any("install" in call and ".[test]" in call for call in first)
    assert setup_env(checkout) == []  # a plain start after the test setup: nothing to do
    assert setup_env(checkout, "test") == []

    pyproject = checkout / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"platformdirs>=4",', '"platformdirs>=4.1",'))
    assert any(".[postgres]" in call for call in setup_env(checkout, "postgres"))
    assert setup_env(checkout, "postgres") == []
    # Another extra from the same files is installed once more, and then remembered with the first.
    assert any(".[test]" in call for call in setup_env(checkout, "test"))
    assert setup_env(checkout, "postgres") == setup_env(checkout, "test") == []
