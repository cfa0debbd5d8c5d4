"""Markdown goal documents, read as people really write them.

Two stages (docs/readers.md): okrlint.readers.outline turns the document into a tree of
blocks with markdown-it-py (headings and their sections, list items and their depth,
paragraph lines, table rows, lists written in code blocks); okrlint.readers.roles decides
from the whole outline what each block is. Front matter gives the cycle.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from okrlint.model import Document
from okrlint.readers.base import DocumentBuilder, ReadError
from okrlint.readers.outline import _MD, markdown_outline, markdown_tokens
from okrlint.readers.roles import assign_roles

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)

_REQUEST_FENCES = frozenset({"bash", "sh", "shell", "console", "http", "curl", "js", "javascript", "ts", "typescript"})
_OKR_KEYS = re.compile(r"(?i)\"(?:objectives?|key_?results?|krs|goals?)\"")

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
    tokens = markdown_tokens(text)  # parsed once, for the outline and for the fences
    assign_roles(markdown_outline(text, tokens), builder, text.splitlines())
    _data_fences(tokens, builder)
    return builder.finish()


def _data_fences(tokens: list[Token], builder: DocumentBuilder) -> None:
    """OKRs written as JSON or YAML in a fenced code block (an API's example request, an
    export pasted into a page): read with the structured reader, at their lines."""
    from okrlint.readers.structured import read as read_structured

    for token in tokens:
        info = token.info.strip().lower() if token.type == "fence" else ""
        if not token.map or token.type != "fence":
            continue
        content, fmt, skipped = token.content, "json" if info == "json" else "yaml", 0
        if info not in ("json", "yaml", "yml"):
            # a request in a shell or HTTP example ("curl -d '{...}'"): the JSON object in it
            start, end = content.find("{"), content.rfind("}")
            if info not in _REQUEST_FENCES or start < 0 or end < start or not _OKR_KEYS.search(content):
                continue
            skipped = content.count("\n", 0, start)
            content, fmt = "\n" * skipped + content[start : end + 1], "json"
        try:
            found = read_structured(content, builder.doc.path, fmt)
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
