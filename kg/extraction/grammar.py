"""Grammar helpers over spaCy tokens: clause verbs, clauses, object slots, voice and tense.

Pure functions of the parse: they know dependency labels and part-of-speech tags, no entities and
no rules.
"""
from __future__ import annotations

#: Dependencies that open a subordinate clause.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "xcomp", "parataxis", "pcomp"})
#: Dependencies of a clause's subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
#: Dependencies of a noun that is a direct argument of its clause.
ARGUMENT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubj", "nsubjpass", "appos", "ROOT"})
#: Prepositions whose object is an argument of the verb or noun they attach to ("signed with X").
ARGUMENT_PREPOSITIONS = frozenset({"with", "in", "on", "to", "into", "for", "at", "toward", "towards", "about"})
VERBAL = ("VERB", "AUX")
NOMINAL = ("NOUN", "PROPN")


def clause_verb(tok):
    """The verb of the clause a token stands in (the token itself for a verb)."""
    while tok.pos_ not in VERBAL and tok.head.i != tok.i:
        tok = tok.head
    return tok


def run_on(sent):
    """The sentence after ``sent`` when the parser split it where no punctuation ends it and the rest
    has no finite verb of its own (a fragment: "... was signed by X and Y | following talks in Bishkek
    on 13 March 2025."), else None."""
    doc = sent.doc
    if sent.end >= len(doc) or doc[sent.end - 1].is_punct or doc[sent.end - 1].is_space:
        return None
    rest = doc[sent.end].sent
    if any(t.pos_ in VERBAL and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in rest):
        return None
    return rest


def passive(verb) -> bool:
    """Whether a verb is passive ("was recognised", "the SCO, chaired by Kazakhstan")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")


def present(verb) -> bool:
    """Whether a verb is in the present tense (its own tag or its auxiliaries')."""
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(tags & {"VBZ", "VBP"}) and "VBD" not in tags


def clause_tokens(verb) -> list:
    """The tokens of a clause, without its subordinate clauses."""
    out, todo = [], [verb]
    while todo:
        tok = todo.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS and child.pos_ in VERBAL:
                continue
            if child.dep_ == "conj" and child.pos_ in VERBAL and tok.pos_ in VERBAL:
                continue
            todo.append(child)
    return out


def clause_words(trigger) -> set[str]:
    """The lemmas and lower-cased words of the clause a trigger stands in, with its purpose clause
    ("was in Lima to attend the summit")."""
    verb = trigger if trigger.pos_ in VERBAL else clause_verb(trigger)
    clause = clause_tokens(verb)
    for c in verb.children:
        if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            clause += clause_tokens(c)
    return {t.lemma_.lower() for t in clause} | {t.lower_ for t in clause}


def first_conjunct(tok):
    """The head of a coordination a token belongs to ("Egypt" in "Egypt and Greece")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def clause_argument(noun) -> bool:
    """Whether a noun is an argument of its clause ("signed a treaty", "announced the establishment
    of a partnership"), not part of an adjunct ("since the invasion of Ukraine")."""
    tok = first_conjunct(noun)
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in NOMINAL:
        tok = first_conjunct(tok.head.head)
    if tok.dep_ in ARGUMENT_DEPS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ARGUMENT_PREPOSITIONS and tok.head.head.pos_ in (*VERBAL, "NOUN")


def slot_tokens(trigger, slot: str) -> list:
    """The tokens filling a rule's object slot, with their conjuncts."""
    if slot == "none":
        return []
    if slot == "compound":  # "a NATO member"
        return [c for c in trigger.children if c.dep_ in ("compound", "nmod") and c.i < trigger.i]
    if slot == "poss":  # "NATO's 32nd member"
        return [c for c in trigger.children if c.dep_ == "poss"]
    found = []
    if slot.startswith("prep:"):
        word = slot[5:]
        for child in trigger.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ == word:
                found += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if child.dep_ == "prt" and child.lower_ == word:  # "called on X" parsed as particle
                found += [c for c in trigger.children if c.dep_ == "dobj"]
        if not found and trigger.pos_ == "NOUN":  # "disappointment to an official | over X": the parser's attachment
            found = [c for p in trigger.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
                     for q in g.children if q.dep_ == "prep" and q.lower_ == word and q.i > g.i
                     for c in q.children if c.dep_ == "pobj"]
    else:
        found = [c for c in trigger.children if c.dep_ == slot]
        if slot == "dobj" and trigger.tag_ == "VBN" and trigger.dep_ == "acl" and not found:
            found = [trigger.head]  # "the SCO, chaired by Kazakhstan"
        if slot == "dobj" and any(c.dep_ == "nsubjpass" for c in trigger.children):
            found = [c for c in trigger.children if c.dep_ == "nsubjpass"]
    if found and slot != "nsubj":
        found += along_with(trigger, after=max(t.i for t in found))
    out = []
    for tok in found:
        out.append(tok)
        out += [c for c in tok.conjuncts if c.i > tok.i]
        out += [c for p in tok.children if p.dep_ == "prep" and p.lower_ == "including"
                for o in p.children if o.dep_ == "pobj" for c in (o, *o.conjuncts)]  # "nine entities, including X"
        for mod in (c for c in tok.children if c.dep_ == "nmod" and any(cc.dep_ == "cc" for cc in c.children)):
            out += [mod, *mod.conjuncts]  # "with the A party and B party": a coordination read as a modifier
    return out


def along_with(head, after: int = -1, before: int | None = None) -> list:
    """The companions of "along with", "together with" under a token, between tokens ``after`` and
    ``before`` (with their conjuncts): "visit A this week, along with B" adds to the object, "A, along
    with B, condemned" to the subject."""
    out = []
    for adv in head.children:
        if adv.dep_ in ("prep", "advmod") and adv.lower_ in ("along", "together") \
                and after < adv.i < (len(head.doc) if before is None else before):
            out += [c for w in adv.children if w.dep_ == "prep" and w.lower_ == "with"
                    for o in w.children if o.dep_ == "pobj" for c in (o, *o.conjuncts)]
    return out


def listed(tok) -> list:
    """A token and the members of the list it heads, through conjuncts and the appositions a parser
    reads in long lists ("Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ in ("conj", "appos")]
    return sorted(out, key=lambda t: t.i)


def pobj_of(tok):
    """The object of a preposition, or None."""
    return next((c for c in tok.children if c.dep_ == "pobj"), None)


def has_particle(verb, word: str) -> bool:
    return any(c.dep_ == "prt" and c.lower_ == word for c in verb.children)


def overlaps(tokens, start: int, end: int) -> bool:
    """Whether characters start..end overlap any of the tokens."""
    return any(t.idx < end and start < t.idx + len(t) for t in tokens)
