"""okr-not-measurable: an objective whose key results carry no number at all."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    for i, okr in enumerate(dctx.doc.okrs):
        if okr.objective is None or not okr.key_results:
            continue
        if not any(kr.measurable for kr in okr.key_results):
            count = len(okr.key_results)
            yield Hit(
                message=f"none of its {count} key result{'s' if count != 1 else ''} has a number",
                kind="okr",
                line=okr.objective.line,
                text=okr.objective.text,
                okr=i,
            )
