"""Class lists: read from a paste or an LMS export, and hand-in names matched to them without guessing."""

from __future__ import annotations

import pytest

from desktop_app.core.class_list import (MAX_BYTES, MAX_STUDENTS, ClassList, ClassListError, Member,
                                         class_list_from_file, class_list_from_paste)
from desktop_app.core.name_matching import (CANDIDATE, LIKELY, MAX_CANDIDATES, MISSING_NAME, ORDER, SHORT_FORM,
                                            SPACING, SPELLING, WEAK, AskTeacher, Exact, NotOnList, match_all,
                                            match_name, similarity)
from desktop_app.core.assignments import student_key


def names(class_list: ClassList) -> list[str]:
    return [m.name for m in class_list]


# --- pasted lists --------------------------------------------------------------------------------------

def test_pasted_names_keep_their_order_and_lose_blank_lines_spaces_and_numbering():
    pasted = "\n  Lopez, Ana  \n\n1. Bao Nguyen\n2) Chloé Martin\n- Dmitri Volkov\r\n\t\n"
    with pytest.raises(ClassListError):  # the tab-only line makes it look like spreadsheet rows
        class_list_from_paste(pasted)

    class_list = class_list_from_paste(pasted.replace("\t", " "))

    assert names(class_list) == ["Lopez, Ana", "Bao Nguyen", "Chloé Martin", "Dmitri Volkov"]
    assert [m.position for m in class_list] == [0, 1, 2, 3]
    assert class_list.members[0] == Member("Lopez, Ana", "lopez, ana", "", "", 0)
    assert class_list.member("chloe martin").name == "Chloé Martin"
    assert class_list.warnings == () and class_list.name_columns == ()


def test_a_pasted_column_title_is_not_a_student():
    assert names(class_list_from_paste("Student name\nAna Lopez\nBao Nguyen\n")) == ["Ana Lopez", "Bao Nguyen"]
    assert names(class_list_from_paste("Nom\nLefèvre, Hélène\n")) == ["Lefèvre, Hélène"]


def test_pasted_repeats_are_listed_once_and_reported():
    class_list = class_list_from_paste("Ana Lopez\nBao Nguyen\nana  LÓPEZ\nBao Nguyen\n")

    assert names(class_list) == ["Ana Lopez", "Bao Nguyen"]
    assert class_list.warnings == ("2 lines repeated a name; each student is listed once.",)


def test_pasted_spreadsheet_rows_are_read_as_a_table_when_the_header_came_along():
    pasted = "First name\tLast name\tEmail\nAna\tLopez\tana@school.org\nBao\tNguyen\t\n"

    class_list = class_list_from_paste(pasted)

    assert names(class_list) == ["Ana Lopez", "Bao Nguyen"]
    assert class_list.members[0].email == "ana@school.org"
    assert class_list.name_columns == ("First name", "Last name")


@pytest.mark.parametrize("pasted, message", [
    ("", "has no student names"),
    ("\n   \n", "has no student names"),
    ("Lopez\tAna\nNguyen\tBao\n", "Copy only the column with the students' names"),
    ("Ana Lopez\nBao Nguyen <bao@school.org>\n", "Line 2 of the pasted text has an email address"),
])
def test_pastes_that_are_not_a_list_of_names_are_refused_saying_what_to_do(pasted, message):
    with pytest.raises(ClassListError, match=message):
        class_list_from_paste(pasted)


def test_non_latin_names_read_and_keep_their_letters():
    class_list = class_list_from_paste("דוד כהן\nفاطمة الزهراء\nΓιώργος Παπαδόπουλος\nАндрей Смирнов\n")

    assert names(class_list) == ["דוד כהן", "فاطمة الزهراء", "Γιώργος Παπαδόπουλος", "Андрей Смирнов"]
    # Case-folded (final sigma too) and accent-stripped, never folded to ASCII.
    assert [m.key for m in class_list] == ["דוד כהן", "فاطمة الزهراء", "γιωργοσ παπαδοπουλοσ", "андреи смирнов"]


# --- LMS exports -----------------------------------------------------------------------------------------

