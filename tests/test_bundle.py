"""The standalone Lede for Linux (packaging/build-linux), run as a school computer runs it: no Python on the
PATH, an empty home folder, no display, nothing in the environment but HOME, PATH and QT_QPA_PLATFORM.

It builds dist/lede and the .deb, or reuses them when nothing they are made from has changed (the script
decides: about a minute to build, a second to say it need not). Then the bundle starts, opens its window and
quits, imports an article of each format, prints each kind of PDF, and passes its own --self-check: a pack
opened by six students who hand in, the hand-ins taken in, feedback sheets written by worker processes. As
root with dpkg, the .deb is installed, run from /opt/lede and removed again, leaving the person's data.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

import desktop_app

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is built on Linux only "
                       "(Windows and macOS: .github/workflows/bundles.yml)"),
]


@pytest.fixture(scope="module")
def bundle() -> Path:
    built = subprocess.run([str(ROOT / "packaging" / "build-linux")], cwd=ROOT, capture_output=True, text=True,
                           timeout=900)
    assert built.returncode == 0, f"{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    print(built.stdout.strip().splitlines()[-1])  # "up to date" or "built in N s", for whoever reads -s
    return DIST / "lede"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def lab_env(home: Path) -> dict[str, str]:
    """What `env -i` leaves, plus the three a lab's session gives: no Python on this PATH is the bundle's."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}


