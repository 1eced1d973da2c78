"""The classroom round trip from the command line, as a teacher with five sections or an LMS administrator's script
runs it: `lede assignment create|list|pack`, `lede take-in`, `lede gradebook`, `lede feedback`, `lede summary`,
through the real entry point (desktop_app.cli.main), on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.marks import new_mark
from desktop_app.exchange.pack import read_pack
from desktop_app.exchange.submission import write_submission

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample"
KEY_SOURCES = ["a council report published in September", "Councillor Margaret Osei", "José Alvarez",
               "Zoë Marchetti"]


def lede(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    """Runs `lede ARGS`; its exit status, stdout lines and stderr lines."""
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out.splitlines(), out.err.splitlines()


def hand_in(pack_path: Path, folder: Path, name: str, quotes: list[str], hours_ago: float = 1) -> Path:
    """A hand-in as a student's Lede writes it from the pack: a Source mark on each quote."""
    pack = read_pack(pack_path)
    text = pack.text
    marks = [new_mark(1, text, text.index(q), text.index(q) + len(q), "source", note=f"{name} on {q}")
             for q in quotes]
    folder.mkdir(parents=True, exist_ok=True)
    path, _ = write_submission(folder, pack.assignment, pack.sha256, name, marks,
                               datetime.now(UTC) - timedelta(hours=hours_ago))
    return path


