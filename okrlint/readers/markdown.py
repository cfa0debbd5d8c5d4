"""Markdown goal documents, read as people really write them.

Two stages (docs/readers.md): okrlint.readers.outline turns the document into a tree of
blocks with markdown-it-py (headings and their sections, list items and their depth,
paragraph lines, table rows, lists written in code blocks); okrlint.readers.roles decides
from the whole outline what each block is. Front matter gives the cycle.
"""

from __future__ import annotations

import re

from okrlint.model import Document
from okrlint.readers.base import DocumentBuilder, ReadError
from okrlint.readers.outline import _MD, markdown_outline
from okrlint.readers.roles import assign_roles

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)

__all__ = ["_MD", "read"]


def read(text: str, path: str = "<text>") -> Document:
    builder = DocumentBuilder(path, "markdown", text)
    m = _FRONT_MATTER.match(text)
    if m:
        from okrlint.readers.structured import load_yaml

        try:  # the YAML reader's guards: no tags, an alias budget, a depth limit
            meta = load_yaml(m.group("body"))
        except ReadError:
            meta = None  # front matter that cannot be read is left alone
        if isinstance(meta, dict):
            for key in ("cycle", "period", "quarter", "timeframe"):
                if isinstance(meta.get(key), str | int | float) and meta.get(key):
                    builder.set_cycle(str(meta[key]))
                    break
        text = "\n" * m.group(0).count("\n") + text[m.end() :]
    assign_roles(markdown_outline(text), builder, text.splitlines())
    _data_fences(text, builder)
    return builder.finish()


def _data_fences(text: str, builder: DocumentBuilder) -> None:
    """OKRs written as JSON or YAML in a fenced code block (an API's example request, an
    export pasted into a page): read with the structured reader, at their lines."""
    from okrlint.readers.structured import read as read_structured

    for token in _MD.parse(text):
        info = token.info.strip().lower() if token.type == "fence" else ""
        if info not in ("json", "yaml", "yml") or not token.map:
            continue
        try:
            found = read_structured(token.content, builder.doc.path, "json" if info == "json" else "yaml")
        except ReadError:
            continue
        offset = token.map[0] + 1
        base = len(builder.doc.okrs)
        for okr in found.okrs:
            for stmt in okr.statements():
                stmt.line += offset
            okr.parent = okr.parent + base if okr.parent is not None else None
            okr.cycle = okr.cycle or builder.cycle
            builder.doc.okrs.append(okr)
