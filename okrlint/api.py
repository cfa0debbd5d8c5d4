"""The library API: lint text or paths, get pydantic results that serialise to the JSON contract.

>>> import okrlint
>>> result = okrlint.lint_text("Objective: Launch a new website\\n- KR: Release the new website\\n")
>>> [f.name for f in result.findings]  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from okrlint.cache import AnalysisCache, Entry
from okrlint.classify import foreign_statements
from okrlint.config import Config, find_config, load_config_file
from okrlint.engine import run_rules
from okrlint.model import Anatomy, Document, FileResult, LintResult
from okrlint.readers import ReadError, read_text, read_workbook
from okrlint.scoring import document_score, grade
from okrlint.sources import discover, load


def _config_for(path: str, explicit: Config | None) -> Config:
    if explicit is not None:
        return explicit
    folder = os.path.dirname(os.path.abspath(path)) if path and not path.startswith("<") else os.getcwd()
    return find_config(folder)


def _document_key(doc: Document, texts: list[str]) -> str:
    """What a document's cache entry is filed under: its absolute path, or for text that is not
    a file ("<text>", examples) its statements."""
    from okrlint.cache import document_key

    if doc.path and not doc.path.startswith("<") and os.path.isfile(doc.path):
        return document_key(doc.path)
    return "text:" + hashlib.blake2b("\0".join(texts).encode("utf-8", "surrogatepass")).hexdigest()


def _open_cache(cache_dir: str | os.PathLike[str] | AnalysisCache | None, model: str | None) -> AnalysisCache | None:
    """The cache in cache_dir; None (no cache) when there is none or no per-user key for it."""
    from okrlint.cache import CacheError

    if cache_dir is None or isinstance(cache_dir, AnalysisCache):
        return cache_dir
    try:
        return AnalysisCache.open(cache_dir, model)
    except CacheError:
        return None


class _Analysis:
    """The analysis step: documents are added as they are read (so that worker processes can
    start parsing while the rest is read), then `documents()` gives each one its anatomies.

    Statements found in the cache are rebuilt from it. The others (each distinct text once)
    go through nlp.pipe, spread over `jobs` processes when there are enough of them
    (okrlint.parallel); spaCy is not even imported when everything is cached. Documents
    come out in order while the analysis is still running, so a caller can check and forget
    one before the next is built.
    """

    def __init__(self, model: str | None, cache: AnalysisCache | None, jobs: int = 1) -> None:
        from okrlint.parallel import Analysis

        self.model = model
        self.cache = cache
        self.parsing = Analysis(model, jobs)
        self.plans: list[tuple[Document, list[str], str | None, Entry | None]] = []
        self.scheduled: set[str] = set()
        self.misses: list[str] = []
        self.uses: dict[str, int] = {}  # documents still to come per text, to let go of records early

    def add(self, doc: Document) -> None:
        cache = self.cache
        texts = [s.text for s in doc.statements()]
        for text in set(texts):
            self.uses[text] = self.uses.get(text, 0) + 1
        key = _document_key(doc, texts) if cache is not None else None
        entry = cache.load(key) if cache is not None and key is not None and texts else None
        cached = set(entry.texts) if entry is not None else set()
        new = []
        for text in texts:
            if text not in cached and text not in self.scheduled:
                self.scheduled.add(text)
                new.append(text)
        self.misses += new
        self.parsing.add(new)
        self.plans.append((doc, texts, key, entry))

    def abandon(self) -> None:
        self.parsing.stop()

    def documents(self) -> Iterator[Document]:
        from okrlint.nlp.records import from_record
        from okrlint.parallel import analyse_stream

        cache, model, misses, uses = self.cache, self.model, self.misses, self.uses
        fresh = self.parsing.results()
        records: dict[str, Any] = {}  # the record of each text analysed in this run
        unclaimed: dict[str, Anatomy] = {}  # anatomies made in this process, not handed out yet
        produced = 0

        def analysed(text: str) -> Anatomy:
            nonlocal produced
            while text not in records and produced < len(misses):
                anatomy, record = next(fresh)
                done = misses[produced]
                produced += 1
                records[done] = record
                if anatomy is not None:
                    unclaimed[done] = anatomy
            if text not in records:  # a cached record that turned out unusable: analyse it now
                anatomy, record = next(analyse_stream([text], model))
                records[text] = record
                if anatomy is not None:
                    unclaimed[text] = anatomy
            if text in unclaimed:
                return unclaimed.pop(text)
            return from_record(records[text])

        try:
            for doc, texts, key, entry in self.plans:
                hits: dict[str, Any] = {}
                if entry is not None:
                    try:
                        hits = entry.decode()
                    except ValueError:
                        hits = {}
                changed = entry is None or len(entry.texts) != len(set(texts))
                changed = changed or (cache is not None and key is not None and cache.has_pending_document(key))
                for stmt in doc.statements():
                    record = hits.get(stmt.text)
                    if record is not None:
                        try:
                            stmt.anatomy = from_record(record)
                            continue
                        except (ValueError, TypeError, KeyError, AttributeError):
                            del hits[stmt.text]
                    stmt.anatomy = analysed(stmt.text)
                    changed = True
                if cache is not None and key is not None and texts and changed:
                    unique = list(dict.fromkeys(texts))
                    cache.store(key, unique, [hits[t] if t in hits else records[t] for t in unique])
                if cache is not None and key is not None:
                    cache.forget(key)
                for text in set(texts):
                    uses[text] -= 1
                    if not uses[text]:
                        records.pop(text, None)
                yield doc
        finally:
            self.parsing.stop()


def _analyse(
    docs: Sequence[Document],
    model: str | None,
    cache_dir: str | os.PathLike[str] | AnalysisCache | None = None,
    jobs: int = 1,
) -> Iterator[Document]:
    """All documents through the analysis step at once (see _Analysis)."""
    analysis = _Analysis(model, _open_cache(cache_dir, model), jobs)
    for doc in docs:
        analysis.add(doc)
    yield from analysis.documents()


def _too_long(doc: Document, limit: int) -> str | None:
    for stmt in doc.statements():
        if len(stmt.text) > limit:
            size = f"{len(stmt.text):,} characters"
            return f"line {stmt.line}: statement of {size}, over the {limit:,} limit (max-statement-length)"
    return None


def lint_documents(
    items: Sequence[tuple[Document, str, Config]],
    *,
    cache_dir: str | os.PathLike[str] | AnalysisCache | None = None,
    jobs: int = 1,
    tokens: bool = True,
) -> list[FileResult]:
    """Analyse, check and score already-read documents (document, source text, config).

    `cache_dir`: keep and reuse statement analyses there (okrlint.cache); None, the default,
    neither reads nor writes a cache. `jobs`: processes the spaCy analysis may use.
    `tokens=False` empties each anatomy's token list once the rules have run, which a caller
    that only renders reports (they leave tokens out) can use to keep memory flat.
    """
    if not items:
        return []
    return _check(items, _analyse([doc for doc, _, _ in items], items[0][2].model, cache_dir, jobs), tokens)


Progress = Callable[[int, int], None]


def _check(
    items: Sequence[tuple[Document, str, Config]],
    analysed: Iterator[Document],
    tokens: bool,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Rules and scores for each document as the analysis hands it over (in item order);
    `progress(statements done, statements in all)` after each one."""
    results = []
    total = sum(len(doc.statements()) for doc, _, _ in items) if progress is not None else 0
    done = 0
    for (doc, source, config), _ in zip(items, analysed, strict=True):
        findings = run_rules(doc, config, source)
        # a document none of whose statements the rules could read (not English) is not scored
        unread = any(f.name == "not-english" for f in findings) and len(
            foreign_statements(doc, config.lexicon_lists().get("foreign_function_words", frozenset()))
        ) == len(doc.statements())
        score = None if unread else document_score(doc, findings)
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
        if not tokens:
            for stmt in doc.statements():
                if stmt.anatomy is not None:
                    stmt.anatomy.tokens = []
        if progress is not None:
            done += len(doc.statements())
            progress(done, total)
    return results