def tamper(source: Path, target: Path) -> Path:
    """What a student with an unzip tool might do: change a note and zip the file back up."""
    with zipfile.ZipFile(source) as z:
        members = {n: z.read(n) for n in z.namelist()}
    data = json.loads(members["submission.json"])
    data["marks"][0]["note"] = "I found this all by myself"
    members["submission.json"] = json.dumps(data, ensure_ascii=False).encode("utf-8")
    with zipfile.ZipFile(target, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return target


def assignment_with_pack(capsys, db: str, tmp_path: Path, title: str = "Who speaks?") -> tuple[str, Path]:
    """The sample article imported, an assignment made on it with the sample's key, and its pack written."""
    status, out, _ = lede(capsys, "import", str(SAMPLE / "article.txt"), "--db", db)
    assert status == 0
    status, out, _ = lede(capsys, "assignment", "create", out[0], "--title", title, "--key",
                          str(SAMPLE / "key.json"), "--db", db)
    assert status == 0, out
    assignment_id = out[0]
    status, out, _ = lede(capsys, "assignment", "pack", assignment_id, "-o", str(tmp_path), "--db", db)
    assert status == 0
    return assignment_id, Path(out[0])


def test_the_classroom_round_trip_from_the_command_line(database_url, tmp_path, capsys):
    db = database_url
    status, out, err = lede(capsys, "import", str(SAMPLE / "article.txt"), "--db", db)
    assert status == 0 and err == []
    article_id = out[0]

    # --- the assignment, with the sample's answer key stored as the article's key first ---------------------
    status, out, err = lede(capsys, "assignment", "create", article_id, "--title", "Who speaks, period 2",
                            "--instructions", "Mark every source.", "--due", "2026-12-01T09:00", "--points", "20",
                            "--categories", "source,loaded_language", "--minimum", "source=3",
                            "--key", str(SAMPLE / "key.json"), "--db", db)
    assert status == 0 and err == [], err
    assert len(out) == 1 and out[0].isdigit()
    assignment_id = out[0]
    status, out, _ = lede(capsys, "assignment", "list", "--db", db)
    assert status == 0
    assert [line.split("\t") for line in out] == [[assignment_id, "Who speaks, period 2", "article",
                                                   "2026-12-01 09:00", "0", "0"]]

    status, out, _ = lede(capsys, "assignment", "pack", assignment_id, "-o", str(tmp_path), "--db", db)
    pack_path = Path(out[0])
    assert status == 0 and pack_path == tmp_path / "who-speaks-period-2.ledepack"
    pack = read_pack(pack_path)
    assert pack.assignment.minimums == {"source": 3} and pack.assignment.total_points == 20
    assert [c.key for c in pack.assignment.categories] == ["source", "loaded_language"]

    # --- three students hand in; a tampered copy and a file that is no hand-in at all come with them --------
    inbox = tmp_path / "inbox"
    ana = hand_in(pack_path, inbox, "Ana García", KEY_SOURCES)
    hand_in(pack_path, inbox, "Ben Okafor", KEY_SOURCES[:2])
    hand_in(pack_path, inbox, "Chloé Martin", KEY_SOURCES[:1])
    tamper(ana, inbox / "ana-edited.ledesub")
    (inbox / "notes.ledesub").write_text("my notes, not a hand-in", encoding="utf-8")

    status, out, err = lede(capsys, "take-in", assignment_id, str(inbox), "--db", db)
    assert status == 1, "a refused file makes the exit status 1"
    lines = {Path(line.split("\t")[1]).name: line.split("\t") for line in out}
    assert len(out) == 5 and err == []
    assert lines[ana.name] == ["taken in", str(ana), "Ana García"]
    assert lines["ben-okafor-who-speaks-period-2.ledesub"][::2] == ["taken in", "Ben Okafor"]
    assert lines["chloe-martin-who-speaks-period-2.ledesub"][::2] == ["taken in", "Chloé Martin"]
    assert lines["ana-edited.ledesub"][0] == "refused"
    assert "changed after it was handed in" in lines["ana-edited.ledesub"][2]
    assert lines["notes.ledesub"][0] == "refused" and "notes.ledesub" in lines["notes.ledesub"][2]

    # --- the same files again: nothing changes ----------------------------------------------------------------
    good = [str(inbox / name) for name in lines if lines[name][0] == "taken in"]
    status, out, _ = lede(capsys, "take-in", assignment_id, *good, "--db", db)
    assert status == 0 and [line.split("\t")[0] for line in out] == ["unchanged"] * 3

    # --- Ben hands in again, with Ana's finds: the newer file replaces the one taken in ---------------------
    ben = hand_in(pack_path, inbox, "Ben Okafor", KEY_SOURCES, hours_ago=0.5)
    status, out, _ = lede(capsys, "take-in", assignment_id, str(ben), "--db", db)
    assert status == 0 and out == [f"replaced\t{ben}\tBen Okafor"]
    status, out, _ = lede(capsys, "assignment", "list", "--db", db)
    assert out[0].split("\t")[4:] == ["3", "0"]

    # --- the gradebook ---------------------------------------------------------------------------------------
    status, out, _ = lede(capsys, "gradebook", assignment_id, "-o", str(tmp_path / "grades.csv"), "--db", db)
    assert status == 0 and out == [str(tmp_path / "grades.csv")]
    with open(tmp_path / "grades.csv", encoding="utf-8-sig", newline="") as f:
        rows = {row["Full name"]: row for row in csv.DictReader(f)}
    assert set(rows) == {"Ana García", "Ben Okafor", "Chloé Martin"}
    points = {name: float(row["Points"]) for name, row in rows.items()}
    assert points["Ana García"] == points["Ben Okafor"] > points["Chloé Martin"] > 0
    assert {row["Maximum points"] for row in rows.values()} == {"20"}
    assert rows["Ben Okafor"]["Source: required found"] == "4", "the replacing hand-in is the one scored"

    # --- one feedback sheet per student, into a folder made for them -----------------------------------------
    folder = tmp_path / "feedback" / "period-2"
    status, out, _ = lede(capsys, "feedback", assignment_id, "-o", str(folder), "--paper", "letter", "--db", db)
    assert status == 0 and len(out) == 3
    sheets = [Path(line) for line in out]
    assert all(p.parent == folder and p.is_file() for p in sheets)
    from pypdf import PdfReader

    ana_sheet = next(p for p in sheets if p.name.startswith("ana-garcia"))
    reader = PdfReader(ana_sheet)
    assert "Ana García" in "\n".join(page.extract_text() or "" for page in reader.pages)
    assert round(float(reader.pages[0].mediabox.width)) == 612

    # --- the class summary: Ana's and Ben's look alike; their names are printed only when asked -----------
    status, out, _ = lede(capsys, "summary", assignment_id, "-o", str(tmp_path), "--db", db)
    assert status == 0 and out == [str(tmp_path / "who-speaks-period-2-class-summary.pdf")]
    hidden = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out[0]).pages)
    assert "Margaret Osei" in hidden and "Student " in hidden and "Ben Okafor" not in hidden
    status, out, _ = lede(capsys, "summary", assignment_id, "--names", "-o", str(tmp_path / "named.pdf"),
                          "--db", db)
    assert status == 0 and out == [str(tmp_path / "named.pdf")]
    named = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out[0]).pages)
    assert "Ana García" in named and "Ben Okafor" in named



