"""objective-output: the objective is an activity or deliverable ('Launch a new website')."""

from __future__ import annotations

from okrlint.checks import Context, metric_of


def check(ctx: Context) -> str | None:
    a, lex = ctx.anatomy, ctx.lex
    if a.form == "imperative":
        phrase = ctx.head_phrase(lex["deliverable_verbs"])
        if not phrase:
            return None
        head = ctx.head_index or 0
        obj: list[str] = []
        for t in ctx.tokens[head + 1 :]:
            if t.pos == "ADP" and obj:
                break
            if t.pos in ("NOUN", "PROPN"):
                obj.append(t.lemma)
        if set(obj) & lex["state_nouns"]:
            return None  # "Create a more goal-oriented culture": a state to reach
        return f"'{phrase}' describes an activity, not an outcome"
    if a.form == "noun_phrase":
        root = next((t for t in ctx.tokens if t.dep == "ROOT"), None)
        if root is not None and root.lemma in lex["deliverable_nouns"]:
            return f"'{root.text}' names a deliverable, not an outcome"
    return None


def suggest(ctx: Context) -> str:
    thing = metric_of(ctx, "the deliverable")
    return (
        f"Name the outcome {thing} should bring about (a state, e.g. '<who> <gets what> thanks to {thing}'); "
        f"keep '{ctx.stmt.text}' as an initiative under it"
    )
