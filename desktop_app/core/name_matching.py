"""Matching the names on hand-ins to a class list, never guessing silently.

A hand-in carries the name its student typed; the class list holds the register's spelling. The answer for
one name is explicit in its type:

- ``Exact``: a member with the same ``student_key`` (case, accents and spacing aside). Nothing to ask.
- ``AskTeacher``: no member has that key, but some are close; they come ranked, best first, each with
  why it is close. The teacher decides, even when one candidate is very likely.
- ``NotOnList``: nothing close.

How close (``similarity``, 0 to 1)
----------------------------------
Names are split into words at spaces, hyphens, apostrophes and other punctuation (letters and marks of any
script stay together; keys are case-folded and accent-stripped Unicode, never folded to ASCII, so Hebrew,
Arabic, Greek and Cyrillic names compare like Latin ones). Then, in order, the first rule that holds:

==========================================  =====  ===========================================================
Same letters, other spaces or punctuation    0.98  "Ana-Maria Lopez" / "Ana Maria Lopez"; "OBrien" / "O'Brien"
Same words in another order                  0.95  "Lopez, Ana" / "Ana Lopez"
All words of one among the other's (2+)      0.90  "Ana Lopez" / "Ana María López García"
Every word close to one of the other's       mean  "Ana Lopes" / "Ana Lopez" 0.875, "Anna Lopes" / "Ana Lopez"
                                                   0.825, "Ana M. Lopez" / "Ana Maria Lopez" 0.96 (an
                                                   initial counts 0.9); minus 0.05 for each word only one
                                                   name has: "Ana Lopes Garcia" / "Ana Lopez" 0.825
A short form, or a single word               0.70  "Alex Kim" / "Alexander Kim", "Ana" / "Ana Lopez",
                                                   "Lopes" / "Lopez": weak
==========================================  =====  ===========================================================

"Close" for two words is difflib's ratio (``SequenceMatcher``: 2 × matching letters / all letters) of at
least 0.6: one wrong letter in a word of three or more, two in a word of six or more ("lopes"/"lopez" 0.8,
"ana"/"anna" 0.86, "ben"/"ana" 0); a word of three letters or more that begins another is a short form, and
one letter that begins another an initial. The mean weighs each pair of words by its longer word, so the
surname counts more than an initial. The letters of both names run together are compared too, and a ratio
of 0.85 or more there wins: it catches a word split or joined on top of a typo, which word pairs miss
("Anamaria Lopes" / "Ana Maria Lopez" 0.92).

Candidates score at least ``CANDIDATE`` (0.70); those at ``LIKELY`` (0.85) or more can be offered first by
the UI. Different students can be close ("Maria Lopez" / "Mario Lopez" scores 0.90), which is why nothing
but an exact key is ever taken without asking. "Ben Lopez" / "Ana Lopez" (another first name, same surname)
is not a candidate.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from collections.abc import Iterable

from desktop_app.core.assignments import student_key
from desktop_app.core.class_list import ClassList, Member
from desktop_app.i18n import N_, _

CANDIDATE = 0.70
LIKELY = 0.85
WEAK = 0.70  # the score of a short form or a one-word name: offered, last
MAX_CANDIDATES = 5
_CLOSE_WORD = 0.6
_INITIAL_SIM = 0.9
_EXTRA_WORD = 0.05

# Why a name is close, as ``similarity`` says it (marked only; a Candidate's ``reason`` is translated).
# Translators: why a hand-in's name may be a student's on the class list ("Ana Lopez — spelled a little differently").
SPACING = N_("written with other spaces, hyphens or punctuation")
ORDER = N_("the same names in another order")
MISSING_NAME = N_("a middle name or second surname left out")
SPELLING = N_("spelled a little differently")
INITIAL = N_("a name written as its initial")
SHORT_FORM = N_("a short form or only part of the name")


@dataclass(frozen=True, slots=True)
class Candidate:
    member: Member
    score: float  # 0 to 1; see the module's table
    reason: str  # why it is close, for the teacher (in the person's language)
    taken_by: str = ""  # the hand-in name that already matches this member exactly (match_all only)

    @property
    def likely(self) -> bool:
        return self.score >= LIKELY


@dataclass(frozen=True, slots=True)
class Exact:
    name: str  # the hand-in's name
    member: Member


@dataclass(frozen=True, slots=True)
class AskTeacher:
    name: str
    candidates: tuple[Candidate, ...]  # best first; never empty


@dataclass(frozen=True, slots=True)
class NotOnList:
    name: str


NameMatch = Exact | AskTeacher | NotOnList


@dataclass(frozen=True, slots=True)
class Contest:
    """Several hand-ins (with different names) point at one member: exactly, or as their best candidate.
    Two students choosing the same list entry is a question for the teacher."""

    member: Member
    names: tuple[str, ...]  # the hand-ins' names, in the order given


@dataclass(frozen=True, slots=True)
class Matching:
    results: tuple[NameMatch, ...]  # one per name given, in that order
    contests: tuple[Contest, ...]  # in class-list order
    unmatched: tuple[Member, ...]  # members no hand-in matches exactly, in class-list order

    def for_name(self, name: str) -> NameMatch | None:
        return next((r for r in self.results if r.name == name), None)


def match_name(name: str, class_list: ClassList) -> NameMatch:
    """The member ``name`` is, the members it may be, or neither."""
    key = student_key(name)
    member = class_list.member(key) if key else None
    if member is not None:
        return Exact(name, member)
    if not key:
        return NotOnList(name)
    found = []
    for m in class_list.members:
        close = similarity(key, m.key)
        if close is not None and close[0] >= CANDIDATE:
            found.append(Candidate(m, round(close[0], 3), _(close[1])))
    found.sort(key=lambda c: (-c.score, c.member.position))
    return AskTeacher(name, tuple(found[:MAX_CANDIDATES])) if found else NotOnList(name)


def match_all(names: Iterable[str], class_list: ClassList) -> Matching:
    """Every hand-in name matched, with the members two or more of them point at flagged. Names with the same
    student_key are one student (as everywhere in Lede) and never contest each other."""
    names = list(names)
    by_key: dict[str, NameMatch] = {}
    for name in names:
        by_key.setdefault(student_key(name), match_name(name, class_list))
    # One name at most per member: an exact match means the same key.
    exact = {r.member.key: r.name for r in by_key.values() if isinstance(r, Exact)}
    pointing: dict[str, list[str]] = {key: [name] for key, name in exact.items()}
    for key, result in by_key.items():
        if isinstance(result, AskTeacher):
            result = by_key[key] = AskTeacher(result.name, tuple(
                replace(c, taken_by=exact.get(c.member.key, "")) for c in result.candidates))
            pointing.setdefault(result.candidates[0].member.key, []).append(result.name)
    contests = tuple(Contest(m, tuple(pointing[m.key])) for m in class_list.members
                     if len(pointing.get(m.key, ())) > 1)
    unmatched = tuple(m for m in class_list.members if m.key not in exact)
    return Matching(tuple(replace(by_key[student_key(n)], name=n) for n in names), contests, unmatched)


def similarity(a: str, b: str) -> tuple[float, str] | None:
    """How close two student keys are, and why; None when they have nothing in common worth asking about.
    Symmetric. The rules and their scores are in the module's docstring."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return None
    if "".join(wa) == "".join(wb):
        return 0.98, SPACING
    if sorted(wa) == sorted(wb):
        return 0.95, ORDER
    short, long = sorted((wa, wb), key=lambda w: (len(w), w))  # the same roles whichever way round
    by_words = _aligned(short, long)
    # Letters run together catch a word split or joined on top of a typo, which word pairs miss.
    joined = _ratio_at_least("".join(wa), "".join(wb), LIKELY)
    if joined and (by_words is None or joined > by_words[0]):
        return joined, SPELLING
    return by_words


