"""overloaded-objective: one objective that bundles two or more distinct outcomes."""

from __future__ import annotations

from okrlint.checks import Context, union
from okrlint.model import Token


def _starts_verb(tokens: list[Token], i: int, coordinator: str, verbs: frozenset[str]) -> bool:
    if i >= len(tokens):
        return False
    tok = tokens[i]
    before = next((t for t in reversed(tokens[:i]) if t.pos not in ("CCONJ", "PUNCT")), None)
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if before is not None and before.pos == "ADJ" and nxt is not None and nxt.pos == "ADJ":
        return False  # "a reliable, scalable and secure online platform": a list of adjectives
    if tok.tag in ("VB", "VBZ", "VBP") and tok.pos in ("VERB",):
        return True
    if tok.lemma in verbs and tok.is_verb_form and nxt is not None and nxt.pos in ("DET", "NUM", "PRON"):
        return True  # "... and ship 4.18": a verb of OKRs the tagger read as a noun
    if coordinator == "while" and tok.tag == "VBG":
        return True
    if tok.is_verb_form and tok.pos != "NOUN" and tok.tag not in ("NNS", "JJ", "JJR", "RB", "IN"):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return nxt is not None and nxt.pos in ("DET", "NOUN", "PROPN", "ADJ", "PRON", "NUM")
    return False


def _units(ctx: Context) -> tuple[list[tuple[int, int]], int]:
    """The verb units of the objective as (start, end) token ranges, and the length of the
    longest coordinated list of things it names."""
    tokens, lex = ctx.tokens, ctx.lex
    coordinators = lex["coordinators"]
    verbs = union(lex["direction_verbs"], lex["activity_verbs"], lex["deliverable_verbs"], lex["acquisition_verbs"])
    units: list[tuple[int, int]] = []
    start = ctx.head_index if ctx.anatomy.form in ("imperative", "clause") else None
    depth = 0
    if start is not None:
        units.append((start, len(tokens)))
    nouns_in_list = 1
    for i, tok in enumerate(tokens):
        depth += tok.text == "("
        depth -= tok.text == ")"
        as_well_as = tok.lower == "as" and [t.lower for t in tokens[i + 1 : i + 3]] == ["well", "as"]
        if depth or (tok.lower not in coordinators and not as_well_as):
            continue
        j = i + 3 if as_well_as else i + 1
        while j < len(tokens) and (tokens[j].lower in coordinators | {"also", "then"} or tokens[j].pos == "ADV"):
            j += 1
        if _starts_verb(tokens, j, tok.lower, verbs):
            if units:
                units[-1] = (units[-1][0], i)
            units.append((j, len(tokens)))
        elif (
            j < len(tokens)
            and (tokens[j].pos in ("NOUN", "PROPN", "ADJ") or tokens[j].tag == "VBG")
            and tok.lower in (",", "and", "&")
        ):
            nouns_in_list += 1
    return units, nouns_in_list


def _with_objects(ctx: Context, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [u for u in units if any(t.pos in ("NOUN", "PROPN", "PRON") for t in ctx.tokens[u[0] + 1 : u[1]])]


def check(ctx: Context) -> str | None:
    units, nouns_in_list = _units(ctx)
    with_objects = _with_objects(ctx, units)
    if len(with_objects) >= 2:
        verbs = ", ".join(f"'{ctx.tokens[u[0]].text}'" for u in with_objects)
        return f"it sets {len(with_objects)} separate goals ({verbs})"
    if len(units) >= 2 and nouns_in_list >= 3:
        return f"it bundles {len(units)} actions over a list of {nouns_in_list} things"
    things = _coordinated_objects(ctx)
    if len(things) >= 2:
        return f"it moves {len(things)} different things ({', '.join(repr(t.text) for t in things)})"
    states = _coordinated_changes(ctx)
    if len(states) >= 2:
        return f"it asks for {len(states)} different changes ({', '.join(repr(t.text) for t in states)})"
    return None


def _coordinated_objects(ctx: Context) -> list[Token]:
    """'Improve reliability and adoption': the head verb's object and the nouns coordinated
    with it, each a separate outcome. Adjectives ('a fast and reliable checkout') describe one
    thing, and people ('customers and partners') are who gains, not what changes."""
    tokens, lex = ctx.tokens, ctx.lex
    form = ctx.anatomy.form
    if form == "noun_phrase":
        # "Gateway reliability + perf", "Mentorship & diversity": a title naming two outcomes
        head = next((i for i, t in enumerate(tokens) if t.dep == "ROOT" and t.pos in ("NOUN", "PROPN")), None)
        objects = {"ROOT"}
    else:
        head = ctx.head_index if form == "imperative" else None  # (a clause's objects share its subject)
        objects = {"dobj"}
    if head is None:
        return []
    people = union(lex["audience_nouns"], lex["everyone_nouns"])
    for i, tok in enumerate(tokens):
        if tok.dep not in objects or (tok.head != head and tok.dep != "ROOT") or tok.pos not in ("NOUN", "PROPN"):
            continue
        joined = [t for t in tokens[i + 1 :] if t.dep == "conj" and t.head == i and t.pos in ("NOUN", "PROPN")]
        things = [tok, *joined]
        if not joined or any(t.lemma in people for t in things):
            continue
        if all(t.text[:1].isupper() and t is not tokens[0] for t in things):
            continue  # "a Diversity and Inclusion strategy": a name
        if any(tokens[tokens.index(t) - 1].dep == "compound" for t in joined):
            continue  # "a diversity and inclusion program": one thing, named by its two parts
        last = tokens.index(joined[-1])
        if any(t.head == head and t.dep == "prep" and tokens.index(t) > last for t in tokens) and form != "noun_phrase":
            continue  # "Keep abuse and spam off the platform": one outcome for both
        return things
    return []


def _coordinated_changes(ctx: Context) -> list[Token]:
    """'Be healthier and happier': comparatives as the verb's complement, each a change of its own
    ('make checkout fast and reliable' describes one thing)."""
    head = ctx.head_index
    if head is None:
        return []
    tokens = ctx.tokens
    for i, tok in enumerate(tokens):
        if tok.head != head or tok.dep not in ("acomp", "oprd", "ccomp") or tok.tag != "JJR":
            continue
        joined = [t for t in tokens[i + 1 :] if t.dep == "conj" and t.head == i and t.tag == "JJR"]
        if joined:
            return [tok, *joined]
    return []


def suggest(ctx: Context) -> str:
    units, _ = _units(ctx)
    parts = []
    for start, end in units:
        words = [t.text for t in ctx.tokens[start:end] if t.text not in (",", "&")]
        if words:
            parts.append(" ".join(words).strip().rstrip(".,;"))
    if len(parts) < 2:
        return "Keep the one outcome that matters most this cycle; give any other its own objective."
    goals = " / ".join(f"'{p[:1].upper()}{p[1:]}'" for p in parts)
    return f"Split it into one objective per outcome: {goals}, or keep the one that matters most this cycle."
