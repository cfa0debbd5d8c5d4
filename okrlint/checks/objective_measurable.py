"""objective-measurable: the objective states a quantity; numbers belong in its key results."""

from __future__ import annotations

from okrlint.checks import Context


def check(ctx: Context) -> str | None:
    if not ctx.anatomy.quantities:
        return None
    return f"'{ctx.anatomy.quantities[0].text}' is a number; keep the objective qualitative"