def run(program: Path | str, *args: str, home: Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    done = subprocess.run([str(program), *args], env=lab_env(home), cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"lede {' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}"
    return done


def library_file(home: Path) -> Path:
    return home / ".local" / "share" / "lede" / "lede.sqlite3"


def test_the_bundle_starts_on_its_own_python_and_opens_its_window(bundle, home, tmp_path):
    assert run(bundle / "lede", "--version", home=home, cwd=tmp_path).stdout.strip() == \
        f"Lede {desktop_app.__version__}"
    probe = run(bundle / "lede", "--startup-probe", home=home, cwd=tmp_path).stdout
    assert "startup_ms" in probe and "storage_ready_ms" in probe
    # The library went where the person's data lives, with the sample article added on first use.
    with sqlite3.connect(library_file(home)) as db:
        assert db.execute("SELECT count(*) FROM article").fetchone()[0] == 1
    # Whatever python3 the PATH offers, it is not what runs Lede (the self-check test checks every module).
    assert not str(shutil.which("python3", path="/usr/bin:/bin") or "").startswith(str(bundle))


def test_the_bundle_opens_its_window_on_a_real_x_display(bundle, home, tmp_path):
    """Offscreen needs none of the X11 libraries; a lab's desktop does: Qt's xcb plugin and what it loads."""
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        pytest.skip("xvfb-run is not installed (scripts/setup-env test installs it)")
    env = {**lab_env(home), "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run([xvfb_run, "-a", str(bundle / "lede"), "--startup-probe"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "startup_ms" in done.stdout, done.stderr[-3000:]


def test_the_bundle_imports_every_format_and_prints_every_kind_of_pdf(bundle, home, tmp_path):
    from pypdf import PdfReader

    from tests.article_files import PHRASES, write_articles

    ids = {}
    for suffix, path in write_articles(tmp_path / "articles").items():
        ids[suffix] = int(run(bundle / "lede", "import", str(path), home=home, cwd=tmp_path).stdout)
    with sqlite3.connect(library_file(home)) as db:
        texts = dict(db.execute("SELECT id, text FROM article").fetchall())
    for suffix, phrase in PHRASES.items():
        assert phrase in texts[ids[suffix]], suffix

    sample = 1  # the sample article, with its answer key, added on first use
    for kind, article in (("blank", ids[".html"]), ("annotated", sample), ("key", sample)):
        out = tmp_path / f"{kind}.pdf"
        run(bundle / "lede", "export-pdf", str(article), "--kind", kind, "-o", str(out), home=home, cwd=tmp_path)
        text = " ".join(page.extract_text() for page in PdfReader(out).pages)
        assert "Page 1 of" in text, kind
        if kind == "key":
            assert "TEACHER COPY" in text
        if kind == "blank":
            assert "council voted" in text


def test_the_bundle_passes_its_self_check_with_worker_processes(bundle, home, tmp_path):
    from desktop_app.exchange.pack import read_pack
    from desktop_app.exchange.submission import read_submission

    work = tmp_path / "check"
    out = run(bundle / "lede", "--self-check", str(work), home=home, cwd=tmp_path, timeout=300).stdout
    assert out.strip().endswith("self-check: all passed"), out
    program = next(line for line in out.splitlines() if line.startswith("ok      program:"))
    # Every module, and the whole search path, came from inside the bundle: never the system's Python.
    assert f", {bundle / 'lede'}, " in program and f"only in {bundle / '_internal'})" in program
    assert "6 feedback sheets written by 2 worker processes" in out
    assert "parts for web pages (.html): trafilatura, justext, lxml_html_clean" in out
    # What the bundle wrote, this checkout's Lede reads: the pack, and each student's hand-in.
    pack = read_pack(work / "self-check.ledepack", "self-check.ledepack")
    hand_ins = [read_submission(p, p.name) for p in sorted((work / "hand-ins").glob("*.ledesub"))]
    assert sorted(h.student_name for h in hand_ins) == ["Ana", "Bo", "Chen", "Dara", "Eli", "Femi"]
    assert {h.assignment_uid for h in hand_ins} == {pack.assignment.uid}
    sheets = sorted((work / "feedback").glob("*.pdf"))
    assert len(sheets) == 6 and all(s.read_bytes().startswith(b"%PDF-") for s in sheets)


@contextmanager
def one_deb_test_at_a_time():
    """Several checkouts on one computer may run this suite at once, and there is one dpkg: each installs and
    removes its .deb in turn, or one would remove the package another is testing."""
    with open(Path(tempfile.gettempdir()) / "lede-deb-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def dpkg(*args: str) -> None:
    """Runs dpkg, waiting while something else (an apt-get elsewhere) holds its lock."""
    for _attempt in range(60):
        done = subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=300)
        if done.returncode == 0:
            return
        if "lock" not in done.stderr:
            break
        time.sleep(2)
    raise AssertionError(f"dpkg {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def _installed(package: str) -> bool:
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return status.returncode == 0 and "installed" in status.stdout and "not-installed" not in status.stdout


@pytest.mark.skipif(not (hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("dpkg")),
                    reason="installing the .deb needs root and dpkg (CI runs as root on Debian)")
def test_the_deb_installs_to_opt_runs_and_uninstalls_leaving_peoples_work(bundle, home, tmp_path):
    (deb,) = DIST.glob(f"lede_{desktop_app.__version__}_*.deb")
    with one_deb_test_at_a_time():
        if _installed("lede"):
            pytest.skip("a lede package is installed on this computer, not by this test: it is left alone")
        dpkg("-i", str(deb))
        try:
            _check_installed(home, tmp_path)
        finally:
            dpkg("--purge", "lede")  # purge, not only remove: still nothing of a person's goes
        assert not Path("/opt/lede").exists() and not Path("/usr/bin/lede").exists()
    assert library_file(home).is_file()  # the person's library stays
    with sqlite3.connect(library_file(home)) as db:
        assert db.execute("SELECT count(*) FROM article").fetchone()[0] == 2


def _check_installed(home: Path, tmp_path: Path) -> None:
    """The installed program runs from /opt/lede and /usr/bin, with its menu entry, icon and file types."""
    assert run("/opt/lede/lede", "--version", home=home, cwd=tmp_path).stdout.strip() == \
        f"Lede {desktop_app.__version__}"
    assert Path("/usr/bin/lede").resolve() == Path("/opt/lede/lede")
    article = run("lede", "import", str(ROOT / "resources" / "sample" / "article.txt"), home=home, cwd=tmp_path)
    assert article.stdout.strip().isdigit()
    run("lede", "--startup-probe", home=home, cwd=tmp_path)
    for path in ("/usr/share/applications/org.lede.Lede.desktop",
                 "/usr/share/icons/hicolor/scalable/apps/org.lede.Lede.svg",
                 "/usr/share/mime/packages/org.lede.Lede.xml", "/usr/share/doc/lede/copyright"):
        assert Path(path).is_file(), path
    if shutil.which("update-mime-database"):  # the shared MIME database now knows the two file types
        globs = Path("/usr/share/mime/globs2").read_text(encoding="utf-8")
        assert "application/vnd.lede.pack+zip:*.ledepack" in globs
        assert "application/vnd.lede.submission+zip:*.ledesub" in globs
    if shutil.which("update-desktop-database"):  # and which program opens them
        cache = Path("/usr/share/applications/mimeinfo.cache").read_text(encoding="utf-8")
        assert "application/vnd.lede.pack+zip=org.lede.Lede.desktop;" in cache
    # Every library the program and its display plugins load is found: what the bundle lacks, Depends brings.
    for binary in ("lede", "_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
                   "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so"):
        ldd = subprocess.run(["ldd", f"/opt/lede/{binary}"], capture_output=True, text=True, check=True,
                             env={"LD_LIBRARY_PATH": "/opt/lede/_internal"}).stdout
        assert "not found" not in ldd, f"{binary}:\n{ldd}"
    depends = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", "lede"], capture_output=True, text=True,
                             check=True).stdout
    for needed in ("libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libglib2.0-0",
                   "libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0"):
        assert needed in depends.split(", "), needed
