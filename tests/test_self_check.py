"""`lede --self-check`: what school IT runs after deploying Lede, and what the bundle's smoke test relies on."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop_app import self_check


@pytest.mark.slow
def test_the_self_check_passes_on_a_working_installation_and_keeps_what_it_made(tmp_path):
    folder = tmp_path / "check"
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--self-check", str(folder)], capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1].endswith("self-check: all passed")
    assert all(line.startswith("ok      ") for line in lines[:-1]), done.stdout
    assert f"{sys.executable}" in lines[0] and "on the Python of" in lines[0]
    assert len(list((folder / "hand-ins").glob("*.ledesub"))) == 6
    assert len(list((folder / "feedback").glob("*.pdf"))) == 6
    assert {p.name for p in folder.glob("*.pdf")} == {"blank.pdf", "annotated.pdf", "key.pdf"}


def test_a_missing_part_fails_the_check_and_says_to_reinstall():
    with pytest.raises(ImportError, match=r"missing no_such_part_of_lede \(.*\): reinstall Lede"):
        self_check._load(["json", "no_such_part_of_lede"])
    assert self_check._load(["no_such_part_of_lede"], optional=True).startswith("not installed: no_such_part")


def test_each_failed_step_is_reported_and_the_exit_status_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(self_check.PARTS, "a format Lede lost", ["no_such_part_of_lede"])
    monkeypatch.setattr(self_check, "_classroom", lambda work: "skipped here")
    assert self_check.run(str(tmp_path)) == 1
    out = capsys.readouterr().out
    assert "FAILED  parts for a format Lede lost: ImportError: missing no_such_part_of_lede" in out
    assert "ok      classroom round trip: skipped here" in out  # the other steps still ran
    assert out.rstrip().endswith("self-check: 1 FAILED")
