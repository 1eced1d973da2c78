"""Which columns of an LMS export hold a student's name, id, email and role, found by their titles.

What the exports write (header rows as the LMSes write them; each is in the tests):

- Canvas gradebook: "Student","ID","SIS User ID","SIS Login ID","Section", then one column per assignment;
  the names read "Lopez, Ana". A "Points Possible" row (and sometimes a "Manual Posting" row with no name)
  follows the header, and the course's preview student appears as "Student, Test".
- Google Classroom grades: "Last Name","First Name","Email Address", then the assignments.
- Moodle grades ("Plain text file") and participants: "First name","Last name" ("Surname" before 3.x),
  "ID number","Institution","Department","Email address"; in French "Prénom","Nom", in Spanish
  "Nombre","Apellido(s)", in German "Vorname","Nachname".
- Schoology users: "First Name","Last Name","Username","Email","User Unique ID","Role".
- PowerSchool: "Student_Number","LastFirst" ("Lopez, Ana") or "Last_Name","First_Name".
- Microsoft Teams (grades): "First Name","Last Name","Email Address".
- Blackboard: "Last Name","First Name","Username","Student ID"; its ".xls" download is UTF-16 text with tabs.
- Brightspace (D2L): "OrgDefinedId","Username","Last Name","First Name","Email".

Titles are compared folded (``title_key``: case, accents, underscores and punctuation ignored), whole, so
"Student" is a name column and "Student ID" an id column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Sequence

from desktop_app.core.assignments import student_key


def title_key(title: str) -> str:
    """A column title folded for comparison: "E-mail_Address " and "email address" agree."""
    return " ".join(part for part in re.split(r"[\W_]+", student_key(title)) if part)


def _keys(*titles: str) -> frozenset[str]:
    return frozenset(title_key(t) for t in titles)


# A whole name: "Lopez, Ana" or "Ana Lopez".
_FULL_NAME = _keys(
    "Name", "Names", "Full name", "Fullname", "Student", "Student name", "Student full name", "Learner",
    "Pupil", "Pupil name", "Display name", "LastFirst", "Last First", "Name (last, first)",
    "Nom complet", "Nom et prénom", "Nombre completo", "Nombre y apellidos", "Nome completo",
    "Vollständiger Name", "Volledige naam", "Naam",
    "שם מלא", "שם התלמיד", "الاسم الكامل", "اسم الطالب", "Ονοματεπώνυμο", "ФИО", "Полное имя",
)
_FIRST_NAME = _keys(
    "First name", "Firstname", "First", "First names", "Given name", "Given names", "Forename", "Forenames",
    "Name first", "Prénom", "Prénoms", "Vorname", "Voornaam", "Primer nombre", "Nome próprio",
    "שם פרטי", "الاسم الأول", "Όνομα", "Имя",
)
_LAST_NAME = _keys(
    "Last name", "Lastname", "Last", "Surname", "Surnames", "Family name", "Name last", "Nom de famille",
    "Nachname", "Familienname", "Achternaam", "Apellido", "Apellidos", "Apellido(s)", "Sobrenome", "Cognome",
    "שם משפחה", "اسم العائلة", "الاسم الأخير", "اللقب", "Επώνυμο", "Фамилия",
)
# Part of a name in one language and all of it in another: French "Nom" is the surname next to "Prénom",
# Spanish and Portuguese "Nombre"/"Nome" the first name next to "Apellido(s)"/"Sobrenome".
_NAME_OR_PART = _keys("Nom", "Nombre", "Nome", "שם", "الاسم")

# Most useful first: the school's own number before an LMS's internal one, a login name last.
_ID_TITLES = tuple(title_key(t) for t in (
    "SIS User ID", "Student ID", "Student number", "Student_Number", "ID number", "Unique User ID",
    "User Unique ID", "OrgDefinedId", "Matricule", "Matrikelnummer", "Numéro d'identification", "ID-Nummer",
    "Número de ID", "ID", "User ID", "Username", "User name", "SIS Login ID", "Login ID",
))
_EMAIL = _keys(
    "Email", "Email address", "E-mail", "E-mail address", "Mail", "Student email", "Courriel",
    "Adresse de courriel", "Adresse électronique", "Adresse email", "E-Mail-Adresse", "Correo",
    "Correo electrónico", "Dirección de correo", "Dirección email", "Endereço de email", "Indirizzo email",
    "דואר אלקטרוני", "البريد الإلكتروني", "Электронная почта",
)
_ROLE = _keys("Role", "Roles", "User role", "Rôle", "Rolle", "Rol", "Enrollment type")
# A role cell naming one of these (in any case, inside longer words too: Canvas's "StudentEnrollment") is
# a student's; any other filled-in role ("Teacher", "Non-editing teacher", "Observer") is not.
_STUDENT_ROLE_WORDS = ("student", "learner", "pupil", "eleve", "etudiant", "estudiante", "alumno", "aluno",
                       "schuler", "leerling", "studente", "תלמיד", "طالب", "μαθητ", "ученик", "студент")

# Rows of an export that are about the assignments or the LMS, not a student, as token sets of the name
# cells: Canvas's "Points Possible", "Manual Posting" and preview student "Student, Test".
_LMS_ROWS = frozenset(frozenset(title_key(t).split()) for t in (
    "Points Possible", "Possible points", "Points", "Max points", "Maximum points", "Total points",
    "Manual Posting", "Muted", "Class average", "Average", "Due date", "Test Student",
))


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a table keeps what a class list needs, by column index."""

    name: tuple[int, ...]  # one full-name column, or first then last name
    lms_ids: tuple[int, ...] = ()  # id columns, most useful first: the first one with any value is used
    email: int | None = None
    role: int | None = None


def find_layout(header: Sequence[str]) -> Layout | None:
    """The layout ``header`` announces, or None when no column of it holds names."""
    keys = [title_key(cell) for cell in header]

    def first(titles: frozenset[str]) -> int | None:
        return next((i for i, k in enumerate(keys) if k in titles), None)

    full, given, family, either = first(_FULL_NAME), first(_FIRST_NAME), first(_LAST_NAME), first(_NAME_OR_PART)
    if given is not None and family is None:
        family = either
    elif family is not None and given is None:
        given = either
    if given is not None and family is not None:
        name: tuple[int, ...] = (given, family)
    elif full is not None or either is not None:
        name = (full if full is not None else either,)  # type: ignore[assignment]
    elif given is not None or family is not None:
        name = (given if given is not None else family,)  # type: ignore[assignment]
    else:
        return None
    ids = tuple(keys.index(title) for title in _ID_TITLES if title in keys)
    return Layout(name, ids, first(_EMAIL), first(_ROLE))


def is_lms_row(name: str) -> bool:
    """Whether a row's name is one of the rows an LMS adds that are not students."""
    return frozenset(title_key(name).split()) in _LMS_ROWS


def is_student_role(role: str) -> bool:
    folded = title_key(role)
    return any(word in folded for word in _STUDENT_ROLE_WORDS)
