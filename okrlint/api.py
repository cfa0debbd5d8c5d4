"""The library API: lint text or paths, get pydantic results that serialise to the JSON contract.

>>> import okrlint
>>> result = okrlint.lint_text("Objective: Launch a new website\\n- KR: Release the new website\\n")
>>> [f.name for f in result.findings]  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from okrlint.config import Config, find_config, load_config_file
from okrlint.engine import run_rules
from okrlint.model import Document, FileResult, LintResult
from okrlint.nlp.anatomy import analyse
from okrlint.nlp.pipeline import load as load_model
from okrlint.readers import ReadError, read_text
from okrlint.scoring import document_score, grade
from okrlint.sources import discover, load


def _config_for(path: str, explicit: Config | None) -> Config:
    if explicit is not None:
        return explicit
    folder = os.path.dirname(os.path.abspath(path)) if path and not path.startswith("<") else os.getcwd()
    return find_config(folder)


def _analyse(docs: list[Document], config: Config) -> None:
    """All statements of all documents through one nlp.pipe pass."""
    statements = [s for doc in docs for s in doc.statements()]
    if not statements:
        return
    nlp = load_model(config.model)
    for stmt, anatomy in zip(statements, analyse([s.text for s in statements], nlp), strict=True):
        stmt.anatomy = anatomy


def _too_long(doc: Document, limit: int) -> str | None:
    for stmt in doc.statements():
        if len(stmt.text) > limit:
            size = f"{len(stmt.text):,} characters"
            return f"line {stmt.line}: statement of {size}, over the {limit:,} limit (max-statement-length)"
    return None


def lint_documents(items: Sequence[tuple[Document, str, Config]]) -> list[FileResult]:
    """Analyse, check and score already-read documents (document, source text, config)."""
    if not items:
        return []
    _analyse([doc for doc, _, _ in items], items[0][2])
    results = []
    for doc, source, config in items:
        findings = run_rules(doc, config, source)
        score = document_score(doc, findings)
        results.append(
            FileResult(
                path=doc.path,
                score=score,
                grade=grade(score) if score is not None else None,
                cycle=doc.cycle,
                okrs=doc.okrs,
                findings=findings,
            )
        )
    return results


def lint_text(text: str, format: str | None = None, path: str = "<text>", config: Config | None = None) -> LintResult:
    """Lint one document given as text. Raises ReadError for text that cannot be read."""
    cfg = config or Config()
    doc = read_text(text, path, format)
    error = _too_long(doc, cfg.max_statement_length)
    if error:
        raise ReadError(error)
    return LintResult(files=lint_documents([(doc, text, cfg)]))


def lint_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> LintResult:
    """Lint files and directories. Unreadable files become FileResult.error; the rest are checked."""
    explicit = load_config_file(Path(config)) if isinstance(config, str) else config
    items: list[tuple[Document, str, Config]] = []
    slots: list[FileResult | None] = []
    for entry in discover([str(p) for p in paths], explicit):
        if isinstance(entry, tuple):
            slots.append(FileResult(path=entry[0], error=entry[1]))
            continue
        cfg = _config_for(entry, explicit)
        if select is not None or ignore:
            cfg = cfg.model_copy(
                update={"select": select if select is not None else cfg.select, "ignore": cfg.ignore + (ignore or [])}
            )
            cfg.check_rules()
        src = load(entry, cfg.max_file_size)
        if src.error or src.text is None:
            slots.append(FileResult(path=entry, error=src.error))
            continue
        try:
            doc = read_text(src.text, entry)
            error = _too_long(doc, cfg.max_statement_length)
            if error:
                raise ReadError(error)
        except ReadError as exc:
            where = f"line {exc.line}: " if exc.line else ""
            slots.append(FileResult(path=entry, error=f"{where}{exc}"))
            continue
        items.append((doc, src.text, cfg))
        slots.append(None)
    checked = iter(lint_documents(items))
    return LintResult(files=[slot if slot is not None else next(checked) for slot in slots])
