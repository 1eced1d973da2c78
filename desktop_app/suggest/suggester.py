"""The suggester: loads the shipped models once and turns what they find into suggestions with reasons.

Models live in ``resources/suggest/`` (see its README): the attribution tagger with its cue words and its
threshold, the loaded-language tagger with its lexicon and its two thresholds ("fewer, surer" and "more").
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.formats import format_percent
from desktop_app.suggest import (
    ATTRIBUTED_CLAIM,
    FEWER,
    LOADED_LANGUAGE,
    SOURCE,
    SUGGESTED_CATEGORIES,
    Suggestion,
    Suggestions,
    suggestion_key,
)
from desktop_app.suggest.attribution import AttributionTagger, FoundAttribution, Run, group
from desktop_app.suggest.language import looks_english
from desktop_app.suggest.loaded import LoadedRun, LoadedTagger
from desktop_app.suggest.loaded_features import EMOTIVE
from desktop_app.suggest.source_kinds import KIND_LABELS, source_kind

ATTRIBUTION_MODEL = "attribution.crfsuite"
ATTRIBUTION_SETTINGS = "attribution.json"
LOADED_MODEL = "loaded.crfsuite"
LOADED_SETTINGS = "loaded.json"

NOT_ENGLISH = N_("Suggestions are made for English articles only, and this one does not look English, so there "
                 "are none. Mark the key by hand as usual.")
_WORDS = re.compile(r"\w+")
_ORDER = {c: n for n, c in enumerate(SUGGESTED_CATEGORIES)}


class ModelMissing(FileNotFoundError):
    """A model file is not where Lede put it; the message says which and what to do."""


def models_dir() -> Path:
    from desktop_app.resources import resource_path

    return resource_path("suggest")


@dataclass(frozen=True)
class _Models:
    attribution: AttributionTagger
    attribution_threshold: float
    loaded: LoadedTagger
    loaded_thresholds: dict[str, float]


class Suggester:
    """Loads the models on first use (about a tenth of a second) and keeps them for every later text."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._models: _Models | None = None

    def _load(self) -> _Models:
        if self._models is None:
            folder = self._folder or models_dir()
            for name in (ATTRIBUTION_MODEL, ATTRIBUTION_SETTINGS, LOADED_MODEL, LOADED_SETTINGS):
                if not (folder / name).is_file():
                    raise ModelMissing(_("The suggestion model file {file} is missing. Reinstall Lede.").format(
                        file=folder / name))
            attribution = json.loads((folder / ATTRIBUTION_SETTINGS).read_text(encoding="utf-8"))
            loaded = json.loads((folder / LOADED_SETTINGS).read_text(encoding="utf-8"))
            self._models = _Models(
                AttributionTagger(folder / ATTRIBUTION_MODEL, attribution["cues"]),
                float(attribution["threshold"]),
                LoadedTagger(folder / LOADED_MODEL, loaded["rates"], loaded["counts"], loaded["stem_rates"]),
                {k: float(v) for k, v in loaded["thresholds"].items()},
            )
        return self._models

    def suggest(self, text: str, categories: Collection[str] = SUGGESTED_CATEGORIES,
                loaded_setting: str = FEWER) -> Suggestions:
        """Suggestions for ``text`` in the categories asked for, in reading order."""
        unknown = set(categories) - set(SUGGESTED_CATEGORIES)
        if unknown:
            raise ValueError(f"Lede suggests only {', '.join(SUGGESTED_CATEGORIES)}; not {', '.join(sorted(unknown))}.")
        if not looks_english(text):
            return Suggestions((), _(NOT_ENGLISH))
        models = self._load()
        items: list[Suggestion] = []
        if SOURCE in categories or ATTRIBUTED_CLAIM in categories:
            items.extend(self._attributions(models, text, categories))
        if LOADED_LANGUAGE in categories:
            threshold = models.loaded_thresholds[loaded_setting]
            items.extend(_loaded(text, run) for run in models.loaded.find(text, threshold))
        items.sort(key=lambda s: (s.start, _ORDER[s.category], s.end))
        return Suggestions(tuple(items))

    def _attributions(self, models: _Models, text: str, categories: Collection[str]) -> Iterable[Suggestion]:
        threshold = models.attribution_threshold
        for tokens, runs in models.attribution.tag(text):
            found = group(runs, tokens)
            sources = [r for r in runs if r.role == "source" and r.confidence >= threshold]
            cue_of = _cues_of_sources(sources, found, runs)
            if SOURCE in categories:
                for run in sources:
                    yield _source(text, run, cue_of.get(run))
            shown = set(sources) if SOURCE in categories else set()
            if ATTRIBUTED_CLAIM in categories:
                for f in found:
                    if f.content.confidence >= threshold:
                        yield _claim(text, f, shown)


