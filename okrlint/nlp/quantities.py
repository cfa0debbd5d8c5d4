"""Quantities in a statement, and what is not one.

The rubric counts numbers, percentages, currency amounts, count words and multipliers as
quantities, and not dates, periods, versions or identifiers ("Q2", "2025", "M53", "v2",
"SOC 2", "libp2p"). Small models tag these inconsistently, so this is done on the text
with linear-time regular expressions and a few word lists.
"""

from __future__ import annotations

import re

from okrlint.model import Quantity, QuantityKind, construct

COUNT_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1e6,
    "billion": 1e9,
    "dozen": 12,
}
MULTIPLIER_WORDS = {
    "double": 2,
    "doubled": 2,
    "doubles": 2,
    "doubling": 2,
    "triple": 3,
    "tripled": 3,
    "triples": 3,
    "tripling": 3,
    "quadruple": 4,
    "quadrupled": 4,
    "halve": 0.5,
    "halved": 0.5,
    "halves": 0.5,
    "halving": 0.5,
    "twice": 2,
    "thrice": 3,
    "half": 0.5,
    "twofold": 2,
    "threefold": 3,
    "fourfold": 4,
    "fivefold": 5,
    "tenfold": 10,
    "hundredfold": 100,
}
TIME_UNITS = {
    "ms",
    "millisecond",
    "milliseconds",
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "d",
    "day",
    "days",
    "week",
    "weeks",
    "wk",
    "wks",
    "month",
    "months",
    "year",
    "years",
    "quarter",
    "quarters",
}
SCALE = {"k": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "million": 1e6, "billion": 1e9, "thousand": 1e3}
UNIT_SUFFIXES = {
    "tb",
    "gb",
    "mb",
    "kb",
    "pb",
    "mbps",
    "gbps",
    "kbps",
    "ms",
    "s",
    "h",
    "hr",
    "hrs",
    "d",
    "x",
    "k",
    "m",
    "bn",
    "b",
    "mm",
    "pp",
    "pts",
    "ppm",
    "rps",
    "qps",
    "fps",
    "kg",
    "km",
    "t",
    "mw",
    "kw",
    "w",
    "l",
    "lb",
    "lbs",
    "oz",
    "mi",
    "ft",
    "cm",
}
ID_WORDS = {
    "tier",
    "phase",
    "step",
    "version",
    "v",
    "level",
    "stage",
    "rfc",
    "soc",
    "iso",
    "wave",
    "gen",
    "generation",
    "milestone",
    "chapter",
    "section",
    "sprint",
    "day",
    "week",
    "type",
    "p",
    "q",
    "h",
    "fy",
    "m",
    "round",
    "pr",
    "issue",
    "ticket",
    "rule",
    "article",
    "item",
    "release",
    "iteration",
    "grade",
    "series",
    "class",
    "gdpr",
    "wcag",
    "pci",
    "hipaa",
}
MONTHS = {
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
}
RELATIVE_AFTER = {
    "increase",
    "growth",
    "reduction",
    "decrease",
    "more",
    "less",
    "higher",
    "lower",
    "faster",
    "slower",
    "improvement",
    "uplift",
    "lift",
    "boost",
    "drop",
    "decline",
    "rise",
    "gain",
    "cut",
    "fewer",
    "yoy",
    "mom",
    "qoq",
}
ORDINAL = re.compile(r"^(?:st|nd|rd|th)$")

# The leading lookahead names the characters a match is tried from; without it (the
# pattern opens with two optional parts) the regex engine tries the whole pattern at every
# position of the text, and the scan costs twice as much. A match could also start at the
# space before a number ("\s?" with no currency sign), but starting at the digit gives the
# same groups and end, and a space is the most common character of a statement.
_NUMBER = re.compile(
    r"""(?=[$€£¥\d.])
        (?P<cur>[$€£¥])?\s?
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
        (?P<suffix>[A-Za-z]+|\s?%|\s?×)?""",
    re.VERBOSE,
)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_ORDER_OF_MAGNITUDE = re.compile(r"\b(?:an?|one|two|\d+)?\s*orders? of magnitude\b", re.I)
_ONCE = re.compile(
    r"(?<![a-z])once\s++(?:(?:a|an|per|every|each)\s++)(?:\w++\s++)?(?:day|week|month|quarter|year|sprint)s?\b"
)
_N_FOLD = re.compile(r"\b(\d+)[- ]?fold\b", re.I)


