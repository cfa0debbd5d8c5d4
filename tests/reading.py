"""Helpers the reader tests share: read a dedented Markdown document, and list what was read."""

from __future__ import annotations

import textwrap

from okrlint.model import Document, Statement
from okrlint.readers import read_text


def md(text: str, path: str = "goals.md") -> Document:
    return read_text(textwrap.dedent(text).lstrip("\n"), path)


def texts(stmts: list[Statement]) -> list[str]:
    return [s.text for s in stmts]


def objectives(doc: Document) -> list[str]:
    return [okr.objective.text for okr in doc.okrs if okr.objective is not None]


def key_results(doc: Document) -> list[list[str]]:
    return [texts(okr.key_results) for okr in doc.okrs]