def choose_rules(cfg: Config, select: list[str] | None, ignore: list[str] | None) -> Config:
    """A configuration with the command line's --select (replacing) and --ignore (adding) applied."""
    if select is None and not ignore:
        return cfg
    chosen = cfg.model_copy(
        update={"select": select if select is not None else cfg.select, "ignore": cfg.ignore + (ignore or [])}
    )
    chosen.check_rules()
    return chosen


def lint_text(text: str, format: str | None = None, path: str = "<text>", config: Config | None = None) -> LintResult:
    """Lint one document given as text. Raises ReadError for text that cannot be read, as
    `okrlint check` refuses such a file: empty or only whitespace, or unreadable as its format."""
    if not text.strip():
        raise ReadError("empty file" if not text else "empty file (only whitespace)")
    return _lint_one(read_text(text, path, format), text, config or Config())


def lint_workbook(data: bytes, path: str = "<bytes>", config: Config | None = None) -> LintResult:
    """Lint one workbook (XLSX, XLSM, XLSB, XLS, ODS) given as bytes. Raises ReadError for a
    workbook that cannot be read."""
    return _lint_one(read_workbook(data, path), "", config or Config())


def _lint_one(doc: Document, source: str, cfg: Config) -> LintResult:
    """One document just read (`source`: its text, for suppression comments), without a cache."""
    error = _too_long(doc, cfg.max_statement_length)
    if error:
        raise ReadError(error)
    return LintResult(files=lint_documents([(doc, source, cfg)]))


