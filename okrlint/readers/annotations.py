"""Labels and annotations that real OKR files wrap around a statement.

"**KR 1.2 -** Increase NPS from 30 to 45 (@alice) [P1] => 60%" is the statement
"Increase NPS from 30 to 45" plus a kind label, an owner, a priority and a progress
note. Readers call `parse_line` to split the two; the statement text is what the rules
see, the rest is kept as fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from okrlint.model import StatementKind

_NUM = r"(?:\d+(?:[.\-]\d+)*)"
# Kind labels at the start of a line: "Objective:", "O1:", "Objective 1 -", "KR1:",
# "Key Result 1:", "KR 1.2 -", "Init 1:", "Initiative:", "CRO KR:". Optional bold. A full
# stop ends a label only after its number ("O1. Grow"): "Key Results. Measurable things." defines;
# after a number a space before a capital does too ("KR3.1 Get more ...", "O2 Grow revenue").
_LABEL = re.compile(
    rf"""^\s*(?:(?:\*\*|__|`)\s*)?
    (?:(?P<role>[A-Z]{{2,5}})\s+(?=KR\b))?
    (?:[A-Za-z]{{3,15}}\s+(?:[A-Za-z]{{3,15}}\s+)?(?=(?:objective|goal|key\s+result|initiative)s?\b))?
    (?P<label>
        objectives?|obj\.?|o(?=[\s\-]*{_NUM})|goals?|okr(?=[\s\-]*[A-Za-z]?\d)|
        objectifs?|objetivos?|obiettiv[oi]|
        key[\s\-]*results?|krs?|k\.r\.|r[ée]sultats?[\s\-]+cl[ée]s?|resultados?[\s\-]+(?:clave|chave)|
        initiatives?|init\.?|inits?|actions?|projects?
    )
    (?:[\s\-]*(?P<num>[A-Za-z]?{_NUM}[A-Za-z]?)\s*)?
    (?:(?:for|of)\s+(?:objective|o)\s*{_NUM}\s*)?\s*(?:(?:\*\*|__)\s*)?
    (?P<sep>[:：)`]|(?(num)\.(?!\d)|(?!))|(?(num)(?<=\d\s)(?=(?-i:[A-Z]))|(?!))|(?(num)(?:(?<=\*\*\s)|(?<=__\s))|(?!))|[\-–—](?![^\W\d_])|\*\*:|:\*\*|__:|:__)\s*(?:(?:\*\*|__)\s*)?""",
    re.IGNORECASE | re.VERBOSE,
)
_KIND_OF_LABEL: list[tuple[str, StatementKind]] = [
    ("obj", "objective"),
    ("résultat", "key_result"),
    ("resultat", "key_result"),
    ("resultado", "key_result"),
    ("goal", "objective"),
    ("okr", "objective"),
    ("o", "objective"),
    ("key", "key_result"),
    ("kr", "key_result"),
    ("k.r", "key_result"),
    ("init", "initiative"),
    ("action", "initiative"),
    ("project", "initiative"),
]
_KIND_OF_WORD: dict[str, StatementKind] = {  # the labels most files use, looked up at once
    **{p: k for p, k in _KIND_OF_LABEL},
    "objective": "objective", "objectives": "objective", "kr": "key_result", "krs": "key_result",
    "key result": "key_result", "key results": "key_result", "initiative": "initiative",
}
_CHECKBOX = re.compile(r"^\s*\[(?P<state>[ xX])\]\s+")
_PRIORITY_PREFIX = re.compile(r"^\s*`?(?P<p>P[0-9X?])(?![\w.,%])`?\s*(?:[-–—:|]\s*)?", re.IGNORECASE)
# "[a] [P1]" at the end of a line, read backwards from the end (reversed: "]1P[ ]a["): a
# search for the forward pattern would retry from every tag of a long run, in quadratic time.
_BRACKET_TAGS_REVERSED = re.compile(r"\s*(?:\][A-Za-z0-9?_/&+\- ]{1,60}\[\s*)+")
_LEADING_TAGS = re.compile(r"^\s*(?:\[(?:P[0-9X?]|[A-Z]{2,10})\]\s*)+")
_ONE_TAG = re.compile(r"\[([A-Za-z0-9?_/&+\- ]{1,60})\]")
# `(?<!\s)\s*` below: a search that may start inside a run of spaces is tried from each of them
_BACKTICK_PRIORITY = re.compile(r"(?<!\s)\s*`(P[0-9X?])`\s*", re.IGNORECASE)
_MENTION = re.compile(r"(?:(?<=\s)|^)@(?P<who>[A-Za-z0-9_][\w.\-]*[\w])")
_OWNER_PAREN = re.compile(
    r"(?<!\s)\s*\((?:owner:\s*)?(?P<who>@?[A-Z][a-z]+(?:\s*[,&/]\s*@?[A-Z][a-z]+)*|@[\w.\-]+)\)\s*$"
)
_OWNER_FIELD = re.compile(r"(?<!\s)\s*(?:[\(\[]\s*)?owners?\s*[:=]\s*(?P<who>[^)\]|;]+?)\s*[\)\]]?\s*$", re.I)
_PROGRESS = re.compile(
    r"""(?<!\s)\s*(?:
        (?:=>|⇒|→\s*(?=\d+(?:\.\d+)?(?:\s*%)?\s*$))\s*(?P<p1>\d+(?:\.\d+)?(?:\s*%)?)
      | [\(\[]\s*(?:(?:score|progress|status)\s*)?(?:[:=]\s*)?
        (?P<p2>0?\.\d+|1\.0|\d{1,3}\s*%|\d{1,3}\s*/\s*(?:5|10|100))\s*[\)\]]
      | \s[-–—|]\s*(?:score\s*(?:[:=]\s*)?)?(?P<p3>0\.\d+|1\.0)
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_VALUE_BEFORE = re.compile(r"[\d%]\s*+$")
_HAS_TARGET = re.compile(r"(?i)\bto\s[$€£]?\d|→|->|=>")  # "from 30% to 45% => 90%": already has its target
# " - Current Score: 0/10", " | Status: done" after the statement: a progress note.
_FIELD_NOTE = re.compile(
    r"(?<!\s)\s++[-–—|]\s++(?:current\s+)?(?:score|status|progress|grade|result)\s*+[:=]\s*+(?P<p>[^\-–—|:]{1,30}+)$",
    re.IGNORECASE,
)
# "(target: 100.0)", "(due: 2026-03-31)" after the statement: a bare value, as a tool writes it
# ("(Target: 6 players, level 50+)" is the author's words, and stays in the text)
_FIELD_PAREN = re.compile(
    r"\((?P<name>target|baseline|current|due|deadline)\s*+[:=]\s*+"
    r"(?P<value>[$€£]?-?\d[\d,]*+(?:\.\d++)?+\s*+%?|\d{4}-\d\d-\d\d)\s*+\)",
    re.IGNORECASE,
)
_FIELD_NAMES = {"deadline": "due"}
_URL_NOTE = re.compile(r"(?<!\s)\s*\((?=[^()]*https?://)[^()]*+\)\s*$")
_LEADING_SEP = re.compile(r"^\s*(?:[-–—:|]\s+)+")
_WRAPPING_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?P<inner>.+)\1$")
_SECTION_LIST = re.compile(r"(?i)(key[\s\-]*results?|krs?|initiatives?|inits?|actions?|projects?)")
_SECTION_OBJECTIVES = re.compile(r"(?i)objectives?|goals?")
_PRIORITY_TAG = re.compile(r"(?i)P[0-9X?]")
_PERCENT_AFTER = re.compile(r"\s*%")
_LEADING_MENTIONS = re.compile(r"^\s*(@[\w.\-]+(?:\s*,\s*@[\w.\-]+)*)\s*(?:[-–—:|]\s*)?")
_TRAILING_SEP = re.compile(r"(?<!\s)\s*[-–—:|]$")
_ANNOTATION_ENDS = frozenset(")]%;.0123456789")  # the last characters a trailing annotation leaves
_SEPARATORS = frozenset("-–—:|")  # what _LEADING_SEP and _TRAILING_SEP start or end with
_PRIORITY_FIRST = frozenset("`Pp")  # what _PRIORITY_PREFIX starts with (after spaces)


