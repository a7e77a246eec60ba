"""Context of a relation: the date its clause gives, its modality, its speaker and outlet.

A relation takes the date of its own clause (or its coordinated head's, or of the reporting clause
in the present: "Moscow is building ties, Shoigu said Thursday"); an undated speech act in the past
takes the date of the same speaker's dated statement. Modality is asserted, negated, planned,
reported or hypothetical, from auxiliaries, planning verbs and nouns, and reporting verbs.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict

from ..model import Timex
from ..rules import Rules
from ..temporal import xsd_date
from .grammar import SUBJECT_DEPS, VERBAL, clause_tokens, clause_verb, overlaps, pobj_of, present, run_on
from .resolve import Resolver
from .table import Ref


#: Determiners that refer back to something told ("the meeting", "their talks").
DEFINITE = frozenset({"the", "their", "his", "her", "its", "this", "that", "these", "those"})


def past(verb) -> bool:
    """Whether a verb is in the simple past ("signed", not "will sign" or "has signed")."""
    return verb.tag_ == "VBD" or any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)


def perfect(verb) -> bool:
    """Whether a verb is in the present perfect ("has recognised"): it tells no dated event."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def usable(tx: Timex) -> bool:
    """Whether a temporal expression can date a relation: a range, a DATE with an XSD form, or a TIME
    on a known day ("on Wednesday evening" dates a meeting to that Wednesday)."""
    return bool(tx.begin and tx.end_value) or (tx.type in ("DATE", "TIME") and xsd_date(day_of(tx.value)) is not None)


def usable_in(timexes: list[Timex]) -> bool:
    return any(usable(tx) for tx in timexes)


def day_of(value: str) -> str:
    """A TIMEX3 value without its time of day.

    >>> day_of("2022-09-14TEV"), day_of("2025-07")
    ('2022-09-14', '2025-07')
    """
    return value.split("T", 1)[0] if value[:4].isdigit() else value


def nearest(timexes: list[Timex], anchor) -> Timex | None:
    """The usable expression nearest the anchor, ranges first."""
    return min((tx for tx in timexes if usable(tx)),
               key=lambda tx: (not (tx.begin and tx.end_value), abs(tx.start - anchor.idx)), default=None)


def group_by_sentence(doc, timexes: list[Timex]) -> dict[int, list[Timex]]:
    """Sentence start (character) -> the expressions overlapping the sentence, in their order
    (each relation looks only at its own sentence's: linear in the article's length)."""
    starts = [s.start_char for s in doc.sents]
    ends = [s.end_char for s in doc.sents]
    out: dict[int, list[Timex]] = {}
    for tx in timexes:
        k = max(bisect.bisect_right(starts, tx.start) - 1, 0)
        while k < len(starts) and starts[k] < tx.end:
            if tx.start < ends[k]:
                out.setdefault(starts[k], []).append(tx)
            k += 1
    return out


def anterior(verb, words: frozenset[str]) -> bool:
    """Whether a clause tells something before the occasion ("initially adopted", "had met before"); a
    clause that goes on "before meeting Charles" tells what came after it, not before."""
    return any(t.lower_ in words and not (t.dep_ == "prep" and any(ch.dep_ == "pcomp" for ch in t.children))
               for t in clause_tokens(verb))


def undated(candidate, rules: Rules) -> bool:
    """Whether a candidate takes no date: a description, or a relation that holds whatever the date."""
    return candidate.rule.describes or candidate.relation.predicate in rules.timeless


