"""Officeholders: who holds which office in an article, so that a definite title names its holder.

"Nepalese Prime Minister Pushpa Kamal Dahal ... The Nepal Prime Minister is on an official visit":
the title candidates (kg.extraction.titles) give (Nepal, "prime minister") -> Pushpa Kamal Dahal, and
"The Nepal Prime Minister" then stands for him. An office two people hold in the article names neither.
"""
from __future__ import annotations

from ..rules import Rules
from .grammar import pobj_of
from .table import EntityTable, Ref

Holders = dict[tuple[str, str], str]  # (organisation key, title as rules.match_title gives it) -> person key


def holders(found: list, rules: Rules) -> Holders:
    """The offices of the article's title candidates that one person holds."""
    seen: dict[tuple[str, str], set[str]] = {}
    for c in found:
        rel = c.relation
        title = rules.match_title((rel.role or "").split())
        if title is not None:
            seen.setdefault((rel.object, title), set()).add(rel.subject)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def officeholder(tok, known: Holders, table: EntityTable, rules: Rules) -> Ref | None:
    """ "The Nepal Prime Minister", "the Nepalese prime minister", "the Prime Minister of Nepal" (a
    singular title after "the", no name in it): the one person ``known`` gives that office."""
    if not known or tok.tag_ in ("NNS", "NNPS") or not any(c.lower_ == "the" for c in tok.children):
        return None
    refs = table.token_ref
    words, org = [tok.text], None
    for c in reversed([c for c in tok.lefts if c.dep_ in ("compound", "amod")]):
        ref = refs.get(c.i)
        country = table.country_of_demonym(c.text) if ref is None else None
        if ref is not None or country is not None:
            org = ref.key if ref is not None else country.name  # the table keys an entry by its name
            break
        words.insert(0, c.text)
    if org is None:
        pobj = next((pobj_of(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        ref = refs.get(pobj.i) if pobj is not None else None
        org = ref.key if ref is not None else None
    title = rules.match_title(words)
    if org is None or title is None or len(title.split()) != len(words):
        return None
    holder = known.get((org, title))
    return Ref(holder, "title") if holder is not None else None