def _cues_of_sources(sources: list[Run], found: list[FoundAttribution], runs: list[Run]) -> dict[Run, Run]:
    out: dict[Run, Run] = {}
    for f in found:
        if f.source is not None and f.cue is not None:
            out.setdefault(f.source, f.cue)
    cues = [r for r in runs if r.role == "cue"]
    for s in sources:
        if s not in out:
            near = [c for c in cues if c.sentence == s.sentence]
            if near:
                out[s] = min(near, key=lambda c: abs(c.first - s.last) if c.first >= s.last else s.first - c.last)
    return out


def _cue_words(text: str, cue: Run | None) -> str:
    if cue is None:
        return ""
    words = " ".join(text[cue.start:cue.end].split())
    return words if len(words) <= 40 else words[:39] + "…"


def _source(text: str, run: Run, cue: Run | None) -> Suggestion:
    quote = text[run.start:run.end]
    kind = source_kind(quote)
    cue_words = _cue_words(text, cue)
    # Translators: a suggested Source's reason: {cue} is the word that marks the attribution ("said"), {kind} the
    # kind of source ("named person").
    reason = (_("cue: {cue}; {kind}").format(cue=cue_words, kind=_(KIND_LABELS[kind])) if cue_words
              else _(KIND_LABELS[kind]))
    return Suggestion(suggestion_key(SOURCE, run.start, run.end), SOURCE, run.start, run.end, quote, reason,
                      run.confidence, kind=kind)


def _claim(text: str, found: FoundAttribution, shown_sources: set[Run]) -> Suggestion:
    content = found.content
    source = found.source
    shown = source is not None and source in shown_sources
    linked = suggestion_key(SOURCE, source.start, source.end) if source is not None and shown else ""
    cue_words = _cue_words(text, found.cue)
    source_words = " ".join(text[source.start:source.end].split())[:60] if source is not None else ""
    return Suggestion(suggestion_key(ATTRIBUTED_CLAIM, content.start, content.end), ATTRIBUTED_CLAIM, content.start,
                      content.end, text[content.start:content.end], _claim_reason(cue_words, source_words),
                      content.confidence, attributed_to=linked)


def _claim_reason(cue: str, source: str) -> str:
    """A suggested attributed claim's reason: the word that marks it ("said") and who it is attributed to."""
    if cue and source:
        # Translators: a suggested claim's reason: {cue} is the word that marks the attribution ("said"), {source}
        # the words naming who said it ("the mayor").
        return _("cue: {cue}; source: {source}").format(cue=cue, source=source)
    if cue:
        return _("cue: {cue}").format(cue=cue)
    if source:
        return _("source: {source}").format(source=source)
    return ""


def _loaded(text: str, run: LoadedRun) -> Suggestion:
    quote = text[run.start:run.end]
    return Suggestion(suggestion_key(LOADED_LANGUAGE, run.start, run.end), LOADED_LANGUAGE, run.start, run.end, quote,
                      loaded_reason(run, quote), run.confidence)


def loaded_reason(run: LoadedRun, quote: str) -> str:
    if run.word and run.rate is not None and run.rate >= 0.05:
        # Translators: a suggested loaded wording's reason: {word} is the English word of the article, {percent}
        # how often it was inside a passage marked loaded ("78%"), {count} how often it was seen, in the news
        # articles the suggestions were trained on.
        return ngettext("{word}: loaded in {percent} of its {count} use in the training news",
                        "{word}: loaded in {percent} of its {count} uses in the training news", run.seen).format(
            word=run.word, percent=format_percent(run.rate), count=run.seen)
    emotive = next((w for w in _WORDS.findall(quote.lower()) if w in EMOTIVE), "")
    if emotive:
        # Translators: {word} is the English word of the article that carries the feeling.
        return _("{word}: a word that usually pushes a feeling").format(word=emotive)
    # Translators: {percent} is how sure the suggestion is ("64%").
    return _("worded like the loaded passages of the training news ({percent} likely)").format(
        percent=format_percent(run.confidence))