_PREV_WORD = re.compile(r"([A-Za-z]++)\W{0,2}$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_BY_BEFORE = re.compile(r"\bby\s*$")
_IN_BY_BEFORE = re.compile(r"\b(?:in|by)\s+$")
_JOINED_DIGIT = re.compile(r"[-/:]\d")
_CLOCK = re.compile(r":([0-5]\d)(?![\d:])(?!\s*+(?:[ap]\.?m\b|h\b|uhr\b))", re.I)
_AT_A_TIME = frozenset({"at", "by", "before", "until", "till", "after", "since", "around"})
# A decimal after these, or before those, names a version: "Ship 4.18", "2.0 GA".
_SHIPS = frozenset({"ship", "release", "launch", "deploy", "publish", "cut", "tag", "shipped", "released", "version"})
_RELEASE_STAGES = frozenset({"ga", "rc", "beta", "alpha", "release", "lts"})
_FRACTION = re.compile(r"/(\d{1,3})(?![\d/])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,}\s$")
_FROM_NOW = re.compile(r"\s*\w+\s+from\s+now")


def _word_alternatives(words: set[str] | dict[str, float]) -> str:
    # ASCII letters in either case, as _WORD matches them (re.I would also match the Kelvin sign)
    return "|".join("".join(f"[{c}{c.upper()}]" for c in w) for w in sorted(words, key=len, reverse=True))


# A whole _WORD (letters, single inner hyphens) that is a multiplier or count word: what
# `for m in _WORD.finditer(text) if m.group(0).lower() in ...` finds, in one regex scan.
_NUMBER_WORD = re.compile(
    r"(?<![A-Za-z])(?<![A-Za-z]-)(?:"
    + _word_alternatives(MULTIPLIER_WORDS.keys() | COUNT_WORDS.keys())
    + r")(?![A-Za-z])(?!-[A-Za-z])"
)
# Gates for the word searches below: each regex can only match where its word is a
# substring of the lowercased text, and a substring test is far cheaper than a regex tried
# at every position (most statements have none of these words).
_ALL_NUMBER_WORDS = MULTIPLIER_WORDS.keys() | COUNT_WORDS.keys()
# only the words that contain no other one ("double" covers "doubled" and "doubling")
_NUMBER_WORDS = tuple(sorted(w for w in _ALL_NUMBER_WORDS if not any(o != w and o in w for o in _ALL_NUMBER_WORDS)))
# all of them as one regex of literals, which the engine scans for by first letter
_NUMBER_WORD_GATE = re.compile("|".join(map(re.escape, _NUMBER_WORDS)))


def _quantity(
    text: str, value: float, kind: QuantityKind, unit: str | None, start: int, end: int, relative: bool
) -> Quantity:
    """A Quantity without re-validating what this module computed (fields in declaration order)."""
    values = {
        "text": text,
        "value": float(value),
        "unit": unit,
        "kind": kind,
        "start": start,
        "end": end,
        "relative": relative,
    }
    return construct(Quantity, values)


# The rest of a range of small whole numbers before a word: "2-3 experiments" (not "1-1", a name).
_RANGE = re.compile(r"[-–](\d{1,3})(?=\s++[^\W\d])")


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    return m.group(1).lower() if m else ""


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end, end + 30)
    return m.group(1).lower() if m else ""


def _is_relative(text: str, start: int, next_word: str) -> bool:
    """'by 30%', '30% more': a change, not a level (`next_word`: the word after the quantity)."""
    before = text[max(0, start - 12) : start].lower()
    return bool(_BY_BEFORE.search(before)) or next_word in RELATIVE_AFTER


