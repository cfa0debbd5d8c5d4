"""okr-no-outcome: none of the objective's key results is a result; all are work."""

from __future__ import annotations

from collections.abc import Iterator

from okrlint.checks import Context, DocumentContext, Hit
from okrlint.classify import WORK, category_of, foreign_statements


def check_document(dctx: DocumentContext) -> Iterator[Hit]:
    foreign = foreign_statements(dctx.doc, dctx.lex["foreign_function_words"])
    for i, okr in enumerate(dctx.doc.okrs):
        if okr.objective is None or not okr.key_results:
            continue
        categories = []
        for kr in okr.key_results:
            if kr.anatomy is None or id(kr) in foreign:
                break  # not analysed, or not English: nothing to say
            categories.append(category_of(Context(stmt=kr, anatomy=kr.anatomy, okr=okr, params={}, lex=dctx.lex)).name)
        else:
            if all(c in WORK for c in categories):
                count = len(categories)
                yield Hit(
                    message=f"all {count} of its key results are work" if count > 1 else "its key result is work",
                    kind="okr",
                    line=okr.objective.line,
                    text=okr.objective.text,
                    okr=i,
                )
