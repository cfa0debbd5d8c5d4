"""objective-output: the objective is an activity or deliverable ('Launch a new website')."""

from __future__ import annotations

from okrlint.checks import Context, metric_of
from okrlint.classify import OUTPUT, category_of


def check(ctx: Context) -> str | None:
    category = category_of(ctx)
    if category.name != OUTPUT:
        return None
    return category.reasons[0] if category.reasons else "it describes an activity, not an outcome"


def suggest(ctx: Context) -> str:
    thing = metric_of(ctx, "the deliverable", article=True)
    return (
        f"Name the outcome {thing} should bring about (a state, e.g. '<who> <gets what> thanks to {thing}'); "
        f"keep '{ctx.stmt.text}' as an initiative under it"
    )
