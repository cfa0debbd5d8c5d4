"""kr-missing-baseline: a numeric target for an ongoing metric with no start value."""

from __future__ import annotations

import re

from okrlint.checks import Context, capitalised, move
from okrlint.checks._classify import is_output, maintains_level

_NEW_THINGS = frozenset({"new", "additional", "incremental", "net new"})  # made once: see has_phrase
_TOP_N = re.compile(r"(?i)\btop\s+\d+")
_COMPARATOR = re.compile(
    r"(?i)(?:\b(?:less|more|fewer|greater|lower|higher)\s+than|\b(?:under|over|below|above|at\s+least|at\s+most|no\s+more\s+than|within|up\s+to)\b|[<>≤≥]=?)"
)


def check(ctx: Context) -> str | None:
    a, lex, stmt = ctx.anatomy, ctx.lex, ctx.stmt
    if not a.quantities and stmt.target is None:
        return None
    if a.baseline is not None or stmt.has_structured_baseline:
        return None
    if is_output(ctx) or maintains_level(ctx):
        return None
    numbers = [q for q in a.quantities if q.kind != "duration"] or a.quantities
    if any(q.relative for q in a.quantities):
        return f"'{next(q.text for q in a.quantities if q.relative)}' is a change relative to an unstated start value"
    if ctx.lemma in lex["direction_verbs"] or (a.direction in ("increase", "decrease") and a.form != "noun_phrase"):
        return "it moves a metric to a target without saying where it starts"
    new_things = ctx.has_phrase(_NEW_THINGS)
    words = {t.lemma for t in ctx.tokens} | {t.lower for t in ctx.tokens}
    metric = words & lex["metric_nouns"]
    if _TOP_N.search(stmt.text):
        return "a rank target needs the current rank"
    if new_things and not any(q.kind == "percent" for q in numbers):
        return None
    if any(q.kind == "percent" for q in numbers):
        return "a rate or share needs its current value"
    if metric and (
        _COMPARATOR.search(stmt.text)
        or (
            any(q.kind in ("number", "duration") for q in a.quantities)
            and ctx.lemma
            in lex["acquisition_verbs"]
            - {"get", "secure", "sign", "acquire", "win", "close", "generate", "land", "book", "collect"}
        )
    ):
        return f"the {sorted(metric)[0]} target needs its current value"
    if any(q.kind == "duration" for q in a.quantities) and _COMPARATOR.search(stmt.text):
        return "a time target needs the current time"
    return None


def suggest(ctx: Context) -> str:
    a = ctx.anatomy
    if a.form == "imperative" and a.head:
        return f"{move(ctx, verb=capitalised(a.head))} (state the start value)"
    return f"{ctx.stmt.text.rstrip('.')}, from <current value> (state the start value)"
