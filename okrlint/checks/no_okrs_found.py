"""no-okrs-found: the reader recognised no objective or key result; say so, not silence."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    for note in dctx.doc.notes:
        if note.code == "no-okrs-found":
            yield Hit(message=note.message, kind="document", line=note.line)