class Events:
    """Event anchoring, the part of :class:`Context` that dates a relation from the event it belongs to
    (told before, told next, gone on with); it reads the context's doc, resolver, rules and timexes."""

    def anchor_events(self, candidates: list, dates: list) -> None:
        """Undated relations in a sentence that refers back to an event ("During their meeting, he
        conveyed ...") take that event's date: the last dated event relation told in the sentences before."""
        rules, sents = self.rules, self.res.table.sent_index
        order = sorted(range(len(candidates)), key=lambda k: candidates[k].anchor.i)
        event: tuple | None = None  # (sentence, date, parties, predicate) of the last dated event
        went_on: dict[int, Timex] = {}  # clause verb -> the date of the event it goes on telling
        for k in order:
            c, (tx, _) = candidates[k], dates[k]
            rel = c.relation
            sent = sents.get(c.anchor.sent.start, 0)
            if tx is not None:
                if rel.predicate in rules.event_relations and not (tx.begin or tx.end_value):
                    event = (sent, tx, {rel.subject, rel.object}, rel.predicate)
                continue
            if undated(c, rules):
                continue
            if event is None or not 0 < sent - event[0] <= 8:  # no relation told it: a sentence did
                told = self.told_event(sent)
                if told is None:
                    continue
                event = (told[0], told[1], {rel.subject, rel.object}, None)
            if self.res.is_a(rel.object, "Event") and rel.object not in event[2]:
                continue  # attending the summit is not the earlier meeting: a change of event
            if anterior(clause_verb(c.anchor), rules.anterior_words):
                continue  # "initially adopted during ...": before the occasion told
            if self.refers_to_event(c.anchor.sent, event[2]) and not perfect(clause_verb(c.anchor)):
                dates[k] = (event[1], "event")
            elif self.continues(c, sent, event):
                dates[k] = (event[1], "event")
                went_on[clause_verb(c.anchor).i] = event[1]
        for k, c in enumerate(candidates):  # "were greeted by William and Catherine": the whole clause goes on
            if dates[k][0] is None and not undated(c, rules) and clause_verb(c.anchor).i in went_on \
                    and c.relation.predicate in rules.event_relations:
                dates[k] = (went_on[clause_verb(c.anchor).i], "event")
        for k, c in enumerate(candidates):  # "X will meet leaders on Dec 13. ... He will then meet Y"
            if dates[k][0] is None and not undated(c, rules) and c.relation.predicate in rules.event_relations:
                tx = self.next_step(c, sents.get(c.anchor.sent.start, 0))
                if tx is not None:
                    dates[k] = (tx, "event")
        for k, c in enumerate(candidates):  # "have signed an agreement. The deal, signed on Thursday, ..."
            rel = c.relation
            if dates[k][0] is None and not undated(c, rules) and rel.predicate in rules.event_relations \
                    and not self.dated(c.anchor.sent):
                tx = self.told_next(c.anchor.sent, {rel.subject, rel.object})
                if tx is not None:
                    dates[k] = (tx, "event")

    def continues(self, c, sent: int, event: tuple) -> bool:
        """Whether an undated relation goes on telling the event the sentence before dated: the same
        predicate, one of its parties, the simple past ("X was welcomed Tuesday in London. X and his wife
        were greeted at the airport by Y"); not a change of event ("X arrived in Warsaw on Tuesday. X met Y")."""
        rel, verb = c.relation, clause_verb(c.anchor)
        return sent - event[0] == 1 and rel.predicate == event[3] \
            and bool({rel.subject, rel.object} & event[2]) and past(verb) \
            and not self.dated(c.anchor.sent) and not self.res.is_a(rel.object, "Event")

    def next_step(self, c, sent: int) -> Timex | None:
        """The date of the occasion a "then" clause goes on with: the nearest of the three sentences before
        whose word for the same predicate, said of one of the parties, is dated ("X will meet Vietnamese
        leaders on Dec 13. ... He will then meet the chairman")."""
        verb, rel = clause_verb(c.anchor), c.relation
        if not any(t.lower_ in self.rules.sequence_words and t.dep_ == "advmod" for t in verb.children):
            return None
        lemmas = {r.lemma for r in self.rules.relations if r.predicate == rel.predicate and r.lemma}
        sents = list(self.doc.sents)
        for k in range(sent - 1, max(sent - 4, -1), -1):
            for tok in sents[k]:
                subject = self.res.subject_of(tok) if tok.lemma_.lower() in lemmas and tok.pos_ in VERBAL else None
                if subject is not None and subject.key in (rel.subject, rel.object):
                    return nearest(self.of_sentence(tok), tok)
        return None

    def told_event(self, sent: int) -> tuple[int, Timex] | None:
        """The sentence just before ``sent`` (or the one before it) that tells a dated meeting, visit or
        talks with no relation kg could read ("On Thursday (July 3), the ambassador called on ..."):
        its index and the date nearest its event word."""
        sents = list(self.doc.sents)
        words = self.event_words
        for k in (sent - 1, sent - 2):
            if k < 0:
                return None
            for tok in sents[k]:
                if tok.lemma_.lower() in words and tok.pos_ in ("VERB", "NOUN") and usable_in(self.of_sentence(tok)):
                    tx = nearest(self.of_sentence(tok), tok)
                    if tx is not None and not (tx.begin or tx.end_value):
                        return k, tx
        return None

    @property
    def event_words(self) -> frozenset[str]:
        """The lemmas that tell an event: the event nouns and the triggers of the event relations."""
        rules = self.rules
        return rules.event_references | {r.lemma for r in rules.relations
                                         if r.predicate in rules.event_relations and r.lemma}

    def dated(self, sent) -> bool:
        """Whether a sentence gives a date of its own."""
        return any(sent.start_char <= tx.start < sent.end_char and usable(tx) for tx in self.of_sentence(sent[0]))

    def others(self, noun, parties: set) -> bool:
        """Whether an event noun names someone else's event ("Biden's visit", "the visit of Joe Biden")."""
        named = [c for c in noun.children if c.dep_ == "poss"] + [
            p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        refs = [self.res.ref(t) for t in named]
        return any(r is not None and r.key not in parties for r in refs)

    def told_next(self, sent, parties: set) -> Timex | None:
        """The date the next sentence gives the event a sentence told undated: a definite event noun
        there whose own phrase is dated ("The deal signed on Thursday ...")."""
        doc = self.res.doc
        if sent.end >= len(doc):
            return None
        nxt = doc[sent.end].sent
        for tok in nxt:
            if tok.lemma_.lower() in self.rules.event_references and tok.pos_ == "NOUN" \
                    and {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")} & DEFINITE \
                    and not self.others(tok, parties):
                lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
                found = nearest([tx for tx in self.of_sentence(tok) if lo <= tx.start and tx.end <= hi], tok)
                if found is not None:
                    return found
        return None

    def refers_to_event(self, sent, parties: set) -> bool:
        """Whether a sentence names an event already told, between ``parties`` ("their meeting", "the
        talks", "during the visit"; not "during Dissanayake's visit"), and gives no date of its own."""
        if self.dated(sent):
            return False
        for tok in sent:
            if tok.lemma_.lower() in self.rules.event_references and tok.pos_ == "NOUN" \
                    and not self.others(tok, parties):
                dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
                if dets & DEFINITE or tok.head.lower_ in ("during", "after", "at", "following"):
                    return True
        return False


class Context(Events):
    """Dates and modality of one article's relations; ``timexes`` are its temporal expressions."""

    def __init__(self, doc, res: Resolver, rules: Rules, timexes: list[Timex], dateline: dt.date | None = None):
        self.doc, self.res, self.rules, self.timexes = doc, res, rules, timexes
        self.dateline = dateline
        self.by_sentence = group_by_sentence(doc, timexes)
        self.occasions = self.occasion_dates()

    def of_sentence(self, tok) -> list[Timex]:
        return self.by_sentence.get(tok.sent.start_char, [])

    def dates(self, candidates: list) -> list[tuple[Timex | None, str | None]]:
        """(date, source) of each candidate: its clause's, else the event it refers back to, else the
        speaker's dated statement, else the dateline's for the lead's events in the past."""
        out: list[tuple[Timex | None, str | None]] = []
        for c in candidates:
            if undated(c, self.rules):
                out.append((None, None))
                continue
            tx = self.date_of(c.anchor)
            out.append((tx, "clause") if tx is not None else (None, None))
        self.anchor_events(candidates, out)
        for k, c in enumerate(candidates):
            if out[k][0] is None and not undated(c, self.rules):
                tx = self.occasion_date(c.anchor)
                if tx is not None:
                    out[k] = (tx, "speech")
                elif self.dateline is not None and self.in_lead(c.anchor) and past(clause_verb(c.anchor)):
                    day = self.dateline.isoformat()
                    out[k] = (Timex(0, 0, day, "DATE", day), "dateline")
        return out

    def in_lead(self, tok) -> bool:
        """Whether a token stands in the body's first sentence."""
        return self.res.table.sent_index.get(tok.sent.start, 0) == 0

    def date_of(self, anchor) -> Timex | None:
        """The date of the clause a relation stands in: its own timex, else its coordinated head's.

        A noun trigger takes its clause's date only as a direct argument of the clause's verb
        ("announced a partnership on Monday"), not inside a description ("the Taliban government in Kabul").
        """
        timexes = self.of_sentence(anchor)
        if anchor.pos_ not in VERBAL:
            first = anchor
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            direct = first.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "oprd") or (
                first.dep_ == "pobj" and first.head.head.pos_ in VERBAL)
            if not direct:
                lo, hi = anchor.left_edge.idx, anchor.right_edge.idx + len(anchor.right_edge)
                return nearest([tx for tx in timexes if lo <= tx.start and tx.end <= hi], anchor)
        verb = anchor if anchor.pos_ in VERBAL else clause_verb(anchor)
        for _ in range(3):
            toks = clause_tokens(verb)
            best = None
            for tx in timexes:
                ranged = bool(tx.begin and tx.end_value)
                if not ranged and not usable(tx):
                    continue
                if overlaps(toks, tx.start, tx.end):
                    rank = (not ranged, abs(tx.start - anchor.idx))
                    if best is None or rank < best[0]:
                        best = (rank, tx)
            if best:
                return best[1]
            if verb.dep_ == "conj" and verb.head.pos_ in VERBAL:
                verb = verb.head
                continue
            if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in VERBAL and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
                    and (verb.head.lemma_.lower() not in self.rules.planning_verbs or present(verb.head)):
                verb = verb.head  # "will pay a visit on Wednesday to hold talks", "is expected on Thursday to meet"
                continue
            if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ not in VERBAL:
                verb = verb.head  # "On Thursday, the Ambassador ..., called on X" read as a noun's clause
                continue
            if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.rules.reporting_verbs and present(verb):
                verb = verb.head  # "Moscow is building ties, Shoigu said Thursday"
                continue
            break
        rest = run_on(anchor.sent)  # the parser cut the clause from its date
        return nearest(self.of_sentence(rest[0]), anchor) if rest is not None else None

    def speech_act(self, anchor):
        """The speech-act verb a relation belongs to: its own verb, or the verb its clause modifies
        ("Speaking at the summit, X underscored ...")."""
        if anchor.pos_ not in VERBAL:
            return None
        for tok in (anchor, anchor.head):
            if tok.lemma_.lower() in self.rules.speech_verbs and tok.pos_ in VERBAL:
                return tok
            if anchor.dep_ not in ("advcl", "xcomp"):
                break
        return None

    def occasion_dates(self) -> dict[str, list]:
        """Speakers whose statements the article dates: speaker key -> [(position, timex)]."""
        dated: dict[str, list] = defaultdict(list)
        if not self.timexes:
            return dated
        for tok in self.doc:
            if tok.lemma_.lower() in self.rules.speech_verbs and tok.pos_ in VERBAL:
                dates = [tx for tx in self.of_sentence(tok) if tx.type == "DATE" and xsd_date(tx.value)]
                if not dates:
                    continue
                toks = clause_tokens(tok)
                own = [tx for tx in dates if overlaps(toks, tx.start, tx.end)]
                subject = self.res.subject_of(tok) if own else None
                if subject is not None:
                    dated[subject.key].append((tok.i, nearest(own, tok)))
        return dated

    def occasion_date(self, anchor) -> Timex | None:
        """The date of the speaker's dated statement, for an undated speech act in the simple past."""
        act = self.speech_act(anchor)
        if act is None or act.tag_ not in ("VBD", "VBN", "VBG"):
            return None
        if any(c.dep_ == "aux" and c.lemma_ in ("have", "will", "shall") for c in act.children):
            return None
        if anterior(act, self.rules.anterior_words):
            return None
        speaker = self.res.subject_of(act)
        earlier = [tx for i, tx in self.occasions.get(speaker.key, ()) if i <= act.i] if speaker else []
        return earlier[-1] if earlier else None

    def modality(self, anchor) -> tuple[str, str | None, str | None]:
        """(modality, speaker, outlet) of the clause a relation stands in."""
        rules, res, table = self.rules, self.res, self.res.table
        verb = anchor if anchor.pos_ in VERBAL else clause_verb(anchor)
        mode, speaker, outlet = "asserted", None, None

        def source(ref: Ref | None) -> None:
            nonlocal speaker, outlet
            if ref is None:
                return
            if table.cls(ref.key) == "MediaOrganization":
                outlet = outlet or ref.key
            else:
                speaker = speaker or ref.key
        aux = [c for c in verb.children if c.dep_ == "aux"]
        if any(c.dep_ == "neg" for c in verb.children) or any(
                d.lower_ in rules.negation_words for c in verb.children if c.dep_ in SUBJECT_DEPS for d in c.children):
            mode = "negated"  # negation on the verb or "No country"
        elif any(c.lower_ in rules.future_modals for c in aux):
            mode = "planned"
        elif any(c.lower_ in rules.hypothetical_modals for c in aux):
            mode = "hypothetical"
        elif anchor.i != verb.i and verb.lemma_.lower() in rules.negating_verbs:
            mode = "negated"  # "rejected talks with Kyiv"
        elif anchor.i != verb.i and verb.lemma_.lower() in rules.planning_verbs \
                and not (verb.lemma_.lower() in rules.settling_verbs and anchor.pos_ in ("NOUN", "PROPN")):
            mode = "planned"  # "to consider sanctions", "plans a visit"; "agreed a truce" is done
        tok, steps = verb, 0
        while tok.head.i != tok.i and steps < 6:
            steps += 1
            head = tok.head
            if mode == "asserted" and tok.dep_ in ("xcomp", "prep") and head.lemma_.lower() in rules.negating_verbs:
                mode = "negated"  # "refused to recognize", "refrained from endorsing"
            if mode in ("asserted", "planned") and tok.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in rules.conditional_marks for c in tok.children):
                mode = "hypothetical"  # "if Japan asked him to approve the move"
            if mode == "asserted" and tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in rules.planning_verbs:
                mode = "planned"
            if mode == "asserted" and tok.dep_ in ("acl", "relcl", "pcomp") and (
                    head.lemma_.lower() in rules.plan_nouns or head.pos_ == "ADP" and head.head.lemma_.lower() in rules.plan_nouns):
                mode = "planned"
            if tok.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in rules.reporting_verbs:
                if mode == "asserted":
                    mode = "reported"
                source(res.subject_of(head))
            tok = head
        for t in anchor.sent:  # "was quoted as saying by TASS", "the Xinhua news agency reported"
            if t.lemma_.lower() in rules.reporting_verbs and t.i != verb.i:
                subj = res.subject_of(t)
                if subj is not None and table.cls(subj.key) == "MediaOrganization":
                    source(subj)
        if mode == "hypothetical" and speaker and any(c.lower_ == "would" for c in aux):
            mode = "planned"  # "said Russia would deepen ties": the future seen from the past
        doc = self.doc
        for t in anchor.sent:  # "according to Shoigu"
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                pobj = pobj_of(doc[t.i + 1])
                ref = res.ref(pobj) if pobj is not None else None
                if ref is not None:
                    source(ref)
                    mode = "reported" if mode == "asserted" else mode
        return mode, speaker, outlet
