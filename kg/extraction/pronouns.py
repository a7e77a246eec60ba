"""Pronouns: the entity a pronoun stands for ("he", "its", "they"), from the rules' pronoun classes."""
from __future__ import annotations

from .grammar import VERBAL, clause_verb
from .table import Ref


def antecedent(res, tok) -> Ref | None:
    """The nearest compatible entity before a pronoun; a possessive prefers its clause's subject."""
    pronouns = res.rules.pronouns
    low = tok.text.lower()
    if low in pronouns.person:
        want = ("Person",)
    elif low in pronouns.thing or low in pronouns.plural:
        want = ("Organization", "Country", "Place")
    else:
        return None

    def ok(key: str) -> bool:
        return any(res.is_a(key, w) for w in want)
    own_subject, barred = None, None  # barred: for an object pronoun, the entities of its subject phrase
    plural = low in pronouns.plural
    if tok.dep_ == "poss" and not plural:
        subj = res.subject_of(clause_verb(tok), skip=tok)
        if subj is not None and ok(subj.key):
            return Ref(subj.key, "pronoun", subj.state)
    elif tok.dep_ in ("nsubj", "nsubjpass") and tok.sent.start > 0:
        # a subject pronoun continues the previous sentence's subject ("Kazakhstan designated X. It revoked ...")
        prev = res.doc[tok.sent.start - 1].sent
        subj = res.subject_of(prev.root) if prev.root.pos_ in VERBAL else None
        if subj is None and prev.root.pos_ in VERBAL:  # "His first trip came after Biden's visit. He will meet"
            head = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            kin = pronouns.person if low in pronouns.person else pronouns.thing | pronouns.plural
            poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in kin), None) \
                if head is not None else None
            subj = antecedent(res, poss) if poss is not None else None
        if subj is not None and ok(subj.key):
            return Ref(subj.key, "pronoun", subj.state)
    elif tok.dep_ in ("dobj", "pobj", "dative"):
        own_subject = res.subject_of(clause_verb(tok))  # "Moldova has not recognized it": not Moldova
        barred = _subject_phrase_keys(clause_verb(tok), res.refs)  # "Uruguay's Lacalle Pou endorsed it"
    doc = res.doc
    if barred is not None and low in pronouns.thing and tok.sent.start > 0:
        prev = doc[tok.sent.start - 1].sent
        subject = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ == "NN" and res.ref(subject) is None:
            return None  # "The final document was signed by A, B and C. But D refrained from endorsing it."
    for i in range(tok.i - 1, max(-1, tok.i - 400), -1):
        ref = res.refs.get(i)
        if plural and doc[i].tag_ in ("NNS", "NNPS") and ref is None:
            return None  # "their" most likely names the plural noun ("Chinese firms"), not an entity
        if ref is not None and ok(ref.key) and (own_subject is None or ref.key != own_subject.key) \
                and ref.key not in (barred or ()):
            if plural and not (doc[i].tag_ in ("NNS", "NNPS") or doc[i].conjuncts
                               or doc[i].lower_ == "taliban" or doc[i - 1].lower_ == "the"):
                continue
            return Ref(ref.key, "pronoun", ref.state)
    return None


def _subject_phrase_keys(verb, refs) -> set[str]:
    """The entities named inside the subject phrase of a verb's clause (up through the verbs that
    control it: "refrained from endorsing"): an object pronoun names none of them."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return {refs[t.i].key for t in subject.subtree if t.i in refs}
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return set()
