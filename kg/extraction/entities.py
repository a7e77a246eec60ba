"""Entity collection: mentions (NER, gazetteer, name patterns) -> one entity per thing in the article.

``collect(doc, rules, gazetteer)`` returns the filled :class:`EntityTable`: canonical names, classes
decided from all mentions, surnames joined to full names, organisations' meetings as events, and
"Russian authorities" as the state.
"""
from __future__ import annotations

import re

from ..gazetteer import fold_accents
from ..rules import Rules
from .table import EntityTable, Ref

#: Labels of the spans kg makes itself (party_names, event_names): their root's entity id is not theirs.
OWN_LABELS = ("PARTY", "EVENT")
NOT_ORGANIZATIONS = frozenset({"Person", "Country", "City", "Place", "Region", "Meeting", "Event"})
_ARTICLE = re.compile(r"^(the|The)\s+")
_POSSESSIVE = re.compile(r"[’']s$")
TICKER = re.compile(r"[A-Z0-9]{1,6}\.[A-Z]{1,4}")  # a stock symbol and its exchange: "NXY.TSE", "0883.HKG"


def collect(doc, rules: Rules, gazetteer) -> EntityTable:
    """The entity table of a parsed article."""
    table = EntityTable(doc, gazetteer)
    for span in spans(doc, rules, table):
        found = canonical(span, rules, table)
        if found is None:
            continue
        key, _cls, state = found
        table.add(key, _cls, mention=table.mention(span), label=span.label_)
        for tok in span:
            table.token_ref[tok.i] = Ref(key, "name", state)
        # "Taliban movement", "TASS news agency": learn descriptors of an entity
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.head.i in (nxt.i, nxt.i + 1, nxt.i + 2) \
                and nxt.lemma_.lower() in rules.descriptors and table.cls(key) != "Country":
            table.descriptors.setdefault(nxt.lemma_.lower(), key)
    merge_introduced(doc, table, rules)
    merge_people(doc, table, rules)
    merge_organizations(table)
    merge_short_states(table)
    table.settle()
    type_by_titles(doc, table, rules)
    collect_events(doc, rules, table)
    collect_states(doc, rules, table)
    return table


def canonical(span, rules: Rules, table: EntityTable):
    """(key, cls, state) for an entity span, or None to drop it."""
    text = _ARTICLE.sub("", span.text).strip(" '\"“”‘’")
    text = _POSSESSIVE.sub("", text).strip()
    text = text.rstrip("-\u2010\u2011").strip()
    if text.count("(") != text.count(")"):  # "Shanghai Cooperation Organization (SCO" ran into its acronym
        text = text.split("(")[0].strip()
    first, _, rest = text.partition(" ")
    if rest and first.lower() in rules.honorifics:  # "Mr Trump"
        text = rest
    elif first.lower() in rules.royal_styles and len(rest.split()) >= 3 and span.label_ == "PERSON":
        text = rest  # "Prince Faisal bin Farhan Al Saud"; "Sheikh Hasina", "Prince William" keep theirs
    before_last, _, last = text.rpartition(" ")
    if before_last and last.lower() in rules.honorific_suffixes:  # "Modi ji"
        text = before_last
    head, _, last = text.rpartition(" ")
    if head and last.lower().rstrip(",") in rules.legal_suffixes:  # "Microsoft Corp." is Microsoft
        text = head.rstrip(",")
    if not text or not any(ch.isalpha() for ch in text):
        return None
    title = rules.match_title(text.split())
    if title and len(title.split()) == len(text.replace(" - ", "-").split()):
        return None  # "Chief Executive Officer", "President": a role, never an entity
    label = span.label_
    entry = table.lookup(span.ent_id_) if span.ent_id_ and label not in OWN_LABELS else None  # the root's, not the name's
    entry = entry or table.lookup(text)
    if entry is not None and entry.name in rules.seats_of_power and entry.country and table.gaz:
        country = table.gaz.lookup(entry.country)  # "the Kremlin" acting is Russia
        if country is not None:
            return table.add_entry(country), "Country", True
    if entry is not None:
        capital = table.state_of(entry) if entry.cls == "City" and not used_as_place(span, rules) else None
        if capital:  # "Moscow said": the state acts; "talks in Moscow": the city
            return capital[0], "Country", True
        return table.add_entry(entry), entry.cls, entry.cls == "Country"
    words = text.split()
    if label in ("ORG", "GPE", "NORP", "LOC") and len(words) > 1:
        head = table.demonym(words[0]) or table.lookup(words[0])
        rest = " ".join(words[1:])
        rest_entry = table.lookup(rest)
        if head is not None and head.cls == "Country":
            if rest_entry is not None:  # "Afghan Taliban" -> Taliban
                return table.add_entry(rest_entry), rest_entry.cls, False
            if label == "ORG" and rest[:1].isupper() and not any(
                    w.lower() in rules.organization_heads and w.lower() not in rules.government_words for w in words[1:]):
                return body_of(rest, head, rules, table)  # "Russian Security Council", not "Malaysian Islamic Party"
    if label == "NORP":
        return None
    if label == "ORG" and span.start > 0:
        prev = span.doc[span.start - 1]
        country = table.demonym(prev.text) if prev.ent_type_ in ("NORP", "GPE", "") else None
        if country is not None and country.cls == "Country" and words[0][:1].isupper():
            return body_of(text, country, rules, table)  # "Russian" + "Foreign Ministry"
    cls = rules.ner_classes.get(label)
    if cls is None:
        return None
    if words[-1].lower() in rules.organization_heads and cls in ("Person", "Place"):
        cls = "Organization"  # "General Motors", "Baowu Steel Group"
    if words[-1].lower() in rules.party_heads and cls == "Organization":
        cls = "PoliticalParty"  # "the Green Party", "Civic Coalition"
    if label == "ORG" and words[-1].lower() in rules.event_heads or label == "EVENT" and words[0].lower() in rules.event_heads:
        cls = "Meeting"  # "the Pacific Islands Forum Leaders Meeting", "the Summit of the Americas"
    if label == "ORG" and words[-1].lower() in rules.government_words:
        cls = "GovernmentBody"  # "National Assembly" is a parliament, "the Assembly" meets
    return text, cls, False


