"""objective-measurable: the objective states a quantity; numbers belong in its key results."""

from __future__ import annotations

from okrlint.checks import Context, metric_of


def check(ctx: Context) -> str | None:
    if not ctx.anatomy.quantities:
        return None
    return f"'{ctx.anatomy.quantities[0].text}' is a number; keep the objective qualitative"


def suggest(ctx: Context) -> str:
    a = ctx.anatomy
    q = a.quantities[0]
    verb = "Reduce" if a.direction == "decrease" else "Grow"
    metric = metric_of(ctx)
    target = f"<{q.value:g}x the current value>" if q.kind == "multiplier" and q.value else q.text
    return (
        f"Keep the direction in the objective ('{verb} {metric}', said in words that inspire) and move "
        f"the number to a key result: '{verb} {metric} from <current value> to {target}'"
    )