def test_mistakes_are_one_line_on_stderr_and_change_nothing(db_url, tmp_path, capsys):
    db = db_url
    for command in (["take-in", "7", str(tmp_path)], ["gradebook", "7"], ["feedback", "7"], ["summary", "7"],
                    ["assignment", "pack", "7"]):
        assert lede(capsys, *command, "--db", db) == (2, [], ["lede: There is no assignment 7. `lede assignment "
                                                              "list` shows the assignments and their numbers."])
    assert lede(capsys, "assignment", "create", "42", "--title", "T", "--db", db) == (
        2, [], ["lede: There is no article 42. `lede list` shows the articles and their numbers."])

    status, out, _ = lede(capsys, "import", str(SAMPLE / "article.txt"), "--db", db)
    article_id = out[0]
    status, out, err = lede(capsys, "assignment", "create", article_id, "--title", "T", "--categories",
                            "source,sources", "--db", db)
    assert status == 2 and out == [] and err == [
        "lede: There is no category “sources”. Choose from: source, loaded_language, attributed_claim, "
        "unattributed_claim, opposing_view."]
    for due, said in (("1 December", "is not a date and time Lede can read"), ("2026-12-01", "needs a time"),
                      ("2026-13-01T09:00", "is not a date and time")):
        status, _, err = lede(capsys, "assignment", "create", article_id, "--title", "T", "--due", due, "--db", db)
        assert status == 2 and len(err) == 1 and said in err[0] and err[0].startswith("lede: --due")
    status, _, err = lede(capsys, "assignment", "create", article_id, "--title", "T", "--minimum", "source:3",
                          "--db", db)
    assert status == 2 and err == ["lede: --minimum source:3: write it as CATEGORY=NUMBER, e.g. source=3."]

    # A key written for another article: refused before anything is stored, the key layer included.
    other_key = tmp_path / "other-key.json"
    other_key.write_text(json.dumps({"format": "lede-answer-key", "version": 1, "marks": [
        {"category": "source", "quote": "the head teacher"}]}), encoding="utf-8")
    status, out, err = lede(capsys, "assignment", "create", article_id, "--title", "T", "--key", str(other_key),
                            "--db", db)
    assert status == 2 and len(err) == 1 and "“the head teacher”, which is not in the article's text" in err[0]
    # An empty title is found before the key is stored, so the library is left as it was.
    status, _, err = lede(capsys, "assignment", "create", article_id, "--title", " ", "--key",
                          str(SAMPLE / "key.json"), "--db", db)
    assert status == 2 and err == ["lede: Give the assignment a title: students see it on their screen and their "
                                   "file."]
    assert lede(capsys, "assignment", "list", "--db", db)[1] == []
    status, _, err = lede(capsys, "export-pdf", article_id, "--kind", "key", "-o", str(tmp_path / "k.pdf"),
                          "--db", db)
    assert "no answer key and no marks yet" in err[0], "no key was stored by the refused commands"

    # Folders that cannot be written to.
    status, out, err = lede(capsys, "assignment", "create", article_id, "--title", "T", "--db", db)
    assert status == 0 and "has no answer key yet" in err[0], "a note, not a failure"
    assignment_id = out[0]
    status, out, _ = lede(capsys, "assignment", "pack", assignment_id, "-o", str(tmp_path), "--db", db)
    hand_in(Path(out[0]), tmp_path / "in", "Ana García", KEY_SOURCES[:1])
    assert lede(capsys, "take-in", assignment_id, str(tmp_path / "in"), "--db", db)[0] == 0
    status, _, err = lede(capsys, "gradebook", assignment_id, "-o", str(tmp_path / "no" / "g.csv"), "--db", db)
    assert status == 2 and len(err) == 1 and "does not exist" in err[0]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert lede(capsys, "feedback", assignment_id, "-o", str(blocker), "--db", db) == (
        2, [], [f"lede: {blocker} is a file, not a folder. Give -o a folder for the feedback sheets."])
    status, out, err = lede(capsys, "feedback", assignment_id, "-o", str(blocker / "sub"), "--db", db)
    assert status == 2 and out == [] and len(err) == 1 and f"could not make the folder {blocker / 'sub'}" in err[0]
    status, _, err = lede(capsys, "summary", assignment_id, "-o", str(tmp_path / "no" / "s.pdf"), "--db", db)
    assert status == 2 and len(err) == 1 and "does not exist" in err[0]


