"""overloaded-objective: one objective that bundles two or more distinct outcomes."""

from __future__ import annotations

from okrlint.checks import Context
from okrlint.model import Token


def _starts_verb(tokens: list[Token], i: int, coordinator: str) -> bool:
    if i >= len(tokens):
        return False
    tok = tokens[i]
    if tok.tag in ("VB", "VBZ", "VBP") and tok.pos in ("VERB",):
        return True
    if coordinator == "while" and tok.tag == "VBG":
        return True
    if tok.is_verb_form and tok.pos != "NOUN" and tok.tag not in ("NNS", "JJ", "JJR", "RB", "IN"):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return nxt is not None and nxt.pos in ("DET", "NOUN", "PROPN", "ADJ", "PRON", "NUM")
    return False


def check(ctx: Context) -> str | None:
    tokens = ctx.tokens
    coordinators = ctx.lex["coordinators"]
    units: list[tuple[int, int]] = []  # (start, end) of each verb unit
    start = ctx.head_index if ctx.anatomy.form in ("imperative", "clause") else None
    depth = 0
    if start is not None:
        units.append((start, len(tokens)))
    nouns_in_list = 1
    for i, tok in enumerate(tokens):
        depth += tok.text == "("
        depth -= tok.text == ")"
        if depth or tok.lower not in coordinators:
            continue
        j = i + 1
        if tok.lower == "as" and j + 1 < len(tokens) and tokens[j].lower == "well":
            j += 2
        while j < len(tokens) and tokens[j].lower in coordinators | {"also", "then"}:
            j += 1
        if _starts_verb(tokens, j, tok.lower):
            if units:
                units[-1] = (units[-1][0], i)
            units.append((j, len(tokens)))
        elif (
            j < len(tokens)
            and (tokens[j].pos in ("NOUN", "PROPN", "ADJ") or tokens[j].tag == "VBG")
            and tok.lower in (",", "and", "&")
        ):
            nouns_in_list += 1
    with_objects = [u for u in units if any(t.pos in ("NOUN", "PROPN", "PRON") for t in tokens[u[0] + 1 : u[1]])]
    if len(with_objects) >= 2:
        verbs = ", ".join(f"'{tokens[u[0]].text}'" for u in with_objects)
        return f"it sets {len(with_objects)} separate goals ({verbs})"
    if len(units) >= 2 and nouns_in_list >= 3:
        return f"it bundles {len(units)} actions over a list of {nouns_in_list} things"
    return None
