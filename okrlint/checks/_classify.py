"""The question two rules ask: is this key result work the team does, or a result it causes?

kr-output flags the first; kr-missing-baseline only looks at the second. The answer reads the
anatomy: the head verb's class (activity, direction, acquisition, maintain, vague), whether
there is a number, what the number counts, and whether the statement is a noun phrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from okrlint.checks import Context

THRESHOLD = re.compile(r"(?i)(?:under|below|over|above|less than|more than|at most|at least|<|>)\s*$")
# Phrase sets made once: has_phrase caches its work per set, which a set literal or union
# written at the call would make anew (and hash in full) for every statement.
_COMPARATIVES = frozenset({"more", "fewer", "less"})
_MAJORITY = frozenset({"most of", "primarily", "mostly", "majority"})


@lru_cache(maxsize=16)
def _vague_amounts(vague_quantifiers: frozenset[str]) -> frozenset[str]:
    return vague_quantifiers | _COMPARATIVES


def _once(name: str, compute: Callable[[Context], bool]) -> Callable[[Context], bool]:
    """The answer kept on the statement's Context: kr-output and kr-missing-baseline both ask
    (neither question depends on a rule's parameters)."""

    def answer(ctx: Context) -> bool:
        memo = ctx.__dict__
        if name not in memo:
            memo[name] = compute(ctx)
        value: bool = memo[name]
        return value

    answer.__doc__ = compute.__doc__
    return answer


def _maintains_level(ctx: Context) -> bool:
    """'Maintain 99.9% uptime', 'Hold the line on X', 'ensure burn stays within 5%'."""
    lex = ctx.lex
    verbs = lex["maintain_verbs"]
    for i, tok in enumerate(ctx.tokens):
        if tok.lemma not in verbs:
            continue
        if tok.pos not in ("VERB", "AUX") and i != ctx.head_index:
            continue
        if tok.lemma in ("maintain", "sustain", "preserve"):
            return True
        after = " ".join(t.lower for t in ctx.tokens[i + 1 : i + 8])
        if tok.lemma == "keep" and after.startswith(("track", "up", "on top")):
            continue
        if tok.lemma == "hold":
            if after.startswith(("the line", "steady", "flat", "constant", "firm")):
                return True
            objects = {t.lemma for t in ctx.tokens[i + 1 : i + 5] if t.pos in ("NOUN", "PROPN")}
            if objects & lex["work_item_nouns"]:
                continue  # "Hold a training session at each account" is an activity
        if tok.lemma in ("stay", "remain") and i == ctx.head_index:
            return True  # "Remain ISO 9001 certified" as the main action
        if tok.lemma == "stick" and after.startswith("to"):
            return True
        window = f" {after} "
        if any(f" {w} " in window for w in lex["maintain_level_words"]):
            return True
    return False


maintains_level = _once("_maintains_level", _maintains_level)


def _is_output(ctx: Context) -> bool:
    """Work the team does ("Publish 5 posts"), not a result it causes."""
    lex, a, lemma = ctx.lex, ctx.anatomy, ctx.lemma
    counted = [t.lemma for t in ctx.counted_nouns()]
    counts_work = any(n in lex["work_item_nouns"] for n in counted)
    root = next((t for t in ctx.tokens if t.dep == "ROOT"), None)
    # A deadline ("within 7 days", "in 3 weeks") measures when, not how much changed.
    measures_result = (
        any(
            q.kind != "duration" or THRESHOLD.search(ctx.stmt.text[max(0, q.start - 14) : q.start])
            for q in a.quantities
        )
        or ctx.stmt.target is not None
    )
    if a.baseline is not None or ctx.stmt.has_structured_baseline:
        return False  # a start value means a metric is being moved
    if maintains_level(ctx):
        return False
    vague_amount = ctx.has_phrase(_vague_amounts(lex["vague_quantifiers"]))
    if a.form == "imperative":
        if lemma in lex["vague_verbs"] or lemma in lex["direction_verbs"]:
            return False
        if not ctx.measurable:
            # "Sign more enterprise logos": a result, only vaguely sized
            return not (lemma in lex["acquisition_verbs"] and vague_amount)
        if lemma in lex["acquisition_verbs"]:
            return False
        if lemma in lex["activity_verbs"] or counts_work:
            return True
        # An unlisted verb with a count ("Decommission 40 VMs") is work; with a rate or an
        # amount ("Resolve 95% of tickets") it is a result.
        return not any(q.kind in ("percent", "currency") for q in a.quantities)
    if a.form == "noun_phrase":
        if measures_result:
            counted_plainly = any(q.kind in ("number", "count_word") for q in a.quantities)
            return counts_work or (counted_plainly and root is not None and root.lemma in lex["work_item_nouns"])
        heads = {t.lemma for t in ctx.tokens if t.dep == "ROOT"} | {lemma}
        return not (heads & lex["metric_nouns"]) and not vague_amount
    # clauses and passives: "The API is released", "70% of students answer the survey"
    if any(t.lower in ("can", "able") for t in ctx.tokens):
        return True  # "Users can opt out of X": a capability the team ships
    subject = next((t for t in ctx.tokens if t.dep in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lemma in lex["audience_nouns"] and a.form == "clause":
        return False  # "Every free user upgrades", "No customer churns": behaviour, not work
    if ctx.measurable:
        has_share = any(q.kind == "percent" for q in a.quantities)
        return lemma in lex["activity_verbs"] and not has_share and lemma not in lex["acquisition_verbs"]
    # "Most of the team has written X", "Requests are primarily feature requests": a behaviour
    return not (lemma in lex["direction_verbs"] or ctx.has_phrase(_MAJORITY))


is_output = _once("_is_output", _is_output)