def type_by_titles(doc, table: EntityTable, rules: Rules) -> None:
    """The titles and nouns around a name decide its type where the NER was unsure: a name right
    before a company title is an organisation ("Rio Tinto chief executive"), a name right after a
    company noun a company ("energy conglomerate CNOOC"), a name right after a title a person
    ("President Kassym-Jomart Tokayev" tagged ORG). Gazetteer entries keep their class."""
    refs = table.token_ref
    for ent in table.ents.values():
        if ent.gazetteer or ent.cls not in ("Place", "Region", "Organization", "Person", "Meeting"):
            continue
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            after = [t for t in doc[span.end: span.end + 5] if t.text not in ("'s", "’s")]
            before = doc[span.start - 1] if span.start > span.sent.start else None
            if before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in rules.company_nouns:
                ent.cls = "Company"  # "oil and gas company Nexen", "Chinese energy conglomerate CNOOC"
                break
            title = next((k for k in range(1, len(after)) if whole_title(after[:k], rules) in rules.organization_titles), 0)
            named = title and after[title].i in refs and refs[after[title].i].key != ent.key \
                and table.cls(refs[after[title].i].key) == "Person"  # "Zentara Mining chief executive Paul Okafor"
            if title and ent.cls != "Organization" and (ent.cls != "Person" or named):
                ent.cls = "Organization"
                break
            last = ent.key.split()[-1].lower()
            if ent.cls == "Organization" and before is not None and before.text[:1].isupper() \
                    and rules.match_title([before.text]) in rules.head_of_state_titles \
                    and last not in rules.organization_heads and last not in rules.government_words:
                ent.cls = "Person"
                break


def whole_title(tokens, rules: Rules) -> str | None:
    """The title all the tokens make ("chief executive"), not one they end with ("met Tesla CEO")."""
    words = " ".join(t.lower_ for t in tokens).replace(" - ", "-")
    return words if words in rules.title_set else None


def used_as_place(span, rules: Rules) -> bool:
    """Whether a capital's name stands for the city, not its state: after "in" or "at" ("talks in
    Moscow"), after a motion word and a preposition ("a visit to Hanoi", not "ambassador to Moscow"), as what someone visits ("visited
    Seoul"), after "capital" or a part of a place ("capital Beirut", "the suburbs of Beirut"), or before
    its country ("Samarkand, Uzbekistan"). Elsewhere ("Moscow said") it is the state."""
    if dateline(span):
        return True  # "PHNOM PENH, MINA –", "MOSCOW, March 3 (Reuters) -": where the story was filed
    root = span.root
    if root.dep_ == "appos" and root.head.lower_ in ("capital", "city"):
        root = root.head  # "held talks in Oman's capital, Muscat": where the capital stands
    head = root.head
    motion = rules.motion_words
    doc = span.doc
    if any(rules.match_title([t.text for t in doc[span.end: span.end + k]]) in rules.city_titles for k in (1, 2)) \
            or root.dep_ == "pobj" and head.lower_ == "of" and rules.match_title([head.head.text]) in rules.city_titles:
        return True  # "Warsaw Mayor Rafal Trzaskowski", "the mayor of Kyiv"
    if any(c.dep_ == "compound" and c.lemma_.lower() in ("capital", "city") for c in span.root.children) \
            or root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in rules.place_parts:
        return True  # "capital Beirut", "the suburbs of the capital, Beirut"
    if root.dep_ == "pobj" and head.lower_ in rules.place_prepositions:
        return head.lower_ in ("in", "at") or head.head.lemma_.lower() in motion  # "a message to Moscow"
    if root.dep_ == "dobj" and head.lemma_.lower() in motion:
        return True
    nxt = span.end
    return nxt + 1 < len(doc) and doc[nxt].text == "," and doc[nxt + 1].ent_type_ == "GPE" and root.dep_ != "nsubj"


