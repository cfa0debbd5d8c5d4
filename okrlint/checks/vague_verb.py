"""vague-verb: the main action is a vague verb (improve, optimize, support) and no target is set."""

from __future__ import annotations

from okrlint.checks import Context, move


def check(ctx: Context) -> str | None:
    if ctx.measurable or ctx.anatomy.form not in ("imperative", "clause"):
        return None
    phrase = ctx.head_phrase(ctx.lex["vague_verbs"])
    return f"'{phrase}' names no measurable change" if phrase else None


def suggest(ctx: Context) -> str:
    phrase = ctx.head_phrase(ctx.lex["vague_verbs"]) or ctx.lemma
    return f"Replace '{phrase}' with a direction and a number: '{move(ctx)}'"
