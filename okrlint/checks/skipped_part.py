"""skipped-part: a part of a YAML/JSON document the reader skipped; say where and why."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    for note in dctx.doc.notes:
        if note.code == "skipped-part":
            yield Hit(message=note.message, kind="document", line=note.line)
