"""kr-missing-baseline: a numeric target for an ongoing metric with no start value."""

from __future__ import annotations

from okrlint.checks import Context, capitalised, metric_phrase, move, union
from okrlint.classify import METRIC, ONGOING, RATE, THRESHOLD, category_of, main_quantities, stock_count


def check(ctx: Context) -> str | None:
    category = category_of(ctx)
    if category.name not in ONGOING:
        return None  # counts of new things, work, kept levels: no start value to state
    a, stmt = ctx.anatomy, ctx.stmt
    if a.baseline is not None or stmt.has_structured_baseline:
        return None
    quantities = main_quantities(ctx)
    if not quantities and stmt.target is None:
        return None
    relative = next((q for q in quantities if q.relative), None)
    if relative is not None:
        return f"'{relative.text}' is a change relative to an unstated start value"
    if category.name == RATE:
        return "a rate or share needs its current value"
    if category.name == THRESHOLD:
        if any(q.kind == "duration" for q in quantities):
            return "a time target needs the current time"
        return "a threshold needs the current value"
    if category.name == METRIC and (
        category.direction in ("increase", "decrease") and a.form != "noun_phrase"
    ):
        return "it moves a metric to a target without saying where it starts"
    # A level with no verb that moves it ("CSAT 4.6/5", "Reach 10,000 users"): flagged when
    # it names a known metric (amounts won in the period are counts, not metric levels).
    words = {t.lemma for t in ctx.tokens} | {t.lower for t in ctx.tokens}
    metric = words & ctx.lex["metric_nouns"]
    if metric:
        return f"the {sorted(metric)[0]} target needs its current value"
    if stock_count(ctx, quantities):
        return "a level of what exists today needs its current value"
    return None


def suggest(ctx: Context) -> str:
    a, lex = ctx.anatomy, ctx.lex
    verbs = union(lex["direction_verbs"], lex["acquisition_verbs"])
    if a.form == "imperative" and a.head and ctx.lemma in verbs:
        return f"{move(ctx, verb=capitalised(a.head))} (state the start value)"
    if metric_phrase(ctx):
        return f"{move(ctx)} (state the start value)"
    return f"{ctx.stmt.text.rstrip('.')}, from <current value> (state the start value)"
