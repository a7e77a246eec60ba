"""Titles and roles: "Russian Security Council Secretary Sergei Shoigu", "President of Tajikistan
Emomali Rahmon", "Shoigu, Russia's defense minister", "his Egyptian counterpart Badr Abdelatty".

Each gives a ``holdsPosition`` candidate (the `title` rule of rules.yaml) with the title as its role.
"""
from __future__ import annotations

from ..rules import Rules
from .candidates import Candidate, Maker
from .grammar import clause_verb, pobj_of
from .resolve import Resolver
from .table import EntityTable, Ref

#: Words that join a title to its organisation ("President of Iran", "Russia's President", "ex-").
CONNECTORS = ("of", "-", "'s", "’s")


def find(doc, table: EntityTable, res: Resolver, maker: Maker, rules: Rules) -> list[Candidate]:
    """The title candidates of every person's mentions, in the order of the entity table."""
    out = []
    for rule in rules.of_kind("title"):
        persons = [(key, span) for key, ent in list(table.ents.items()) if ent.cls == "Person"
                   for span in (doc.char_span(m.start, m.end, alignment_mode="expand") for m in ent.mentions)
                   if span is not None]
        titled = Titles(table, res, rules)
        found = [titled.before(span) or titled.apposition(span) or titled.head(span) or titled.as_role(span)
                 for _, span in persons]
        roles: dict[str, str] = {}  # person key -> the first role the article gives
        for (key, _), titles in zip(persons, found):
            for role, _org, _anchor in titles or ():
                roles.setdefault(key, role)
        found = [titles if any(org for _, org, _ in titles or ()) else titled.counterpart(span, roles) or titles
                 for (_, span), titles in zip(persons, found)]  # "his Bangladeshi counterpart Sheikh Hasina"
        named: dict[str, Ref] = {}  # person -> the country or body one of its titles names
        for (key, _), titles in zip(persons, found):
            for _role, org, _anchor in titles or ():
                if org is not None and table.cls(org.key) != "Person":
                    named.setdefault(key, org)
        for (key, _), titles in zip(persons, found):
            for role, org, anchor in titles or ():
                if org is not None and table.cls(org.key) == "Person":
                    continue  # "Putin's adviser": a person's aide holds no position in the person
                if org is None:
                    org = state_of_office(key, role, named, table, rules)
                    if org is None:
                        continue
                made = maker.make(rule, Ref(key), org, anchor, role=role)
                if made is not None:
                    out.append(made)
    return out


def state_of_office(person: str, role: str, named: dict[str, Ref], table: EntityTable, rules: Rules) -> Ref | None:
    """The state of a head-of-state or government title that names none ("President Vladimir Putin",
    "Defense Minister Wladyslaw Kosiniak-Kamysz"): the one the person's other titles in the article
    name, else the one whose office the person held then, else the country the article is most about."""
    title = rules.match_title(role.split())
    words = set(title.split())
    if title not in rules.head_of_state_titles and (not words & rules.state_office_words or "general" in words):
        return None  # "Secretary General Guterres" holds no office in the article's country
    return named.get(person) or held_office(person, role, table, rules) or main_country(table)


def held_office(person: str, role: str, table: EntityTable, rules: Rules) -> Ref | None:
    """The country whose office the role names and the person held on the article's date, from the
    officeholders the gazetteer lists ("Prime Minister Anthony Albanese" in 2023: Australia)."""
    office = rules.office_of(role)
    if office is None or table.gaz is None or person not in table.ents:
        return None
    countries = {h.country for h in table.gaz.holders(table.ents[person].name)
                 if h.office == office and h.held_on(table.day)}
    entry = table.gaz.get(countries.pop()) if len(countries) == 1 else None
    return Ref(table.add_entry(entry), "officeholder", True) if entry is not None else None


def main_country(table: EntityTable) -> Ref | None:
    """The country the article is about: the one named most often, when it is named at least half again as
    often as any other (an article about two countries gives no head of state away)."""
    mentions: dict[str, list] = {}  # a capital named as a place still tells what the article is about
    for e in table.ents.values():
        state = e.key if e.cls == "Country" else capital_state(e, table)
        if state is not None and e.mentions:
            mentions.setdefault(state, []).extend(m.start for m in e.mentions)
    counts = sorted(((len(starts), -min(starts), key) for key, starts in mentions.items()), reverse=True)
    if not counts or len(counts) > 1 and counts[0][0] < 1.5 * counts[1][0]:
        return None
    return Ref(counts[0][2], "main-country")


def capital_state(ent, table: EntityTable) -> str | None:
    """The key of the state whose capital ``ent`` is, when the article names that state too."""
    if ent.cls != "City" or not ent.gazetteer or table.gaz is None:
        return None
    country = table.gaz.capital_of(ent.key)
    return country.name if country is not None and country.name in table.ents else None


