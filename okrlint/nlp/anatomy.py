"""The anatomy of a statement: its action, object, quantities, baseline, target and direction.

OKR statements are mostly imperative ("Double company valuation", "Publish 5 posts"), and
small English models tag a sentence-initial imperative as an adjective or proper noun. The
analysis therefore decides the form itself: a first word (after adverbs such as
"Successfully") that is a base-form verb in the model's lexicon, with no subject before a
later verb, is an imperative head, whatever its tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from spacy.attrs import DEP, HEAD, IDX, LEMMA, ORTH, POS, SPACY, TAG

from okrlint.model import Anatomy, Direction, Token, construct
from okrlint.nlp.directions import DIRECTION_LEMMAS
from okrlint.nlp.quantities import find_baseline, find_deadline, find_quantities
from okrlint.nlp.records import ANATOMY_TEMPLATE
from okrlint.nlp.records import from_record as from_record
from okrlint.nlp.records import to_record as to_record

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


# Every token attribute the analysis reads, fetched for a whole doc by one to_array call:
# per-token property access (t.pos_, t.head.i ...) made a spaCy Token object and a string
# lookup for each, and cost more than the rest of the analysis. (A token's lowercase form is
# its text's str.lower(), as spaCy's LOWER is: kept with the text, not fetched.)
_ATTRS = (ORTH, LEMMA, POS, TAG, DEP, HEAD, IDX, SPACY)
_SIGN, _WRAP = 1 << 63, 1 << 64  # HEAD is the offset to the head, stored unsigned
_STRING_OF: dict[int, str] = {}  # string-store hash -> text (hashes are the same in every model)
_TEXT_OF: dict[int, tuple[str, str]] = {}  # ORTH hash -> (text, lowercase text)
_LOWER_LEMMA_OF: dict[int, str] = {}
_new_tuple = tuple.__new__  # Token(...) without the Python-level __new__ a NamedTuple has
# (which also checks the number of values: the tuples built below follow this order)
assert Token._fields == ("text", "lower", "lemma", "pos", "tag", "dep", "head", "idx", "is_verb_form")


def _string(strings: Any, key: int) -> str:
    text = _STRING_OF.get(key)
    if text is None:
        text = _STRING_OF[key] = strings[key]
    return text


def _tokens(doc: Any, verbs: frozenset[str]) -> tuple[list[Token], set[int]]:
    """The doc's tokens, and the indexes of those glued to a following -, / or ."""
    tokens = []
    unspaced = []
    strings = doc.vocab.strings
    orth_of, text_of, lemma_of = _TEXT_OF.get, _STRING_OF.get, _LOWER_LEMMA_OF.get
    for i, (orth, lem, pos, tag, dep, head, idx, spaced) in enumerate(doc.to_array(_ATTRS).tolist()):
        known = orth_of(orth)
        if known is None:
            text = strings[orth]
            known = _TEXT_OF[orth] = (text, text.lower())
        text, lower = known
        lemma = lemma_of(lem)
        if lemma is None:
            lemma = _LOWER_LEMMA_OF[lem] = strings[lem].lower()
        fields = (
            text,
            lower,
            lemma,
            text_of(pos) or _string(strings, pos),
            text_of(tag) or _string(strings, tag),
            text_of(dep) or _string(strings, dep),
            i + (head - _WRAP if head >= _SIGN else head),
            idx,
            lower in verbs,
        )
        tokens.append(_new_tuple(Token, fields))
        if not spaced:
            unspaced.append(i)
    last = len(tokens) - 1
    return tokens, {i for i in unspaced if i < last and tokens[i + 1].text in "-/."}


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


