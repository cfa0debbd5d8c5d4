"""Text from a repository, shown to people: every control or invisible character written as
its escape (\\x1b, \\u202e), so that a goal document or a rule pack can neither drive the
terminal (clear it, forge a hyperlink, ring) nor hide or reorder what a reviewer reads
(zero-width characters, the bidirectional overrides and isolates of Trojan Source).
Machine formats (JSON, SARIF, JUnit) keep the text as written."""

from __future__ import annotations

import re
from typing import Any

# C0 controls but tab and newline, DEL, C1 controls, the Arabic letter mark, zero-width
# characters and directional marks, line and paragraph separators, bidi embeddings,
# overrides and isolates, invisible operators, the BOM / zero-width no-break space, and lone
# surrogates (from undecodable file names).
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n]")


def _escape(m: re.Match[str]) -> str:
    return ascii(m.group(0))[1:-1]


def visible(text: Any) -> str:
    """The text with invisible characters escaped; tabs and newlines kept."""
    return INVISIBLE.sub(_escape, str(text))


def say(*parts: Any, file: Any = None) -> None:
    """print() for text a document or a rule pack wrote: invisible characters escaped."""
    print(*(visible(part) for part in parts), file=file)


def printable(text: Any) -> str:
    """The text on one line: invisible characters, tabs and newlines escaped."""
    return _LINE_BREAKS.sub(_escape, visible(text))
