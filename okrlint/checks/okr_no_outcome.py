"""okr-no-outcome: none of the objective's key results is a result; all are work."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit
from okrlint.classify import WORK


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    for i, okr in enumerate(dctx.doc.okrs):
        if okr.objective is None or not okr.key_results:
            continue
        # the engine classified every analysed English statement before the document checks
        categories = [kr.category for kr in okr.key_results if id(kr) not in dctx.foreign]
        if len(categories) < len(okr.key_results) or any(c is None for c in categories):
            continue  # not analysed, or not English: nothing to say
        if all(c is not None and c.name in WORK for c in categories):
            count = len(categories)
            yield Hit(
                message=f"all {count} of its key results are work" if count > 1 else "its key result is work",
                kind="okr",
                line=okr.objective.line,
                text=okr.objective.text,
                okr=i,
            )
