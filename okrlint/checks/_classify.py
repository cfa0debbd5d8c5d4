"""The question two rules ask: is this key result work the team does, or a result it causes?

kr-output flags the first; kr-missing-baseline only looks at the second. The answer reads the
anatomy: the head verb's class (activity, direction, acquisition, maintain, vague), whether
there is a number, what the number counts, and whether the statement is a noun phrase.
"""

from __future__ import annotations

from okrlint.checks import Context


def maintains_level(ctx: Context) -> bool:
    """'Maintain 99.9% uptime', 'Hold the line on X', 'ensure burn stays within 5%'."""
    lex = ctx.lex
    for i, tok in enumerate(ctx.tokens):
        if tok.lemma not in lex["maintain_verbs"]:
            continue
        if tok.pos not in ("VERB", "AUX") and i != ctx.head_index:
            continue
        if tok.lemma in ("maintain", "sustain", "preserve"):
            return True
        after = " ".join(t.lower for t in ctx.tokens[i + 1 : i + 8])
        if tok.lemma == "keep" and after.startswith(("track", "up", "on top")):
            continue
        if tok.lemma == "stick" and after.startswith("to"):
            return True
        window = f" {after} "
        if any(f" {w} " in window for w in lex["maintain_level_words"]):
            return True
    return False


def is_output(ctx: Context) -> bool:
    lex, a, lemma = ctx.lex, ctx.anatomy, ctx.lemma
    counted = [t.lemma for t in ctx.counted_nouns()]
    counts_work = any(n in lex["work_item_nouns"] for n in counted)
    if maintains_level(ctx):
        return False
    if a.form == "imperative":
        if lemma in lex["vague_verbs"] or lemma in lex["direction_verbs"]:
            return False
        if not ctx.measurable:
            return True
        if lemma in lex["acquisition_verbs"]:
            return False
        return lemma in lex["activity_verbs"] or counts_work
    if a.form == "noun_phrase":
        if ctx.measurable:
            return counts_work
        heads = {t.lemma for t in ctx.tokens if t.dep == "ROOT"} | {lemma}
        return not (heads & lex["metric_nouns"])
    # clauses and passives: "The API is released", "70% of students answer the survey"
    if ctx.measurable:
        has_share = any(q.kind == "percent" for q in a.quantities)
        return lemma in lex["activity_verbs"] and not has_share and lemma not in lex["acquisition_verbs"]
    if lemma in lex["direction_verbs"] or ctx.has_phrase(lex["vague_quantifiers"] | {"most of", "primarily", "mostly"}):
        return False
    return True