def test_an_unusable_library_is_exit_status_3(tmp_path, capsys):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 200)
    status, out, err = lede(capsys, "assignment", "list", "--db", f"sqlite:///{broken}")
    assert status == 3 and out == [] and len(err) == 1 and err[0].startswith("lede: ")


def test_a_different_key_is_replaced_only_when_asked_and_never_under_hand_ins(db_url, tmp_path, capsys):
    db = db_url
    first, pack = assignment_with_pack(capsys, db, tmp_path)
    article_id = lede(capsys, "list", "--db", db)[1][0].split("\t")[0]
    full = json.loads((SAMPLE / "key.json").read_text(encoding="utf-8"))
    short_key = tmp_path / "short-key.json"
    short_key.write_text(json.dumps({**full, "marks": full["marks"][:2]}), encoding="utf-8")

    make = ("assignment", "create", article_id, "--title", "Second", "--db", db)
    status, _, err = lede(capsys, *make, "--key", str(short_key))
    assert status == 2 and len(err) == 1
    assert "already has an answer key (30 marks)" in err[0] and "--replace-key" in err[0]
    status, _, err = lede(capsys, *make, "--key", str(SAMPLE / "key.json"))
    assert status == 0 and err == [], "the very key it has is no change"

    hand_in(pack, tmp_path / "in", "Ana García", KEY_SOURCES)
    assert lede(capsys, "take-in", first, str(tmp_path / "in"), "--db", db)[0] == 0
    status, _, err = lede(capsys, *make, "--key", str(short_key), "--replace-key")
    assert status == 2 and "hand-ins of “Who speaks?” are scored against it" in err[0]
    assert len(lede(capsys, "assignment", "list", "--db", db)[1]) == 2, "nothing made by the refused commands"


def test_a_key_is_replaced_when_asked_before_any_hand_in(db_url, tmp_path, capsys):
    from desktop_app.application.library import Library
    from desktop_app.core.marks import KEY_LAYER
    from desktop_app.resources import default_categories
    from desktop_app.storage.database import open_database

    db = db_url
    assignment_with_pack(capsys, db, tmp_path)
    article_id = int(lede(capsys, "list", "--db", db)[1][0].split("\t")[0])
    full = json.loads((SAMPLE / "key.json").read_text(encoding="utf-8"))
    short_key = tmp_path / "short-key.json"
    short_key.write_text(json.dumps({**full, "marks": full["marks"][:2]}), encoding="utf-8")
    status, _, err = lede(capsys, "assignment", "create", str(article_id), "--title", "Second", "--key",
                          str(short_key), "--replace-key", "--db", db)
    assert status == 0 and err == []
    lib = Library(open_database(db), default_categories())
    try:
        key = lib.marks.shown(lib.articles.get(article_id), KEY_LAYER).marks
        assert sorted(m.quote for m in key) == sorted(m["quote"] for m in full["marks"][:2])
    finally:
        lib.close()


