"""duplicate-statement: the same statement twice in one document (copy-paste, or a merge)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit

_WORD = re.compile(r"[\w%$]+")


def _norm(text: str) -> str:
    """The words, numbers and signs of a statement, casefolded: what makes two the same."""
    return " ".join(_WORD.findall(text.casefold()))


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    seen: dict[str, int] = {}
    for i, okr in enumerate(dctx.doc.okrs):
        for stmt in okr.statements():
            key = _norm(stmt.text)
            if not key:
                continue
            if key in seen:
                yield Hit(
                    message=f"the same statement is on line {seen[key]}",
                    kind=stmt.kind,
                    line=stmt.line,
                    text=stmt.text,
                    okr=i,
                    column=stmt.column,
                )
            else:
                seen[key] = stmt.line
