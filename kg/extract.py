"""From a parsed spaCy Doc to plain data: canonical entities and typed, dated, evidenced relations.

The only module, with kg.nlp, that touches spaCy objects; what it returns is a kg.model.Extraction.
Steps: mentions (NER + gazetteer + name patterns) -> one entity per real-world thing in the article
-> relation rules over the dependency parse -> clause dates, modality, speaker.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from .model import Document, Entity, Extraction, Mention, Relation, Timex
from .rules import Rule, Rules
from .temporal import xsd_date

NER_CLASS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Region", "FAC": "Place",
             "EVENT": "Event", "NORP": None}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "csubj", "xcomp", "parataxis", "pcomp"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
PRONOUNS_THING = {"it", "its", "itself"}
PRONOUNS_PLURAL = {"they", "them", "their", "theirs", "themselves"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
DESCRIPTOR_CLASS = {  # "the country" -> the last Country named
    "country": "Country", "nation": "Country", "state": "Country", "city": "City", "capital": "Country",
    "organization": "Organization", "organisation": "Organization", "bloc": "Organization",
    "alliance": "Organization", "group": "Organization", "movement": "Organization",
    "summit": "Meeting", "meeting": "Meeting", "conference": "Meeting", "talks": "Meeting", "forum": "Meeting",
}
NAME_PARTICLES = {"bin", "al", "de", "da", "van", "von", "der", "den", "la", "le", "du", "del", "di", "ibn", "el", "ben",
                  "dos", "das", "ter"}
DESIGNATION_NOUNS = {"designation", "ban", "listing", "label", "status", "blacklisting", "decision"}
PLAN_NOUNS = {"intention", "plan", "plans", "goal", "aim", "bid", "readiness", "desire", "proposal",
              "memorandum", "application", "request", "offer", "talks", "roadmap", "path", "prospect"}


@dataclass
class Ref:
    """An argument of a relation: the entity key, how it was found, and whether it stands for a state."""

    key: str
    via: str = "name"
    state: bool = False


@dataclass
class Ent:
    key: str
    name: str
    cls: str
    aliases: set = field(default_factory=set)
    mentions: list = field(default_factory=list)
    ids: tuple = ()
    labels: Counter = field(default_factory=Counter)
    gazetteer: bool = False


class Extractor:
    """Extraction of one parsed document (a fresh instance per document)."""

    def __init__(self, doc, document: Document, rules: Rules, gazetteer):
        self.doc, self.document, self.rules, self.gaz = doc, document, rules, gazetteer
        self.ents: dict[str, Ent] = {}
        self.token_ref: dict[int, Ref] = {}
        self.sent_index = {s.start: i for i, s in enumerate(doc.sents)}
        self.descriptors: dict[str, str] = {}  # "movement" -> Taliban, learned from "Taliban movement"
        self.governments: dict[str, str] = {}  # country key -> key of the organisation governing it
        self.designations: list[tuple[int, str]] = []  # (token index, object key) of designatesAsTerrorist
        self.title_words = {w for t in rules.titles for w in t.split()} - {"of", "the"}
        self.title_set = frozenset(rules.titles)
        self.modifiers = {r.lemma: r for r in rules.relations if r.kind == "modifier"}
        self.toks = list(doc)
        self.text = doc.text
        self.roles: dict[str, str] = {}  # person key -> the first role the article gives

    # ------------------------------------------------------------------ entities
    def entity(self, name: str, cls: str, *, mention=None, label: str | None = None, entry=None) -> str:
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

    def mention(self, span) -> Mention:
        sent = self.sent_index.get(span.sent.start, 0)
        return Mention(span.start_char, span.end_char, span.text, sent)

    def lookup(self, text: str):
        return self.gaz.lookup(text) if self.gaz else None

    def demonym(self, word: str):
        return self.gaz.by_demonym(word) if self.gaz else None

    def state_of(self, entry) -> tuple[str, bool] | None:
        """A gazetteer entry as an actor: a country, or the country of its capital."""
        if entry is None:
            return None
        if entry.cls == "Country":
            return entry.name, False
        if entry.cls == "City" and self.gaz:
            country = self.gaz.capital_of(entry.name)
            if country is not None:
                return self.entity(country.name, "Country", entry=country), True
        return None

    def canonical(self, span):
        """(key, cls, state) for an entity span, or None to drop it."""
        text = re.sub(r"^(the|The)\s+", "", span.text).strip(" '\"“”‘’")
        text = re.sub(r"[’']s$", "", text).strip()
        text = text.rstrip("-\u2010\u2011").strip()
        if not text or not any(ch.isalpha() for ch in text):
            return None
        label = span.label_
        entry = self.lookup(span.ent_id_) if span.ent_id_ else None
        entry = entry or self.lookup(text)
        if entry is not None and entry.name in self.rules.seats_of_power and entry.country and self.gaz:
            country = self.gaz.lookup(entry.country)  # "the Kremlin" acting is Russia
            if country is not None:
                return self.entity(country.name, "Country", entry=country), "Country", True
        if entry is not None:
            capital = self.state_of(entry) if entry.cls == "City" else None
            if capital:
                return capital[0], "Country", True
            key = self.entity(entry.name, entry.cls, entry=entry)
            return key, entry.cls, entry.cls == "Country"
        words = text.split()
        if label in ("ORG", "GPE", "NORP", "LOC") and len(words) > 1:
            head = self.demonym(words[0]) or self.lookup(words[0])
            rest = " ".join(words[1:])
            rest_entry = self.lookup(rest)
            if head is not None and head.cls == "Country":
                if rest_entry is not None:  # "Afghan Taliban" -> Taliban
                    key = self.entity(rest_entry.name, rest_entry.cls, entry=rest_entry)
                    return key, rest_entry.cls, False
                if label == "ORG" and rest[:1].isupper():  # "Russian Security Council"
                    return self.body_of(rest, head)
        if label == "NORP":
            return None
        if label == "ORG" and span.start > 0:
            prev = self.doc[span.start - 1]
            country = self.demonym(prev.text) if prev.ent_type_ in ("NORP", "GPE", "") else None
            if country is not None and country.cls == "Country" and words[0][:1].isupper():
                return self.body_of(text, country)  # "Russian" + "Foreign Ministry"
        cls = NER_CLASS.get(label)
        if cls is None:
            return None
        if label == "ORG" and words[-1].lower() in self.rules.government_words:
            cls = "GovernmentBody"
        if label == "ORG" and words[-1].lower() in self.rules.event_heads:
            cls = "Meeting"
        return text, cls, False

    def body_of(self, name: str, country) -> tuple[str, str, bool]:
        """"Russian Security Council" -> "Security Council of Russia", part of Russia."""
        state = self.entity(country.name, "Country", entry=country)
        head = name.split()[-1].lower()
        cls = "GovernmentBody" if head in self.rules.government_words else "Organization"
        key = f"{name} of {state}"
        return key, cls, False

    def spans(self):
        """The entity spans, with names the model ran together split apart ("Tajikistan Emomali Rahmon")
        and names inside a title dropped ("State" in "Secretary of State")."""
        from spacy.tokens import Span

        doc = self.doc
        inside_titles = set()
        for title in self.rules.titles:
            if " of " in title:
                for m in re.finditer(r"\b" + re.escape(title) + r"\b", self.text, re.I):
                    inside_titles.add((m.start(), m.end()))
        absorbed = -1
        ents = list(doc.ents)
        for span in ents:
            if span.start < absorbed or any(a <= span.start_char and span.end_char <= b for a, b in inside_titles):
                continue
            parts = self.split_span(span)
            if parts:
                yield from parts
                continue
            if span.label_ == "PERSON":
                start = span.start
                while start > span.sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                        and doc[start - 1].ent_type_ == "" and doc[start - 1].lower_ not in self.title_words:
                    start -= 1  # "Luiz" before "Inacio Lula da Silva"
                end = span.end
                while end < len(doc) and (doc[end - 1].lower_ in NAME_PARTICLES or doc[end].lower_ in NAME_PARTICLES):
                    nxt = end  # "Ursula von der" + "Leyen", "Ursula von" + "der Leyen"
                    while nxt < len(doc) and doc[nxt].lower_ in NAME_PARTICLES:
                        nxt += 1
                    if nxt < len(doc) and doc[nxt].is_title and doc[nxt].pos_ == "PROPN" and not self.lookup(doc[nxt].text):
                        end = nxt + 1
                    else:
                        break
                if (start, end) != (span.start, span.end):
                    span = Span(doc, start, end, label="PERSON")
                    absorbed = end
            yield span
        taken = {i for e in ents for i in range(e.start, e.end)}
        for tok in self.toks:  # "King Abdullah II", "spokesman Lin Jian": a name the model did not tag
            if tok.i + 1 < len(doc) and self.match_title([tok.text]) and tok.i not in taken:
                end = tok.i + 1
                while end < len(doc) and end - tok.i <= 4 and doc[end].pos_ == "PROPN" and doc[end].i not in taken \
                        and doc[end].lower_ not in self.title_words \
                        and (doc[end].is_title or re.fullmatch(r"[IVX]+", doc[end].text)):
                    end += 1
                if end > tok.i + 1 and doc[tok.i + 1].is_title and not self.lookup(doc[tok.i + 1: end].text):
                    yield Span(doc, tok.i + 1, end, label="PERSON")

    def split_span(self, span):
        """A span the model ran together: "Tajikistan Emomali Rahmon" (a country and a person),
        "Indian National Security Adviser Ajit Doval" or "Crown Prince Mohammed bin Salman" (a title
        inside a name). Returns the parts, or None to keep the span."""
        from spacy.tokens import Span

        doc, toks = self.doc, list(span)
        if span.label_ not in ("GPE", "ORG", "NORP", "PERSON") or len(toks) < 2:
            return None
        first = self.lookup(toks[0].text)
        rest = doc[span.start + 1: span.end]
        if first is not None and first.cls == "Country" and 2 <= len(rest) <= 3 and all(t.is_title for t in rest) \
                and self.lookup(rest.text) is None and rest[-1].lower_ not in self.rules.government_words:
            return [Span(doc, span.start, span.start + 1, label="GPE"), Span(doc, span.start + 1, span.end, label="PERSON")]
        for a in range(len(toks)):  # the longest title inside, followed by a name
            for b in range(len(toks) - 1, a, -1):
                words = [t.text for t in toks[a:b]]
                title = self.match_title(words)
                name = toks[b:]
                if title and len(title.split()) == len(words) and 1 <= len(name) <= 4 and all(
                        t.is_title or t.lower_ in NAME_PARTICLES for t in name):
                    out = []
                    if a:
                        prefix = Span(doc, span.start, span.start + a, label="ORG")
                        country = self.demonym(prefix.text)
                        out.append(Span(doc, prefix.start, prefix.end, label="NORP" if country else "ORG"))
                    out.append(Span(doc, span.start + b, span.end, label="PERSON"))
                    return out
        return None

    def collect_entities(self) -> None:
        doc = self.doc
        for span in self.spans():
            found = self.canonical(span)
            if found is None:
                continue
            key, cls, state = found
            m = self.mention(span)
            self.entity(key, cls, mention=m, label=span.label_)
            for tok in span:
                self.token_ref[tok.i] = Ref(key, "name", state)
            # "Taliban movement", "TASS news agency": learn descriptors of an entity
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.head.i in (nxt.i, nxt.i + 1, nxt.i + 2) \
                    and nxt.lemma_.lower() in DESCRIPTOR_CLASS and self.ents[key].cls != "Country":
                self.descriptors.setdefault(nxt.lemma_.lower(), key)
        self.merge_people()
        self.collect_events()
        self.collect_states()

    def merge_people(self) -> None:
        """Surname-only mentions join the full name; one type per entity from all its mentions."""
        surnames = {e.key for e in self.ents.values() if e.labels.get("PERSON") and len(e.key.split()) == 1}
        people = [e for e in self.ents.values() if not e.gazetteer and len(e.key.split()) > 1 and e.labels.keys()
                  & {"PERSON", "ORG", "GPE", "NORP"} and (e.labels.get("PERSON") or e.key.split()[-1] in surnames)]
        for ent in list(self.ents.values()):
            if len(ent.key.split()) != 1 or ent.gazetteer:
                continue
            match = [p for p in people if ent.key in (p.key.split()[-1], p.key.split()[0])]
            if len(match) == 1:
                self.rekey(ent.key, match[0].key)
        by_surname = {p.key.split()[-1]: p.key for p in people if p.key in self.ents}
        for tok in self.toks:  # a bare surname the model did not tag ("Scholz met Tusk")
            if tok.i not in self.token_ref and tok.pos_ == "PROPN" and tok.text in by_surname and tok.ent_type_ == "":
                key = by_surname[tok.text]
                self.token_ref[tok.i] = Ref(key, "name")
                self.ents[key].mentions.append(self.mention(self.doc[tok.i: tok.i + 1]))
                self.ents[key].aliases.add(tok.text)
                self.ents[key].labels["PERSON"] += 1
        for ent in self.ents.values():
            if ent.gazetteer or not ent.labels:
                continue
            label, _ = max(ent.labels.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))
            if label == "PERSON" or (ent.labels.get("PERSON") and len(ent.key.split()) > 1):
                ent.cls = "Person"

    def rekey(self, old: str, new: str) -> None:
        src, dst = self.ents.pop(old), self.ents[new]
        dst.mentions += src.mentions
        dst.aliases |= src.aliases
        dst.labels += src.labels
        for ref in self.token_ref.values():
            if ref.key == old:
                ref.key = new

    def collect_events(self) -> None:
        """"the SCO summit", "a NATO meeting": an organisation's meeting is an Event."""
        for tok in self.toks:
            if tok.lemma_.lower() not in self.rules.event_heads or tok.pos_ != "NOUN" or tok.i in self.token_ref:
                continue
            owners = [c for c in tok.children if c.dep_ in ("compound", "nmod", "poss") and c.i in self.token_ref]
            if not owners:  # "the summit of the SCO"
                owners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj" and g.i in self.token_ref]
            if len(owners) != 1:
                continue
            owner = self.token_ref[owners[0].i]
            if self.ents[owner.key].cls not in ("InternationalOrganization", "Organization", "GovernmentBody"):
                continue
            name = f"{self.ents[owner.key].name} {tok.text.lower()}"
            key = self.entity(name, "Meeting")
            lo, hi = min(owners[0].left_edge.i, tok.i), max(owners[0].right_edge.i, tok.i)
            start = min((t.i for t in self.doc[lo: hi + 1] if t.dep_ != "det"), default=lo)
            span = self.doc[start: hi + 1]
            self.ents[key].mentions.append(self.mention(span))
            for alias in self.ents[owner.key].aliases:
                self.ents[key].aliases.add(f"{alias} {tok.text.lower()}")
            self.token_ref[tok.i] = Ref(key, "event")

    def collect_states(self) -> None:
        """"Russian authorities", "the Afghan government": a demonym with a state noun is the state."""
        for tok in self.toks:
            if tok.i in self.token_ref or tok.lemma_.lower() not in self.rules.state_nouns and \
                    tok.text.lower() not in self.rules.state_nouns:
                continue
            for child in tok.children:
                if child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i and "-" not in child.text[1:]:
                    country = self.demonym(child.text)
                    if country is not None and country.cls == "Country":
                        key = self.entity(country.name, "Country", entry=country)
                        span = self.doc[child.i: tok.i + 1]
                        self.ents[key].aliases.add(span.text)
                        self.ents[key].mentions.append(self.mention(span))
                        self.token_ref[tok.i] = Ref(key, "demonym", True)
                        self.token_ref.setdefault(child.i, Ref(key, "demonym", True))
                        break

    # ------------------------------------------------------------------ arguments
    def ref(self, tok) -> Ref | None:
        """The entity a token stands for: its own mention, the name inside its noun phrase, a pronoun's antecedent."""
        if tok.i in self.token_ref:
            return self.token_ref[tok.i]
        low = tok.text.lower()
        if low in RELATIVE and tok.head.dep_ in ("relcl", "acl"):
            return self.ref(tok.head.head)
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            return self.antecedent(tok)
        if tok.pos_ in ("NOUN", "PROPN") and (self.match_title([tok.text]) or tok.lower_ == "counterpart"):
            for child in tok.children:
                ref = self.token_ref.get(child.i) if child.dep_ in ("appos", "compound") else None
                if ref is not None and self.ents[ref.key].cls == "Person" and (child.dep_ == "appos" or child.i > tok.i):
                    return Ref(ref.key, "title")
        if tok.pos_ in ("NOUN", "PROPN") and tok.text[:1].isupper() and self.match_title([tok.text]):
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    ref = self.token_ref.get(pobj.i)
                    if ref is not None and self.ents[ref.key].cls == "Person":
                        return Ref(ref.key, "title")
        if tok.pos_ in ("NOUN", "PROPN"):
            for child in tok.children:
                if child.dep_ in ("compound", "poss", "nmod") and child.i < tok.i and child.i in self.token_ref:
                    ref = self.token_ref[child.i]
                    state = ref.state or tok.lemma_.lower() in self.rules.state_nouns
                    return Ref(ref.key, "compound", state)
            lemma = tok.lemma_.lower()
            dets = {c.text.lower() for c in tok.children if c.dep_ in ("det", "amod", "compound")}
            if dets & {"the", "this", "that", "these"} or any(self.demonym(c.text) for c in tok.children if c.dep_ == "amod"):
                if lemma in self.descriptors:
                    return Ref(self.descriptors[lemma], "descriptor")
                if lemma in DESCRIPTOR_CLASS and "the" in dets:
                    return self.last_of_class(DESCRIPTOR_CLASS[lemma], tok)
            if lemma in DESCRIPTOR_CLASS and tok.dep_ in ("appos", "conj"):
                head = tok.head
                for _ in range(3):
                    ref = self.token_ref.get(head.i)
                    if ref is not None and self.rules.ontology.is_a(self.ents[ref.key].cls, DESCRIPTOR_CLASS[lemma]):
                        return Ref(ref.key, "apposition", ref.state)
                    if head.dep_ not in ("appos", "conj") or head.head.i == head.i:
                        break
                    head = head.head
        return None

    def last_of_class(self, cls: str, tok) -> Ref | None:
        best = None
        for i, ref in self.token_ref.items():
            if i < tok.i and self.rules.ontology.is_a(self.ents[ref.key].cls, cls) and (best is None or i > best[0]):
                if i >= tok.sent.start and self.doc[i].dep_ in SUBJECT_DEPS and self.doc[i].head == tok.head:
                    continue
                best = (i, ref)
        return Ref(best[1].key, "definite", best[1].state) if best else None

    def antecedent(self, tok) -> Ref | None:
        """The nearest compatible entity before a pronoun; a possessive prefers its clause's subject."""
        low = tok.text.lower()
        if low in PRONOUNS_PERSON:
            want = ("Person",)
        elif low in PRONOUNS_THING or low in PRONOUNS_PLURAL:
            want = ("Organization", "Country", "Place")
        else:
            return None
        def ok(key: str) -> bool:
            return any(self.rules.ontology.is_a(self.ents[key].cls, w) for w in want)
        own_subject = None
        if tok.dep_ == "poss" and low not in PRONOUNS_PLURAL:
            subj = self.subject_of(self.clause_verb(tok), skip=tok)
            if subj is not None and ok(subj.key):
                return Ref(subj.key, "pronoun", subj.state)
        elif tok.dep_ in ("nsubj", "nsubjpass") and tok.sent.start > 0:
            # a subject pronoun continues the previous sentence's subject ("Kazakhstan designated X. It revoked ...")
            prev = self.doc[tok.sent.start - 1].sent
            subj = self.subject_of(prev.root) if prev.root.pos_ in ("VERB", "AUX") else None
            if subj is not None and ok(subj.key):
                return Ref(subj.key, "pronoun", subj.state)
        elif tok.dep_ in ("dobj", "pobj", "dative"):
            own_subject = self.subject_of(self.clause_verb(tok))  # "Moldova has not recognized it": not Moldova
        plural = low in PRONOUNS_PLURAL
        for i in range(tok.i - 1, max(-1, tok.i - 400), -1):
            ref = self.token_ref.get(i)
            if plural and self.doc[i].tag_ in ("NNS", "NNPS") and ref is None:
                return None  # "their" most likely names the plural noun ("Chinese firms"), not an entity
            if ref is not None and ok(ref.key) and (own_subject is None or ref.key != own_subject.key):
                if plural and not (self.doc[i].tag_ in ("NNS", "NNPS") or self.doc[i].conjuncts
                                   or self.doc[i].lower_ == "taliban" or self.doc[i - 1].lower_ == "the"):
                    continue
                return Ref(ref.key, "pronoun", ref.state)
        return None

    def clause_verb(self, tok):
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
            tok = tok.head
        return tok

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
                    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return self.ref(obj)
            if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr" and verb.head.head.lemma_ in ("be", "become", "remain"):
                verb = verb.head.head  # "Russia was the first country to recognize X"
                continue
            if verb.dep_ in ("relcl",) or (verb.dep_ == "acl" and verb.tag_ != "VBN"):
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
            if verb.dep_ == "relcl" or verb.pos_ == "NOUN":
                verb = verb.head
                continue
            return None
        return None

    def between(self, trigger) -> list[Ref]:
        """The parties of "the partnership between Egypt and Greece"."""
        refs = [self.ref(t) for t in self.objects(trigger, "prep:between")]
        return list({r.key: r for r in refs if r is not None}.values())

    @staticmethod
    def passive(verb) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
            verb.dep_ == "acl" and verb.tag_ == "VBN")

    def clause_argument(self, noun) -> bool:
        """Whether a noun is an argument of its clause ("signed a treaty", "announced the establishment
        of a partnership"), not part of an adjunct ("since the invasion of Ukraine")."""
        tok = noun
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head.head
            while tok.dep_ == "conj" and tok.head.i != tok.i:
                tok = tok.head
        if tok.dep_ in ("dobj", "attr", "oprd", "nsubj", "nsubjpass", "appos", "ROOT"):
            return True
        return tok.dep_ == "pobj" and tok.head.lower_ in ("with", "in", "on", "to", "into", "for", "at", "toward",
                                                          "towards", "about") \
            and tok.head.head.pos_ in ("VERB", "AUX", "NOUN")

    def conjunct_subjects(self, verb) -> list[Ref]:
        """The other members of a coordinated subject ("Germany, France and Italy signed")."""
        out = []
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            heads = [child] + [g for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                               and self.match_title([child.text]) for g in p.children if g.dep_ == "pobj"]
            for head in heads:
                out += [r for r in map(self.ref, head.conjuncts) if r is not None]
                # a coordination the parser read as a modifier: "A and B signed" with A an nmod of B
                out += [r for r in (self.ref(c) for c in head.children if c.dep_ in ("nmod", "compound")
                                    and any(cc.lower_ == "and" for cc in c.children if cc.dep_ == "cc"))
                        if r is not None and r.key != (self.ref(head).key if self.ref(head) else None)]
        return out

    def objects(self, trigger, slot: str) -> list:
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
        else:
            deps = {"dobj": ("dobj",), "attr": ("attr",), "oprd": ("oprd",)}[slot]
            found = [c for c in trigger.children if c.dep_ in deps]
            if slot == "dobj" and trigger.tag_ == "VBN" and trigger.dep_ == "acl" and not found:
                found = [trigger.head]  # "the SCO, chaired by Kazakhstan"
            if slot == "dobj" and any(c.dep_ == "nsubjpass" for c in trigger.children):
                found = [c for c in trigger.children if c.dep_ == "nsubjpass"]
        out = []
        for tok in found:
            out.append(tok)
            out += [c for c in tok.conjuncts if c.i > tok.i]
        return out

    # ------------------------------------------------------------------ relations
    def relation(self, s: str, p: str, o: str, sent, rule: str, confidence: float, **kw) -> Relation:
        return Relation(subject=s, predicate=p, object=o, sentence=sent.text.strip(),
                        char_start=sent.start_char + (len(sent.text) - len(sent.text.lstrip())),
                        char_end=sent.start_char + len(sent.text.rstrip()), rule=rule,
                        confidence=round(confidence, 2), **kw)

    def find_relations(self) -> list[tuple[Relation, object]]:
        found: list[tuple[Relation, object]] = []
        by_lemma = self.rules.by_lemma
        for tok in self.toks:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX"):
                rules = by_lemma.get(("verb", lemma), ())
            elif tok.pos_ in ("NOUN", "PROPN"):
                rules = by_lemma.get(("noun", lemma), ())
            else:
                rules = ()
            for rule in rules:
                found += self.apply(rule, tok)
            if tok.dep_ == "amod" and "-" in tok.text or tok.lower_ in self.modifiers:
                found += self.apply_modifier(tok)
        found += self.titles()
        found += self.events_in()
        found += self.place_country()
        return found

    def needs_ok(self, rule: Rule, trigger) -> bool:
        if not rule.needs:
            return True
        clause = self.clause_tokens(trigger if trigger.pos_ in ("VERB", "AUX") else self.clause_verb(trigger))
        words = {t.lemma_.lower() for t in clause} | {t.lower_ for t in clause}
        return bool(words & set(rule.needs))

    def apply(self, rule: Rule, trigger) -> list[tuple[Relation, object]]:
        if rule.particle and not any(c.dep_ == "prt" and c.lower_ == rule.particle for c in trigger.children):
            return []
        if not self.needs_ok(rule, trigger):
            return []
        if rule.kind == "verb":
            subject = self.subject_of(trigger)
            if self.passive(trigger) and rule.object == "dobj":
                agent = next((c for c in trigger.children if c.dep_ == "agent"), None)
                subject = self.ref(next((c for c in agent.children if c.dep_ == "pobj"), agent)) if agent else None
                if subject is None and rule.subject:  # "Hezbollah, which is banned in Germany"
                    subject = next((self.ref(o) for o in self.objects(trigger, rule.subject) if self.ref(o)), None)
        else:
            subject = None
            if rule.subject:
                subject = next((self.ref(o) for o in self.objects(trigger, rule.subject) if self.ref(o)), None)
                if subject is None:
                    return []
            if subject is None and trigger.dep_ == "appos":
                subject = self.ref(trigger.head)
            for child in ([] if subject else trigger.children):
                if rule.object == child.dep_:  # the object's slot is not the subject's
                    continue
                if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < trigger.i:
                    subject = self.ref(child)
                    if subject:
                        break
            if subject is None:
                by = next((c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by"), None)
                if by is not None:
                    subject = self.ref(next((c for c in by.children if c.dep_ == "pobj"), by))
            if subject is None and self.clause_argument(trigger):
                subject = self.subject_of(self.clause_verb(trigger))
        if subject is None:
            pair = self.between(trigger) if rule.predicate in self.rules.ontology.symmetric else []
            rels = [self.make(rule.predicate, pair[0], b, trigger, rule.name, rule.confidence) for b in pair[1:]]
            return [(r, trigger) for r in rels if r is not None]
        subjects = [subject]
        if subject.via not in ("compound",):  # "Rahmon and Blinken attended": every conjunct is a subject
            verb = trigger if rule.kind == "verb" else self.clause_verb(trigger)
            subjects += self.conjunct_subjects(verb)
        objs = self.objects(trigger, rule.object)
        if not any(self.ref(o) for o in objs) and rule.predicate in self.rules.ontology.symmetric:
            # "Thailand and Cambodia signed an agreement", "the partnership between Egypt and Greece"
            group = subjects if len(subjects) > 1 and (rule.kind == "verb" or rule.coordinated) else self.between(trigger)
            out = []
            for a, b in ((a, b) for k, a in enumerate(group) for b in group[k + 1:]):
                rel = self.make(rule.predicate, a, b, trigger, rule.name, rule.confidence)
                if rel is not None:
                    out.append((rel, trigger))
            return out
        if rule.implicit_object and not any(self.ref(o) for o in objs):
            objs = [self.place_in_sentence(trigger, subject)]
            if objs[0] is None and rule.predicate == "governs":
                governed = [c for c, org in self.governments.items() if org == subject.key]
                objs = [Ref(governed[0], "implicit")] if len(governed) == 1 else []
        if rule.designation:
            objs = [self.designation_target(o) for o in objs]
        out = []
        for obj_tok in objs:
            obj = obj_tok if isinstance(obj_tok, Ref) else (self.ref(obj_tok) if obj_tok is not None else None)
            if obj is None or (rule.range and not any(self.rules.ontology.is_a(self.ents[obj.key].cls, c)
                                                       for c in rule.range)):
                continue
            for subj in subjects:
                rel = self.make(rule.predicate, subj, obj, trigger, rule.name, rule.confidence)
                if rel is not None:
                    out.append((rel, trigger))
        return out

    def place_in_sentence(self, trigger, subject: Ref | None) -> Ref | None:
        """The country or place a sentence names (nearest to the trigger), other than the subject."""
        best = None
        for tok in trigger.sent:
            ref = self.ref(tok) if tok.pos_ in ("PROPN", "NOUN") else None
            if ref is None or (subject and ref.key == subject.key) or not self.rules.ontology.is_a(self.ents[ref.key].cls, "Place"):
                continue
            if best is None or abs(tok.i - trigger.i) < best[0]:
                best = (abs(tok.i - trigger.i), Ref(ref.key, "implicit", ref.state))
        return best[1] if best else None

    def designation_target(self, tok) -> Ref | None:
        """"revoked this designation" -> whom the earlier designation named."""
        if tok is None or tok.lemma_.lower() not in DESIGNATION_NOUNS:
            return self.ref(tok) if tok is not None else None
        for child in tok.children:  # "the designation of the Taliban"
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and self.ref(pobj):
                    return self.ref(pobj)
        earlier = [key for i, key in self.designations if i < tok.i]
        return Ref(earlier[-1], "designation") if earlier else None

    def apply_modifier(self, tok) -> list[tuple[Relation, object]]:
        """"the Russia- and China-led SCO", "U.S.-backed government": X modifies Y."""
        word = tok.lower_.split("-")[-1]
        rule = self.modifiers.get(word)
        if rule is None:
            return []
        target = tok.head
        ref_t = self.ref(target)
        if ref_t is not None and self.ents[ref_t.key].cls == "Meeting":
            owner = next((c for c in target.children if c.dep_ in ("compound", "nmod") and c.i in self.token_ref
                          and self.token_ref[c.i].key != ref_t.key), None)
            ref_t = self.token_ref[owner.i] if owner is not None else None
        if ref_t is None:
            return []
        heads = []
        if "-" in tok.text and tok.text.split("-")[0]:  # "U.S.-backed" as one token
            entry = self.lookup(tok.text.rsplit("-", 1)[0]) or self.demonym(tok.text.rsplit("-", 1)[0])
            if entry is not None:
                heads.append(Ref(self.entity(entry.name, entry.cls, entry=entry), "modifier"))
        else:
            prev = [t for t in tok.doc[max(tok.sent.start, tok.i - 8): tok.i] if t.text != "-"]
            for t in reversed(prev):
                entry = None if t.i in self.token_ref else (self.lookup(t.text.rstrip("-")) or self.demonym(t.text.rstrip("-")))
                if t.i in self.token_ref:
                    heads.append(self.token_ref[t.i])
                elif entry is not None and entry.cls in ("Country", "InternationalOrganization"):
                    heads.append(Ref(self.entity(entry.name, entry.cls, entry=entry), "modifier"))
                elif t.lower_ not in ("and", ",", "-"):
                    break
        out = []
        for head in {h.key: h for h in heads}.values():
            rel = self.make(rule.predicate, head, ref_t, tok, rule.name, rule.confidence)
            if rel is not None:
                out.append((rel, tok))
        return out

    def titles(self) -> list[tuple[Relation, object]]:
        """"Russian Security Council Secretary Sergei Shoigu", "President of Tajikistan Emomali Rahmon",
        "Shoigu, Russia's defense minister", "served as Russia's defense minister"."""
        out = []
        doc = self.doc
        for key, ent in list(self.ents.items()):
            if ent.cls != "Person":
                continue
            for m in ent.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                found = self.title_before(span) or self.title_apposition(span) or self.title_head(span)
                for role, org, anchor in found or ():
                    self.roles.setdefault(key, role)
                    if org is None and role.lower() in self.rules.head_of_state_titles:
                        org = self.main_country()
                        if org is None:
                            continue
                    rel = self.make("holdsPosition", Ref(key), org, anchor, "title", 0.85, role=role)
                    if rel is not None:
                        out.append((rel, anchor))
        for tok in self.toks:  # "served as X's defense minister"
            if tok.lemma_ == "serve" and tok.pos_ in ("VERB", "AUX"):
                subj = self.subject_of(tok)
                for obj in self.objects(tok, "prep:as"):
                    role_org = self.role_phrase(obj)
                    if subj and role_org:
                        rel = self.make("holdsPosition", subj, role_org[1], tok, "verb:serve/prep:as", 0.85,
                                        role=role_org[0])
                        if rel is not None:
                            out.append((rel, tok))
        return out

    def main_country(self) -> Ref | None:
        """The country the article is most about: the one named most often (ties: the first named)."""
        counts = [(len(e.mentions), -min(m.start for m in e.mentions), e.key) for e in self.ents.values()
                  if e.cls == "Country" and e.mentions]
        return Ref(max(counts)[2], "main-country") if counts else None

    def match_title(self, words: list[str]) -> str | None:
        """The longest title the words end with ("Deputy Prime Minister" -> "deputy prime minister")."""
        ws = " ".join(words).lower().replace(" - ", "-").split()
        for k in range(len(ws)):
            tail = " ".join(ws[k:])
            if tail in self.title_set:
                return tail
        if ws and "-" in ws[-1]:
            return self.match_title(ws[:-1] + ws[-1].split("-"))
        return None

    def title_before(self, span):
        """Titles before a name: "[ORG] TITLE NAME", "TITLE of COUNTRY NAME", "[demonym] TITLE NAME"."""
        doc = self.doc
        seq = []  # (token, entity ref or None), in text order
        i = span.start - 1
        while i >= span.sent.start and len(seq) < 10:
            tok = doc[i]
            ref = self.token_ref.get(i)
            if ref is None and "-" not in tok.text[1:]:
                country = self.demonym(tok.text)
                if country is not None and country.cls == "Country" and tok.text[:1].isupper():
                    ref = Ref(self.entity(country.name, "Country", entry=country), "demonym", True)
            if ref is None and not (tok.is_alpha and (tok.text[:1].isupper() or tok.lower_ in self.title_words)
                                    or tok.lower_ in ("of", "-")):
                break
            seq.insert(0, (tok, ref))
            i -= 1
        if not seq or seq[-1][1] is not None and seq[-1][1].key == self.token_ref.get(span.start, Ref("")).key:
            return None

        def text(words) -> str:
            return self.text[words[0].idx: words[-1].idx + len(words[-1])]

        refs = [k for k, (_, ref) in enumerate(seq) if ref is not None]
        if refs and refs[-1] == len(seq) - 1:  # "President of Tajikistan"
            first = refs[-1]
            while first > 0 and seq[first - 1][1] is not None and seq[first - 1][1].key == seq[-1][1].key:
                first -= 1
            for k in range(len(seq) - 1, -1, -1):  # "Secretary of State": a title that ends in a name
                words = [t for t, _ in seq[k:]]
                if k and seq[k - 1][1] is not None and self.match_title([w.text for w in words]) and \
                        len(self.match_title([w.text for w in words]).split()) == len(words):
                    return [(text(words), seq[k - 1][1], span.root)]
            if first >= 2 and seq[first - 1][0].lower_ == "of":
                words = [t for t, r in seq[:first - 1] if r is None]
                if words and self.match_title([w.text for w in words]):
                    return [(text(words), seq[-1][1], span.root)]
            return None
        last = refs[-1] if refs else -1
        words = [t for t, _ in seq[last + 1:]]
        words = words[next((k for k, w in enumerate(words) if w.lower_ not in ("of", "-")), len(words)):]
        if not words or not self.match_title([w.text for w in words]):
            return None
        return [(text(words), seq[last][1] if last >= 0 else None, span.root)]

    def title_head(self, span):
        """"Its foreign minister, Mauro Vieira": the name in apposition to a title; "his Egyptian
        counterpart Badr Abdelatty": the role of the clause's subject, in another country."""
        head = span.root.head
        if span.root.dep_ not in ("appos", "compound") or head.i == span.root.i:
            return None
        if head.lower_ == "counterpart":
            country = next((self.ref(c) for c in head.children if c.dep_ in ("amod", "compound") and self.ref(c)), None)
            subject = self.subject_of(self.clause_verb(head))
            role = self.roles.get(subject.key) if subject else None
            return [(role, country, span.root)] if role and country else None
        role_org = self.role_phrase(head)
        return [(role_org[0], role_org[1], span.root)] if role_org else None

    def title_apposition(self, span):
        for child in span.root.children:
            if child.dep_ == "appos":
                role_org = self.role_phrase(child)
                if role_org:
                    return [(role_org[0], role_org[1], child)]
        return None

    def role_phrase(self, noun):
        """"Russia's defense minister" -> ("defense minister", Russia); "the president of Iran" likewise."""
        words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "poss", "case", "punct")
                 and t.i not in self.token_ref and t.pos_ in ("NOUN", "PROPN", "ADJ")]
        title = self.match_title([t.text for t in words])
        if not title:
            return None
        org = None
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and child.i in self.token_ref):
                org = self.ref(child)
            if child.dep_ == "prep" and child.lower_ in ("of", "at", "for"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                org = org or (self.ref(pobj) if pobj is not None else None)
        if org is None:
            return None
        return " ".join(t.text for t in words), org

    def place_country(self) -> list[tuple[Relation, object]]:
        """"Samarkand, Uzbekistan": a place followed by its country is located in it."""
        out = []
        for i, ref in self.token_ref.items():
            tok = self.doc[i]
            if self.ents[ref.key].cls == "Country" or not self.rules.ontology.is_a(self.ents[ref.key].cls, "Place"):
                continue
            nxt = i + 1
            while nxt in self.token_ref and self.token_ref[nxt].key == ref.key:
                nxt += 1
            if nxt + 1 < len(self.doc) and self.doc[nxt].text == "," and nxt + 1 in self.token_ref:
                country = self.token_ref[nxt + 1]
                if self.ents[country.key].cls == "Country":
                    rel = self.make("locatedIn", ref, country, tok, "name:place-country", 0.8)
                    if rel is not None:
                        out.append((rel, tok))
        return out

    def events_in(self) -> list[tuple[Relation, object]]:
        """"the SCO summit in Samarkand": the meeting is located in the place."""
        out = []
        for i, ref in list(self.token_ref.items()):
            tok = self.doc[i]
            if ref.via != "event":
                continue
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        place = self.ref(pobj)
                        if place is not None:
                            rel = self.make("locatedIn", ref, place, tok, "event:in", 0.75)
                            if rel is not None:
                                out.append((rel, tok))
        return out

    def make(self, predicate: str, subject: Ref | None, obj: Ref | None, anchor, rule: str, confidence: float,
             role: str | None = None) -> Relation | None:
        if subject is None or obj is None:
            return None
        s_key, o_key = self.actor(subject), self.actor(obj) if predicate not in ("governs", "locatedIn", "visits",
                                                                                  "withdrawsFrom") else obj.key
        if s_key == o_key:
            return None
        onto = self.rules.ontology
        if not onto.admits(predicate, self.ents[s_key].cls, self.ents[o_key].cls):
            return None
        weak = ("pronoun", "definite", "descriptor", "designation", "implicit", "main-country")
        penalty = (0.9 if subject.via in weak else 1.0) * (0.7 if obj.via == "main-country" else 0.9 if obj.via in weak else 1.0)
        rel = self.relation(s_key, predicate, o_key, anchor.sent, rule, confidence * penalty, role=role)
        if predicate == "designatesAsTerrorist":
            self.designations.append((anchor.i, o_key))
        return rel

    def actor(self, ref: Ref) -> str:
        """A state as an actor is its government: Kabul -> the Taliban when the article says they govern."""
        if ref.state and ref.key in self.governments:
            return self.governments[ref.key]
        return ref.key

    # ------------------------------------------------------------------ dates, modality, speaker
    def clause_tokens(self, verb) -> list:
        """The tokens of a clause, without its subordinate clauses."""
        out, todo = [], [verb]
        while todo:
            tok = todo.pop()
            out.append(tok)
            for child in tok.children:
                if child.dep_ in CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
                    continue
                if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and tok.pos_ in ("VERB", "AUX"):
                    continue
                todo.append(child)
        return out

    def date_of(self, anchor, timexes: list[Timex]):
        """The date of the clause a relation stands in: its own timex, else its coordinated head's.

        A noun trigger takes its clause's date only as a direct argument of the clause's verb
        ("announced a partnership on Monday"), not inside a description ("the Taliban government in Kabul").
        """
        if anchor.pos_ not in ("VERB", "AUX"):
            own = [tx for tx in timexes if anchor.left_edge.idx <= tx.start and tx.end <= anchor.right_edge.idx + len(anchor.right_edge)]
            first = anchor
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            direct = first.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd") or (
                first.dep_ == "pobj" and first.head.head.pos_ in ("VERB", "AUX"))
            if not direct:
                return self.pick(own, anchor)
        verb = anchor if anchor.pos_ in ("VERB", "AUX") else self.clause_verb(anchor)
        for _ in range(3):
            toks = self.clause_tokens(verb)
            spans = [(t.idx, t.idx + len(t)) for t in toks]
            best = None
            for tx in timexes:
                ranged = bool(tx.begin and tx.end_value)
                if not ranged and (tx.type != "DATE" or self.xsd(tx.value) is None):
                    continue
                if any(s < tx.end and tx.start < e for s, e in spans):
                    rank = (not ranged, abs(tx.start - anchor.idx))
                    if best is None or rank < best[0]:
                        best = (rank, tx)
            if best:
                return best[1]
            if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
                verb = verb.head
                continue
            if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.rules.reporting_verbs \
                    and self.present(verb):
                verb = verb.head  # "Moscow is building ties, Shoigu said Thursday"
                continue
            return None
        return None

    def speech_act(self, anchor):
        """The speech-act verb a relation belongs to: its own verb, or the verb its clause modifies
        ("Speaking at the summit, X underscored ...")."""
        if anchor.pos_ not in ("VERB", "AUX"):
            return None
        for tok in (anchor, anchor.head):
            if tok.lemma_.lower() in self.rules.speech_verbs and tok.pos_ in ("VERB", "AUX"):
                return tok
            if anchor.dep_ not in ("advcl", "xcomp"):
                break
        return None

    def occasion_dates(self, timexes: list[Timex]) -> dict[str, list]:
        """Speakers whose statements the article dates: speaker key -> [(position, timex)]."""
        dated: dict[str, list] = defaultdict(list)
        for tok in self.toks:
            if tok.lemma_.lower() in self.rules.speech_verbs and tok.pos_ in ("VERB", "AUX"):
                spans = [(t.idx, t.idx + len(t)) for t in self.clause_tokens(tok)]
                own = [tx for tx in timexes if tx.type == "DATE" and self.xsd(tx.value) and
                       any(s < tx.end and tx.start < e for s, e in spans)]
                subject = self.subject_of(tok)
                if own and subject is not None:
                    dated[subject.key].append((tok.i, self.pick(own, tok)))
        return dated

    def occasion_date(self, anchor, dated: dict[str, list]):
        """The date of the speaker's dated statement, for an undated speech act in the simple past."""
        act = self.speech_act(anchor)
        if act is None or act.tag_ not in ("VBD", "VBN", "VBG"):
            return None
        if any(c.dep_ == "aux" and c.lemma_ in ("have", "will", "shall") for c in act.children):
            return None
        words = {t.lower_ for t in self.clause_tokens(act)}
        if words & self.rules.anterior_words:
            return None
        speaker = self.subject_of(act)
        earlier = [tx for i, tx in dated.get(speaker.key, ()) if i <= act.i] if speaker else []
        return earlier[-1] if earlier else None

    def pick(self, timexes: list[Timex], anchor):
        usable = [tx for tx in timexes if (tx.begin and tx.end_value) or (tx.type == "DATE" and self.xsd(tx.value))]
        return min(usable, key=lambda tx: (not (tx.begin and tx.end_value), abs(tx.start - anchor.idx)), default=None)

    def present(self, verb) -> bool:
        tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        return bool(tags & {"VBZ", "VBP"}) and "VBD" not in tags

    @staticmethod
    def xsd(value: str):
        return xsd_date(value)

    def modality(self, anchor) -> tuple[str, str | None, str | None]:
        """(modality, speaker, outlet) of the clause a relation stands in."""
        verb = anchor if anchor.pos_ in ("VERB", "AUX") else self.clause_verb(anchor)
        tok = verb
        mode, speaker, outlet = "asserted", None, None

        def source(ref: Ref | None) -> None:
            nonlocal speaker, outlet
            if ref is None:
                return
            if self.ents[ref.key].cls == "MediaOrganization":
                outlet = outlet or ref.key
            else:
                speaker = speaker or ref.key
        # negation on the verb or "No country"
        if any(c.dep_ == "neg" for c in verb.children) or any(
                d.lower_ in ("no", "never") for c in verb.children if c.dep_ in SUBJECT_DEPS for d in c.children):
            mode = "negated"
        elif any(c.dep_ in ("aux",) and c.lower_ in self.rules.future_modals for c in verb.children):
            mode = "planned"
        elif any(c.dep_ == "aux" and c.lower_ in self.rules.hypothetical_modals for c in verb.children):
            mode = "hypothetical"
        elif anchor.i != verb.i and verb.lemma_.lower() in self.rules.planning_verbs:
            mode = "planned"  # "to consider sanctions", "plans a visit"
        steps = 0
        while tok.head.i != tok.i and steps < 6:
            steps += 1
            head = tok.head
            if mode == "asserted" and tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in self.rules.planning_verbs:
                mode = "planned"
            if mode == "asserted" and tok.dep_ in ("acl", "relcl", "pcomp") and (
                    head.lemma_.lower() in PLAN_NOUNS or head.pos_ == "ADP" and head.head.lemma_.lower() in PLAN_NOUNS):
                mode = "planned"
            if tok.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in self.rules.reporting_verbs:
                if mode == "asserted":
                    mode = "reported"
                source(self.subject_of(head))
            tok = head
        for t in anchor.sent:  # "was quoted as saying by TASS", "the Xinhua news agency reported"
            if t.lemma_.lower() in self.rules.reporting_verbs and t.i != verb.i:
                subj = self.subject_of(t)
                if subj is not None and self.ents[subj.key].cls == "MediaOrganization":
                    source(subj)
        if mode == "hypothetical" and speaker and any(
                c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
            mode = "planned"  # "said Russia would deepen ties": the future seen from the past
        for t in anchor.sent:  # "according to Shoigu"
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                pobj = next((c for c in self.doc[t.i + 1].children if c.dep_ == "pobj"), None)
                ref = self.ref(pobj) if pobj is not None else None
                if ref is not None:
                    source(ref)
                    mode = "reported" if mode == "asserted" else mode
        return mode, speaker, outlet

    def move_state_aliases(self) -> None:
        """"Kabul", "the Afghan government" as actors name the Taliban once the article says they govern."""
        for country, org in self.governments.items():
            if country not in self.ents or org not in self.ents:
                continue
            ent = self.ents[country]
            entry = self.gaz.get(country) if self.gaz else None
            capital = {entry.capital} if entry is not None and entry.capital else set()
            moved = {a for a in ent.aliases if a in capital or a.split()[-1].lower() == "government"}
            ent.aliases -= moved
            self.ents[org].aliases |= moved

    # ------------------------------------------------------------------ the whole document
    def run(self, timexes: list[Timex]) -> Extraction:
        self.collect_entities()
        found = self.find_relations()
        # the article's own statements about who governs which country decide what "Kabul" means
        for rel, _ in found:
            if rel.predicate == "governs" and self.ents[rel.subject].cls != "Country" \
                    and self.ents[rel.object].cls == "Country":
                self.governments.setdefault(rel.object, rel.subject)
        if self.governments:
            self.designations.clear()
            found = self.find_relations()
        relations = []
        dated = self.occasion_dates(timexes)
        for rel, anchor in found:
            tx = None if rel.rule == "title" else self.date_of(anchor, timexes) or self.occasion_date(anchor, dated)
            mode, speaker, outlet = self.modality(anchor)
            kw = {}
            if tx is not None:
                if tx.begin or tx.end_value:
                    kw = {"start": tx.begin, "end": tx.end_value}
                else:
                    kw = {"date": self.xsd(tx.value)[0]}
                kw["date_text"] = tx.text
            if rel.rule == "title":  # "Prime Minister Anwar Ibrahim" describes, it does not report
                mode, speaker, outlet = "asserted", None, None
            relations.append(replace(rel, modality=mode, speaker=speaker if speaker != rel.subject else None,
                                     reported_by=outlet, **kw))
        self.move_state_aliases()
        bodies = {(r.predicate, r.object, r.subject.rsplit(" of ", 1)[1]) for r in relations if " of " in r.subject}
        relations = [r for r in relations if (r.predicate, r.object, r.subject) not in bodies]
        unique = {}
        for rel in relations:
            unique.setdefault((rel.subject, rel.predicate, rel.object, rel.char_start, rel.role), rel)
        used = {k for r in unique.values() for k in (r.subject, r.object, r.speaker, r.reported_by) if k}
        entities = tuple(
            Entity(key=e.key, name=e.name, cls=e.cls, aliases=tuple(sorted(a for a in e.aliases if a != e.name)),
                   mentions=tuple(sorted(e.mentions, key=lambda m: m.start)), ids=tuple(e.ids))
            for e in sorted(self.ents.values(), key=lambda e: e.key) if e.mentions or e.key in used)
        rels = tuple(sorted(unique.values(), key=lambda r: (r.char_start, r.predicate, r.subject, r.object)))
        return Extraction(document=self.document, entities=entities, relations=rels, timexes=tuple(timexes))


def extract(doc, document: Document, rules: Rules, gazetteer=None) -> Extraction:
    """Entities and relations of one parsed article (``doc._.timexes`` holds its temporal expressions)."""
    timexes = list(getattr(doc._, "timexes", None) or []) if doc.has_extension("timexes") else []
    return Extractor(doc, document, rules, gazetteer).run(timexes)
