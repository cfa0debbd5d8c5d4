"""kr-output: a key result that is a task or deliverable, not a measured result."""

from __future__ import annotations

from okrlint.checks import Context
from okrlint.checks._classify import is_output


def check(ctx: Context) -> str | None:
    if not is_output(ctx):
        return None
    if ctx.anatomy.form == "imperative":
        return f"'{ctx.anatomy.head}' describes work the team does"
    if ctx.anatomy.form == "noun_phrase":
        return "it names a deliverable, not a change in results"
    return "it states a milestone or deliverable, not a change in results"