def role_phrase(noun, res: Resolver, rules: Rules, need_org: bool = True):
    """"Russia's defense minister" -> ("defense minister", Russia); "the president of Iran" likewise
    (with ``need_org=False``, also a role with no organisation: ("prime minister", None))."""
    refs = res.refs
    words = []  # the words right before the noun, and the noun: "the current Chairperson", not "Thursday ..."
    for t in reversed(noun.doc[noun.left_edge.i: noun.i + 1]):
        if t.dep_ in ("det", "poss", "case") or t.i in refs or t.pos_ not in ("NOUN", "PROPN", "ADJ"):
            break
        words.insert(0, t)
    if not rules.match_title([t.text for t in words]):
        return None
    org = None
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "amod") and child.i in refs):
            org = res.ref(child)
        if child.dep_ == "prep" and child.lower_ in ("of", "at", "for"):
            pobj = pobj_of(child)
            org = org or (res.ref(pobj) if pobj is not None else None)
    if org is None and need_org:
        return None
    return bare_role(" ".join(t.text for t in words), rules), org


def sentence_start(span) -> int:
    """The first token of the span's sentence, or of the one before when the parser split a sentence
    where no punctuation ends it ("...President of Kyrgyzstan | Sadyr Japarov following talks")."""
    start = span.sent.start
    while start > 0 and not span.doc[start - 1].is_punct and not span.doc[start - 1].is_space:
        start = span.doc[start - 1].sent.start
    return start


def bare_role(role: str, rules: Rules) -> str:
    """A role without the words that date it ("current chairperson" -> "chairperson"; the interval
    they imply is the date's business).

    >>> from kg.rules import load_rules
    >>> bare_role("New Foreign Minister", load_rules()), bare_role("former president", load_rules())
    ('Foreign Minister', 'president')
    """
    words = role.split()
    while len(words) > 1 and words[0].lower() in rules.role_modifiers:
        words.pop(0)
    return " ".join(words)