def dateline(span) -> bool:
    """Whether a place name opens a dateline: first in its sentence, then "(" or a comma, and a dash
    or "(" within a few tokens ("MOSCOW (AP) —", "Phnom Penh, MINA –", "ISLAMABAD, March 4 (KUNA) -").

    The dash or parenthesis must come before any verb: "Moscow, he said, ..." is no dateline.
    """
    doc, end = span.doc, span.end
    if span.start != span.sent.start or end >= len(doc) or doc[end].text not in (",", "("):
        return False
    for tok in doc[end: end + 8]:
        if tok.text in ("(", "-", "–", "—", "--"):
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.text in (".", "\n"):
            return False
    return False


def body_of(name: str, country, rules: Rules, table: EntityTable) -> tuple[str, str, bool]:
    """"Russian Security Council" -> "Security Council of Russia", part of Russia."""
    state = table.add_entry(country)
    cls = "GovernmentBody" if name.split()[-1].lower() in rules.government_words else "Organization"
    return f"{name} of {state}", cls, False


def _inside_titles(text: str, rules: Rules) -> list[tuple[int, int]]:
    """Character ranges of titles with "of" ("Secretary of State"), whose names are not entities."""
    return [(m.start(), m.end()) for title in rules.titles if " of " in title
            for m in re.finditer(r"\b" + re.escape(title) + r"\b", text, re.I)]


def after_break(span):
    """The part of an entity span after its last line break or spaced dash: a caption's credit and a
    dateline the model ran into the name ("REUTERS \\n HANOI - China" -> "China")."""
    from spacy.tokens import Span

    doc = span.doc
    cut = max((t.i for t in span if "\n" in t.text or t.text in ("-", "\u2013", "\u2014") and t.whitespace_
               and t.i > 0 and doc[t.i - 1].whitespace_), default=None)
    return span if cut is None or cut + 1 >= span.end else Span(doc, cut + 1, span.end, label=span.label_)


def no_possessive(span):
    """An entity span without the possessive ending the model took into it ("Tel Aviv’s" -> "Tel Aviv")."""
    from spacy.tokens import Span

    if len(span) > 1 and span[-1].text in ("'s", "\u2019s", "'", "\u2019") and span[-1].tag_ == "POS":
        return Span(span.doc, span.start, span.end - 1, label=span.label_)
    return span


def party_names(doc, rules: Rules, table: EntityTable) -> list:
    """Names before a lowercase party noun, labelled PARTY: "the opposition Law and Justice party",
    "the New Zealand First party", "Pakatan Harapan (Alliance of Hope) coalition" (the model tags them
    in pieces, a country and an ordinal)."""
    from spacy.tokens import Span

    out = []
    for i in table.words.where(text=rules.party_heads):
        tok = doc[i]
        if tok.i == tok.sent.start:
            continue
        end = tok.i
        if doc[end - 1].text == ")":  # an English name in parentheses between: merge_introduced keeps it
            end = next((k for k in range(end - 2, tok.sent.start - 1, -1) if doc[k].text == "("), end)
        start = end
        while start > tok.sent.start and (
                doc[start - 1].pos_ == "PROPN" and (capitalised(doc[start - 1]) or doc[start - 1].is_upper)
                or doc[start - 1].text in ("and", "&") and start - 2 >= tok.sent.start and doc[start - 2].pos_ == "PROPN"):
            start -= 1
        while start < end and doc[start].text in ("and", "&"):
            start += 1
        name = doc[start:end]
        entry = table.lookup(name.text) if len(name) else None
        if not len(name) or table.demonym(name.text) or rules.match_title([name[0].text]) \
                or entry is not None and entry.cls not in ("PoliticalParty", "Organization"):
            continue
        out.append(Span(doc, start, end, label="PARTY"))
    names = {tuple(t.text for t in span) for span in out}
    taken = {i for span in out for i in range(span.start, span.end)}
    for name in names:  # the party named again without its noun: "the support of New Zealand First"
        n = len(name)
        for k in table.words.text.get(name[0], ()):
            if k + n <= len(doc) and tuple(t.text for t in doc[k:k + n]) == name \
                    and not taken & set(range(k, k + n)) and not (k + n < len(doc) and capitalised(doc[k + n])):
                out.append(Span(doc, k, k + n, label="PARTY"))
                taken.update(range(k, k + n))
    return sorted(out, key=lambda span: span.start)


def event_names(doc, rules: Rules, table: EntityTable) -> list:
    """Named events the model tags as their last words: "the Summit of the Americas" (an event head,
    capitalised, then "of" and a named place or organisation), labelled EVENT."""
    from spacy.tokens import Span

    starts = {e.start: e for e in doc.ents if e.label_ in ("GPE", "LOC", "ORG", "NORP")}
    tagged = {i for e in doc.ents for i in range(e.start, e.end)}
    out = []
    for tok in map(doc.__getitem__, table.words.where(lower=rules.event_heads)):
        if tok.text[:1].isupper() and tok.i + 2 < len(doc) \
                and doc[tok.i + 1].lower_ == "of" and tok.i not in tagged:
            k = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
            if k in starts:
                out.append(Span(doc, tok.i, starts[k].end, label="EVENT"))
    return out