@dataclass
class ParsedLine:
    """A statement's text with the annotations that were around it."""

    text: str
    kind: StatementKind | None = None
    owner: str | None = None
    priority: str | None = None
    tags: list[str] = field(default_factory=list)
    progress: str | None = None
    checked: bool | None = None
    label: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # "(target: 100)" after the statement


def label_kind(label: str) -> StatementKind | None:
    low = label.lower().strip()
    found = _KIND_OF_WORD.get(low)
    if found is not None:
        return found
    for prefix, kind in _KIND_OF_LABEL:
        if len(prefix) > 1 and low.startswith(prefix):
            return kind
    return None


def split_label(text: str) -> tuple[StatementKind | None, str, str | None]:
    """Remove a leading kind label; return (kind, rest, role-owner such as "CRO")."""
    m = _LABEL.match(text)
    if not m:
        return None, text, None
    rest = text[m.end() :]
    if not rest.strip():  # a bare "Key Results:" heading, not a labelled statement
        return label_kind(m.group("label")), "", m.group("role")
    return label_kind(m.group("label")), rest, m.group("role")


def _trailing_tags_start(s: str) -> int:
    """Where the run of [tags] at the end of s starts (with the space before it), or -1."""
    m = _BRACKET_TAGS_REVERSED.match(s[::-1])
    return len(s) - m.end() if m else -1


