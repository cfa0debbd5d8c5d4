"""vague-quantifier: 'multiple', 'several', 'more customers': a vague amount where a number belongs."""

from __future__ import annotations

import re

from okrlint.checks import Context

# "some kind of blog post": a kind, not an amount
_KIND_OF = re.compile(r"\bsome\s+(?:kind|sort|type|form)\s+of\b")


def check(ctx: Context) -> str | None:
    found = ctx.has_phrase(ctx.lex["vague_quantifiers"])
    if found and not _KIND_OF.search(ctx.lower_text):
        return f"'{found}' is not a number"
    tokens, comparatives = ctx.tokens, ctx.lex["comparative_quantifiers"]
    for i, tok in enumerate(tokens):
        if tok.lower not in comparatives:
            continue
        prev = tokens[i - 1] if i else None
        if prev is not None and (prev.pos == "NUM" or prev.lower in ("one", "no", "any", "the", "much")):
            continue  # "10 more bugs", "one more language", "the most common"
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None:
            continue
        if tok.lower == "most" and nxt.lower == "of":
            return "'most of' is not a number"
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        counts_noun = nxt.pos in ("NOUN", "PROPN") and nxt.tag not in ("JJ", "JJR", "RB")
        counts_noun = counts_noun or (
            tok.lower != "most"  # "most common linters" is a superlative, not an amount
            and nxt.pos in ("ADJ", "VERB")
            and after is not None
            and after.pos in ("NOUN", "PROPN")
        )
        if counts_noun and nxt.lower != "than":
            return f"'{tok.text} {nxt.text}' is not a number"
    return None


def suggest(ctx: Context) -> str:
    detail = check(ctx) or ""
    vague = detail.split("'")[1] if detail.count("'") >= 2 else ""
    words = vague.split()
    if not words:
        return "Write the number you aim for."
    text = ctx.stmt.text
    at = text.lower().find(words[0].lower())
    if at < 0:
        return "Write the number you aim for."
    end = at + len(words[0]) if len(words) > 1 else at + len(vague)
    return f"Write the number you aim for: '{text[:at]}<number>{text[end:]}'"
