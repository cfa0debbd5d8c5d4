"""unused-suppression: a suppression comment that names no rule okrlint knows, or that switches
nothing off (ruff's RUF100 for noqa comments)."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches

from okrlint.checks import ALL_RULES, DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    known = dctx.known_rules
    for directive in dctx.directives:
        unknown = [name for name in directive.names if name not in known]
        for name in unknown:
            close = get_close_matches(name, sorted(known), n=1, cutoff=0.75)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield Hit(message=f"'{name}' is not a rule{hint}", kind="document", line=directive.line)
        if not directive.names:
            if ALL_RULES not in directive.used:
                yield Hit(message="it switches every rule off, and there was nothing to switch off",
                          kind="document", line=directive.line)
            continue
        idle = [name for name in directive.names if name in known and name not in directive.used]
        if idle:
            names = ", ".join(f"'{n}'" for n in idle)
            yield Hit(message=f"{names}: no finding to switch off where it applies", kind="document",
                      line=directive.line)