def spans(doc, rules: Rules, table: EntityTable):
    """The entity spans, with names the model ran together split apart ("Tajikistan Emomali Rahmon")
    and names inside a title dropped ("State" in "Secretary of State")."""
    from spacy.tokens import Span

    inside_titles = _inside_titles(table.text, rules)
    particles = rules.name_particles
    absorbed = -1
    ents = list(doc.ents)
    own = party_names(doc, rules, table) + event_names(doc, rules, table)  # kg's own spans, before the model's
    in_own = {i for span in own for i in range(span.start, span.end)}
    yield from own
    for span in (no_possessive(after_break(e)) for e in ents):
        if span.start < absorbed or any(a <= span.start_char and span.end_char <= b for a, b in inside_titles):
            continue
        if TICKER.fullmatch(span.text):
            continue  # "CNOOC (0883.HKG, NC2A.FRA)": a stock symbol names no entity
        if any(i in in_own for i in range(span.start, span.end)):
            continue
        if span.label_ == "ORG":
            poss = next((t.i for t in span if t.text in ("'s", "’s")), None)
            if poss is not None and span.start < poss < span.end - 1 and part_of_title(doc[poss + 1: span.end], rules, table):
                yield Span(doc, span.start, poss, label="GPE")  # "India's External Affairs" + "Minister"
                continue
        if span.label_ in ("ORG", "PERSON") and part_of_title(span, rules, table):
            continue
        first = span[0].text
        if span.label_ in ("ORG", "PERSON") and len(span) > 1 and (table.lookup(first) or table.demonym(first)) \
                and part_of_title(span[1:], rules, table):
            yield Span(doc, span.start, span.start + 1, label="GPE")  # "UAE National Security" + "Adviser"
            continue
        longer = organization_named_after(span, rules)
        if longer is not None:
            yield longer
            absorbed = longer.end
            continue
        parts = split_span(span, rules, table)
        if parts:
            yield from parts
            continue
        if span.label_ == "PERSON":
            start = span.start
            while start > span.sent.start and doc[start - 1].pos_ == "PROPN" and capitalised(doc[start - 1]) \
                    and doc[start - 1].ent_type_ == "" and doc[start - 1].lower_ not in rules.title_words:
                start -= 1  # "Luiz" before "Inacio Lula da Silva"
            end = span.end
            while end < len(doc) and (doc[end - 1].lower_ in particles or doc[end].lower_ in particles):
                nxt = end  # "Ursula von der" + "Leyen", "Ursula von" + "der Leyen"
                while nxt < len(doc) and doc[nxt].lower_ in particles:
                    nxt += 1
                if nxt < len(doc) and doc[nxt].is_title and doc[nxt].pos_ == "PROPN" and not table.lookup(doc[nxt].text):
                    end = nxt + 1
                else:
                    break
            while end + 1 < len(doc) and doc[end].text in ("-", "\u2010") and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and doc[end + 1].is_alpha:
                end += 2  # "Yoon Suk" + "-yeol"
            if (start, end) != (span.start, span.end):
                span = Span(doc, start, end, label="PERSON")
                absorbed = end
        yield span
    taken = {i for e in ents for i in range(e.start, e.end)} | in_own
    places = {e.start: e.end for e in ents if e.label_ in ("GPE", "LOC")}
    titled = table.words.where(text=[w for w in table.words.text if rules.match_title([w])])
    for tok in map(doc.__getitem__, titled):  # "King Abdullah II", "spokesman Lin Jian": a name the model did not tag
        if tok.i + 1 < len(doc) and tok.i not in taken:
            start = tok.i + 1
            if doc[start].lower_ == "of":  # "the President of China Xi Jinping"
                k = next((k for k in (3, 2, 1) if start + 1 + k < len(doc) and doc[start + 1].is_title
                          and table.lookup(doc[start + 1: start + 1 + k].text)), 0)
                start = start + 1 + k if k else start
            elif doc[start].lower_ in ("to", "for"):  # "Ambassador to the Philippines MaryKay Carlson"
                start = after_places(doc, start + 1, places) or start
            tok = doc[start - 1]
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 4 and doc[end].pos_ == "PROPN" and doc[end].i not in taken \
                    and doc[end].lower_ not in rules.title_words \
                    and (capitalised(doc[end]) or re.fullmatch(r"[IVX]+", doc[end].text)):
                end += 1
            if end > tok.i + 1 and capitalised(doc[tok.i + 1]) and not table.lookup(doc[tok.i + 1: end].text) \
                    and not (end < len(doc) and doc[end].ent_type_ == "PERSON"):  # the model's name goes on
                yield Span(doc, tok.i + 1, end, label="PERSON")


