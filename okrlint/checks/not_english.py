"""not-english: statements in another language, which the rules (English) did not check."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    foreign = dctx.foreign
    if not foreign:
        return
    skipped = [s for s in dctx.doc.statements() if id(s) in foreign]
    first = skipped[0]
    many = f"{len(skipped)} statements are" if len(skipped) > 1 else "1 statement is"
    yield Hit(
        message=(
            f"{many} not in English (the first on line {first.line}); only the rules that read numbers "
            "alone checked them"
        ),
        kind="document",
        line=first.line,
        column=first.column,
        text=first.text,
    )
