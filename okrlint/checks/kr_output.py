"""kr-output: a key result that is a task or deliverable, not a measured result."""

from __future__ import annotations

from okrlint.checks import Context, metric_of, move
from okrlint.classify import WORK, category_of


def check(ctx: Context) -> str | None:
    category = category_of(ctx)
    if category.name not in WORK:
        return None
    return category.reasons[0] if category.reasons else f"it is a {category.name}"


def suggest(ctx: Context) -> str:
    thing = metric_of(ctx, "the work", article=True)
    return (
        f"Measure the result {thing} should cause, with a start and a target: "
        f"'{move(ctx, metric=f'<the metric {thing} should move>')}'; "
        f"keep '{ctx.stmt.text}' as an initiative"
    )
