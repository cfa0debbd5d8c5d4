"""kr-not-measurable: a key result with no number, percentage, amount or multiplier at all."""

from __future__ import annotations

from okrlint.checks import Context, metric_of, move
from okrlint.classify import WORK, category_of


def check(ctx: Context) -> str | None:
    if ctx.measurable:
        return None
    return "it contains no quantity to measure progress against"


def suggest(ctx: Context) -> str:
    if category_of(ctx).name in WORK:
        thing = metric_of(ctx, "the work", article=True)
        return f"Add the number that shows progress: '{move(ctx, metric=f'<the metric {thing} should move>')}'"
    return f"Add the number that shows progress: '{move(ctx)}'"