def _score_scale(denominator: str, numerator: str) -> bool:
    """A scale a score is out of: 5, 10, 100 and the like, or the whole ("8/8")."""
    if float(numerator) > float(denominator):
        return False  # "24/7", "24/6": a name
    return denominator == numerator or int(denominator) in (3, 4, 5, 7, 10, 100)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in order, with dates and identifiers left out."""
    out: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        num_start, num_end, cur = m.start("num"), m.end("num"), m.group("cur")
        start, end = (m.start("cur") if cur else num_start), m.end()
        before = text[num_start - 1] if num_start > 0 else " "
        latin_letter = before.isalpha() and before < "\u0250"  # (Chinese writes digits between its letters)
        if latin_letter or before in "#_" or (before == "." and num_start > 1 and text[num_start - 2].isalnum()):
            continue  # inside a word or identifier: M53, v2, libp2p, #42, 1.2.3
        if before in "-:/" and num_start > 1 and text[num_start - 2].isalnum():
            continue  # 2019-03, 1-1, e-2, the minutes of 10:30, 24/6
        span = _RANGE.match(text, num_end, num_end + 5) if not cur and not m.group("suffix") else None
        if span and len(m.group("num")) <= 3 and float(m.group("num")) < float(span.group(1)):
            # "2-3 experiments": a range is a target, its upper end the value
            upper = float(span.group(1))
            out.append(_quantity(text[num_start : span.end(1)], upper, "number", None, num_start, span.end(1), False))
            continue
        clock = _CLOCK.match(text, num_end, num_end + 12) if not cur else None
        if clock and not m.group("suffix") and _prev_word(text, start) not in _AT_A_TIME:
            # "from 2:37 to 3:45" per session: a duration written as a clock; "at 10:30" is a time of day
            minutes = float(m.group("num")) + float(clock.group(1)) / 60
            out.append(_quantity(text[start : clock.end()], minutes, "duration", ":", start, clock.end(), False))
            continue
        fraction = _FRACTION.match(text, num_end, num_end + 8) if not cur else None
        if fraction and _score_scale(fraction.group(1), m.group("num")):
            # "8/8 badges", "4.5/5": a score out of a scale ("24/7" and "3/15" are not)
            value = float(m.group("num"))
            out.append(_quantity(text[start : fraction.end()], value, "number", None, start, fraction.end(), False))
            continue
        if _JOINED_DIGIT.match(text, num_end, num_end + 2):
            continue  # dates, ratios, times and ranges written as identifiers: 1-1, 24/7, 10:30
        num = m.group("num")
        suffix = m.group("suffix")
        suffix = suffix.strip() if suffix else ""
        low_suffix = suffix.lower()
        if suffix and suffix not in ("%", "×") and not text[num_end : num_end + 1].isspace():
            if ORDINAL.match(low_suffix):
                continue  # 3rd party, 1st place
            if low_suffix not in UNIT_SUFFIXES:
                continue  # e2e, 2fa, s3: part of a name
        elif suffix and suffix not in ("%", "×"):
            end = num_end  # a following word is not a suffix
            suffix = ""
            low_suffix = ""
        value = float(num.replace(",", ""))
        prev = _prev_word(text, start)
        nxt = _next_word(text, end)
        is_year = len(num) == 4 and not suffix and not cur and _YEAR.fullmatch(num) is not None
        if is_year and nxt not in {"users", "customers", "signups", "leads", "people", "members"}:
            continue
        if prev in MONTHS or nxt in MONTHS:
            continue  # March 31, 31 March
        if prev in ID_WORDS and not cur and low_suffix not in ("%",) and text[:start].strip().lower() not in _SHIPS:
            continue  # tier 1, SOC 2, phase 3 (but "Release 4 workshops" counts them)
        if "." in num and not suffix and not cur and (prev in _SHIPS or nxt in _RELEASE_STAGES):
            continue  # "Ship 4.18", "4.18 GA": a version, not an amount
        if not suffix and value < 10 and _ACRONYM_BEFORE.search(text[max(0, num_start - 8) : num_start]):
            continue  # acronym + small number: SOC 2, ISO 9001-like names
        kind: QuantityKind = "number"
        unit: str | None = None
        if cur:
            kind, unit = "currency", cur
            if low_suffix in SCALE:
                value *= SCALE[low_suffix]
            elif nxt in SCALE:
                value *= SCALE[nxt]
        elif suffix == "%" or (not suffix and nxt in ("percent", "pct")):
            kind, unit = "percent", "%"
        elif low_suffix in ("x", "×") or suffix == "×":
            kind, unit = "multiplier", "x"
        elif low_suffix in TIME_UNITS or nxt in TIME_UNITS:
            kind, unit = "duration", low_suffix or nxt
        elif low_suffix:
            unit = low_suffix
            if low_suffix in SCALE:
                value *= SCALE[low_suffix]
        qtext = text[start:end].strip()
        relative = kind == "multiplier" or _is_relative(text, start, nxt)
        out.append(_quantity(qtext, value, kind, unit, start, end, relative))
    low = text.lower()
    words = _NUMBER_WORD.finditer(text) if _NUMBER_WORD_GATE.search(low) else ()
    for m in words:  # the words of _WORD that are multiplier or count words
        word = m.group(0).lower()
        if word in MULTIPLIER_WORDS:
            if text[m.end() : m.end() + 1] == "-":
                continue  # double-check, double-click
            if word == "half" and not _IN_BY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "second half of the year": a period, not a multiplier
            out.append(_quantity(m.group(0), MULTIPLIER_WORDS[word], "multiplier", "x", m.start(), m.end(), True))
        elif word in COUNT_WORDS:
            prev = _prev_word(text, m.start())
            nxt = _next_word(text, m.end())
            if word == "one" and (
                prev in {"the", "no", "any", "each", "every", "number", "only", "this", "that", "which"}
                or nxt in {"of", "another", "place", "stop"}
            ):
                continue
            if word in ("hundred", "thousand", "million", "billion") and out and out[-1].end >= m.start() - 1:
                continue  # "$100 million": the scale word belongs to the number before it
            if nxt in MONTHS or (nxt in {"month", "week", "year", "day"} and _FROM_NOW.match(text, m.end())):
                continue  # "one month from now": a deadline
            kind = "duration" if nxt in TIME_UNITS else "count_word"
            by_change = bool(_BY_BEFORE.search(text[max(0, m.start() - 12) : m.start()].lower()))
            unit = nxt if kind == "duration" else None
            out.append(_quantity(m.group(0), COUNT_WORDS[word], kind, unit, m.start(), m.end(), by_change))
    for m in _ONCE.finditer(low) if "once" in low else ():  # "once per month": a count of one
        out.append(_quantity(text[m.start() : m.start() + 4], 1.0, "count_word", None, m.start(), m.start() + 4, False))
    for m in _ORDER_OF_MAGNITUDE.finditer(text) if "magnitude" in low else ():
        out.append(_quantity(m.group(0).strip(), 10.0, "multiplier", "x", m.start(), m.end(), True))
    if "fold" in low:
        covered = bytearray(len(text) + 1)  # positions inside a quantity found so far
        for q in out:
            covered[q.start : q.end] = b"\x01" * (q.end - q.start)
        for m in _N_FOLD.finditer(text):
            if not covered[m.start()]:
                out.append(_quantity(m.group(0), float(m.group(1)), "multiplier", "x", m.start(), m.end(), True))
                covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    if len(out) < 2:
        return out  # most statements: nothing to order or drop
    inside = _contained(out)
    return sorted((q for i, q in enumerate(out) if i not in inside), key=lambda q: q.start)


def _contained(quantities: list[Quantity]) -> set[int]:
    """The indexes of quantities that lie inside a longer one ("1.5" in "1.5x"), in one sweep
    by start (sorted, not all pairs: a statement of many numbers stays linear-time)."""
    order = sorted(range(len(quantities)), key=lambda i: (quantities[i].start, -quantities[i].end))
    inside: set[int] = set()
    reach, reach_start = -1, -1  # the furthest end seen so far, and the first start reaching it
    for i in order:
        q = quantities[i]
        if reach > q.end or (reach == q.end and reach_start < q.start):
            inside.add(i)
        if q.end > reach:
            reach, reach_start = q.end, q.start
    return inside


# Words that hedge a stated value: "from approximately 20", "currently > 100", "currently approaching 400".
_HEDGE = (
    r"(?:(?:about|around|approx(?:imately|\.)?|roughly|nearly|almost|approaching|just\s+(?:over|under)|over|under"
    r"|above|below|more\s+than|less\s+than|at\s+least|at\s+most|[~≈<>≤≥]=?)\s*)?"
)
# Each pattern (like _DEADLINE) opens with a lookahead for the characters a match can start
# with, so that the regex engine skips ahead to them instead of trying every position.
_BASELINE_PATTERNS = [
    re.compile(
        r"(?=f)\bfrom\s+(?:a\s+)?(?:baseline\s+of\s+)?"
        + _HEDGE
        + r"[+\-−]?(?P<b>[$€£¥]?\s?\.?\d[\w.,:%$]*)(?:\s+(?:\w+\s+){0,3}?)?(?:to|->|→|=>)\s*",
        re.I,
    ),
    # tried only where a number can start (not after a digit, nor after a digit and "." or ","):
    # retried from every digit of a long run of them, the search was quadratic in its length
    re.compile(
        r"(?=[$€£¥\d])(?<!\d)(?<![\d.,][.,])"
        r"(?P<b>[$€£¥]?\d[\d.,]*\s?(?:%|[A-Za-z]{1,4})?)\s*(?:->|→|=>|⟶|➜)\s*[$€£¥]?\d",
        re.I,
    ),
    re.compile(
        r"(?=[bcdfstuvw])\b(?:baseline|currently|current(?:ly)?(?=\s)(?:\s+(?:is|at|:))?|today(?:\s+is|:)?|was|were|up\s+from|down\s+from|vs\.?|versus|compared\s+(?:to|with)|from|starting\s+(?:at|from)|start(?:ing)?\s+value)\s*(?::\s*)?(?:of\s+|at\s+|is\s+)?"
        + _HEDGE
        + r"(?P<b>[$€£¥]?\.?\d[\d.,]*\s?(?:%|k|m|[A-Za-z]{1,4})?)",
        re.I,
    ),
    re.compile(r"\(\s*(?P<b>[$€£¥]?\d[\d.,]*\s?(?:%|k|m)?)\s+(?:today|now|currently|baseline|last\s+\w+)\s*\)", re.I),
]


def find_baseline(text: str, quantities: list[Quantity]) -> tuple[Quantity | None, Quantity | None]:
    """The stated start value and target, when the text gives them ("from X to Y", "X -> Y")."""
    if not quantities:  # a baseline is one of the quantities: no search can find one
        return None, None
    for pattern in _BASELINE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        pos = m.start("b")
        base = next(
            (q for q in quantities if q.start <= pos < max(q.end, q.start + 1) or (pos <= q.start < m.end("b"))), None
        )
        if base is None:
            continue
        later = [q for q in quantities if q.start > base.start]
        earlier = [q for q in quantities if q.start < base.start]  # "Reach 150 (currently 100)"
        return base, (later[0] if later else earlier[-1] if earlier else None)
    targets = [q for q in quantities if q.kind != "duration"] or quantities
    return None, (targets[-1] if targets else None)


_DEADLINE = re.compile(
    r"""(?ix)(?=[abdefituw])\b(?:by|before|until|till|in|within|for|during|at\s+the\s+end\s+of|end\s+of)\s+
        (?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?
        (?P<d>(?:Q[1-4]|H[12]|FY\s?\d{2,4}|EO[QYM]|M\d{2,3}|(?:19|20)\d\d|quarter|year|month|week|sprint)(?:\s+(?:19|20)\d\d)?
           |(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?(?:,?\s+(?:19|20)\d\d)?
           |\d{4}-\d{2}-\d{2})\b"""
)


def find_deadline(text: str) -> str | None:
    m = _DEADLINE.search(text)
    return " ".join(m.group("d").split()) if m else None
