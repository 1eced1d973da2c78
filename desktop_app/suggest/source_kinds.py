"""What kind of source a passage names: a named person, a named organisation, a document, a pronoun, or a
vague phrase ("officials", "some involved in the talks"). Rules on the words' capitals and heads: the kinds
follow from how a source is written, which is what a class discusses."""

from __future__ import annotations

from desktop_app.i18n import N_
from desktop_app.suggest.tokens import word_set

import re

NAMED_PERSON = "named_person"
NAMED_ORGANISATION = "named_organisation"
DOCUMENT = "document"
PRONOUN = "pronoun"
VAGUE = "vague"

# What a suggestion's reason calls each kind (marked for translation; translated where the reason is made).
KIND_LABELS = {NAMED_PERSON: N_("named person"), NAMED_ORGANISATION: N_("named organisation"),
               DOCUMENT: N_("document or data"), PRONOUN: N_("pronoun"), VAGUE: N_("vague or anonymous")}

# The value the Source category's "Kind of source" field stores (resources/categories.json); a pronoun is
# left for the teacher, since the person it stands for is named elsewhere (or not at all).
STORED_KIND = {NAMED_PERSON: "named_person", NAMED_ORGANISATION: "named_organisation", DOCUMENT: "document",
               VAGUE: "anonymous"}

_WORD = re.compile(r"[\w’'.-]+")
_PRONOUNS = word_set("i we you he she they it me us him her them who which one his its their our my your")
# Words that start a vague source ("One of these people", "Some involved", "Other senior leaders") and are
# capitalised only because they open the sentence.
_QUANTIFIERS = word_set("""one some many several most other others the a an this these those another both all few
each any senior top everyone everybody someone somebody anyone nobody""")
# Heads that name no one even when capitalised at the start of a sentence ("Officials said ...").
_UNNAMED = word_set("""official officials source sources expert experts analyst analysts critic critics aide aides
people residents witnesses observers diplomats insiders spokesman spokeswoman spokesperson supporters opponents
voters lawmakers leaders members staff staffers advisers advisors""")
_HEAD_ENDS = word_set("of to for in at with from on by within among who that which")
_ORGANISATION_WORDS = word_set("""party committee campaign commission university college times post news network
association department ministry council institute center centre foundation agency bureau office court congress
senate house administration inc corp corporation company group journal press channel magazine service services
union federation board police army force forces government team tribune herald guardian reuters ap cnn fox msnbc
nbc abc cbs npr bbc fbi cia gop dnc rnc pac""")
_DOCUMENT_WORDS = word_set("""report reports poll polls study studies survey surveys record records data document
documents statement statements memo filing filings analysis letter email emails figures numbers transcript book
article website video tweet tweets post posts release""")
_TITLES = word_set("""mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. president senator governor former
spokesman spokeswoman secretary candidate chairman chairwoman leader minister mayor judge""")


def source_kind(quote: str) -> str:
    # A name set off by commas is the source's name ("the transport chief, Jane Porter,").
    for part in quote.split(",")[1:]:
        words = [w.strip(".’'") for w in _WORD.findall(part)]
        if len(words) >= 2 and all(w and w[0].isupper() for w in words):
            return NAMED_ORGANISATION if any(w.lower() in _ORGANISATION_WORDS for w in words) else NAMED_PERSON
    # Otherwise what follows a comma describes the source ("Clinton, 35, the daughter of ..."): the kind is in
    # what comes first.
    named = quote.split(",", 1)[0] if quote.split(",", 1)[0].strip() else quote
    words = [w.strip(".’'") for w in _WORD.findall(named)]
    words = [w for w in words if w]
    if not words:
        return VAGUE
    if all(w.lower() in _PRONOUNS for w in words):
        return PRONOUN
    head = _head(words)
    head_lower = head.lower()
    if len(words) >= 2 and all(w[0].isupper() and w.lower() not in _QUANTIFIERS for w in words[-2:]):
        # Ends in a full name: "Hamas leader in Gaza Yahya Sinwar", "Spokeswoman Haley Morris".
        return NAMED_ORGANISATION if _acronym(words[-1]) or words[-1].lower() in _ORGANISATION_WORDS else NAMED_PERSON
    if head_lower in _QUANTIFIERS or head_lower in _UNNAMED:
        return VAGUE
    if head[0].isupper():
        if _acronym(head) or head_lower in _ORGANISATION_WORDS:
            return NAMED_ORGANISATION
        return NAMED_PERSON
    if head_lower in _DOCUMENT_WORDS:
        return DOCUMENT
    capitalised = [w for w in words if w[0].isupper() and w.lower() not in _TITLES and w != words[0]]
    if head_lower in _ORGANISATION_WORDS and capitalised:
        return NAMED_ORGANISATION
    return VAGUE


def _head(words: list[str]) -> str:
    """The source's head word: the last word before "of", "who", a comma or a possessive's object ends it."""
    head = words[-1]
    for w in words:
        if w.lower() in _HEAD_ENDS:
            break
        head = w
    return head.removesuffix("’s").removesuffix("'s")


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha() and word not in ("II", "III", "IV", "JR", "SR")
