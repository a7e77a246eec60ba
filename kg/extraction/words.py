"""Where each word of a parsed article stands, so that a rule visits the tokens of its words only.

A pass over every token of a Doc makes a Python Token object for each; a rule that wants the tokens
whose lemma is "summit" asks :class:`Words` instead, which reads the token attributes once, as
arrays, when the article's table is made.
"""
from __future__ import annotations

from collections.abc import Iterable


class Words:
    """Token indices of one Doc by text, by lowercase text, by lowercase lemma and by coarse tag."""

    def __init__(self, doc):
        from spacy.attrs import LEMMA, LOWER, ORTH, POS

        strings = doc.vocab.strings
        self.text, self.lower, self.lemma, self.pos = (
            {strings[h]: places for h, places in _places(column).items()}
            for column in doc.to_array([ORTH, LOWER, LEMMA, POS]).T.tolist())
        self.lemma = _folded(self.lemma)

    def where(self, *, text: Iterable[str] = (), lower: Iterable[str] = (), lemma: Iterable[str] = (),
              pos: Iterable[str] = ()) -> list[int]:
        """The indices, in text order, of the tokens with one of these texts, lowercase texts, lowercase
        lemmas or coarse tags."""
        found: set[int] = set()
        for index, words in ((self.text, text), (self.lower, lower), (self.lemma, lemma), (self.pos, pos)):
            for word in index.keys() & set(words):
                found.update(index[word])
        return sorted(found)


def _places(column: list[int]) -> dict[int, list[int]]:
    """Value -> the indices it stands at.

    >>> _places([7, 3, 7])
    {7: [0, 2], 3: [1]}
    """
    out: dict[int, list[int]] = {}
    for i, value in enumerate(column):
        out.setdefault(value, []).append(i)
    return out


def _folded(index: dict[str, list[int]]) -> dict[str, list[int]]:
    """The index by lowercase key (lemmas differ in case: "Summit", "summit").

    >>> _folded({"Summit": [3], "summit": [1]})
    {'summit': [1, 3]}
    """
    out: dict[str, list[int]] = {}
    for key, places in index.items():
        out.setdefault(key.lower(), []).extend(places)
    return {key: sorted(places) for key, places in out.items()}
