"""too-few-key-results: one key result rarely shows that an objective was reached."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    limit = int(dctx.params.get("min", 2))
    for i, okr in enumerate(dctx.doc.okrs):
        if okr.objective and 0 < len(okr.key_results) < limit:
            yield Hit(
                message=f"{len(okr.key_results)} key result (at least {limit})",
                kind="okr",
                line=okr.objective.line,
                text=okr.objective.text,
                okr=i,
            )
