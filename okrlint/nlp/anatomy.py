"""The anatomy of a statement: its action, object, quantities, baseline, target and direction.

OKR statements are mostly imperative ("Double company valuation", "Publish 5 posts"), and
small English models tag a sentence-initial imperative as an adjective or proper noun. The
analysis therefore decides the form itself: a first word (after adverbs such as
"Successfully") that is a base-form verb in the model's lexicon, with no subject before a
later verb, is an imperative head, whatever its tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from okrlint.model import Anatomy, Direction, Token
from okrlint.nlp.quantities import find_baseline, find_deadline, find_quantities
from okrlint.nlp.records import ANATOMY_SET, ANATOMY_TEMPLATE, construct, make_token
from okrlint.nlp.records import from_record as from_record
from okrlint.nlp.records import to_record as to_record

DIRECTION_LEMMAS: dict[str, Direction] = {
    **dict.fromkeys(
        [
            "increase",
            "grow",
            "raise",
            "boost",
            "improve",
            "lift",
            "expand",
            "double",
            "triple",
            "accelerate",
            "maximize",
            "maximise",
            "gain",
            "scale",
            "widen",
            "broaden",
            "strengthen",
            "enhance",
            "extend",
            "multiply",
            "deepen",
            "speed",
        ],
        "increase",
    ),
    **dict.fromkeys(
        [
            "reduce",
            "decrease",
            "cut",
            "lower",
            "drop",
            "shrink",
            "halve",
            "minimize",
            "minimise",
            "eliminate",
            "shorten",
            "decline",
            "slash",
            "trim",
            "contain",
            "lessen",
            "mitigate",
        ],
        "decrease",
    ),
    **dict.fromkeys(["maintain", "keep", "sustain", "hold", "stay", "remain", "preserve", "stick"], "maintain"),
    **dict.fromkeys(
        [
            "reach",
            "achieve",
            "hit",
            "attain",
            "exceed",
            "get",
            "secure",
            "surpass",
            "deliver",
            "land",
            "win",
            "earn",
            "generate",
            "acquire",
            "sign",
            "close",
            "obtain",
            "beat",
        ],
        "reach",
    ),
}
_LEADING_SKIP = {
    "successfully",
    "fully",
    "finally",
    "consistently",
    "continuously",
    "quickly",
    "significantly",
    "substantially",
    "further",
    "also",
    "then",
    "to",
    "and",
    "-",
}
_NOUN_READING_NEXT = {"of", "for", "'s", "’s", "is", "are", "was", "were", "has", "have", "will"}


def _tokens(doc: Any, verbs: frozenset[str]) -> list[Token]:
    return [
        make_token((t.text, t.lower_, t.lemma_.lower(), t.pos_, t.tag_, t.dep_, t.head.i, t.idx, t.lower_ in verbs))
        for t in doc
    ]


def _imperative_head(tokens: Sequence[Token], glued: set[int], verbs: frozenset[str]) -> int | None:
    """Index of the imperative verb that opens the statement, if it opens with one."""
    i = 0
    while i < len(tokens) and (
        tokens[i].lower in _LEADING_SKIP
        or tokens[i].pos == "PUNCT"
        or (tokens[i].tag == "RB" and tokens[i].lower.endswith("ly"))
    ):
        i += 1
    if i >= len(tokens):
        return None
    first = tokens[i]
    if not first.is_verb_form or first.text[:1].isdigit() or i in glued:
        return None
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if nxt in _NOUN_READING_NEXT:
        return None  # "Support for X", "Release of the cluster": a noun
    later = tokens[first.head]
    if (
        first.dep in ("nsubj", "nsubjpass")
        and later.pos in ("VERB", "AUX")
        and (later.lemma in verbs or later.pos == "AUX")
    ):
        subject_of = first.head
        if subject_of != i and not (tokens[subject_of].tag in ("VBN",) and subject_of == i + 1):
            return None  # "Time spent on X decreases": a subject, not an order
    inflected = first.tag in ("VBD", "VBN", "VBZ", "VBG") or (first.lower.endswith(("ed", "ing")) and first.tag != "VB")
    if inflected and first.lower != first.lemma:
        return None
    return i


def describe(doc: Any, verbs: frozenset[str]) -> Anatomy:
    """Build the anatomy of one parsed statement."""
    text = doc.text
    tokens = _tokens(doc, verbs)
    quantities = find_quantities(text)
    baseline, target = find_baseline(text, quantities)
    values = dict(ANATOMY_TEMPLATE)
    values.update(quantities=quantities, baseline=baseline, target=target, deadline=find_deadline(text), tokens=tokens)
    anatomy: Anatomy = construct(Anatomy, values, ANATOMY_SET)
    if not tokens:
        return anatomy
    glued = {t.i for t in doc if not t.whitespace_ and t.i + 1 < len(doc) and doc[t.i + 1].text in "-/."}
    head = _imperative_head(tokens, glued, verbs)
    if head is not None:
        anatomy.imperative = True
        anatomy.form = "imperative"
        tokens[head].lemma = tokens[head].lower
        if tokens[head].pos != "VERB":
            tokens[head].pos, tokens[head].tag = "VERB", "VB"
    else:
        root = next((t.i for t in doc if t.dep_ == "ROOT"), 0)
        first_content = next((t for t in doc if t.pos_ not in ("PUNCT", "ADV", "DET")), doc[0])
        if tokens[root].pos in ("VERB", "AUX"):
            head = root
            deps = {t.dep_ for t in doc}
            anatomy.form = "passive" if {"auxpass", "nsubjpass"} & deps else "clause"
            if tokens[root].pos == "AUX" or tokens[root].lemma == "be":
                complement = next((t for t in doc[root].children if t.dep_ in ("acomp", "attr", "oprd")), None)
                if complement is not None and complement.tag_ == "VBN":
                    head, anatomy.form = complement.i, "passive"
        elif first_content.tag_ in ("VBN", "VBD") and first_content.lemma_.lower() in verbs:
            head = first_content.i  # "Increased number of users", "Parallelized index creation"
            anatomy.form = "passive" if first_content.i == root else "noun_phrase"
            if anatomy.form == "noun_phrase":
                head = root
        else:
            head = root
            anatomy.form = "noun_phrase"
    anatomy.head = tokens[head].text
    anatomy.lemma = tokens[head].lemma
    anatomy.object = _object_after(doc, head)
    anatomy.direction = _direction(tokens, head, anatomy)
    return anatomy


def _object_after(doc: Any, head: int) -> str | None:
    """The first noun phrase after the head: what the action is done to."""
    for chunk in doc.noun_chunks:
        if chunk.start > head:
            return str(chunk.text)
    if head + 1 < len(doc):
        rest = doc[head + 1 :].text.split(" by ")[0].split(" from ")[0].strip()
        return rest or None
    return None


def _direction(tokens: Sequence[Token], head: int, anatomy: Anatomy) -> Direction | None:
    lemma = tokens[head].lemma
    if lemma in DIRECTION_LEMMAS:
        return DIRECTION_LEMMAS[lemma]
    for tok in tokens:
        verbal = tok.pos in ("VERB", "AUX") or tok.tag in ("VBN", "VBD")
        if verbal and DIRECTION_LEMMAS.get(tok.lemma, "reach") != "reach":
            return DIRECTION_LEMMAS[tok.lemma]
    if (
        anatomy.baseline is not None
        and anatomy.target is not None
        and anatomy.baseline.value is not None
        and anatomy.target.value is not None
    ):
        if anatomy.target.value > anatomy.baseline.value:
            return "increase"
        if anatomy.target.value < anatomy.baseline.value:
            return "decrease"
    if anatomy.quantities:
        return "reach"
    return None


def analyse(texts: Iterable[str], nlp: Any, batch_size: int = 256) -> list[Anatomy]:
    """Parse every text in one nlp.pipe pass; identical texts are parsed once."""
    texts = list(texts)
    unique = list(dict.fromkeys(texts))
    verbs = _verbs_of(nlp)
    by_text = {doc.text: describe(doc, verbs) for doc in nlp.pipe(unique, batch_size=batch_size)}
    return [by_text[t] for t in texts]


_VERB_CACHE: dict[int, frozenset[str]] = {}


def _verbs_of(nlp: Any) -> frozenset[str]:
    from okrlint.nlp.pipeline import verb_lexicon

    key = id(nlp)
    if key not in _VERB_CACHE:
        _VERB_CACHE[key] = verb_lexicon(nlp) | EXTRA_VERBS
    return _VERB_CACHE[key]


# Verbs common in OKRs that a lemmatizer table may lack.
EXTRA_VERBS = frozenset(
    {
        "onboard",
        "upsell",
        "deprecate",
        "refactor",
        "parallelize",
        "dockerize",
        "containerize",
        "localize",
        "productize",
        "operationalize",
        "open-source",
        "email",
        "e-mail",
        "triage",
        "roll",
        "sunset",
        "dogfood",
        "benchmark",
        "rearchitect",
        "re-architect",
        "automate",
        "migrate",
        "document",
    }
)
