"""What a teacher reads when a hand-in's marks do not fit the assignment: one whole sentence for each thing that
can be wrong with the first of them, for one mark and for several (``check_submission`` raises it)."""

from __future__ import annotations

from desktop_app.i18n import _, ngettext

# What is wrong with a mark, as check_submission finds it.
CATEGORY = "category"  # a category the assignment does not use
PAST_END = "past_end"  # it reaches past the end of the article
MISQUOTED = "misquoted"  # its quote is not the article's text at its place
REFERENCE = "reference"  # its "attributed to" names a mark that is not in the file


def misfit_message(why: str, count: int) -> str:
    """The sentence for ``count`` marks of a hand-in that do not fit, by what is wrong with the first. Its fields:
    {file} the hand-in, {count} of its {total} marks, {number} and {quote} the first misfit, {category} its
    category as the file has it, {name} the student."""
    if count == 1 and why == CATEGORY:
        return _("{file}: one of its marks does not fit this assignment; the first, mark {number} "
                 "(\u201c{quote}\u201d), is in a category this assignment does not use ({category}). Ask {name} "
                 "to hand in again from Lede.")
    if why == CATEGORY:
        return ngettext("{file}: {count} of its {total} marks do not fit this assignment; the first, mark {number} "
                        "(\u201c{quote}\u201d), is in a category this assignment does not use ({category}). Ask "
                        "{name} to hand in again from Lede.",
                        "{file}: {count} of its {total} marks do not fit this assignment; the first, mark {number} "
                        "(\u201c{quote}\u201d), is in a category this assignment does not use ({category}). Ask "
                        "{name} to hand in again from Lede.", count)
    if count == 1 and why == PAST_END:
        return _("{file}: one of its marks does not fit this assignment; the first, mark {number} "
                 "(\u201c{quote}\u201d), reaches past the end of the article. Ask {name} to hand in again from Lede.")
    if why == PAST_END:
        return ngettext("{file}: {count} of its {total} marks do not fit this assignment; the first, mark {number} "
                        "(\u201c{quote}\u201d), reaches past the end of the article. Ask {name} to hand in again "
                        "from Lede.",
                        "{file}: {count} of its {total} marks do not fit this assignment; the first, mark {number} "
                        "(\u201c{quote}\u201d), reaches past the end of the article. Ask {name} to hand in again "
                        "from Lede.", count)
    if count == 1 and why == MISQUOTED:
        return _("{file}: one of its marks does not fit this assignment; the first, mark {number} "
                 "(\u201c{quote}\u201d), does not quote the article at its place. Ask {name} to hand in again from "
                 "Lede.")
    if why == MISQUOTED:
        return ngettext("{file}: {count} of its {total} marks do not fit this assignment; the first, mark {number} "
                        "(\u201c{quote}\u201d), does not quote the article at its place. Ask {name} to hand in "
                        "again from Lede.",
                        "{file}: {count} of its {total} marks do not fit this assignment; the first, mark {number} "
                        "(\u201c{quote}\u201d), does not quote the article at its place. Ask {name} to hand in "
                        "again from Lede.", count)
    if count == 1:
        return _("{file}: one of its marks does not fit this assignment; the first, mark {number} "
                 "(\u201c{quote}\u201d), refers to a mark that is not in the file. Ask {name} to hand in again from "
                 "Lede.")
    return ngettext("{file}: {count} of its {total} marks do not fit this assignment; the first, mark {number} "
                    "(\u201c{quote}\u201d), refers to a mark that is not in the file. Ask {name} to hand in again "
                    "from Lede.",
                    "{file}: {count} of its {total} marks do not fit this assignment; the first, mark {number} "
                    "(\u201c{quote}\u201d), refers to a mark that is not in the file. Ask {name} to hand in again "
                    "from Lede.", count)