@lru_cache(maxsize=4_096)
def words(key: str) -> tuple[str, ...]:
    """The words of a student key: split at spaces, punctuation and symbols, with marks kept in their word
    (Hindi vowel signs, Hebrew points)."""
    out: list[str] = []
    word: list[str] = []
    for ch in key:
        if unicodedata.category(ch)[0] in "PZSC":
            if word:
                out.append("".join(word))
                word = []
        else:
            word.append(ch)
    if word:
        out.append("".join(word))
    return tuple(out)


_SAME, _INITIAL, _SHORT, _TYPO = "same", "initial", "short form", "typo"


def _aligned(short: tuple[str, ...], long: tuple[str, ...]) -> tuple[float, str] | None:
    """Each word of the shorter name paired with its closest free word of the longer, closest pairs first;
    None when a word has no close partner."""
    pairs = []
    for i, s in enumerate(short):
        row = [(_word_similarity(s, word), i, j) for j, word in enumerate(long)]
        if all(sim < _CLOSE_WORD for (sim, _), _, _ in row):
            return None  # most pairs of names end here, after their first word
        pairs.extend(row)
    pairs.sort(key=lambda p: p[0][0], reverse=True)
    partner: dict[int, tuple[float, str, int]] = {}
    used: set[int] = set()
    for (sim, kind), i, j in pairs:
        if i not in partner and j not in used and sim >= _CLOSE_WORD:
            partner[i] = (sim, kind, j)
            used.add(j)
    if len(partner) < len(short):
        return None
    kinds = {kind for _, kind, _ in partner.values()}
    if len(long) == 1:
        return WEAK, SPELLING  # two one-word names, a letter or two apart
    if len(short) == 1 or _SHORT in kinds:
        return WEAK, SHORT_FORM
    if kinds == {_SAME}:
        return 0.90, MISSING_NAME
    weights = {i: max(len(short[i]), len(long[j])) for i, (_, _, j) in partner.items()}
    mean = sum(partner[i][0] * w for i, w in weights.items()) / sum(weights.values())
    return mean - _EXTRA_WORD * (len(long) - len(short)), SPELLING if _TYPO in kinds else INITIAL


@lru_cache(maxsize=65_536)  # a class repeats first names and surnames; match_all asks about each pair often
def _word_similarity(x: str, y: str) -> tuple[float, str]:
    if x == y:
        return 1.0, _SAME
    shorter, longer = (x, y) if len(x) <= len(y) else (y, x)
    if len(shorter) == 1:
        return (_INITIAL_SIM, _INITIAL) if longer.startswith(shorter) else (0.0, _TYPO)
    if len(shorter) >= 3 and longer.startswith(shorter):
        return _CLOSE_WORD, _SHORT  # enough to pair ("alex", "alexander"); the name's score is then WEAK
    return _ratio_at_least(x, y, _CLOSE_WORD), _TYPO


def _ratio_at_least(x: str, y: str, floor: float) -> float:
    """difflib's ratio of x and y when it is at least ``floor``, else 0. The cheap upper bounds go first:
    almost every pair of names in a class fails them, and ratio() itself is the slow part of matching."""
    if 2 * min(len(x), len(y)) < floor * (len(x) + len(y)):
        return 0.0
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    if matcher.quick_ratio() < floor:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= floor else 0.0