def _owner_field(s: str) -> re.Match[str] | None:
    """_OWNER_FIELD.search(s), started after the last character its owner cannot contain
    (so that a line of many "owner:" does not retry each one to the end); None at once for
    a line without "owner", which most lines are."""
    if "owner" not in s.lower():
        return None
    body = s.rstrip()
    end = len(body) - 1 if body.endswith((")", "]")) else len(body)
    start = max(s.rfind(c, 0, end) for c in ")]|;") + 1
    return _OWNER_FIELD.search(s, start)


def _without_parenthetical(text: str) -> str:
    """'Key Results (Q3)' -> 'Key Results': a trailing parenthetical on the last line dropped,
    with the space before it (in linear time, which the regular expression for it was not)."""
    if not text.endswith(")"):
        return text
    start = text.find("(", text.rfind("\n") + 1)
    return text[:start].rstrip() if start >= 0 else text


_QUALIFIER = re.compile(r"^[^\W\d_]{2,15}\s*+(?=\S)")
_GLUED_KEY_RESULTS = re.compile(r"(?i)(?<=[^\W\d_])key[\s\-]*results?$")


def is_section_label(text: str) -> StatementKind | None:
    """'Key Results', '**Initiatives:**', 'KRs', 'Team Objectives' alone: a label that opens a
    list of that kind."""
    clean = text.strip().strip("*_").strip().rstrip(":").strip().strip("*_").strip()
    clean = _without_parenthetical(clean)
    glued = _GLUED_KEY_RESULTS.search(clean) if len(clean) <= 20 else None
    if glued:  # "OKRkey results": two words no other word ends in
        clean = glued.group(0)
    m = _QUALIFIER.match(clean)
    if m and not (_SECTION_LIST.fullmatch(clean) or _SECTION_OBJECTIVES.fullmatch(clean)):
        clean = clean[m.end() :]  # "OKR objective", "Quarterly Key Results"
    if _SECTION_LIST.fullmatch(clean):
        return label_kind(clean)
    if _SECTION_OBJECTIVES.fullmatch(clean):
        return "objective"
    return None


def _strip_symbols(text: str) -> str:
    """Emoji and other pictographs at either end ("🎯 Grow revenue ✅") mark status or decorate;
    they are not part of the statement."""
    if not text or (text[0].isascii() and text[-1].isascii()):
        return text
    import unicodedata

    def symbol(c: str) -> bool:
        return unicodedata.category(c) in ("So", "Sk", "Mn", "Cf") or c in "\ufe0f\u200d"

    start, end = 0, len(text)
    while start < end and (symbol(text[start]) or (text[start] == " " and start > 0)):
        start += 1
    while end > start and (symbol(text[end - 1]) or text[end - 1] == " "):
        end -= 1
    return text[start:end].strip() if start or end < len(text) else text


def strip_emphasis(text: str) -> str:
    m = _WRAPPING_EMPHASIS.match(text.strip())
    return m.group("inner").strip() if m else text.strip()


def _may_end_in_progress(s: str) -> bool:
    """False when _PROGRESS cannot match: it ends in ), ] (a bracketed score) or in a digit
    or % after =>, ⇒, → or a dash or bar. Most lines end otherwise, and a cheap look at the
    last character spares them a search tried from every position."""
    last = s.rstrip()[-1:]
    if last in (")", "]"):
        return True
    if last.isdigit() or last == "%":
        return any(c in s for c in "=⇒→-–—|")
    return False


