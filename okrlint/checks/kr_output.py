"""kr-output: a key result that is a task or deliverable, not a measured result."""

from __future__ import annotations

from okrlint.checks import Context, metric_of, move
from okrlint.checks._classify import is_output


def check(ctx: Context) -> str | None:
    if not is_output(ctx):
        return None
    if ctx.anatomy.form == "imperative":
        return f"'{ctx.anatomy.head}' describes work the team does"
    if ctx.anatomy.form == "noun_phrase":
        return "it names a deliverable, not a change in results"
    return "it states a milestone or deliverable, not a change in results"


def suggest(ctx: Context) -> str:
    thing = metric_of(ctx, "the work")
    return (
        f"Measure the result {thing} should cause, with a start and a target: "
        f"'{move(ctx, metric=f'<the metric {thing} should move>')}'; "
        f"keep '{ctx.stmt.text}' as an initiative"
    )
