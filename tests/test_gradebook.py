"""The gradebook CSV: columns a spreadsheet and a learning platform read, Excel's encoding, and no formulas."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop_app.exporters.gradebook import (FIXED_COLUMNS, GradebookExportError, GradebookRow, gradebook_csv,
                                             write_gradebook)

CATEGORIES = [("source", "Source"), ("loaded_language", "Loaded language")]
HANDED_IN = datetime(2026, 11, 20, 14, 5, tzinfo=UTC)


@pytest.fixture()
def in_berlin(monkeypatch):
    """The teacher's computer is in Berlin: hand-in times are written in its local time."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def row(student="Ann Lee", points=7.5, **kw) -> GradebookRow:
    values = dict(student=student, points=points, total=10.0, grade="B+", handed_in_at=HANDED_IN, late=False,
                  reviewed=True, comment="Good eye for sources.", per_category={"source": (3, 4, 1, 1),
                                                                                 "loaded_language": (2, 2, 0, 0)})
    values.update(kw)
    return GradebookRow(**values)


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_columns_and_values_of_one_student(in_berlin):
    table = parse(gradebook_csv([row()], CATEGORIES))
    assert table[0] == ["Full name", "Points", "Maximum points", "Percent", "Grade", "Handed in", "Late",
                        "Reviewed", "Feedback comments", "Source: required found", "Source: required",
                        "Source: bonus found", "Source: not in the key", "Loaded language: required found",
                        "Loaded language: required", "Loaded language: bonus found",
                        "Loaded language: not in the key"]
    assert table[1] == ["Ann Lee", "7.5", "10", "75", "B+", "2026-11-20 15:05", "No", "Yes", "Good eye for sources.",
                        "3", "4", "1", "1", "2", "2", "0", "0"]
    assert len(table) == 2


def test_rows_keep_their_order_and_missing_values_are_empty_cells():
    rows = [row("Zoë"), row("Ben Okafor", points=None, grade="", handed_in_at=None, late=True, reviewed=False,
                             comment="", per_category={"source": (0, 4, 0, 0)})]
    table = parse(gradebook_csv(rows, CATEGORIES))
    assert [r[0] for r in table[1:]] == ["Zoë", "Ben Okafor"]
    ben = dict(zip(table[0], table[2], strict=True))
    assert ben["Points"] == "" and ben["Percent"] == "" and ben["Maximum points"] == "10"
    assert ben["Handed in"] == "" and ben["Late"] == "Yes" and ben["Reviewed"] == "No"
    assert (ben["Source: required found"], ben["Source: required"], ben["Source: not in the key"]) == ("0", "4", "0")
    assert (ben["Loaded language: required found"], ben["Loaded language: required"]) == ("", "")


def test_numbers_have_a_decimal_point_and_no_trailing_zeros():
    table = parse(gradebook_csv([row(points=6.6666, total=9), row(points=0.0), row(points=10.0)], []))
    assert table[0] == list(FIXED_COLUMNS)
    assert [(r[1], r[2], r[3]) for r in table[1:]] == [("6.67", "9", "74.07"), ("0", "10", "0"),
                                                        ("10", "10", "100")]


def test_lines_end_in_crlf_and_cells_with_commas_quotes_or_line_breaks_are_quoted():
    text = gradebook_csv([row('Lee, "Ann"', comment="Line one\nline two")], CATEGORIES)
    assert text.count("\r\n") == 2 and text.endswith("\r\n")  # header and row; the cell keeps its \n
    assert '"Lee, ""Ann"""' in text
    assert parse(text)[1][0] == 'Lee, "Ann"' and parse(text)[1][8] == "Line one\nline two"


@pytest.mark.parametrize("dangerous", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1",
                                       "=HYPERLINK(\"http://x\",\"y\")"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(dangerous):
    table = parse(gradebook_csv([row(student=dangerous, grade=dangerous, comment=dangerous)],
                                [("own_x", dangerous)]))
    assert table[0][9] == "'" + dangerous + ": required found"
    student = table[1]
    assert student[0] == student[4] == student[8] == "'" + dangerous


def test_harmless_cells_are_left_as_they_are():
    table = parse(gradebook_csv([row(student="Ann = Lee", grade="A-", comment="5 - 3 = 2")], []))
    assert table[1][0] == "Ann = Lee" and table[1][4] == "A-" and table[1][8] == "5 - 3 = 2"


def test_the_file_is_utf8_with_a_byte_order_mark_and_reads_back(tmp_path):
    names = ["Zoë Marchetti", "Łukasz Wójcik", "Nguyễn Thị Ánh", "محمد علي", "李小龍", "Ana 👩🏽‍🚀"]
    target = write_gradebook(tmp_path / "grades.csv", [row(n) for n in names], CATEGORIES)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    with target.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][0] == "Full name"  # no stray BOM glued to the first header
    assert [r[0] for r in table[1:]] == names


def test_saving_replaces_an_old_file_whole_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "grades.csv"
    target.write_text("old", encoding="utf-8")
    write_gradebook(target, [row()], CATEGORIES)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfFull name")
    assert [p.name for p in tmp_path.iterdir()] == ["grades.csv"]


def test_saving_into_a_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(GradebookExportError, match="does not exist"):
        write_gradebook(tmp_path / "nope" / "grades.csv", [row()], CATEGORIES)


def test_a_hand_in_from_another_time_zone_shows_in_the_teachers_local_time(in_berlin):
    # 23:59 in New York on 20 November is 05:59 the next morning in Berlin.
    late = datetime(2026, 11, 20, 23, 59, tzinfo=timezone(timedelta(hours=-5)))
    assert parse(gradebook_csv([row(handed_in_at=late, late=True)], []))[1][5] == "2026-11-21 05:59"


def test_a_class_lists_ids_and_emails_follow_the_name_and_a_student_who_did_not_hand_in_says_no():
    rows = [row("López, Ana-María", lms_id="S-1", email="ana@school.example"),
            row("Bao Nguyen", points=None, grade="", handed_in_at=None, reviewed=False, comment="", per_category={},
                lms_id="S-2", handed_in=False)]
    table = parse(gradebook_csv(rows, CATEGORIES))
    assert table[0][:4] == ["Full name", "ID number", "Email address", "Points"]
    bao = dict(zip(table[0], table[2], strict=True))
    assert (bao["ID number"], bao["Email address"], bao["Points"], bao["Handed in"]) == ("S-2", "", "", "No")
    # Only the columns some student has: ids without emails give one column.
    assert parse(gradebook_csv(rows[1:], []))[0][:3] == ["Full name", "ID number", "Points"]
    assert parse(gradebook_csv([row(lms_id="=cmd")], []))[1][1] == "'=cmd"  # inert like every other cell