def parse_line(text: str) -> ParsedLine:
    """Split one source line into statement text, kind label and annotations."""
    out = ParsedLine(text="")
    s = " ".join(text.split())
    m = _CHECKBOX.match(s)
    if m:
        out.checked = m.group("state").lower() == "x"
        s = s[m.end() :]
    for _ in range(3):  # labels and priorities come in either order: "`P1` KR:", "KR: P1 -"
        changed = False
        # (each regex below only when the first character can start its match: most lines
        # carry no annotation, and the searches were most of this function's time)
        m = _LEADING_TAGS.match(s) if s.lstrip()[:1] == "[" else None
        if m and m.end() < len(s):
            for t in _ONE_TAG.findall(m.group(0)):
                out.tags.append(t.strip())
                if _PRIORITY_TAG.fullmatch(t.strip()):
                    out.priority = out.priority or t.strip().upper()
            s = s[m.end() :]
            changed = True
        m = _PRIORITY_PREFIX.match(s) if s.lstrip()[:1] in _PRIORITY_FIRST else None
        if m and (m.end() < len(s)) and not _PERCENT_AFTER.match(s, m.end()):
            out.priority = out.priority or m.group("p").upper()
            s = s[m.end() :]
            changed = True
        kind, rest, role = split_label(s)
        if kind is not None and rest:
            out.kind = out.kind or kind
            out.owner = out.owner or role
            s = rest
            changed = True
        lead = _LEADING_MENTIONS.match(s) if s.lstrip()[:1] == "@" else None
        if lead and lead.end() < len(s):
            out.owner = out.owner or lead.group(1).replace("@", "")
            s = s[lead.end() :]
            changed = True
        if not changed:
            break
    s = _LEADING_SEP.sub("", s) if s.lstrip()[:1] in _SEPARATORS else s
    # trailing annotations, in any order
    for _ in range(4):
        if s.rstrip()[-1:] not in _ANNOTATION_ENDS and ":" not in s and "=" not in s:
            break  # what most lines end in can end no annotation (an owner field has its colon)
        changed = False
        m = _FIELD_NOTE.search(s) if ":" in s or "=" in s else None
        if m and m.start() > 0:
            out.progress = out.progress or m.group("p").strip()
            s = s[: m.start()]
            changed = True
        m = _PROGRESS.search(s) if _may_end_in_progress(s) else None
        if m and m.group("p1") and _VALUE_BEFORE.search(s, 0, m.start()) and not _HAS_TARGET.search(s, 0, m.start()):
            m = None  # "18% → 25%", "3.2 => 4.0": a start and a target, not progress
        if m:
            out.progress = next(g for g in m.groups() if g).replace(" ", "")
            s = s[: m.start()]
            changed = True
        # "[P1] [web]" tags, or a note "[shared with the Dev Rel team]", before any full stop
        body = s.rstrip()
        stop = body[-1] if body.endswith(("].", "];")) else ""
        body = body[: len(body) - len(stop)]
        start = _trailing_tags_start(body) if body.endswith("]") else -1
        if start > 0:
            tags = _ONE_TAG.findall(body[start:])
            out.tags.extend(t.strip() for t in tags)
            for t in tags:
                if _PRIORITY_TAG.fullmatch(t.strip()):
                    out.priority = out.priority or t.strip().upper()
            s = body[:start] + stop
            changed = True
        paren = s.rfind("(") if s.endswith(")") else -1
        m = _FIELD_PAREN.fullmatch(s, paren) if paren > 0 else None
        if m:
            name = m.group("name").lower()
            out.fields.setdefault(_FIELD_NAMES.get(name, name), m.group("value").strip())
            s = s[:paren].rstrip()
            changed = True
        # (the paren search only when the line ends in one: the searches are the slow part)
        m = _owner_field(s) or (_OWNER_PAREN.search(s) if s.rstrip().endswith(")") else None)
        if m and m.start() > 0:
            out.owner = out.owner or m.group("who").replace("@", "").strip()
            s = s[: m.start()]
            changed = True
        if not changed:
            break
    m = _BACKTICK_PRIORITY.search(s) if "`" in s else None
    if m:
        out.priority = out.priority or m.group(1).upper()
        s = (s[: m.start()] + " " + s[m.end() :]).strip()
    mentions = _MENTION.findall(s) if "@" in s else []
    if mentions and out.owner is None:
        out.owner = ", ".join(mentions)
    if mentions:
        s = _MENTION.sub("", s)
    if "://" in s:
        s = _URL_NOTE.sub("", s)
    s = _strip_symbols(strip_emphasis(" ".join(s.split())))
    if len(s) > 2 and s[0] == s[-1] and s[0] in "\"'`":
        s = s[1:-1].strip()
    s = _LEADING_SEP.sub("", s).strip() if s[:1] in _SEPARATORS else s.strip()
    s = _TRAILING_SEP.sub("", s).strip() if s[-1:] in _SEPARATORS else s.strip()
    s = s[:-1].rstrip() if s.endswith(";") else s  # "Reach 500 stars;": the list's separator
    for marker in ("**", "__"):
        if s.count(marker) % 2:  # the other half went with a label: "**Objective 1 - X**"
            s = s[: -len(marker)] if s.endswith(marker) else s.removeprefix(marker)
            s = s.strip()
    out.text = s
    return out
