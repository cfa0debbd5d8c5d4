"""too-many-objectives: a document with more top-level objectives than a team can focus on."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import DocumentContext, Hit


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    limit = int(dctx.params.get("max", 5))
    top = [(i, okr) for i, okr in enumerate(dctx.doc.okrs) if okr.objective and okr.parent is None]
    if len(top) > limit:
        _, first_extra = top[limit]
        assert first_extra.objective is not None
        yield Hit(
            message=f"{len(top)} objectives (at most {limit} keeps a team focused)",
            kind="document",
            line=first_extra.objective.line,
            text=first_extra.objective.text,
        )
