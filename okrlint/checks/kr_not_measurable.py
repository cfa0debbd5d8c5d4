"""kr-not-measurable: a key result with no number, percentage, amount or multiplier at all."""

from __future__ import annotations

from okrlint.checks import Context


def check(ctx: Context) -> str | None:
    if ctx.measurable or ctx.stmt.baseline is not None or ctx.stmt.current is not None:
        return None
    return "it contains no quantity to measure progress against"