def organization_named_after(span, rules: Rules):
    """A place the model tagged alone at the start of an organisation's name, the whole name as ORG:
    "Pacific Islands" + "Forum", "Gulf" + "Cooperation Council" (capitalised untagged words, the last
    one an organisation's head); None otherwise."""
    from spacy.tokens import Span

    if span.label_ not in ("GPE", "LOC", "NORP"):
        return None
    doc, end = span.doc, span.end
    while end < len(doc) and end - span.end < 4 and doc[end].ent_type_ == "" and doc[end].pos_ in ("PROPN", "NOUN") \
            and capitalised(doc[end]) and doc[end].lower_ not in rules.title_words:
        end += 1
    last = next((k for k in range(end, span.end, -1)
                 if doc[k - 1].lower_ in rules.organization_heads or doc[k - 1].lower_ in rules.government_words), None)
    return Span(doc, span.start, last, label="ORG") if last else None


def capitalised(tok) -> bool:
    """Whether a word is written as a name: a capital, then a small letter ("Carlson", "MaryKay")."""
    return tok.text[:1].isupper() and tok.text[1:2].islower()


def after_places(doc, i: int, places: dict[int, int]) -> int | None:
    """Where a list of places starting at token ``i`` ends ("[the] South and Central Asia"), or None."""
    i += doc[i].lower_ == "the" if i < len(doc) else 0
    end = None
    while i in places:
        end = places[i]
        if end < len(doc) and doc[end].text in ("and", ",") and end + 1 in places:
            i = end + 1
        else:
            break
    return end


def part_of_title(span, rules: Rules, table: EntityTable) -> bool:
    """A name that is a title's first words ("Defense" in "Defense Minister", tagged ORG)."""
    doc = span.doc
    last = span[-1].lower_
    after = doc[span.end + 1].text if span.end + 1 < len(doc) else ""
    if span.end < len(doc) and doc[span.end].lower_ in rules.state_office_words and len(span) <= 3 \
            and doc[span.end].text[:1].isupper() and last not in rules.government_words \
            and last not in rules.organization_heads and after not in ("-", "of") and not table.lookup(span.text):
        return True  # a portfolio: "Energy" in "Energy Minister", "Home Affairs" in "Home Affairs Secretary"
    for k in (1, 2):
        words = [t.text for t in doc[span.start: min(len(doc), span.end + k)]]
        title = rules.match_title(words)
        if span.end + k <= len(doc) and title and len(title.split()) >= len(words):
            return True
    return False


def hyphens(tokens) -> set[int]:
    """The hyphens inside hyphenated words among the tokens ("Kassym-Jomart"), as token indices."""
    return {t.i for t in tokens if t.text in ("-", "\u2010") and t.i > 0
            and not t.doc[t.i - 1].whitespace_ and not t.whitespace_}


def split_span(span, rules: Rules, table: EntityTable):
    """A span the model ran together: "Tajikistan Emomali Rahmon" (a country and a person, not
    "Pakistan Muslim League Nawaz"),
    "Indian National Security Adviser Ajit Doval" or "Crown Prince Mohammed bin Salman" (a title
    inside a name). Returns the parts, or None to keep the span."""
    from spacy.tokens import Span

    doc, toks = span.doc, list(span)
    if span.label_ not in ("GPE", "LOC", "ORG", "NORP", "PERSON") or len(toks) < 2:
        return None
    commas = [t.i for t in toks if t.text == ","]
    if span.label_ in ("GPE", "LOC") and len(commas) == 1:  # "Abuja, Nigeria": a place and its country
        place, country = doc[span.start: commas[0]], doc[commas[0] + 1: span.end]
        entry = table.lookup(country.text)
        if len(place) and len(country) and entry is not None and entry.cls == "Country":
            return [Span(doc, place.start, place.end, label=span.label_), Span(doc, country.start, country.end, label="GPE")]
    joints = [t.i for t in toks if t.text in ("&", "and")]
    if span.label_ in ("NORP", "GPE") and joints:  # "Iranian and United States delegations": two states
        edges = [span.start, *(j for i in joints for j in (i, i + 1)), span.end]
        parts = [doc[a:b] for a, b in zip(edges[::2], edges[1::2])]
        while len(parts[-1]) > 1 and parts[-1][-1].is_lower:
            parts[-1] = parts[-1][:-1]  # the noun the states modify
        found = [table.lookup(p.text) or table.demonym(p.text) for p in parts]
        if all(e is not None and e.cls == "Country" for e in found):
            return [Span(doc, p.start, p.end, label="GPE") for p in parts]
    if span.label_ in ("PERSON", "ORG") and joints and span.start < joints[0] and joints[-1] < span.end - 1:
        edges = [span.start, *(j for i in joints for j in (i, i + 1)), span.end]  # "Modi & Musk": two people
        parts = [Span(doc, a, b, label="PERSON") for a, b in zip(edges[::2], edges[1::2]) if b > a]
        people = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
        if span.label_ == "PERSON" or all(p[-1].text in people for p in parts):
            return parts
    for k in (2, 1):  # a country or region, then a name of 2 or 3 words: "Central Asia Mark Doyle"
        first = table.lookup(doc[span.start: span.start + k].text)
        rest = doc[span.start + k: span.end]
        joined = hyphens(rest)
        if first is not None and first.cls in ("Country", "Region") and 2 <= len(rest) - len(joined) <= 3 \
                and all(capitalised(t) or t.i in joined for t in rest) and table.lookup(rest.text) is None \
                and not any(t.lower_ in rules.government_words or t.lower_ in rules.organization_heads for t in rest):
            return [Span(doc, span.start, span.start + k, label="GPE" if first.cls == "Country" else "LOC"),
                    Span(doc, span.start + k, span.end, label="PERSON")]
    for a in range(len(toks)):  # the longest title inside, followed by a name
        for b in range(len(toks) - 1, a, -1):
            words = [t.text for t in toks[a:b]]
            title = rules.match_title(words)
            name = toks[b:]
            joined = hyphens(name)
            if title and len(title.split()) == len(words) and 1 <= len(name) - len(joined) <= 4 and all(
                    t.is_title or t.lower_ in rules.name_particles or t.i in joined for t in name) \
                    and name[-1].lower_ not in rules.organization_heads:  # "General Motors" is no general
                out = []
                if a:
                    prefix = Span(doc, span.start, span.start + a, label="ORG")
                    out.append(Span(doc, prefix.start, prefix.end, label="NORP" if table.demonym(prefix.text) else "ORG"))
                out.append(Span(doc, span.start + b, span.end, label="PERSON"))
                return out
    whole = rules.match_title([t.text for t in toks])
    if span.label_ == "ORG" and not (whole and len(whole.split()) == len(toks)):
        # "Chinese Foreign Ministry Spokesperson": the body, then its officer's title
        for k in (2, 1):
            words = [t.text for t in toks[-k:]]
            title = rules.match_title(words)
            if len(toks) > k and title and len(title.split()) == k and toks[-1].lower_ not in rules.organization_heads \
                    and toks[-1].lower_ not in rules.government_words:
                body = doc[span.start: span.end - k]
                return [Span(doc, body.start, body.end, label="ORG")] if len(body) > 1 or not table.demonym(body.text) else []
    return None