def describe(doc: Any, verbs: frozenset[str], text: str | None = None) -> Anatomy:
    """Build the anatomy of one parsed statement. `text`, when given, is the text the doc was
    parsed from (equal to doc.text, which spaCy would rebuild from the tokens)."""
    if text is None:
        text = doc.text
    tokens, glued = _tokens(doc, verbs)
    quantities = find_quantities(text)
    baseline, target = find_baseline(text, quantities)
    values = dict(ANATOMY_TEMPLATE)  # becomes the model's __dict__: fields are set in it directly
    values.update(quantities=quantities, baseline=baseline, target=target, deadline=find_deadline(text), tokens=tokens)
    anatomy = construct(Anatomy, values)
    if not tokens:
        return anatomy
    head = _imperative_head(tokens, glued, verbs)
    tagged = [t.pos for t in tokens]  # as spaCy tagged them, for the noun chunks
    if head is not None:
        values["imperative"] = True
        values["form"] = "imperative"
        verb = tokens[head]  # a verb, whatever spaCy tagged it (its tag kept if it was one)
        tag = verb.tag if verb.pos == "VERB" else "VB"
        retagged = (verb.text, verb.lower, verb.lower, "VERB", tag, verb.dep, verb.head, verb.idx, verb.is_verb_form)
        tokens[head] = _new_tuple(Token, retagged)  # verb._replace(lemma=, pos=, tag=), without its Python loop
    else:
        # the tokens are as spaCy tagged them here (only the imperative branch retags one)
        root = next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), 0)
        first = next((i for i, t in enumerate(tokens) if t.pos not in ("PUNCT", "ADV", "DET")), 0)
        first_content = tokens[first]
        if tokens[root].pos in ("VERB", "AUX"):
            head = root
            values["form"] = "passive" if any(t.dep in ("auxpass", "nsubjpass") for t in tokens) else "clause"
            if tokens[root].pos == "AUX" or tokens[root].lemma == "be":
                complement = next(
                    (
                        i
                        for i, t in enumerate(tokens)
                        if t.head == root and i != root and t.dep in ("acomp", "attr", "oprd")
                    ),
                    None,
                )  # the first child of the root with that relation, as doc[root].children gives them
                if complement is not None and tokens[complement].tag == "VBN":
                    head, values["form"] = complement, "passive"
        elif first_content.tag in ("VBN", "VBD") and first_content.lemma in verbs:
            head = first  # "Increased number of users", "Parallelized index creation"
            values["form"] = "passive" if head == root else "noun_phrase"
            if values["form"] == "noun_phrase":
                head = root
        else:
            head = root
            values["form"] = "noun_phrase"
    values["head"] = tokens[head].text
    values["lemma"] = tokens[head].lemma
    values["object"] = _object_after(doc, text, tokens, tagged, head)
    values["direction"] = _direction(tokens, head, anatomy)
    return anatomy


# spaCy's English noun_chunks (spacy/lang/en/syntax_iterators.py), over the Token tuples: the
# same chunks, without building a spaCy Token for every word of every statement.
_NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"})


def _noun_chunk_starts(doc: Any, tokens: Sequence[Token], pos: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each base noun phrase, as doc.noun_chunks gives them; `pos` is spaCy's."""
    prev_end = -1
    for i, word in enumerate(tokens):
        if pos[i] not in ("NOUN", "PROPN", "PRON"):
            continue
        if word.dep in _NP_DEPS:
            pass
        elif word.dep == "conj":
            head = word.head
            while tokens[head].dep == "conj" and tokens[head].head < head:
                head = tokens[head].head
            if tokens[head].dep not in _NP_DEPS:
                continue
        else:
            continue
        left = doc[i].left_edge.i
        if left <= prev_end:
            continue
        prev_end = i
        yield left, i + 1


def _span_text(text: str, tokens: Sequence[Token], start: int, end: int) -> str:
    """doc[start:end].text: from the first token to the end of the last, without its trailing space."""
    last = tokens[end - 1]
    return text[tokens[start].idx : last.idx + len(last.text)]


def _object_after(doc: Any, text: str, tokens: Sequence[Token], pos: Sequence[str], head: int) -> str | None:
    """The first noun phrase after the head: what the action is done to."""
    for start, end in _noun_chunk_starts(doc, tokens, pos):
        if start > head:
            return _span_text(text, tokens, start, end)
    if head + 1 < len(tokens):
        rest = _span_text(text, tokens, head + 1, len(tokens)).split(" by ")[0].split(" from ")[0].strip()
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
    parsed = zip(unique, nlp.pipe(unique, batch_size=batch_size), strict=True)
    by_text = {text: describe(doc, verbs, text) for text, doc in parsed}
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