def test_a_second_hand_in_keeps_the_newer_one_and_a_file_for_another_section_says_where_it_goes(
        db_url, tmp_path, capsys):
    db = db_url
    first, pack_1 = assignment_with_pack(capsys, db, tmp_path, "Period 1")
    article_id = lede(capsys, "list", "--db", db)[1][0].split("\t")[0]
    status, out, _ = lede(capsys, "assignment", "create", article_id, "--title", "Period 2", "--db", db)
    second = out[0]
    status, out, _ = lede(capsys, "assignment", "pack", second, "-o", str(tmp_path), "--db", db)
    pack_2 = Path(out[0])

    ana = hand_in(pack_1, tmp_path / "a", "Ana García", KEY_SOURCES[:2], hours_ago=2)
    assert lede(capsys, "take-in", first, str(ana), "--db", db)[:2] == (0, [f"taken in\t{ana}\tAna García"])
    older = hand_in(pack_1, tmp_path / "older", "ana garcia", KEY_SOURCES[:1], hours_ago=3)
    assert lede(capsys, "take-in", first, str(older), "--db", db)[:2] == (
        0, [f"kept existing\t{older}\tana garcia: {ana.name}, already in Lede, was kept"])
    newer = hand_in(pack_1, tmp_path / "newer", "Ana García", KEY_SOURCES, hours_ago=1)
    assert lede(capsys, "take-in", first, str(newer), "--keep", "existing", "--db", db)[:2] == (
        0, [f"kept existing\t{newer}\tAna García: {ana.name}, already in Lede, was kept"])
    assert lede(capsys, "take-in", first, str(newer), "--db", db)[:2] == (0, [f"replaced\t{newer}\tAna García"])

    ben = hand_in(pack_2, tmp_path / "b", "Ben Okafor", KEY_SOURCES[:1])
    status, out, err = lede(capsys, "take-in", first, str(ben), "--db", db)
    assert status == 1 and err == [] and len(out) == 1
    state, file, reason = out[0].split("\t")
    assert (state, file) == ("refused", str(ben))
    assert "is for another assignment (“Period 2”)" in reason
    assert reason.endswith(f"Here that is assignment {second}: lede take-in {second} {ben}")

    (tmp_path / "empty").mkdir()
    assert lede(capsys, "take-in", first, str(tmp_path / "empty"), "--db", db) == (
        0, [], ["lede: note: There were no .ledesub files to take in."])


def test_help_lists_every_command_and_answers_without_loading_the_database_layer():
    from desktop_app.cli import _COMMANDS

    probe = ("import sys\nfrom desktop_app.cli import main\n"
             "for argv in (['--help'], ['assignment', 'create', '--help'], ['take-in', '--help']):\n"
             "    try:\n        main(argv)\n    except SystemExit as end:\n        assert end.code == 0\n"
             "print('LOADED' if 'sqlalchemy' in sys.modules else 'LIGHT')\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("LIGHT"), "--help must not import SQLAlchemy"
    listed = {line.split()[0] for line in done.stdout.split("positional arguments:")[1].split("options:")[0]
              .splitlines()[2:] if line.startswith("    ") and not line.startswith("     ")}
    assert listed == set(_COMMANDS)
    assert "Category keys: source (Source), loaded_language (Loaded language)" in done.stdout
    assert "kept existing" in done.stdout and "Exit status: 0 when no file was refused" in done.stdout

    as_module = subprocess.run([sys.executable, "-m", "desktop_app.cli", "gradebook", "--help"],
                               capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert as_module.returncode == 0 and "ASSIGNMENT_ID" in as_module.stdout and "--output" in as_module.stdout


@pytest.mark.parametrize("command", [["assignment", "list"], ["assignment", "pack"], ["feedback"], ["summary"]])
def test_each_command_explains_its_arguments(command, capsys):
    with pytest.raises(SystemExit) as end:
        main([*command, "--help"])
    assert end.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: lede {' '.join(command)}") and "--db URL" in text