def _person_like(ent, rules: Rules) -> bool:
    return not ent.gazetteer and ent.key.split()[-1].lower() not in rules.organization_heads


def merge_introduced(doc, table: EntityTable, rules: Rules) -> None:
    """A name the text introduces for another: "Scarborough Shoal (Bajo de Masinloc)", "the Committee
    ... (CTRI)", "Pushpa Kamal Dahal aka 'Prachanda'", "also known as"."""
    refs = table.token_ref
    starts: dict[int, int] = {}  # token -> the first token of its mention
    for i, ref in refs.items():
        if i - 1 not in refs or refs[i - 1].key != ref.key:
            starts[i] = i
    for i in sorted(starts):
        key = refs[i].key
        end = i
        while end + 1 in refs and refs[end + 1].key == key:
            end += 1
        j = end + 1
        while j < len(doc) and (doc[j].is_quote or doc[j].lower_ in rules.alias_markers or doc[j].text == "("
                                or doc[j].lower_ in ("also", "known", "as") and doc[j - 1].lower_ in ("also", "known", "aka")
                                or doc[j].text == "," and j + 1 < len(doc) and doc[j + 1].lower_ in ("also", *rules.alias_markers)
                                or doc[j].lower_ == "also" and j + 1 < len(doc) and doc[j + 1].lower_ == "known"):
            j += 1  # "Bajo de Masinloc (", "Prachanda aka", ", also known as"
        marked = any(doc[k].text == "(" or doc[k].lower_ in rules.alias_markers for k in range(end + 1, j))
        other = refs.get(j)
        if not marked or other is None or other.key == key or other.key not in table.ents or key not in table.ents:
            continue
        a, b = table.ents[key], table.ents[other.key]
        if a.cls == "Country" or (a.cls == "Person") != bool(b.cls == "Person" or b.labels.get("PERSON")):
            continue
        if b.gazetteer and not a.gazetteer:  # "the Association for Southeast Asian Nations (ASEAN)": ASEAN's
            table.rekey(key, other.key)
        elif not b.gazetteer:
            table.rekey(other.key, key)


def merge_people(doc, table: EntityTable, rules: Rules) -> None:
    """Surname-only mentions join the full name; one type per entity from all its mentions.

    A single name joins the one person whose name has it as a word ("Lula", "Macron"; when several
    do, the one named most often); a name with the same words in another order is the same person.
    """
    ents = table.ents
    surnames = {e.key for e in ents.values() if e.labels.get("PERSON") and len(e.key.split()) == 1}
    people = [e for e in ents.values() if _person_like(e, rules) and len(e.key.split()) > 1 and e.labels.keys()
              & {"PERSON", "ORG", "GPE", "NORP"} and (e.labels.get("PERSON") or e.key.split()[-1] in surnames)]
    by_words: dict[frozenset, str] = {}
    for person in list(people):  # "Oligui Nguema Brice" is "Brice Oligui Nguema"
        words = frozenset(person.key.split())
        if words in by_words and person.key in ents:
            table.rekey(person.key, by_words[words])
            people.remove(person)
        else:
            by_words.setdefault(words, person.key)
    ends: dict[str, list] = {}
    middles: dict[str, list] = {}
    for p in people:
        words = p.key.split()
        for w in dict.fromkeys((words[0], words[-1])):
            ends.setdefault(w, []).append(p)
        for w in dict.fromkeys(words[1:-1]):
            middles.setdefault(w, []).append(p)
    for ent in list(ents.values()):
        if len(ent.key.split()) != 1 or ent.gazetteer:
            continue
        match = [p for p in ends.get(ent.key, ()) if p.key in ents]
        if not match and ent.labels.get("PERSON") and ent.key.lower() not in rules.name_particles:
            match = [p for p in middles.get(ent.key, ()) if p.key in ents]  # "Lula" in "Luiz Inacio Lula da Silva"
        if len(match) > 1:  # "Macron" with Emmanuel and Brigitte Macron named: the one named most
            ranked = sorted(match, key=lambda p: (-len(p.mentions), min((m.start for m in p.mentions), default=0)))
            match = ranked[:1] if len(ranked[0].mentions) > len(ranked[1].mentions) else match
        if len(match) == 1:
            table.rekey(ent.key, match[0].key)
    tails: dict[tuple, list] = {}  # the last words of each full name ("López Obrador") -> its people
    for p in people:
        words = fold_accents(p.key).split()
        for k in range(1, len(words)):
            tails.setdefault(tuple(words[k:]), []).append(p)
    for ent in list(ents.values()):  # "López Obrador" in "Andrés Manuel López Obrador"
        words = fold_accents(ent.key).split()
        if len(words) < 2 or ent.gazetteer or ent.cls == "Country" or ent.key not in ents:
            continue
        match = [p for p in tails.get(tuple(words), ()) if p is not ent and p.key in ents]
        if len(match) == 1:
            table.rekey(ent.key, match[0].key)
            if ent in people:
                people.remove(ent)
    merge_misspelt(table, [p for p in people if p.key in ents])
    by_surname = {p.key.split()[-1]: p.key for p in people if p.key in ents}
    for tok in map(doc.__getitem__, table.words.where(text=by_surname)):  # a bare surname the model did not tag
        if tok.i not in table.token_ref and tok.pos_ == "PROPN" and tok.ent_type_ == "":  # ("Scholz met Tusk")
            key = by_surname[tok.text]
            table.token_ref[tok.i] = Ref(key, "name")
            table.note(key, doc[tok.i: tok.i + 1], "PERSON")
    for ent in ents.values():
        if ent.gazetteer or not ent.labels or not _person_like(ent, rules):
            continue
        label, _ = max(ent.labels.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))
        if label == "PERSON" or (ent.labels.get("PERSON") and len(ent.key.split()) > 1) or officeholder(ent, table):
            ent.cls = "Person"  # also a name the officeholders list knows, whatever the model tagged it


def officeholder(ent, table: EntityTable) -> bool:
    """Whether the officeholders list names a holder by one of the entity's names, or by a mention with
    the word before it ("Sheikh Hasina", the honorific kept off the name)."""
    if table.gaz is None:
        return False
    doc = table.doc
    names = {ent.name, *ent.aliases, *(m.text for m in ent.mentions)}
    for m in ent.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.start > 0:
            names.add(f"{doc[span.start - 1].text} {m.text}")
    return any(table.gaz.holders(n) for n in names)


def one_slip(a: str, b: str) -> bool:
    """Whether two words differ by one typing slip: two adjacent letters swapped or one letter replaced.

    >>> one_slip("Moa", "Mao"), one_slip("Sergei", "Sergey"), one_slip("Un", "Il"), one_slip("Tusk", "Tusk")
    (True, True, False, False)
    """
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
        and a[diff[1]] == b[diff[0]]


def merge_misspelt(table: EntityTable, people: list) -> None:
    """A full name written once with a slip ("Moa Ning", then "Mao Ning") joins the other spelling,
    the one named more often: same words but one, which differs by one slip and is not its first letter."""
    for a in people:
        for b in people:
            if a is b or a.key not in table.ents or b.key not in table.ents or len(a.mentions) > len(b.mentions):
                continue
            wa, wb = a.key.split(), b.key.split()
            diff = [(x, y) for x, y in zip(wa, wb) if x != y]
            if len(wa) == len(wb) and len(diff) == 1 and len(diff[0][0]) >= 3 and diff[0][0][0] == diff[0][1][0] \
                    and one_slip(*diff[0]):
                table.rekey(a.key, b.key)


