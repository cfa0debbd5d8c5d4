"""objective-without-key-results: an objective nobody can tell was reached."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    parents = {okr.parent for okr in dctx.doc.okrs if okr.parent is not None}
    for i, okr in enumerate(dctx.doc.okrs):
        if okr.objective and not okr.key_results and i not in parents:
            yield Hit(
                message="the objective has no key results",
                kind="okr",
                line=okr.objective.line,
                text=okr.objective.text,
                okr=i,
            )