class Titles:
    """The title shapes around one person's mention; each returns [(role, org ref or None, anchor)] or None."""

    def __init__(self, table: EntityTable, res: Resolver, rules: Rules):
        self.table, self.res, self.rules = table, res, rules
        self.doc, self.text = table.doc, table.text

    def before(self, span):
        """Titles before a name: "[ORG] TITLE NAME", "TITLE of COUNTRY NAME", "[demonym] TITLE NAME"."""
        doc, rules, refs = self.doc, self.rules, self.table.token_ref
        seq = []  # (token, entity ref or None), in text order
        i, start = span.start - 1, sentence_start(span)
        j = i
        while j > start and (doc[j].lower_ in rules.royal_styles or doc[j].lower_ in rules.honorifics) and j not in refs:
            j -= 1  # "the Emir of Qatar, Sheikh" + "Tamim bin Hamad Al Thani"
        if j - 1 >= start and doc[j].text == "," and doc[j - 1].text[:1].isupper() \
                and doc[j - 1].lower_ in rules.title_words and doc[j - 1].i not in refs:
            i = j - 1  # "Chinese Foreign Ministry Spokesperson, Mao Ning said"
        elif j - 3 >= start and doc[j].text == "," and refs.get(j - 1) is not None and doc[j - 2].lower_ == "of" \
                and doc[j - 3].lower_ in rules.title_words \
                and (span.end >= len(doc) or doc[span.end].is_punct or doc[span.end].dep_ == "cc"):
            i = j - 1  # "the Emir of Qatar, Sheikh Tamim bin Hamad Al Thani," (a name set off by commas)
        posting, listed = None, None  # "Ambassador to the Philippines", "Envoy for South and Central Asia"
        top = i  # the title's last token
        while i >= start and len(seq) < 10:
            tok = doc[i]
            ref = refs.get(i)
            if tok.lower_ in ("to", "for") and i - 1 >= start and doc[i - 1].lower_ in rules.title_words and seq:
                posting, seq, listed = (tok.idx, doc[top].idx + len(doc[top])), [], None
                i -= 1  # the posting is part of the role; the employer stands before the title
                continue
            if tok.lower_ == "the" and i - 1 >= start and doc[i - 1].lower_ in ("to", "for") and seq:
                i -= 1
                continue
            if tok.lower_ in ("and", ",") and posting is None and seq and seq[0][1] is not None \
                    and refs.get(i - 1) is not None:
                listed = len(seq) if listed is None else listed  # places of a posting, if a "to" or "for" comes
                seq.insert(0, (tok, None))
                i -= 1
                continue
            if ref is None and "-" not in tok.text[1:] and tok.text[:1].isupper():
                country = self.table.country_of_demonym(tok.text)
                if country is not None:
                    ref = Ref(self.table.add_entry(country), "demonym", True)
            if ref is None and tok.text == ")" and i - 2 >= start and doc[i - 2].text == "(" \
                    and refs.get(i - 3) is not None:  # "Tehrik-i-Taliban Pakistan (TTP) leader": the acronym
                i -= 3
                continue
            if ref is None and not (tok.is_alpha and (tok.text[:1].isupper() or tok.lower_ in rules.title_words
                                                      or tok.lower_ in rules.role_modifiers) or tok.lower_ in CONNECTORS):
                break
            seq.insert(0, (tok, ref))
            i -= 1
        if listed is not None and posting is None:
            seq = seq[len(seq) - listed:]  # no posting: the list was not one
        if not seq or seq[-1][1] is not None and seq[-1][1].key == refs.get(span.start, Ref("")).key:
            return None

        def text(words) -> str:
            return self.text[words[0].idx: words[-1].idx + len(words[-1])]

        marked = [k for k, (_, ref) in enumerate(seq) if ref is not None]
        if marked and marked[-1] == len(seq) - 1:  # "President of Tajikistan"
            first = marked[-1]
            while first > 0 and seq[first - 1][1] is not None and seq[first - 1][1].key == seq[-1][1].key:
                first -= 1
            for k in range(len(seq) - 1, -1, -1):  # "Secretary of State": a title that ends in a name
                words = [t for t, _ in seq[k:]]
                title = rules.match_title([w.text for w in words]) if k and seq[k - 1][1] is not None else None
                if title and len(title.split()) == len(words):
                    return [(text(words), seq[k - 1][1], span.root)]
            if first >= 2 and seq[first - 1][0].lower_ == "of":
                words = [t for t, r in seq[:first - 1] if r is None]
                if words and rules.match_title([w.text for w in words]):
                    return [(text(words), seq[-1][1], span.root)]
            return None
        last = marked[-1] if marked else -1
        words = [t for t, _ in seq[last + 1:]]
        words = words[next((k for k, w in enumerate(words) if w.lower_ not in CONNECTORS), len(words)):]
        if not words or not rules.match_title([w.text for w in words]):
            return None
        role = bare_role(text(words), rules) + (" " + self.text[posting[0]:posting[1]] if posting else "")
        return [(role, seq[last][1] if last >= 0 else self.of_after(span), span.root)]

    def of_after(self, span) -> Ref | None:
        """"Foreign Minister Olivier Nduhungirehe of Rwanda": the organisation after the name."""
        for child in span.root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = pobj_of(child)
                ref = self.res.ref(pobj) if pobj is not None else None
                if ref is not None and self.table.cls(ref.key) != "Person":
                    return ref
        return None

    def head(self, span):
        """"Its foreign minister, Mauro Vieira": the name in apposition to a title."""
        head = span.root.head
        if span.root.dep_ not in ("appos", "compound") or head.i == span.root.i \
                or head.lower_ in self.rules.counterpart_words:
            return None
        role_org = role_phrase(head, self.res, self.rules)
        return [(role_org[0], role_org[1], span.root)] if role_org else None

    def counterpart(self, span, roles: dict[str, str]):
        """"his Egyptian counterpart Badr Abdelatty": the role of the clause's subject, in another country."""
        head, res = span.root.head, self.res
        inner = next((c for c in span.root.children if c.dep_ == "compound" and c.i < span.start
                      and c.lower_ in self.rules.counterpart_words), None)
        before = span.doc[span.start - 1] if span.start else None
        if inner is not None:  # "Albanese and counterpart James Marape": the word inside the name's phrase
            head = inner
        elif before is not None and before.lower_ in self.rules.counterpart_words and before.dep_ == "conj" \
                and span.root.head.i != before.i:  # "A and his Kyrgyz counterpart | B will sign": a lost attachment
            head = before
        elif span.root.dep_ not in ("appos", "compound") or head.i == span.root.i \
                or head.lower_ not in self.rules.counterpart_words:
            return None
        country = next((res.ref(c) for c in head.children if c.dep_ in ("amod", "compound") and res.ref(c)), None)
        if head.dep_ == "conj":  # "Modi and his Bangladeshi counterpart Hasina", "A and his counterpart | B"
            subject = res.ref(head.head)
        elif inner is not None and span.root.dep_ == "conj":
            subject = res.ref(span.root.head)
        else:
            subject = res.subject_of(clause_verb(head))
        role = roles.get(subject.key) if subject else None
        person = self.table.token_ref.get(span.root.i)
        if role and country is None and person is not None:  # "counterpart James Marape": the office he held
            country = held_office(person.key, role, self.table, self.rules)
        return [(role, country, span.root)] if role and country else None

    def as_role(self, span):
        """"including Luz Elena Gonzalez as Energy Minister": a role phrase after "as" on the name."""
        for child in span.root.children:
            pobj = pobj_of(child) if child.dep_ == "prep" and child.lower_ == "as" else None
            found = role_phrase(pobj, self.res, self.rules, need_org=False) if pobj is not None else None
            if found:
                return [(found[0], found[1], span.root)]
        return None

    def apposition(self, span):
        """"Shoigu, Russia's defense minister": a role phrase in apposition to the name."""
        for child in span.root.children:
            if child.dep_ == "appos":
                role_org = role_phrase(child, self.res, self.rules)
                if role_org:
                    return [(role_org[0], role_org[1], child)]
        return None
