"""Table-driven stand-ins for two rule components of the model, each with the same output at a
fraction of its cost.

- :class:`AttributeTable` for the ``attribute_ruler``. spaCy's AttributeRuler runs every pattern
  through a Matcher on every token (a tenth of the parse of a news article, on en_core_web_sm). Most
  of its patterns look at one token only: the tag map ("NN" is a NOUN) and its exceptions ("that"
  tagged WDT is a PRON). Those are answered here by one lookup per distinct (tag, lower, dep, ...)
  of a token, cached; the few patterns that span tokens ("gon na", "there is") stay in a Matcher.
  The attributes then go on the tokens in the ruler's own order, the later rule winning, exactly as
  ``AttributeRuler.set_annotations`` does.
- :class:`LemmaTable` for the rule ``lemmatizer``. A rule lemma depends on the token's text, coarse
  tag and morphology only, but spaCy caches none of the commonest (a singular noun, a base verb)
  and visits every token in Python; here each (text, tag, morphology) is lemmatized once, by the
  model's own lemmatizer, and the lemmas go on the Doc as one array.
"""
from __future__ import annotations

import re

# Token attributes a rule may test in the table: string hashes, and IS_SPACE (others, POS among
# them, whose values are ids and not strings, send the rule to the Matcher).
TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH", "NORM")
# Token attributes a rule may set here: they live on the token only (a ruler that sets anything
# else, a lexeme's attribute or an extension, is kept as it is).
SET = ("POS", "TAG", "MORPH", "LEMMA", "DEP")


def passes(value, wanted) -> bool:
    """Whether a token attribute's ``value`` passes a Matcher test ``wanted`` (a value, IN, NOT_IN or REGEX).

    >>> passes("that", {"IN": ["that", "if"]}), passes("NN", "NNS"), passes("n't", {"REGEX": "^n'?t$"})
    (True, False, True)
    """
    if isinstance(wanted, dict):
        ((op, arg),) = wanted.items()
        if op == "IN":
            return value in arg
        if op == "NOT_IN":
            return value not in arg
        return re.search(arg, value) is not None  # REGEX
    return value == wanted


def in_table(pattern: list[dict]) -> bool:
    """Whether a Matcher pattern is one token tested with plain values, IN, NOT_IN or REGEX.

    >>> in_table([{"TAG": "NN", "LOWER": {"IN": ["nothing"]}}]), in_table([{"LOWER": "gon"}, {"LOWER": "na"}])
    (True, False)
    """
    return len(pattern) == 1 and all(
        key in TESTED and (not isinstance(v, dict) or (len(v) == 1 and next(iter(v)) in ("IN", "NOT_IN", "REGEX")))
        for key, v in pattern[0].items())


def replaceable(ruler) -> bool:
    """Whether the table gives this ruler's output: every rule sets token attributes of SET only."""
    return all(set(p["attrs"]) <= set(SET) for p in ruler.patterns)


class AttributeTable:
    """The pipeline component: ``ruler``'s rules, answered by a cached table and a Matcher."""

    def __init__(self, ruler):
        from spacy import attrs as A
        from spacy.matcher import Matcher

        self.vocab = ruler.vocab
        self.rules = [(ruler.attrs[i], ruler.indices[i]) for i in range(len(ruler.attrs))]
        self.matcher = Matcher(self.vocab)
        tests: list[tuple[int, dict]] = []  # (rule, one of its one-token tests)
        for rule, p in enumerate(ruler.patterns):
            tests += [(rule, pat[0]) for pat in p["patterns"] if in_table(pat)]
            rest = [pat for pat in p["patterns"] if not in_table(pat)]
            if rest:
                self.matcher.add(str(rule), rest)
        self.keys = sorted({key for _, t in tests for key in t})
        self.ids = [getattr(A, key) for key in self.keys]
        # a token is tested against the rules that want its tag, or its word, and the rules that want neither
        self.by_value: dict[tuple | None, list[tuple[int, dict]]] = {}
        for rule, t in tests:
            key = next(((k, t[k]) for k in ("TAG", "LOWER") if isinstance(t.get(k), str)), None)
            self.by_value.setdefault(key, []).append((rule, t))
        self.cache: dict[tuple, list[int]] = {}
        self.set_ids = [getattr(A, key) for key in SET]

    def _rules_for(self, raw: tuple) -> list[int]:
        """The one-token rules a token with these attribute values matches, in the ruler's order."""
        strings = self.vocab.strings
        values = {key: bool(v) if key.startswith("IS_") else strings[v] for key, v in zip(self.keys, raw)}
        get = self.by_value.get
        candidates = get(("TAG", values.get("TAG")), []) + get(("LOWER", values.get("LOWER")), []) + get(None, [])
        return sorted({rule for rule, t in candidates if all(passes(values[k], w) for k, w in t.items())})

    def __call__(self, doc):
        import numpy

        hits: dict[int, list[int]] = {}
        if self.ids:
            cache = self.cache
            for i, raw in enumerate(map(tuple, doc.to_array(self.ids).tolist())):
                rules = cache.get(raw)
                if rules is None:
                    rules = cache[raw] = self._rules_for(raw)
                if rules:
                    hits[i] = rules
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            rule = int(self.vocab.strings[match_id])
            i = range(start, end)[self.rules[rule][1]]
            hits[i] = sorted({*hits.get(i, ()), rule})
        if not hits:
            return doc
        values = doc.to_array(self.set_ids)
        column = {attr: j for j, attr in enumerate(self.set_ids)}
        for i, rules in hits.items():
            for rule in rules:
                for attr, value in self.rules[rule][0].items():
                    values[i, column[attr]] = value
        doc.from_array(self.set_ids, numpy.ascontiguousarray(values))
        return doc


def lemmatizes_by_rule(lemmatizer) -> bool:
    """Whether a lemmatizer's lemma is a function of (text, coarse tag, morphology): spaCy's rule
    lemmatizer, or the English one (which only changes which forms are base forms)."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    kind = type(lemmatizer)
    return getattr(lemmatizer, "mode", None) == "rule" and kind in (Lemmatizer, EnglishLemmatizer)


class LemmaTable:
    """The pipeline component: ``lemmatizer``'s lemmas, one call of it per distinct (text, tag, morphology)."""

    def __init__(self, lemmatizer):
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc):
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        strings, cache, overwrite = doc.vocab.strings, self.cache, self.lemmatizer.overwrite
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            found = cache.get((orth, pos, morph))
            if found is None:
                found = cache[orth, pos, morph] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc
