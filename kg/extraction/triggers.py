"""Trigger application: verb, noun and modifier rules of ``rules.yaml`` over the parse.

``find(doc, ...)`` scans the tokens once in text order and returns the candidates of every rule
whose trigger word stands there, with subjects and objects resolved.
"""
from __future__ import annotations

from ..rules import Rule, Rules
from .candidates import Candidate, Maker
from .grammar import NOMINAL, VERBAL, clause_argument, clause_verb, clause_words, has_particle, passive, pobj_of, \
    slot_tokens
from .resolve import Resolver
from .table import Ref
from .titles import role_phrase, state_of_office


def has_complement(verb) -> bool:
    """Whether a verb has a clausal complement ("called on X to withdraw")."""
    return any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)


def copula_list(noun) -> list:
    """The attributes of the copula a noun is the subject of, with their conjuncts."""
    attrs = [c for c in noun.head.children if c.dep_ == "attr"]
    return [t for a in attrs for t in (a, *a.conjuncts)]


class Triggers:
    """The trigger rules of one article; ``predicates`` restricts them (None: all)."""

    def __init__(self, resolver: Resolver, maker: Maker, rules: Rules, predicates: frozenset[str] | None = None):
        self.res, self.maker, self.rules = resolver, maker, rules
        self.table = resolver.table
        keep = (lambda r: True) if predicates is None else (lambda r: r.predicate in predicates)
        self.by_lemma = rules.by_lemma if predicates is None else {
            k: tuple(r for r in v if keep(r)) for k, v in rules.by_lemma.items()}
        self.modifiers = {r.lemma: r for r in rules.of_kind("modifier") if keep(r)}
        self.affiliations = tuple(r for r in rules.of_kind("affiliation") if keep(r))
        self.designates = rules.grammar_roles.get("designates")

    def find(self, doc) -> list[Candidate]:
        found: list[Candidate] = []
        by_lemma, words = self.by_lemma, self.table.words
        lemmas = {lemma for (_, lemma), rules in by_lemma.items() if rules}
        at = words.where(lemma=lemmas, lower=self.modifiers, text=[w for w in words.text if "-" in w],
                         pos=("PROPN",) if self.affiliations else ())
        for tok in map(doc.__getitem__, at):  # the tokens any rule may start from
            if tok.pos_ in VERBAL:
                rules = by_lemma.get(("verb", tok.lemma_.lower()), ())
            elif tok.pos_ in NOMINAL:
                rules = by_lemma.get(("noun", tok.lemma_.lower()), ())
            else:
                rules = ()
            for rule in rules:
                found += self.apply(rule, tok, found)
            if tok.dep_ == "amod" and "-" in tok.text or tok.lower_ in self.modifiers:
                found += self.apply_modifier(tok)
            if self.affiliations and tok.pos_ == "PROPN" and tok.i in self.table.token_ref:
                found += self.apply_affiliation(tok)
        return found

    def apply_affiliation(self, tok) -> list[Candidate]:
        """"Winston Peters of the New Zealand First party": a name, a preposition, an organisation."""
        res, out = self.res, []
        subject = self.table.token_ref[tok.i]
        for rule in self.affiliations:
            if rule.persons_only and self.table.cls(subject.key) != "Person":
                continue
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in rule.prepositions):
                obj = res.ref(pobj_of(prep)) if pobj_of(prep) is not None else None
                if obj is not None and self.fits(rule, obj):
                    made = self.maker.make(rule, subject, obj, tok)
                    out += [made] if made is not None else []
        return out

    def fits(self, rule: Rule, obj: Ref) -> bool:
        """Whether an object belongs to the classes the rule's range allows (any, without a range)."""
        return not rule.range or any(self.res.is_a(obj.key, c) for c in rule.range)

    def subject(self, rule: Rule, trigger) -> Ref | None:
        """The subject of a rule at its trigger."""
        res = self.res
        if rule.kind == "verb" and rule.subject == "nsubjpass":  # "the summit is held in Tonga", only so
            return res.first_ref(slot_tokens(trigger, rule.subject))
        if rule.kind == "verb":
            subject = res.subject_of(trigger)
            if passive(trigger) and rule.object == "dobj":
                agent = next((c for c in trigger.children if c.dep_ == "agent"), None)
                subject = res.ref(pobj_of(agent) or agent) if agent is not None else None
                if subject is None and rule.subject:  # "Hezbollah, which is banned in Germany"
                    subject = res.first_ref(slot_tokens(trigger, rule.subject))
            return subject
        if rule.subject:
            return res.first_ref(slot_tokens(trigger, rule.subject))
        if trigger.dep_ == "appos":
            subject = res.ref(trigger.head)
            if subject is not None:
                return subject
        for child in trigger.children:
            if rule.object == child.dep_:  # the object's slot is not the subject's
                continue
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < trigger.i:
                subject = res.ref(child)
                if subject:
                    return subject
        by = next((c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is not None:
            subject = res.ref(pobj_of(by) or by)
            if subject is not None:
                return subject
        if clause_argument(trigger):
            return res.subject_of(clause_verb(trigger))
        return None

    def apply(self, rule: Rule, trigger, found: list[Candidate]) -> list[Candidate]:
        """The candidates of one rule at its trigger (``found``: the article's candidates so far)."""
        if rule.particle and not has_particle(trigger, rule.particle):
            return []
        words = clause_words(trigger) if rule.needs or rule.unless else set()
        if (rule.needs and not words & set(rule.needs)) or words & set(rule.unless):
            return []
        if rule.complement is not None and has_complement(trigger) != rule.complement:
            return []
        if rule.role:
            return self.roles(rule, trigger)
        res, make = self.res, self.maker.make
        symmetric = rule.predicate in self.rules.ontology.symmetric
        if rule.kind == "noun" and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_ == "be":
            listed = [r for r in map(res.ref, copula_list(trigger)) if r]  # "the members of the bloc are A, B and C"
            if listed:
                objs = [o for o in slot_tokens(trigger, rule.object) if res.ref(o)]
                made = (make(rule, s, res.ref(o), trigger) for s in listed for o in objs)
                return [c for c in made if c is not None]
        subject = self.subject(rule, trigger)
        verb = trigger if rule.kind == "verb" else clause_verb(trigger)
        group = [] if subject is not None else res.subject_group(verb)
        pair = [] if subject is not None or group else self.pair(verb, found)
        if pair and symmetric:  # "the two leaders held talks, with their ministers": between the two
            return self.maker.pairs(rule, pair, trigger)
        group = group or pair
        if subject is None and not group:
            if rule.kind != "verb" and rule.subject:
                return []
            pair = res.between(trigger) if symmetric else []
            made = (make(rule, pair[0], b, trigger) for b in pair[1:])
            return [c for c in made if c is not None]
        if rule.persons_only and (subject is None or self.table.cls(subject.key) != "Person"):
            return []
        subjects = [subject] if subject is not None else group
        own = rule.kind != "verb" and subject is not None and any(  # "A and B attended a ceremony for C's visit"
            (r := res.ref(c)) is not None and r.key == subject.key for c in trigger.children if c.i < trigger.i)
        if subject is not None and subject.via != "compound" and not own:  # "Rahmon and Blinken attended": every conjunct
            subjects += res.conjunct_subjects(verb)
        objs = self.objects(rule, trigger)
        if symmetric and not any(map(self.as_ref, objs)):
            # "Thailand and Cambodia signed an agreement", "the partnership between Egypt and Greece"
            between = res.between(trigger) if rule.kind != "verb" else []
            group = subjects if len(between) < 2 and len(subjects) > 1 and (  # a verb with a range needs its object
                rule.kind == "verb" and not rule.range or rule.coordinated and self.pairs_by_noun(rule, trigger, subjects)) \
                else between  # "GM and Chrysler receive loans" is no meeting
            return self.maker.pairs(rule, group, trigger)
        if rule.implicit_object and not any(map(self.as_ref, objs)):
            objs = [res.place_in_sentence(trigger, subject)]
            if objs[0] is None and rule.predicate == self.rules.grammar_roles.get("governs"):
                governed = [c for c, org in self.maker.governments.items() if org == subject.key]
                objs = [Ref(governed[0], "implicit")] if len(governed) == 1 else []
        if rule.designation:
            objs = [self.designation_target(o, found) for o in objs]
        out = []
        for obj_tok in objs:
            obj = self.as_ref(obj_tok)
            if obj is None or not self.fits(rule, obj):
                continue
            if rule.predicate == self.rules.grammar_roles.get("governs") and obj.via == "compound" \
                    and not isinstance(obj_tok, Ref) and obj_tok.lemma_.lower() not in self.rules.state_nouns:
                continue  # "took control of Lebanon's border areas" governs a part, not the state
            pairs = ((obj, s) if rule.inverse else (s, obj) for s in subjects)
            out += [c for c in (make(rule, a, b, trigger) for a, b in pairs) if c is not None]
        return out

    def pair(self, verb, found: list[Candidate]) -> list[Ref]:
        """"the two leaders", "both sides": the pair of the story, the two the relations told before
        relate most often (ties: the latest)."""
        noun = self.res.pair_noun(verb)
        if noun is None:
            return []
        want = self.rules.pair_nouns[noun.lower_]
        symmetric = self.rules.ontology.symmetric
        counts: dict[frozenset, tuple[int, int]] = {}
        for k, c in enumerate(found):
            rel = c.relation
            if c.anchor.i < noun.sent.start and rel.predicate in symmetric \
                    and self.res.is_a(rel.subject, want) and self.res.is_a(rel.object, want):
                key = frozenset((rel.subject, rel.object))
                counts[key] = (counts.get(key, (0, 0))[0] + 1, k)
        if not counts:
            return []
        best = max(counts, key=counts.get)
        return [Ref(key, "definite") for key in sorted(best)]

    def as_ref(self, obj) -> Ref | None:
        """An object as a ref: a token resolved, a ref as it is."""
        return obj if isinstance(obj, Ref) or obj is None else self.res.ref(obj)

    def objects(self, rule: Rule, trigger) -> list:
        """The tokens (or refs) of a rule's object slot: with the states of a plural title ("invited the
        presidents of A and B") and the people of a list the parser read as appositions."""
        res = self.res
        out = []
        for o in slot_tokens(trigger, rule.object):  # a list of people stands for its people, not for the country of its first title
            out += res.members(o) or [o, *([] if res.ref(o) else res.group(o))]
        return out

    def pairs_by_noun(self, rule: Rule, noun, subjects: list) -> bool:
        """Whether a symmetric noun relates its clause's coordinated subjects to each other: "X and Y
        held talks", not "X, Y and Z attended the meeting" (a verb of another relation) nor a long list."""
        verb = clause_verb(noun)
        other = any(r.predicate != rule.predicate for r in self.rules.by_lemma.get(("verb", verb.lemma_.lower()), ()))
        return len(subjects) <= 3 and not other and verb.lemma_.lower() not in self.rules.mediator_verbs

    def roles(self, rule: Rule, trigger) -> list[Candidate]:
        """"served as Russia's defence minister", "was sworn in as Brazil's president", "named X
        transitional president", "is the current chair of ECOWAS": the object is a role phrase, held
        by the verb's object (object control), its passive subject, or else its subject."""
        res = self.res
        people = [res.ref(c) for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
        people = [r for r in people if r is not None and self.table.cls(r.key) == "Person"]
        holder = people[0] if people else res.subject_of(trigger)
        if holder is None:
            return []
        out = []
        for obj in slot_tokens(trigger, rule.object):
            found = role_phrase(obj, res, self.rules, need_org=False)
            if not found:
                continue
            org = found[1] or state_of_office(holder.key, found[0], {}, self.table, self.rules)
            made = self.maker.make(rule, holder, org, trigger, role=found[0])
            if made is not None:
                out.append(made)
        return out

    def designation_target(self, tok, found: list[Candidate]) -> Ref | None:
        """"revoked this designation" -> whom the article's last earlier designation named."""
        if tok is None or tok.lemma_.lower() not in self.rules.designation_nouns:
            return self.res.ref(tok) if tok is not None else None
        for child in tok.children:  # "the designation of the Taliban"
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = pobj_of(child)
                if pobj is not None and self.res.ref(pobj):
                    return self.res.ref(pobj)
        earlier = [c.relation.object for c in found if c.relation.predicate == self.designates and c.anchor.i < tok.i]
        return Ref(earlier[-1], "designation") if earlier else None

    def apply_modifier(self, tok) -> list[Candidate]:
        """"the Russia- and China-led SCO", "U.S.-backed government": X modifies Y."""
        rule = self.modifiers.get(tok.lower_.split("-")[-1])
        if rule is None:
            return []
        table, refs = self.table, self.table.token_ref
        target = tok.head
        ref_t = self.res.ref(target)
        if ref_t is None and target.i + 1 < len(tok.doc) and target.i + 1 in refs:
            ref_t = refs[target.i + 1]  # "Lebanon-based militant group Hezbollah": the name after the noun
        if ref_t is not None and table.cls(ref_t.key) == "Meeting":
            owner = next((c for c in target.children if c.dep_ in ("compound", "nmod") and c.i in refs
                          and refs[c.i].key != ref_t.key), None)
            ref_t = refs[owner.i] if owner is not None else None
        if ref_t is None:
            return []
        heads = []
        if "-" in tok.text and tok.text.split("-")[0]:  # "U.S.-backed" as one token
            name = tok.text.rsplit("-", 1)[0]
            entry = table.lookup(name) or table.demonym(name)
            if entry is not None:
                heads.append(Ref(table.add_entry(entry), "modifier"))
        else:
            prev = [t for t in tok.doc[max(tok.sent.start, tok.i - 8): tok.i] if t.text != "-"]
            for t in reversed(prev):
                if t.i in refs:
                    heads.append(refs[t.i])
                    continue
                entry = table.lookup(t.text.rstrip("-")) or table.demonym(t.text.rstrip("-"))
                if entry is not None and entry.cls in ("Country", "InternationalOrganization"):
                    heads.append(Ref(table.add_entry(entry), "modifier"))
                elif t.lower_ not in ("and", ",", "-") or rule.inverse and t.lower_ != "-":
                    break  # "the Russia- and China-led SCO"; but "Israel and Lebanon-based Hezbollah" is in Lebanon
        made = (self.maker.make(rule, *((ref_t, head) if rule.inverse else (head, ref_t)), tok)
                for head in {h.key: h for h in heads}.values())  # "Abu Dhabi-based G42": G42 is in Abu Dhabi
        return [c for c in made if c is not None]
