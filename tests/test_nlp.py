"""The pipeline's stand-ins for slow parts of spaCy give spaCy's own output: the attribute and lemma
tables (kg.attributes) against the model's attribute_ruler and lemmatizer, the word index (kg.extraction.words) against a
pass over the tokens. The sentences were written for these tests."""
from __future__ import annotations

import pytest

from kg.attributes import AttributeTable, replaceable
from kg.extraction.words import Words
from kg.nlp import load_model, load_pipeline, use_tables

TEXTS = [
    "There is gonna be a vote, and there are those who say that nothing will change.",
    "Let's see: y'all ain't ready, c'mon. The ministers met in Oslo on Monday; they could not agree.",
    "Something has to give, said everyone, but the talks, which the Summit hosts, went on.\n\nA new paragraph "
    "here: whether it rains or not, the Prime Minister's plan is what it is.",
    "GDP grew 3.2% in the U.S. -- faster than anyone thought -- while exports ( to Asia ) fell.",
]
ATTRS = ("pos_", "tag_", "morph", "lemma_", "dep_", "head", "ent_type_", "is_sent_start")


def annotations(doc) -> list[tuple]:
    return [tuple(str(getattr(t, a)) for a in ATTRS) for t in doc]


@pytest.fixture(scope="module")
def models():
    ruled = load_model.__wrapped__(None)
    tabled = load_model.__wrapped__(None)
    use_tables(tabled)
    return ruled, tabled


def test_the_tables_replace_the_ruler_and_the_lemmatizer_in_kg_pipeline():
    names = load_pipeline().pipe_names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("parser") < names.index("kg_attribute_table") < names.index("kg_lemma_table")


def test_the_loaded_pipeline_is_out_of_the_collectors_sight():
    import gc

    load_pipeline()
    assert gc.get_freeze_count() > 100_000


def test_the_tables_give_the_rulers_and_the_lemmatizers_output(models):
    ruled, tabled = models
    assert {"attribute_ruler", "lemmatizer"} <= set(ruled.pipe_names)
    assert {"kg_attribute_table", "kg_lemma_table"} <= set(tabled.pipe_names)
    for a, b in zip(ruled.pipe(TEXTS), tabled.pipe(TEXTS)):
        assert annotations(a) == annotations(b)
    gonna = next(tabled.pipe(TEXTS[:1]))
    assert [t.lemma_ for t in gonna[2:4]] == ["go", "to"]  # a rule over two tokens ("gon na")
    assert gonna[1].pos_ == "VERB"  # "there is": the other token of a two-token rule
    again = next(tabled.pipe(TEXTS[:1]))  # lemmas from the table's cache now
    assert [t.lemma_ for t in again] == [t.lemma_ for t in next(ruled.pipe(TEXTS[:1]))]


def test_the_attribute_table_applies_later_rules_over_earlier_ones(models):
    ruled, _ = models
    ruler = ruled.get_pipe("attribute_ruler")
    table = AttributeTable(ruler)
    doc = ruled.make_doc("that")
    for name, proc in ruled.pipeline:
        if name == "attribute_ruler":
            break
        doc = proc(doc)
    doc[0].tag_, doc[0].dep_ = "WDT", "nsubj"
    table(doc)
    assert (doc[0].pos_, str(doc[0].morph)) == ("PRON", "PronType=Rel")  # the tag map says DET; its exception wins


def test_a_ruler_that_sets_other_attributes_and_a_lookup_lemmatizer_are_kept():
    from spacy.lang.en import English

    nlp = English()
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gonna"}]], {"NORM": "going to"})
    assert not replaceable(ruler)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    use_tables(nlp)
    assert nlp.pipe_names == ["attribute_ruler", "lemmatizer"]


def test_the_word_index_finds_what_a_pass_over_the_tokens_finds(models):
    _, tabled = models
    for doc in tabled.pipe(TEXTS):
        words = Words(doc)
        assert words.where(lemma={"be", "say"}) == [t.i for t in doc if t.lemma_.lower() in ("be", "say")]
        assert words.where(text={"Summit"}, lower={"the"}) == [t.i for t in doc if t.text == "Summit" or t.lower_ == "the"]
        assert words.where(pos={"PROPN"}) == [t.i for t in doc if t.pos_ == "PROPN"]
        assert words.where() == []