CANVAS = (
    "\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Spot the spin (51234),Current Score,Final Score\r\n"
    ",,,,,Manual Posting,,\r\n"
    "    Points Possible,,,,,10.00,(read only),(read only)\r\n"
    '"López, Ana",10001,,alopez,Period 3 English,8.00,80.00,80.00\r\n'
    '"Nguyen, Bao",10002,,bnguyen,Period 3 English,,,0.00\r\n'
    '"O\'Brien, Siobhán",10003,,sobrien,Period 3 English,9.50,95.00,95.00\r\n'
    '"Student, Test",10099,,4f1c2a9e0b7d,Period 3 English,,,\r\n'
)


def test_canvas_gradebook_export_without_sis_ids_uses_canvas_ids_and_skips_its_own_rows():
    class_list = class_list_from_file(CANVAS.encode("utf-8"), "2024-09-20T1030_Grades-ENG_3.csv")

    assert names(class_list) == ["López, Ana", "Nguyen, Bao", "O'Brien, Siobhán"]
    assert [m.lms_id for m in class_list] == ["10001", "10002", "10003"]
    assert class_list.name_columns == ("Student",)
    assert class_list.warnings == ()  # the Points Possible, Manual Posting and Test Student rows are silent


def test_canvas_gradebook_export_prefers_the_schools_sis_id():
    export = ("Student,ID,SIS User ID,SIS Login ID,Section,Spot the spin (51234)\n"
              "    Points Possible,,,,,10.00\n"
              '"López, Ana",10001,S2024017,ana.lopez@school.org,Period 3 English,8.00\n'
              '"Nguyen, Bao",10002,S2024018,bao.nguyen@school.org,Period 3 English,\n')

    class_list = class_list_from_file(export.encode())

    assert [(m.name, m.lms_id) for m in class_list] == [("López, Ana", "S2024017"), ("Nguyen, Bao", "S2024018")]


def test_google_classroom_grades_export_joins_first_and_last_name():
    export = ('"Last Name","First Name","Email Address","Spot the spin","Headline hunt"\n'
              '"","","","Sep 12, 2024","Sep 19, 2024"\n'
              '"López García","Ana María","ana.lopez@school.org","8","10"\n'
              '"Nguyen","Bao","bao.nguyen@school.org","","7"\n')

    class_list = class_list_from_file(export.encode())

    assert names(class_list) == ["Ana María López García", "Bao Nguyen"]
    assert [m.email for m in class_list] == ["ana.lopez@school.org", "bao.nguyen@school.org"]
    assert class_list.name_columns == ("First Name", "Last Name")
    assert class_list.warnings == ()


def test_moodle_grades_export():
    export = ("First name,Last name,ID number,Institution,Department,Email address,"
              "Assignment: Spot the spin (Real),Last downloaded from this course\n"
              "Ana,López,2024017,,,ana.lopez@school.org,8.00,1726135200\n"
              "Bao,Nguyen,2024018,,,bao.nguyen@school.org,-,1726135200\n")

    class_list = class_list_from_file(export.encode())

    assert [(m.name, m.lms_id, m.email) for m in class_list] == [
        ("Ana López", "2024017", "ana.lopez@school.org"), ("Bao Nguyen", "2024018", "bao.nguyen@school.org")]


def test_french_moodle_export_in_windows_1252_with_semicolons():
    # Excel in France saves "CSV (séparateur : point-virgule)" in the Windows code page.
    export = ("Prénom;Nom;Numéro d'identification;Institution;Département;Adresse de courriel;"
              "Devoir : Repérer le biais (Brut);Dernier téléchargement depuis ce cours\r\n"
              "Hélène;Lefèvre;2024031;;;helene.lefevre@lycee.fr;7,50;1726135200\r\n"
              "François;Dupré-Noël;2024032;;;francois.dupre@lycee.fr;9,00;1726135200\r\n")

    class_list = class_list_from_file(export.encode("cp1252"), "notes.csv")

    assert names(class_list) == ["Hélène Lefèvre", "François Dupré-Noël"]
    assert [m.lms_id for m in class_list] == ["2024031", "2024032"]
    assert class_list.name_columns == ("Prénom", "Nom")


