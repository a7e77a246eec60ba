"""Reference resolution: which entity a token stands for, and who the subject of a clause is.

Names come from the entity table; pronouns find their antecedent, definite descriptions ("the
country") the last entity of their class, titles ("the president of Iran") the person they name,
and coordinated subjects ("Germany, France and Italy signed") every conjunct.
"""
from __future__ import annotations

import bisect

from ..rules import Rules
from .grammar import NOMINAL, SUBJECT_DEPS, along_with, listed, pobj_of, slot_tokens
from .holders import officeholder
from .pronouns import antecedent
from .table import EntityTable, Ref


class Resolver:
    """Resolution over one article's entity table (reads it, never changes it)."""

    def __init__(self, table: EntityTable, rules: Rules):
        self.table, self.rules, self.doc = table, rules, table.doc
        self.refs = table.token_ref
        self.onto = rules.ontology
        self._order: list[int] | None = None  # the token indexes of the map, sorted (built once needed)
        self.officeholders: dict[tuple[str, str], str] = {}  # (organisation key, title) -> its one holder (holders.py)

    def is_a(self, key: str, cls: str) -> bool:
        return self.onto.is_a(self.table.cls(key), cls)

    def ref(self, tok) -> Ref | None:
        """The entity a token stands for: its own mention, the name inside its noun phrase, a pronoun's antecedent."""
        if tok.i in self.refs:
            return self.refs[tok.i]
        rules = self.rules
        low = tok.text.lower()
        if low in rules.pronouns.relative and tok.head.dep_ in ("relcl", "acl"):
            return self.ref(tok.head.head)
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            return self.antecedent(tok)
        if tok.pos_ not in NOMINAL:
            return None
        titled = bool(rules.match_title([tok.text]))
        if titled or tok.lower_ in rules.counterpart_words:
            for child in tok.children:
                ref = self.refs.get(child.i) if child.dep_ in ("appos", "compound") else None
                if ref is not None and self.table.cls(ref.key) == "Person" and (child.dep_ == "appos" or child.i > tok.i):
                    return Ref(ref.key, "title")
            after = cut_off_name(tok, self.table)
            if after is not None:
                return Ref(self.refs[after.i].key, "title")
            own = max((c.right_edge.i for c in tok.children if c.dep_ not in ("conj", "cc")), default=tok.i)
            for c in tok.children:  # "Special Envoy for Central Asia | Sergio Gor and ...": the name read as a conjunct
                ref = self.refs.get(c.i) if c.dep_ == "conj" and c.left_edge.i == max(own, tok.i) + 1 else None
                if ref is not None and self.table.cls(ref.key) == "Person" and tok.text[:1].isupper():
                    return Ref(ref.key, "title")
        elif tok.pos_ == "NOUN":  # "his opponent Karol Nawrocki", "militant group Hezbollah"
            want = rules.descriptors.get(tok.lemma_.lower())
            for child in tok.children:
                ref = self.refs.get(child.i) if child.dep_ in ("appos", "compound") and child.i > tok.i else None
                if ref is not None and (self.table.cls(ref.key) == "Person" or want and self.is_a(ref.key, want)):
                    return Ref(ref.key, "apposition", ref.state)
        if titled and tok.text[:1].isupper():  # "the President of Iran"
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    ref = self.refs.get(pobj.i)
                    if ref is not None and self.table.cls(ref.key) == "Person":
                        return Ref(ref.key, "title")
        holder = officeholder(tok, self.officeholders, self.table, rules) if titled else None
        if holder is not None:
            return holder
        for child in tok.children:  # "Russia's army", "the Kremlin's view"; not "China's Xi" (see _missed_name)
            if child.dep_ in ("compound", "poss", "nmod") and child.i < tok.i and child.i in self.refs \
                    and not (child.dep_ == "poss" and _missed_name(tok, titled, rules)):
                ref = self.refs[child.i]
                return Ref(ref.key, "compound", ref.state or tok.lemma_.lower() in rules.state_nouns)
        lemma = tok.lemma_.lower()
        if lemma in rules.state_nouns:  # "the government of Pakistan" acts as Pakistan
            for pobj in (pobj_of(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                ref = self.refs.get(pobj.i) if pobj is not None else None
                if ref is not None and self.is_a(ref.key, "Country"):
                    return Ref(ref.key, "state", True)
        descriptors = rules.descriptors
        if lemma in descriptors:  # "the Uzbek city of Samarkand"
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                pobj = pobj_of(prep)
                ref = self.refs.get(pobj.i) if pobj is not None else None
                want = descriptors[lemma]
                if ref is not None and (self.is_a(ref.key, want) or self.onto.is_a(want, "Place")
                                        and self.is_a(ref.key, "Place")):
                    return ref
        dets = {c.text.lower() for c in tok.children if c.dep_ in ("det", "amod", "compound")}
        if dets & {"the", "this", "that", "these"} or any(self.table.demonym(c.text) for c in tok.children
                                                          if c.dep_ == "amod"):
            if lemma in self.table.descriptors:
                return Ref(self.table.descriptors[lemma], "descriptor")
            if lemma in descriptors and "the" in dets:
                return self.last_of_class(descriptors[lemma], tok) or self.only_of_class(descriptors[lemma])
        if lemma in descriptors and tok.dep_ in ("appos", "conj"):
            head = tok.head
            for _ in range(3):
                ref = self.refs.get(head.i)
                if ref is not None and self.is_a(ref.key, descriptors[lemma]):
                    return Ref(ref.key, "apposition", ref.state)
                if head.dep_ not in ("appos", "conj") or head.head.i == head.i:
                    break
                head = head.head
        return None

    def last_of_class(self, cls: str, tok) -> Ref | None:
        """The entity of a class named last before a token, not the subject of the token's own clause."""
        if self._order is None or len(self._order) != len(self.refs):
            self._order = sorted(self.refs)
        for k in range(bisect.bisect_left(self._order, tok.i) - 1, -1, -1):
            i = self._order[k]
            ref = self.refs[i]
            if not self.is_a(ref.key, cls):
                continue
            if i >= tok.sent.start and self.doc[i].dep_ in SUBJECT_DEPS and self.doc[i].head == tok.head:
                continue
            return Ref(ref.key, "definite", ref.state)
        return None

    def only_of_class(self, cls: str) -> Ref | None:
        """The article's one event of a class, if it names exactly one ("the summit" told before its name)."""
        if not self.onto.is_a(cls, "Event"):  # only events: "the bloc" before any bloc is named is no reference
            return None
        keys = [k for k in self.table.ents if self.is_a(k, cls) and self.table.ents[k].mentions]
        return Ref(keys[0], "definite") if len(keys) == 1 else None

    def antecedent(self, tok) -> Ref | None:
        """The entity a pronoun stands for (kg.extraction.pronouns)."""
        return antecedent(self, tok)

    def subject_of(self, verb, skip=None) -> Ref | None:
        """The subject of a clause: its own, or inherited through xcomp/advcl/conj/relcl/acl."""
        seen = 0
        while verb is not None and seen < 6:
            seen += 1
            for child in verb.children:
                if (child.dep_ in ("nsubj", "csubj") or child.dep_ == "nsubjpass" and seen > 1) and \
                        (skip is None or child.i != skip.i):
                    return self.ref(child)
                if child.dep_ == "agent":
                    obj = pobj_of(child)
                    if obj is not None:
                        return self.ref(obj)
            if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr" and verb.head.head.lemma_ in ("be", "become", "remain"):
                verb = verb.head.head  # "Russia was the first country to recognize X"
                continue
            if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ != "VBN"):
                return self.ref(verb.head)
            if verb.dep_ == "acl" and verb.tag_ == "VBN":
                return self.ref(verb.head) if not any(c.dep_ == "agent" for c in verb.children) else None
            if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
                return self.ref(next(c for c in verb.head.children if c.dep_ == "dobj"))  # "invited X to visit"
            if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "ccomp") or verb.dep_ == "prep":
                nxt = verb.head
                if nxt.dep_ == "attr" and nxt.head.lemma_ == "be":  # "X was the first country to recognize"
                    nxt = nxt.head
                elif verb.dep_ == "pcomp" or nxt.pos_ == "ADP":
                    nxt = nxt.head
                if verb.dep_ == "ccomp":
                    return None
                verb = nxt
                continue
            if verb.pos_ == "NOUN":
                verb = verb.head
                continue
            return None
        return None

    def conjunct_subjects(self, verb) -> list[Ref]:
        """The other members of a coordinated subject ("Germany, France and Italy signed")."""
        out = []
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        lost = set()  # "A and his Kyrgyz counterpart | B will sign": B stands for the conjunct the parser cut off
        for a, b in zip(subjects, subjects[1:]):  # "A and B held": a second subject where the parser lost the conj
            cut = [c.i for c in a.conjuncts if c.right_edge.i + 1 == b.left_edge.i
                   and (self.ref(c) is None or c.lower_ in self.rules.counterpart_words)]
            if (cut or any(c.dep_ == "cc" for c in a.children) and not a.conjuncts) and self.ref(b) is not None:
                out.append(self.ref(b))
                lost.update(cut)
        for child in verb.children:
            if child.dep_ == "agent" and pobj_of(child) is not None:  # "was inked by X and his counterpart Y"
                child = pobj_of(child)
            elif child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            heads = [child] + [g for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                               and self.rules.match_title([child.text]) for g in p.children if g.dep_ == "pobj"]
            for head in heads:
                out += [r for r in map(self.ref, [c for c in head.conjuncts if c.i not in lost] + along_with(head))
                        if r is not None]
                out += self.members(head)[1:]  # "President A, President B and Prime Minister C will attend"
                out += [r for c in head.children if c.dep_ in ("amod", "compound") and self.ref(c) is not None
                        for r in map(self.ref, c.conjuncts) if r is not None]  # "Iranian and US delegations"
                # a coordination the parser read as a modifier: "A and B signed" with A an nmod of B
                own = self.ref(head)
                out += [r for r in (self.ref(c) for c in head.children if c.dep_ in ("nmod", "compound")
                                    and any(cc.lower_ == "and" for cc in c.children if cc.dep_ == "cc"))
                        if r is not None and r.key != (own.key if own else None)]
        out += [r for r in map(self.ref, along_with(verb, before=verb.i)) if r is not None]  # "A, along with B, said"
        return out

    def group(self, tok) -> list[Ref]:
        """The states a plural title stands for: "the presidents of Tajikistan, Kyrgyzstan and
        Uzbekistan", "leaders of A and B" (none for any other token)."""
        if tok is None or tok.tag_ not in ("NNS", "NNPS") or not self.rules.match_title([tok.lemma_]):
            return []
        refs = [self.ref(t) for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of"
                for pobj in prep.children if pobj.dep_ == "pobj" for t in listed(pobj)]
        return list({r.key: r for r in refs if r is not None and not self.is_a(r.key, "Person")}.values())

    def subject_group(self, verb) -> list[Ref]:
        """The states of a plural title that is a clause's subject or agent ("the presidents of A and B signed")."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "agent"):
                tok = pobj_of(child) if child.dep_ == "agent" else child
                found = self.group(tok)
                if found:
                    return found
        return []

    def pair_noun(self, verb):
        """The subject of a clause that names a pair ("the two leaders", "both sides"), or None."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in self.rules.pair_nouns \
                    and any(c.lower_ in ("two", "both") for c in child.children):
                return child
        return None

    def members(self, tok) -> list[Ref]:
        """The people of a list the parser read as appositions and prepositions ("hosted President of
        Azerbaijan Ilham Aliyev, the President of China Xi Jinping, Emir of Qatar, Sheikh Tamim ..."):
        every person named along its conjuncts, appositions and "of" phrases, when there are two or more."""
        seen, todo, people = set(), [tok], {}
        while todo:
            t = todo.pop()
            if t.i in seen:
                continue
            seen.add(t.i)
            ref = self.ref(t)
            if ref is not None and self.table.cls(ref.key) == "Person":
                people.setdefault(ref.key, (t.i, ref))
            todo += [c for c in t.children if c.dep_ in ("conj", "appos") or c.dep_ == "prep" and c.lower_ == "of"
                     or c.dep_ == "pobj" and t.lower_ == "of"
                     or c.dep_ == "nmod" and any(cc.dep_ == "cc" for cc in c.children)]  # "A, B and C" as nmod
        return [r for _, r in sorted(people.values(), key=lambda x: x[0])] if len(people) > 1 else []

    def first_ref(self, tokens) -> Ref | None:
        """The first of the tokens that stands for an entity."""
        return next((r for r in map(self.ref, tokens) if r is not None), None)

    def between(self, trigger) -> list[Ref]:
        """The parties of "the partnership between Egypt and Greece", of "talks led by A and B"."""
        toks = slot_tokens(trigger, "prep:between") or [
            t for acl in trigger.children if acl.dep_ == "acl" and acl.lemma_.lower() in self.rules.party_verbs
            for t in slot_tokens(acl, "prep:by")]
        for t in list(toks):  # "led by PM Modi and Hasina": the name cut off from its title, and its conjuncts
            name = cut_off_name(t, self.table) if self.rules.match_title([t.text]) else None
            if name is not None:
                root = name.head if name.head.i > name.i else name  # "Narendra" -> "Modi", which has the conjuncts
                toks += [c for c in root.conjuncts if c.i > name.i]
        refs = [self.ref(t) for t in toks]
        return list({r.key: r for r in refs if r is not None}.values())

    def place_in_sentence(self, trigger, subject: Ref | None) -> Ref | None:
        """The country or place a sentence names (nearest to the trigger), other than the subject."""
        best = None
        for tok in trigger.sent:
            ref = self.ref(tok) if tok.pos_ in NOMINAL else None
            if ref is None or (subject and ref.key == subject.key) or not self.is_a(ref.key, "Place"):
                continue
            if best is None or abs(tok.i - trigger.i) < best[0]:
                best = (abs(tok.i - trigger.i), Ref(ref.key, "implicit", ref.state))
        return best[1] if best else None


def cut_off_name(tok, table: EntityTable):
    """The first token of the person named right after a title the parser read apart from the name:
    "A and Kyrgyz President | Sadyr Japarov", "talks led by PM | Modi and Hasina"; else None."""
    refs, nxt = table.token_ref, tok.right_edge.i + 1
    after = refs.get(nxt)
    if after is None or table.cls(after.key) != "Person" or refs.get(tok.right_edge.i) == after:
        return None
    if tok.dep_ == "conj" or not list(tok.children) and (tok.text[:1].isupper() or tok.is_upper):
        return tok.doc[nxt]
    return None


def _missed_name(tok, titled: bool, rules: Rules) -> bool:
    """A capitalised proper noun no entity covers ("China's Xi" in a headline): its possessor is not
    what it stands for, as it is of a title or a state noun ("China's President", "Russia's army")."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and not titled \
        and lemma not in rules.state_nouns and lemma not in rules.descriptors
