"""What the attribution tagger sees of each token: the word, its shape, its neighbours, whether it is inside a
quotation, and where the nearest cue word ("said", "according", "told", learned from the training news) is.

The same function serves training and suggesting, so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Collection

from desktop_app.suggest.tokens import SENTENCE_ENDS, Token, quote_depths, word_set

PRONOUNS = word_set("i we you he she they it me us him her them who")
POSSESSIVES = word_set("my our your his her their its")
# Words that introduce an unnamed source: the ones a media-literacy class learns to notice.
VAGUE_HEADS = word_set("""official officials source sources spokesman spokeswoman spokesperson aide aides
adviser advisers advisor advisors people person expert experts analyst analysts critic critics observer observers
insider insiders diplomat diplomats lawmaker lawmakers democrats republicans supporters opponents voters
staff staffer staffers member members report reports study studies poll polls survey surveys some many others
officer officers administration campaign government""")

_WINDOW = 6  # tokens either side in which a cue word is looked for


def shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if not word[0].isalnum():
        return "p"
    if word.isupper():
        return "X" if len(word) > 1 else "Xs"
    if word[0].isupper():
        return "Xx"
    return "x"


def sentence_positions(tokens: list[Token]) -> list[int]:
    """Each token's position in its sentence (0 for the first); a sentence ends after . ! ? (and a closing quote)."""
    out = []
    pos = 0
    prev_end = False
    for tok in tokens:
        if prev_end and tok.text not in ("”", '"', "’", ")"):
            pos = 0
        out.append(pos)
        pos += 1
        prev_end = tok.text in SENTENCE_ENDS or (prev_end and tok.text in ("”", '"', "’", ")"))
    return out


def paragraph_features(tokens: list[Token], cues: Collection[str]) -> list[list[str]]:
    """One list of feature strings per token of one paragraph."""
    words = [t.text.lower() for t in tokens]
    quoted = quote_depths(tokens)
    in_sentence = sentence_positions(tokens)
    is_cue = [w in cues for w in words]
    n = len(tokens)
    # Distance to the nearest cue word on each side, within the window and the sentence.
    left = [99] * n
    right = [99] * n
    last = -99
    for i in range(n):
        if in_sentence[i] == 0:
            last = -99
        left[i] = i - last
        if is_cue[i]:
            last = i
    nxt = 10**9
    for i in range(n - 1, -1, -1):
        right[i] = nxt - i
        if is_cue[i]:
            nxt = i
        if in_sentence[i] == 0:
            nxt = 10**9
    left_cue = [""] * n
    right_cue = [""] * n
    for i in range(n):
        if left[i] <= _WINDOW:
            left_cue[i] = words[i - left[i]]
        if right[i] <= _WINDOW:
            right_cue[i] = words[i + right[i]]
    titled = [shape(t.text) in ("Xx", "X") for t in tokens]
    feats: list[list[str]] = []
    for i, tok in enumerate(tokens):
        w = words[i]
        f = [
            "b",
            "w=" + w,
            "s3=" + w[-3:],
            "sh=" + shape(tok.text),
            f"q={quoted[i]}",
            f"cue={int(is_cue[i])}",
            "L=" + _bucket(left[i]),
            "R=" + _bucket(right[i]),
            "pos=" + (str(in_sentence[i]) if in_sentence[i] < 3 else "n"),
        ]
        if left_cue[i]:
            f.append("Lw=" + left_cue[i])
        if right_cue[i]:
            f.append("Rw=" + right_cue[i])
        if titled[i] and ((i > 0 and titled[i - 1]) or (i + 1 < n and titled[i + 1])):
            f.append("name")
        if w in PRONOUNS:
            f.append("pron")
        if w in POSSESSIVES:
            f.append("poss")
        if w in VAGUE_HEADS:
            f.append("vague")
        for d in (-3, -2, -1, 1, 2, 3):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d:+d}={words[j]}")
                f.append(f"sh{d:+d}={shape(tokens[j].text)}")
                if -2 <= d <= 2:
                    f.append(f"q{d:+d}={quoted[j]}")
                    f.append(f"cue{d:+d}={int(is_cue[j])}")
            else:
                f.append(f"w{d:+d}=<>")
        if i > 0:
            f.append(f"bi-={words[i - 1]}|{w}")
        if i + 1 < n:
            f.append(f"bi+={w}|{words[i + 1]}")
        f.append(f"qL={quoted[i]}{_bucket(left[i])}")
        f.append(f"qR={quoted[i]}{_bucket(right[i])}")
        feats.append(f)
    return feats


def _bucket(distance: int) -> str:
    if distance <= 0 or distance > 40:
        return "none"
    if distance <= 3:
        return str(distance)
    if distance <= _WINDOW:
        return "near"
    if distance <= 15:
        return "mid"
    return "far"
