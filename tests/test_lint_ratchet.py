"""The lint and type-check ratchets in pyproject.toml only shrink.

Files that ruff or mypy does not pass yet are listed in pyproject.toml (ruff's per-file-ignores, mypy's
override with ignore_errors). These tests keep the lists honest: every entry must still be needed (an entry
that silences nothing is taken off, so the file cannot slip back), each list is sorted (two branches that
take entries off merge cleanly), names are exact files (a pattern would exempt files written later), and the
counts below move only down. New code is written clean, so it never needs to join a list.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUFF = CONFIG["tool"]["ruff"]
MYPY = CONFIG["tool"]["mypy"]

# How many (file, rule) pairs ruff still lets off, and how many modules mypy skips. Lower them when you take
# entries off. Raising one means new code joined a list instead of being fixed: that needs a reason in review.
RUFF_EXEMPTIONS = 0
MYPY_EXEMPT_MODULES = 26


def ruff_ratchet() -> dict[str, list[str]]:
    return RUFF["lint"].get("per-file-ignores", {})


def mypy_ratchet() -> list[str]:
    silenced = [o for o in MYPY.get("overrides", []) if o.get("ignore_errors")]
    assert len(silenced) == 1, "mypy errors are let off in one place only: the ratchet override"
    return silenced[0]["module"]


def test_ruff_ratchet_is_sorted_exact_and_holds_its_count():
    ratchet = ruff_ratchet()
    assert list(ratchet) == sorted(ratchet), "keep the ruff ratchet's files in sorted order"
    for path, rules in ratchet.items():
        assert rules == sorted(set(rules)), f"{path}: list its rules once each, sorted"
        assert (ROOT / path).is_file(), f"{path} is on the ruff ratchet but is not a file (no patterns)"
    for key in ("exclude", "extend-exclude"):
        assert key not in RUFF and key not in RUFF["lint"], f"ruff's {key} would hide files from the ratchet"
    assert "extend-per-file-ignores" not in RUFF["lint"]
    size = sum(len(rules) for rules in ratchet.values())
    assert size == RUFF_EXEMPTIONS, (
        f"the ruff ratchet lets off {size} (file, rule) pairs; set RUFF_EXEMPTIONS to {size} if it shrank. "
        "If it grew, fix the new findings instead.")


def test_mypy_ratchet_is_sorted_exact_and_holds_its_count():
    modules = mypy_ratchet()
    assert modules == sorted(set(modules)), "keep the mypy ratchet's modules sorted, each once"
    for module in modules:
        assert "*" not in module, f"{module}: name modules exactly; a pattern would let off modules written later"
        path = ROOT / Path(*module.split("."))
        assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file(), \
            f"{module} is on the mypy ratchet but there is no such module"
    for override in MYPY.get("overrides", []):
        assert "disable_error_code" not in override, "silence a mypy error where it is, with its code"
    assert "disable_error_code" not in MYPY
    assert len(modules) == MYPY_EXEMPT_MODULES, (
        f"the mypy ratchet has {len(modules)} modules; set MYPY_EXEMPT_MODULES to {len(modules)} if it shrank. "
        "If it grew, fix the new module's errors instead.")


@pytest.mark.slow
def test_every_ruff_exemption_is_still_needed():
    ratchet = ruff_ratchet()
    # The same configuration with the ratchet emptied: what ruff would say about those files.
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "json", "--exit-zero",
                          "--config", "lint.per-file-ignores = {}", *ratchet],
                         cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    found: dict[str, set[str]] = defaultdict(set)
    for finding in json.loads(out.stdout):
        found[Path(finding["filename"]).resolve().relative_to(ROOT).as_posix()].add(finding["code"])
    stale = {path: sorted(set(rules) - found[path]) for path, rules in ratchet.items() if set(rules) - found[path]}
    assert not stale, f"these files pass these rules now; take them off the ruff ratchet in pyproject.toml: {stale}"


@pytest.mark.slow
def test_every_mypy_exemption_is_still_needed(tmp_path):
    modules = mypy_ratchet()
    # The same configuration without the ratchet override, as an ini file mypy reads instead of pyproject.toml.
    lines = ["[mypy]"] + [f"{key} = {_ini(value)}" for key, value in MYPY.items() if key != "overrides"]
    for override in MYPY.get("overrides", []):
        if not override.get("ignore_errors"):
            names = override["module"] if isinstance(override["module"], list) else [override["module"]]
            lines += [f"[mypy-{','.join(names)}]"] + [f"{k} = {_ini(v)}" for k, v in override.items() if k != "module"]
    config = tmp_path / "mypy.ini"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A cache of its own: sharing scripts/test's would make each run undo the other's.
    out = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(config),
                          "--cache-dir", str(ROOT / ".mypy_cache" / "ratchet-test")],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode in (0, 1), out.stdout + out.stderr  # 2 is mypy failing to run at all
    failing = {_module_of(m.group(1)) for m in re.finditer(r"^([^:\n]+\.py):\d+: error:", out.stdout, re.M)}
    clean = [m for m in modules if m not in failing]
    assert not clean, f"these modules pass mypy now; take them off the mypy ratchet in pyproject.toml: {clean}"


def _ini(value) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _module_of(path: str) -> str:
    parts = Path(path).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
