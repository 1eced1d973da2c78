"""What the loaded-language tagger sees of each token: the word and its neighbours, how often the word was
marked loaded in the training news (the learned lexicon), and whether it is on Lede's own short list of
emotive words (``EMOTIVE``, written for Lede, not taken from any article).
"""

from __future__ import annotations

from collections.abc import Mapping

import snowballstemmer

from desktop_app.suggest.attribution_features import sentence_positions, shape
from desktop_app.suggest.tokens import Token, quote_depths, word_set

# Words that push a feeling in most uses: a prior the small training set cannot give on its own. Written for
# Lede from general knowledge of news wording; the tagger learns how far to trust it.
EMOTIVE = word_set("""
absurd abhorrent abomination abuse abusive alarming apocalyptic appalling arrogant atrocious atrocity awful
barbaric barbarian bizarre bloodbath bloodthirsty blatant bogus brainwashed brutal brutality brutally catastrophe
catastrophic chaos chaotic cowardly cowards corrupt corruption crazy criminal criminals crisis crooked cruel
crushing damning dangerous deadly debacle deceitful deceptive degenerate delusional demonic deplorable
despicable destroy destroyed destruction devastating diabolical dictator disaster disastrous disgrace
disgraceful disgusting dishonest draconian dreadful dumb egregious evil extremist extremists fanatic
fanatics farce fascist fiasco filthy fraud fraudulent frightening furious genocide ghastly gross grotesque
hateful hatred heinous hellish heroic hideous horrendous horrible horrific horrifying hypocrisy hypocrite
hypocritical idiot idiotic idiots illegal illegals incompetent infamous insane insidious invasion invaders
jihadi jihadist jihadists lies liar liars ludicrous lunatic mad madness malicious maniac massacre menace
mindless misguided mob monstrous monster monsters moronic murderous nasty nazi nefarious notorious
obscene odious outrage outrageous pathetic pervert plague poison propaganda puppet racist radical radicals
rampage rampant reckless regime ridiculous rigged rogue ruthless sadistic savage savages scandal scandalous
scum shameful shameless shocking sick sinister slaughter slaughtered smear stupid terrible terror
terrorist terrorists thug thugs traitor traitors treason treasonous tyranny tyrant unhinged vicious
vile villain violent war witch weak wicked
""")


_STEMMER = snowballstemmer.stemmer("english")


def rate_bucket(rate: float | None) -> str:
    if rate is None:
        return "unk"
    if rate >= 0.6:
        return "r6"
    if rate >= 0.4:
        return "r4"
    if rate >= 0.2:
        return "r2"
    if rate >= 0.08:
        return "r1"
    if rate > 0:
        return "r0"
    return "none"


def stem(word: str) -> str:
    """The word's Snowball (Porter 2) stem, so "slammed", "slams" and "slamming" share what was learned."""
    return _STEMMER.stemWord(word)


def sentence_features(tokens: list[Token], rates: Mapping[str, float],
                      stem_rates: Mapping[str, float]) -> list[list[str]]:
    """One list of feature strings per token of one paragraph; ``rates`` is the learned lexicon of words,
    ``stem_rates`` the same counted over stems."""
    words = [t.text.lower() for t in tokens]
    stems = [stem(w) for w in words]
    stem_buckets = [rate_bucket(stem_rates.get(s)) for s in stems]
    quoted = quote_depths(tokens)
    in_sentence = sentence_positions(tokens)
    buckets = [rate_bucket(rates.get(w)) for w in words]
    n = len(tokens)
    exclaimed = _sentences_with(tokens, in_sentence, "!")
    feats = []
    for i, tok in enumerate(tokens):
        w = words[i]
        f = ["b", "w=" + w, "s3=" + w[-3:], "s4=" + w[-4:], "sh=" + shape(tok.text), "r=" + buckets[i],
             f"q={quoted[i]}"]
        f.append("st=" + stems[i])
        f.append("sr=" + stem_buckets[i])
        if w in EMOTIVE:
            f.append("emo")
        if exclaimed[i]:
            f.append("excl")
        if len(w) > 7:
            f.append("long")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d:+d}={words[j]}")
                f.append(f"r{d:+d}={buckets[j]}")
                if words[j] in EMOTIVE:
                    f.append(f"emo{d:+d}")
                if d in (-1, 1):
                    f.append(f"sr{d:+d}={stem_buckets[j]}")
        feats.append(f)
    return feats


def _sentences_with(tokens: list[Token], in_sentence: list[int], mark: str) -> list[bool]:
    out = [False] * len(tokens)
    start = 0
    for i in range(len(tokens) + 1):
        if i == len(tokens) or (in_sentence[i] == 0 and i > 0):
            has = any(tokens[k].text == mark for k in range(start, i))
            for k in range(start, i):
                out[k] = has
            start = i
    return out
