"""The language of an article's text (py3langid: a naive Bayes model shipped in the package, no download).

kg extracts from English only: an article identified with confidence as another language is skipped
and counted, never parsed as if it were English. Short texts (under MIN_CHARS characters) and
uncertain ones count as English: a few words are not enough to tell, and losing an English article
is worse than parsing one odd text. A text whose words are plainly English (ENGLISH_SHARE of them
English function words that other languages do not write) is English without loading the model,
which takes longer than reading a short article.

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

import re
from functools import cache

ENGLISH = "en"
MIN_CHARS = 100  # shorter texts are not identified (taken as English)
MIN_CONFIDENCE = 0.9  # a language other than English is believed from this probability on
SAMPLE = 3000  # characters identified: the start of a long article says as much as all of it
#: English function words that are rare words of other languages written in Latin letters ("a", "in",
#: "to", "is", "was" and "are" are common ones): running English prose has about one word in five among
#: them, other languages a few in a hundred at most, so one in ten (ENGLISH_SHARE) tells them apart
FUNCTION_WORDS = frozenset("the of and that for with were said has this which from its their been would it they "
                           "have but who after than when could about into what there these his".split())
ENGLISH_SHARE = 0.1
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1) and its probability."""
    lang, prob = _identifier().classify(text[:SAMPLE])
    return lang, float(prob)


def plainly_english(text: str) -> bool:
    """Whether at least ENGLISH_SHARE of the words of ``text`` are English function words.

    >>> plainly_english("The minister said that the talks were useful."), plainly_english("Le ministre a dit.")
    (True, False)
    """
    words = _WORD.findall(text.lower())
    return bool(words) and sum(w in FUNCTION_WORDS for w in words) >= ENGLISH_SHARE * len(words)


def language(text: str) -> str:
    """The language of an article: another than English only when the text is long enough, not
    plainly English, and the identifier is confident (MIN_CHARS, MIN_CONFIDENCE), else ``"en"``."""
    if len(text) < MIN_CHARS or plainly_english(text[:SAMPLE]):
        return ENGLISH
    lang, prob = identify(text)
    return lang if lang != ENGLISH and prob >= MIN_CONFIDENCE else ENGLISH