def initials(name: str) -> str:
    """The initials of a name's capitalised words.

    >>> initials("Committee for the Transition and Restoration of Institutions")
    'CTRI'
    >>> initials("Pakistan Muslim League-Nawaz")
    'PMLN'
    """
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def merge_organizations(table: EntityTable) -> None:
    """An organisation's short name or acronym joins its full name, when exactly one full name fits:
    "Treasury" and "Department of the Treasury", "CTRI" and "Committee for the Transition and
    Restoration of Institutions"."""
    orgs = [e for e in table.ents.values() if e.cls not in NOT_ORGANIZATIONS and (e.gazetteer or e.labels.get("ORG"))]
    orgs += [e for e in table.ents.values() if e.cls == "Person" and " " not in e.key and e.labels.get("ORG")]
    by_initials: dict[str, list] = {}
    by_tail: dict[str, list] = {}
    by_head: dict[str, list] = {}
    for o in orgs:
        words = o.key.split()
        if len(words) > 1:
            by_head.setdefault(words[0], []).append(o)
        by_initials.setdefault(initials(o.key), []).append(o)
        for k in range(1, len(words)):
            by_tail.setdefault(" ".join(words[k:]), []).append(o)
    for ent in list(orgs):
        if ent.key not in table.ents or ent.gazetteer:
            continue
        acronym = ent.key.replace("-", "").replace(".", "")
        if " " not in ent.key and acronym.isupper() and len(acronym) >= 2:
            match = [o for o in by_initials.get(acronym, ()) if o is not ent and o.key in table.ents]
        else:
            match = [o for o in by_tail.get(ent.key, ()) if o is not ent and o.key in table.ents]
        if not match and " " not in ent.key:  # "Tesla" and "Tesla Motors"
            match = [o for o in by_head.get(ent.key, ()) if o is not ent and o.key in table.ents and not o.gazetteer]
        if len(match) == 1:
            table.rekey(ent.key, match[0].key)


def merge_short_states(table: EntityTable) -> None:
    """A place name the gazetteer does not know that ends the name of exactly one country of the
    article joins it ("Korea" with "South Korea", "Congo" with "DR Congo")."""
    countries = [e for e in table.ents.values() if e.cls == "Country" and e.gazetteer]
    for ent in list(table.ents.values()):
        if ent.gazetteer or ent.cls not in ("Place", "Region", "Country", "Organization") or not ent.labels.get("GPE"):
            continue
        words = ent.key.split()
        match = [c for c in countries if any(a.split()[-len(words):] == words and len(a.split()) > len(words)
                                             for a in {c.key} | c.aliases)]
        if len(match) == 1:
            table.rekey(ent.key, match[0].key)


def collect_events(doc, rules: Rules, table: EntityTable) -> None:
    """"the SCO summit", "a NATO meeting": an organisation's meeting is an Event."""
    refs = table.token_ref
    for tok in map(doc.__getitem__, table.words.where(lemma=rules.event_heads)):
        if tok.pos_ != "NOUN" or tok.i in refs or tok.tag_ == "NNS":
            continue  # "high-level ASEAN meetings": meetings of a kind, no one event
        owners = [c for c in tok.children if c.dep_ in ("compound", "nmod", "poss") and c.i in refs]
        if not owners:  # "the summit of the SCO"
            owners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" and g.i in refs]
        owners = list({refs[o.i].key: o for o in owners}.values())  # "the Shanghai Cooperation Organisation (SCO) summit"
        if len(owners) != 1:
            continue
        for _ in range(3):  # "the summit of the Council of Heads of State of the SCO" is the SCO's
            outer = [g for c in owners[0].children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj" and g.i in refs
                     and table.cls(refs[g.i].key) in ("InternationalOrganization", "Organization")]
            if not outer:
                break
            owners = outer[:1]
        owner = table.ents[refs[owners[0].i].key]
        if owner.cls not in ("InternationalOrganization", "Organization", "GovernmentBody"):
            continue
        key = table.add(f"{owner.name} {tok.text.lower()}", "Meeting")
        lo, hi = min(owners[0].left_edge.i, tok.i), max(owners[0].right_edge.i, tok.i)
        start = min((t.i for t in doc[lo: hi + 1] if t.dep_ != "det"), default=lo)
        table.ents[key].mentions.append(table.mention(doc[start: hi + 1]))
        for alias in owner.aliases:
            table.ents[key].aliases.add(f"{alias} {tok.text.lower()}")
        refs[tok.i] = Ref(key, "event")


def collect_states(doc, rules: Rules, table: EntityTable) -> None:
    """"Russian authorities", "the Afghan government": a demonym with a state noun is the state."""
    for tok in map(doc.__getitem__, table.words.where(lemma=rules.state_nouns, lower=rules.state_nouns)):
        if tok.i in table.token_ref:
            continue
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i and "-" not in child.text[1:]:
                country = table.country_of_demonym(child.text)
                if country is not None:
                    key = table.add_entry(country)
                    span = doc[child.i: tok.i + 1] if not child.conjuncts else doc[child.i: child.i + 1]
                    table.ents[key].aliases.add(span.text)
                    table.ents[key].mentions.append(table.mention(span))
                    table.token_ref[tok.i] = Ref(key, "demonym", True)
                    table.token_ref.setdefault(child.i, Ref(key, "demonym", True))
                    break