def test_spanish_header_where_nombre_is_the_first_name():
    export = "Nombre;Apellido(s);Dirección de correo\nAna María;López García;ana@colegio.es\n"

    class_list = class_list_from_file(export.encode("utf-8"))

    assert names(class_list) == ["Ana María López García"]
    assert class_list.members[0].email == "ana@colegio.es"


def test_schoology_users_export_leaves_out_teachers_and_says_so():
    export = ("First Name,Last Name,Username,Email,User Unique ID,Role,Building,Grad Year\n"
              "Ana,Lopez,alopez28,ana.lopez@district.edu,S_805860,Student,001,2027\n"
              "James,Smith,21jamsmith,james_smith@district.edu,E_T156279,Teacher,001,\n"
              "Bao,Nguyen,bnguyen,bao.nguyen@district.edu,S_805861,Student,001,2027\n")

    class_list = class_list_from_file(export.encode())

    assert names(class_list) == ["Ana Lopez", "Bao Nguyen"]
    assert [m.lms_id for m in class_list] == ["S_805860", "S_805861"]
    assert class_list.warnings == ("1 person with a role other than student (“Teacher”) was left out.",)


def test_powerschool_export_with_lastfirst():
    export = ('"Student_Number","LastFirst","Grade_Level","Home_Room"\n'
              '"2024017","López, Ana","10","B12"\n'
              '"2024018","Nguyen, Bao","10","B12"\n')

    class_list = class_list_from_file(export.encode())

    assert [(m.name, m.lms_id) for m in class_list] == [("López, Ana", "2024017"), ("Nguyen, Bao", "2024018")]


def test_microsoft_teams_grades_export():
    export = ("First Name,Last Name,Email Address,Spot the spin,Feedback\n"
              'Ana,López,ana.lopez@school.onmicrosoft.com,8,"Good eye for loaded words, Ana."\n'
              "Bao,Nguyen,bao.nguyen@school.onmicrosoft.com,,\n")

    class_list = class_list_from_file(export.encode())

    assert names(class_list) == ["Ana López", "Bao Nguyen"]
    assert class_list.members[1].email == "bao.nguyen@school.onmicrosoft.com"


def test_blackboard_download_is_utf16_with_tabs():
    # Blackboard's ".xls" download is not a workbook but UTF-16 text with a BOM and tabs between cells.
    export = ('"Last Name"\t"First Name"\t"Username"\t"Student ID"\t"Last Access"\t"Availability"\t'
              '"Total [Total Pts: up to 100 Score] |1234"\r\n'
              '"López"\t"Ana"\t"alopez"\t"2024017"\t"2024-09-19 10:12:00"\t"Yes"\t"80"\r\n'
              '"Nguyen"\t"Bao"\t"bnguyen"\t"2024018"\t""\t"Yes"\t""\r\n')

    class_list = class_list_from_file(export.encode("utf-16"))  # Python writes the BOM

    assert [(m.name, m.lms_id) for m in class_list] == [("Ana López", "2024017"), ("Bao Nguyen", "2024018")]


def test_hebrew_export_in_windows_1255_is_recognised_by_its_header():
    # charset-normalizer 3.5 ranks Windows-1251 first for these bytes ("щн фший"); the reading in which the
    # header row makes sense wins.
    export = "שם פרטי,שם משפחה\nדוד,כהן\nשרה,לוי\n"

    class_list = class_list_from_file(export.encode("cp1255"))

    assert names(class_list) == ["דוד כהן", "שרה לוי"]


def test_russian_export_in_windows_1251():
    export = "Имя;Фамилия;Адрес электронной почты\nАндрей;Смирнов;andrey@school.ru\nОльга;Иванова;olga@school.ru\n"

    class_list = class_list_from_file(export.encode("cp1251"))

    assert names(class_list) == ["Андрей Смирнов", "Ольга Иванова"]


def test_excel_separator_line_quoted_line_breaks_and_title_lines_above_the_header():
    export = ("sep=;\r\n"
              "Class roster: English 10, period 3\r\n"
              "\r\n"
              'Name;Student ID\r\n"Ana\r\nLopez";17\r\nBao Nguyen;18\r\n')

    class_list = class_list_from_file(export.encode("utf-8"))

    assert names(class_list) == ["Ana Lopez", "Bao Nguyen"]
    assert [m.lms_id for m in class_list] == ["17", "18"]


