"""schema-mapping: a YAML/JSON file in another tool's schema; say which keys were read as what."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    for note in dctx.doc.notes:
        if note.code == "schema-mapping":
            yield Hit(message=note.message, kind="document", line=note.line)
