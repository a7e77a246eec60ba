"""The article's entity table: one entry per real-world thing, and which tokens name it.

Stages fill it in order (collection, then resolution reads it); it holds no parse logic itself.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Entity, Mention
from .words import Words


@dataclass
class Ref:
    """An argument of a relation: the entity key, how it was found, and whether it stands for a state."""

    key: str
    via: str = "name"
    state: bool = False


#: Ways of finding an argument that make a relation less certain.
WEAK = frozenset({"pronoun", "definite", "descriptor", "designation", "implicit", "main-country"})


@dataclass
class Ent:
    """An entity as it is being collected: its mentions, aliases and the NER labels they had."""

    key: str
    name: str
    cls: str
    aliases: set = field(default_factory=set)
    mentions: list = field(default_factory=list)
    ids: tuple = ()
    labels: Counter = field(default_factory=Counter)
    gazetteer: bool = False

    def entity(self) -> Entity:
        """The plain-data entity."""
        return Entity(key=self.key, name=self.name, cls=self.cls,
                      aliases=tuple(sorted(a for a in self.aliases if a != self.name)),
                      mentions=tuple(sorted(self.mentions, key=lambda m: m.start)), ids=tuple(self.ids))


class EntityTable:
    """Entities of one parsed article, the token -> entity map, and the gazetteer look-ups."""

    def __init__(self, doc, gazetteer):
        self.doc, self.gaz = doc, gazetteer
        self.ents: dict[str, Ent] = {}
        self.token_ref: dict[int, Ref] = {}
        self.descriptors: dict[str, str] = {}  # "movement" -> Taliban, learned from "Taliban movement"
        self.sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        self.words = Words(doc)
        self.renamed: dict[str, str] = {}  # merged entity key -> the key it was merged into
        self.day = None  # the article's date (offices held then), set by kg.extraction.extract
        self._text: str | None = None

    def add(self, name: str, cls: str, *, mention: Mention | None = None, label: str | None = None,
            entry=None) -> str:
        """The key of the entity ``name`` (a gazetteer ``entry`` gives its canonical name), created if new."""
        key = entry.name if entry is not None else name
        ent = self.ents.get(key)
        if ent is None:
            ent = self.ents[key] = Ent(key=key, name=key, cls=entry.cls if entry is not None else cls,
                                       ids=tuple(entry.ids) if entry is not None else (),
                                       gazetteer=entry is not None)
        if mention is not None:
            ent.mentions.append(mention)
            ent.aliases.add(mention.text)
        if label:
            ent.labels[label] += 1
        return key

    def add_entry(self, entry) -> str:
        """The key of a gazetteer entry's entity."""
        return self.add(entry.name, entry.cls, entry=entry)

    def mention(self, span) -> Mention:
        return Mention(span.start_char, span.end_char, span.text, self.sent_index.get(span.sent.start, 0))

    def note(self, key: str, span, label: str | None = None) -> None:
        """Record a further mention of an entity."""
        ent = self.ents[key]
        ent.mentions.append(self.mention(span))
        ent.aliases.add(span.text)
        if label:
            ent.labels[label] += 1

    def cls(self, key: str) -> str:
        return self.ents[key].cls

    def rekey(self, old: str, new: str) -> None:
        """Merge entity ``old`` into ``new`` (the token map follows at :meth:`settle`)."""
        src, dst = self.ents.pop(old), self.ents[new]
        dst.mentions += src.mentions
        dst.aliases |= src.aliases
        dst.labels += src.labels
        for was, now in self.renamed.items():
            if now == old:
                self.renamed[was] = new
        self.renamed[old] = new

    def settle(self) -> None:
        """Point the token map at the entities merged into others (one pass over it)."""
        if self.renamed:
            for ref in self.token_ref.values():
                ref.key = self.renamed.get(ref.key, ref.key)
            self.descriptors = {w: self.renamed.get(k, k) for w, k in self.descriptors.items()}
            self.renamed.clear()

    # gazetteer look-ups
    def lookup(self, text: str):
        return self.gaz.lookup(text) if self.gaz else None

    def demonym(self, word: str):
        """The gazetteer entry a demonym names, in this article ("Congolese": see Gazetteer.by_demonym_in)."""
        return self.gaz.by_demonym_in(word, self.text) if self.gaz else None

    @property
    def text(self) -> str:
        """The article's text (spaCy's Doc.text joins every token anew: read once)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text

    def country_of_demonym(self, word: str):
        """The country a demonym names ("Russian"), or None."""
        entry = self.demonym(word)
        return entry if entry is not None and entry.cls == "Country" else None

    def state_of(self, entry) -> tuple[str, bool] | None:
        """A gazetteer entry as an actor: a country, or the country of its capital."""
        if entry is None:
            return None
        if entry.cls == "Country":
            return entry.name, False
        if entry.cls == "City" and self.gaz:
            country = self.gaz.capital_of(entry.name)
            if country is not None:
                return self.add_entry(country), True
        return None
