"""unrealistic-target: an absolute extreme for one period: 100% market share, zero churn, 10x."""

from __future__ import annotations

import re

from okrlint.checks import Context
from okrlint.model import Quantity, Token

_ZERO_X = re.compile(r"\b(?:zero|0%?)\s+((?:[a-z\-]+\s+){0,2}[a-z\-]+)")
_NO_X_VERB = re.compile(r"\bno\s+(?:single\s+)?([a-z]+?)s?\s+([a-z]+)")
# "inbox zero every week", "at zero for 14 months": zero is the value of what came before
_NOT_COUNTED = frozenset({"every", "each", "per", "a", "an", "the", "by", "in", "at", "for", "on", "since", "to"})
# "a beta with 5 testers, zero P0 bugs", "migrate ... with zero regression": a condition of done
_WITH_BEFORE = re.compile(r"\bwith(?:out)?\b[^.;]*+$")
_EVERY_X_VERB = re.compile(r"\b(?:every|all|each)\s+(?:(?:single|of\s+our|our|the)\s+)?([a-z]+)\s+([a-z]+)")


def check(ctx: Context) -> str | None:
    a, lex, text = ctx.anatomy, ctx.lex, ctx.lower_text
    min_multiplier = float(ctx.params.get("min_multiplier", 10))
    for q in a.quantities:
        if q.kind == "multiplier" and (q.value or 0) >= min_multiplier:
            return f"'{q.text}' growth in one period is rarely achievable"
        if q.kind == "percent" and q.relative and (q.value or 0) >= (min_multiplier - 1) * 100:
            return f"'{q.text}' growth in one period is rarely achievable"
        if q.kind == "percent" and (q.value or 0) >= 100 and not q.relative:
            share = _share_of(ctx, q)
            extreme = lex["extreme_share_nouns"]
            if share is not None and (share.lemma in extreme or share.lower in extreme):
                return f"'{q.text} {share.text}' is an absolute extreme"
    if a.baseline is not None and a.target is not None and a.direction == "increase":
        base, goal = a.baseline.value or 0, a.target.value or 0
        if base > 0 and goal / base >= min_multiplier:
            return f"from {a.baseline.text} to {a.target.text} is {goal / base:.0f}x in one period"
    # (each pattern starts with a word whose presence a substring test checks first: most
    # statements have none of them, and the searches cost more than the tests)
    m = _ZERO_X.search(text) if "zero" in text or "0" in text else None
    if (
        m
        and (m.group(0).startswith("zero") or set(m.group(1).split()) & lex["zero_nouns"])
        and m.group(1).split()[0] not in _NOT_COUNTED
        and not _WITH_BEFORE.search(text, 0, m.start())
    ):
        return f"'{m.group(0)}' is an absolute extreme"
    m = _NO_X_VERB.search(text) if "no" in text else None
    if (
        m
        and m.group(1) in lex["everyone_nouns"]
        and m.group(2).rstrip("s") in lex["loss_verbs"] | {v + "e" for v in lex["loss_verbs"]}
    ):
        return f"'{m.group(0)}' asks for no loss at all"
    m = _EVERY_X_VERB.search(text) if "every" in text or "all" in text or "each" in text else None
    if m and m.group(1) in lex["everyone_nouns"]:
        verb = m.group(2)
        if any(verb == v or verb.rstrip("s") == v or verb[:-1] == v for v in lex["universal_outcome_verbs"]):
            return f"'{m.group(0)}' asks for every {m.group(1).rstrip('s')}"
    return None


def _share_of(ctx: Context, q: Quantity) -> Token | None:
    """What a percentage is a share of: 'of' and its noun phrase's head ('100% of customer data'
    -> data), or the noun it counts ('100% market share' -> share)."""
    whole = ctx.whole_of(q)
    if whole is not None:
        return whole
    nouns = ctx.counted_nouns([q])
    return nouns[0] if nouns else None


def suggest(ctx: Context) -> str:
    detail = check(ctx) or ""
    extreme = detail.split("'")[1] if detail.count("'") >= 2 else "the extreme"
    return f"Replace {extreme!r} with a stretch target the team could reach this cycle with great work"