def lint_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    *,
    cache_dir: str | os.PathLike[str] | bool | None = None,
    jobs: int = 1,
    tokens: bool = True,
    model: str | None = None,
    progress: Progress | None = None,
) -> LintResult:
    """Lint files and directories. Unreadable files become FileResult.error; the rest are checked.

    `cache_dir`, `jobs` and `tokens` as for `lint_documents`; `cache_dir=True` uses the cache
    `okrlint check` uses (`cache-dir` of the configuration, else ./.okrlint_cache), and None
    or False none. `progress`: called as `progress(statements checked, statements in all)`
    after each document (the CLI's progress bar). `model`: the spaCy pipeline for
    the run (a package name or a folder), instead of the configuration's. Each document goes to the
    analysis as soon as it is read, so with `jobs` > 1 workers parse while the rest is read."""
    explicit = load_config_file(Path(config)) if isinstance(config, str) else config
    if cache_dir is True:  # as `okrlint check` finds it: from the given or the working directory's configuration
        from okrlint.cache import default_cache_dir

        cache_dir = default_cache_dir(explicit or find_config(os.getcwd()))
    elif cache_dir is False:
        cache_dir = None
    cache: AnalysisCache | None = None
    analysis: _Analysis | None = None  # fed while reading, so that workers parse while the rest is read
    items: list[tuple[Document, str, Config]] = []
    slots: list[FileResult | None] = []
    try:
        for entry in discover([str(p) for p in paths], explicit):
            if isinstance(entry, tuple):
                slots.append(FileResult(path=entry[0], error=entry[1]))
                continue
            cfg = choose_rules(_config_for(entry, explicit), select, ignore)
            src = load(entry, cfg.max_file_size)
            if src.error or (src.text is None and src.data is None):
                slots.append(FileResult(path=entry, error=src.error))
                continue
            if analysis is None:  # the first file's model is the run's (as in lint_documents)
                cache = _open_cache(cache_dir, model or cfg.model)
                analysis = _Analysis(model or cfg.model, cache, jobs)
            text = src.text or ""  # a workbook has no text (and no suppression comments)
            try:
                doc = cache.document(entry, text) if cache is not None and src.data is None else None
                if doc is None and src.data is not None:
                    doc = read_workbook(src.data, entry)  # quick to read again: not kept in the cache
                elif doc is None:
                    doc = read_text(text, entry)
                    if cache is not None:
                        cache.remember_document(entry, text, doc)
                error = _too_long(doc, cfg.max_statement_length)
                if error:
                    raise ReadError(error)
            except ReadError as exc:
                where = f"line {exc.line}: " if exc.line else ""
                slots.append(FileResult(path=entry, error=f"{where}{exc}"))
                continue
            items.append((doc, text, cfg))
            slots.append(None)
            analysis.add(doc)
        checked = iter(_check(items, analysis.documents(), tokens, progress) if analysis is not None else [])
    except BaseException:
        if analysis is not None:
            analysis.abandon()
        raise
    return LintResult(files=[slot if slot is not None else next(checked) for slot in slots])