def test_a_hand_written_row_without_its_trailing_empty_cells_is_still_a_student():
    class_list = class_list_from_file(b"Name,Email\nAna Lopez,ana@school.org\nBao Nguyen\n")

    assert names(class_list) == ["Ana Lopez", "Bao Nguyen"]
    assert [m.email for m in class_list] == ["ana@school.org", ""]


def test_a_one_column_file_keeps_the_commas_in_its_names():
    class_list = class_list_from_file("Name\nLopez, Ana\nBao Nguyen\nMartin, Chloé\n".encode())

    assert names(class_list) == ["Lopez, Ana", "Bao Nguyen", "Martin, Chloé"]


def test_a_file_of_names_without_a_header_is_read_one_name_per_line():
    class_list = class_list_from_file('Lopez, Ana\n"Nguyen, Bao"\nChloé Martin\n'.encode(), "names.txt")

    assert names(class_list) == ["Lopez, Ana", "Nguyen, Bao", "Chloé Martin"]


def test_duplicates_and_namesakes_in_an_export():
    export = ("Name,Student ID,Email\n"
              "Ana Lopez,17,ana@school.org\n"
              "Bao Nguyen,18,bao@school.org\n"
              "ana lopez,17,ana@school.org\n"
              "Bao Nguyen,31,bao.n@school.org\n"
              ",19,chloe@school.org\n")

    class_list = class_list_from_file(export.encode(), "roster.csv")

    assert names(class_list) == ["Ana Lopez", "Bao Nguyen"]
    assert class_list.warnings == (
        "1 row without a name was left out.",
        "1 line repeated a name; each student is listed once.",
        "Two students are called “Bao Nguyen” (18 and 31). Lede knows students by the name they type, so only "
        "the first is listed: ask the other to add a middle name or initial when handing in, and add that name "
        "to the list.",
    )


@pytest.mark.parametrize("data, message", [
    (b"Student ID,Score\n17,8\n18,9\n", "could not find the column with the students' names in “x.csv”"),
    (b"PK\x03\x04\x14\x00\x06\x00", "is an Excel workbook or another zipped file, not a CSV file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Excel workbook"),
    (b"Name\n\x00\x01\x02", "is not a text file"),
    (b"\xef\xbb\xbfName\nAna \xff\xfe\n", "says it is UTF-8 text but is damaged"),
    (b"Name\n", "has no student names in it"),
])
def test_files_that_are_not_class_lists_are_refused_saying_what_to_do(data, message):
    with pytest.raises(ClassListError, match=message):
        class_list_from_file(data, "x.csv")


def test_more_students_than_a_class_list_holds_is_refused():
    many = "Name\n" + "".join(f"Student {chr(0x4e00 + i)}\n" for i in range(MAX_STUDENTS + 1))
    with pytest.raises(ClassListError, match=f"lists {MAX_STUDENTS + 1} students; .* up to {MAX_STUDENTS}"):
        class_list_from_file(many.encode())

    assert len(class_list_from_file("\n".join(many.splitlines()[:MAX_STUDENTS + 1]).encode())) == MAX_STUDENTS


