"""The language of an article's text (py3langid: a naive Bayes model shipped in the package, no download).

kg extracts from English only: an article identified with confidence as another language is skipped
and counted, never parsed as if it were English. Short texts (under MIN_CHARS characters) and
uncertain ones count as English: a few words are not enough to tell, and losing an English article
is worse than parsing one odd text.

>>> language("Die Bundesregierung hat am Dienstag in Berlin ein neues Abkommen mit Japan unterzeichnet, "
...          "teilte das Auswärtige Amt mit.")
'de'
>>> language("Germany signed a new agreement with Japan on Tuesday in Berlin, the foreign ministry said "
...          "in a statement.")
'en'
>>> language("Spain supports Ukraine.")  # too short to tell
'en'
"""
from __future__ import annotations

from functools import cache

ENGLISH = "en"
MIN_CHARS = 100  # shorter texts are not identified (taken as English)
MIN_CONFIDENCE = 0.9  # a language other than English is believed from this probability on
SAMPLE = 3000  # characters identified: the start of a long article says as much as all of it


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1) and its probability."""
    lang, prob = _identifier().classify(text[:SAMPLE])
    return lang, float(prob)


def language(text: str) -> str:
    """The language of an article: another than English only when the text is long enough and the
    identifier is confident (MIN_CHARS, MIN_CONFIDENCE), else ``"en"``."""
    if len(text) < MIN_CHARS:
        return ENGLISH
    lang, prob = identify(text)
    return lang if lang != ENGLISH and prob >= MIN_CONFIDENCE else ENGLISH
