"""Plain text: "Objective:", "KR:" and "Initiative:" lines, with optional bullets under them.

Lines without a label are key results when they are bullets under an objective, and are
otherwise prose (titles, owners, notes) that the reader leaves alone.
"""

from __future__ import annotations

import re

from okrlint.model import Document, StatementKind
from okrlint.readers.annotations import is_section_label, parse_line
from okrlint.readers.base import DocumentBuilder, find_cycle

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


def read(text: str, path: str = "<text>") -> Document:
    b = DocumentBuilder(path, "text", text)
    mode: StatementKind = "key_result"
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        bullet = _BULLET.match(raw)
        body = raw[bullet.end() :] if bullet else raw
        label = is_section_label(body)
        if label is not None:
            mode = label
            continue
        parsed = parse_line(body)
        if not parsed.text:
            continue
        column = raw.find(parsed.text[:20]) + 1 or 1
        if parsed.kind == "objective" or (parsed.kind is None and mode == "objective" and bullet):
            b.objective(b.statement(parsed, "objective", number, column, raw=raw.strip()))
            mode = "key_result"
        elif parsed.kind is not None or (bullet and b.current is not None):
            b.attach(b.statement(parsed, parsed.kind or mode, number, column, raw=raw.strip()))
        elif not b.doc.okrs and (cycle := find_cycle(raw)):
            b.set_cycle(cycle)
    return b.finish()
