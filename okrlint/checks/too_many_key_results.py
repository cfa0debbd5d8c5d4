"""too-many-key-results: an objective with more key results than anyone will track."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    limit = int(dctx.params.get("max", 5))
    for i, okr in enumerate(dctx.doc.okrs):
        if okr.objective and len(okr.key_results) > limit:
            yield Hit(
                message=f"{len(okr.key_results)} key results (at most {limit})",
                kind="okr",
                line=okr.objective.line,
                text=okr.objective.text,
                okr=i,
            )
