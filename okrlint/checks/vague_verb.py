"""vague-verb: the main action is a vague verb (improve, optimize, support) and no target is set."""

from __future__ import annotations

from okrlint.checks import Context, move
from okrlint.classify import WORK, category_of, main_quantities


def check(ctx: Context) -> str | None:
    if main_quantities(ctx) or ctx.stmt.target is not None or ctx.anatomy.form not in ("imperative", "clause"):
        return None  # (a number of the means, "by shipping 5 tutorials", is no target)
    if ctx.lemma == "support" and category_of(ctx).name in WORK:
        return None  # "Support SSO": support as a feature shipped, not the vague verb
    phrase = ctx.head_phrase(ctx.lex["vague_verbs"])
    return f"'{phrase}' names no measurable change" if phrase else None


def suggest(ctx: Context) -> str:
    phrase = ctx.head_phrase(ctx.lex["vague_verbs"]) or ctx.lemma
    return f"Replace '{phrase}' with a direction and a number: '{move(ctx)}'"
