"""kr-kpi-maintain: a key result that only keeps a status quo (business-as-usual KPI)."""

from __future__ import annotations

from okrlint.checks import Context, metric_of, move
from okrlint.classify import MAINTAIN, category_of


def check(ctx: Context) -> str | None:
    return "it keeps a level rather than moving a result" if category_of(ctx).name == MAINTAIN else None


def suggest(ctx: Context) -> str:
    metric = metric_of(ctx)
    return f"Track {metric} as a KPI outside the OKR, or set a change: '{move(ctx)}'"