def test_a_file_over_a_megabyte_is_refused_before_it_is_read():
    with pytest.raises(ClassListError, match=r"is 1\.0 MB; a class list is far smaller"):
        class_list_from_file(b"Name\n" + b"x" * MAX_BYTES, "huge.csv")
    with pytest.raises(ClassListError, match=r"pasted text is .* characters long"):
        class_list_from_paste("Ana Lopez\n" * (MAX_BYTES // 10 + 1))


# --- matching one name ------------------------------------------------------------------------------------

CLASS = class_list_from_paste("\n".join([
    "Lopez, Ana", "Ana-Maria Okafor", "Bao Nguyen", "Ana María López García", "Alexander Kim",
    "Maria Lopez", "Siobhán O'Brien", "דוד כהן", "محمد حسين", "Γιώργος Παπαδόπουλος", "Андрей Смирнов",
]))


def best(result) -> tuple[str, str]:
    assert isinstance(result, AskTeacher), result
    return result.candidates[0].member.name, result.candidates[0].reason


def test_same_key_is_an_exact_match_whatever_the_case_accents_and_spacing():
    assert match_name("  LOPEZ,   ana ", CLASS) == Exact("  LOPEZ,   ana ", CLASS.member("lopez, ana"))
    assert match_name("Siobhan O'Brien", CLASS).member.name == "Siobhán O'Brien"
    assert match_name("ΓΙΏΡΓΟΣ Παπαδοπουλος", CLASS).member.name == "Γιώργος Παπαδόπουλος"


def test_hyphen_or_space_is_a_likely_candidate_not_a_match():
    result = match_name("Ana Maria Okafor", CLASS)

    assert best(result) == ("Ana-Maria Okafor", SPACING)
    assert result.candidates[0].score == 0.98 and result.candidates[0].likely


def test_another_order_is_a_likely_candidate():
    assert best(match_name("Ana Lopez", CLASS)) == ("Lopez, Ana", ORDER)
    assert best(match_name("Nguyen Bao", CLASS)) == ("Bao Nguyen", ORDER)


def test_a_missing_middle_name_or_second_surname_is_a_candidate_ranked_below_a_reordering():
    result = match_name("Ana López", CLASS)

    assert [(c.member.name, c.reason, c.score) for c in result.candidates] == [
        ("Lopez, Ana", ORDER, 0.95), ("Ana María López García", MISSING_NAME, 0.9)]


def test_a_typo_or_two_is_a_candidate():
    assert best(match_name("Bao Nguyn", CLASS)) == ("Bao Nguyen", SPELLING)
    assert best(match_name("Siobhan OBrian", CLASS)) == ("Siobhán O'Brien", SPELLING)
    assert best(match_name("Bao Ngyuen", CLASS)) == ("Bao Nguyen", SPELLING)  # two letters swapped
    # No transliteration: a name typed in another script is not close.
    assert isinstance(match_name("Andrej Smirnov", CLASS), NotOnList)


def test_a_short_form_is_only_a_weak_candidate():
    result = match_name("Alex Kim", CLASS)

    assert best(result) == ("Alexander Kim", SHORT_FORM)
    assert result.candidates[0].score == WEAK and not result.candidates[0].likely


def test_unrelated_names_and_another_first_name_with_the_same_surname_are_not_on_the_list():
    assert match_name("Zoe Turner", CLASS) == NotOnList("Zoe Turner")
    assert isinstance(match_name("Ben Nguyen", CLASS), NotOnList)
    assert isinstance(match_name("", CLASS), NotOnList)
    assert isinstance(match_name("   ", CLASS), NotOnList)


def test_different_students_can_be_close_so_they_are_asked_about_never_taken():
    result = match_name("Mario Lopez", CLASS)

    assert isinstance(result, AskTeacher)
    assert result.candidates[0].member.name == "Maria Lopez"


def test_non_latin_names_match_in_their_own_script():
    assert best(match_name("כהן, דוד", CLASS)) == ("דוד כהן", ORDER)
    assert best(match_name("محمد حسن", CLASS)) == ("محمد حسين", SPELLING)  # one letter fewer
    # A Latin "o" typed among Cyrillic letters, as on a keyboard switched half-way.
    assert best(match_name("Андрей Смирнoв", CLASS)) == ("Андрей Смирнов", SPELLING)


def test_candidates_are_ranked_best_first_and_capped():
    many = class_list_from_paste("\n".join(f"Ana Lopez {x}" for x in "BCDEFGH"))
    result = match_name("Ana Lopez", many)

    assert len(result.candidates) == MAX_CANDIDATES
    assert [c.member.position for c in result.candidates] == [0, 1, 2, 3, 4]  # ties keep the list's order
    scores = [c.score for c in match_name("Lopez Ana Maria", CLASS).candidates]
    assert scores == sorted(scores, reverse=True) and all(s >= CANDIDATE for s in scores)


@pytest.mark.parametrize("a, b, score, reason", [
    ("Ana-Maria Lopez", "Ana Maria Lopez", 0.98, SPACING),
    ("OBrien Sean", "O'Brien Sean", 0.98, SPACING),
    ("Lopez, Ana", "Ana Lopez", 0.95, ORDER),
    ("Ana Lopez", "Ana María López García", 0.90, MISSING_NAME),
    ("Ana Lopes", "Ana Lopez", 0.875, SPELLING),
    ("Anna Lopes", "Ana Lopez", 0.825, SPELLING),
    ("Ana Lopes Garcia", "Ana Lopez", 0.825, SPELLING),
    ("Anamaria Lopes", "Ana Maria Lopez", 0.923, SPELLING),
    ("Alex Kim", "Alexander Kim", WEAK, SHORT_FORM),
    ("Ana", "Ana Lopez", WEAK, SHORT_FORM),
    ("Lopes", "Lopez", WEAK, SPELLING),
    ("Maria Lopez", "Mario Lopez", 0.90, SPELLING),
])
def test_the_documented_examples_score_as_documented_both_ways_round(a, b, score, reason):
    for x, y in ((a, b), (b, a)):
        found = similarity(student_key(x), student_key(y))
        assert found is not None and found[0] == pytest.approx(score, abs=0.001) and found[1] == reason


def test_the_thresholds_split_likely_from_weak():
    assert similarity(student_key("Ana M. Lopez"), student_key("Ana Maria Lopez"))[0] > LIKELY
    assert similarity(student_key("Ben Lopez"), student_key("Ana Lopez")) is None
    assert similarity(student_key("Li Wei"), student_key("Li Na")) is None
    assert CANDIDATE <= WEAK < LIKELY


# --- matching a whole pile of hand-ins -------------------------------------------------------------------

def test_match_all_answers_each_name_in_order_and_lists_who_has_not_handed_in():
    roster = class_list_from_paste("Ana Lopez\nBao Nguyen\nChloé Martin\n")

    matching = match_all(["chloe martin", "Zoe Turner", "Bao Nguyn"], roster)

    assert [type(r) for r in matching.results] == [Exact, NotOnList, AskTeacher]
    assert [r.name for r in matching.results] == ["chloe martin", "Zoe Turner", "Bao Nguyn"]
    assert [m.name for m in matching.unmatched] == ["Ana Lopez", "Bao Nguyen"]
    assert matching.contests == ()
    assert matching.for_name("Zoe Turner") == NotOnList("Zoe Turner")


def test_a_candidate_already_matched_exactly_is_flagged():
    roster = class_list_from_paste("Ana Lopez\nBao Nguyen\n")

    matching = match_all(["Ana Lopez", "Ana Lopes"], roster)

    exact, ask = matching.results
    assert isinstance(exact, Exact) and isinstance(ask, AskTeacher)
    assert ask.candidates[0].member == exact.member and ask.candidates[0].taken_by == "Ana Lopez"
    assert [(c.member.name, c.names) for c in matching.contests] == [("Ana Lopez", ("Ana Lopez", "Ana Lopes"))]


def test_two_unsure_hand_ins_pointing_at_one_member_are_flagged():
    roster = class_list_from_paste("Maria Lopez\nBao Nguyen\n")

    matching = match_all(["Mario Lopez", "Bao Nguyen", "Marie Lopez"], roster)

    assert [(c.member.name, c.names) for c in matching.contests] == [("Maria Lopez", ("Mario Lopez", "Marie Lopez"))]
    assert all(c.taken_by == "" for r in matching.results if isinstance(r, AskTeacher) for c in r.candidates)
    assert [m.name for m in matching.unmatched] == ["Maria Lopez"]


def test_names_with_the_same_key_are_one_student_and_contest_nothing():
    roster = class_list_from_paste("Ana Lopez\n")

    matching = match_all(["Ana Lopez", "ANA  LÓPEZ"], roster)

    assert [type(r) for r in matching.results] == [Exact, Exact]
    assert matching.results[1].name == "ANA  LÓPEZ"
    assert matching.contests == () and matching.unmatched == ()
