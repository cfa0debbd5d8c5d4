"""The analysis cache: what reading and spaCy made of each document, so that an unchanged file
needs neither the readers nor spaCy.

Layout (one file per document; measured against one file per statement and hash-sharded
files in benchmarks/cache_layout.py)::

    .okrlint_cache/
        CACHEDIR.TAG, .gitignore       mark the directory (backup tools and git skip it)
        <key>/<hash of the document's absolute path>.entry

`<key>` is a hash of everything that decides what reading and analysis produce: the cache
format, okrlint's version, the bytes of the reader and analysis code (so a development
checkout that changes them without a version bump is never served stale results), the
versions of markdown-it-py and PyYAML, the resolved model name, the installed model's
version and the pipeline components left out. Change any of them and the run looks in a
new, empty directory (`okrlint clean` removes the old ones). A file per document keeps a
warm run of one file to one small read; inside it, records are keyed by statement text, so
editing one key result re-parses only that statement.

A file is a header line, `okrlint-cache FORMAT DIGEST`, and a body: one marshal-encoded
tuple of the document's distinct statement texts; their anatomy records
(okrlint.nlp.records), aligned with the texts; `[path, digest of the source text]` (or
None); and the Document JSON as read, before analysis (or None). marshal, not JSON: it
writes and reads the records in about half the time (9 and 13 us a statement against 23
and 25); it reads back only plain values (no code runs while loading, unlike pickle); and
the Python version is part of the key, so a format change between versions cannot be
misread. The document is reused only when the path and the source text are the
same as when it was read. DIGEST is a BLAKE2b hash of the body: a file that was truncated,
overwritten or edited fails it, is ignored, and is rewritten. Files are written to a
temporary name in the same directory and renamed over the old one (os.replace), so
concurrent okrlint processes see either the old file or the new one, never half of one;
when two write the same file, the last rename wins, and both wrote the same analysis.

The cache is best-effort: a directory that cannot be created or written is skipped
silently, and the run gives the same results, only slower.

The folder is in the project, which a repository controls, so the key also hashes in a
per-user secret kept outside it ($XDG_CACHE_HOME/okrlint/cache-key, 0600, made on first
use): a cache committed to a repository, however crafted, sits in directories no run of
another user (or CI runner) looks in. No place for the secret means no cache. To reuse the
cache across CI runs, keep that file along with the cache directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CACHE_DIR_NAME = ".okrlint_cache"
FORMAT = b"4"
MAGIC = b"okrlint-cache"
TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"  # bford.info/cachedir
TAG_TEXT = f"{TAG_SIGNATURE}\n# This file is a cache directory tag created by okrlint.\n"
GITIGNORE_TEXT = "# Created by okrlint; the cache is not meant to be committed.\n*\n"
# The source files whose code decides a Document or an Anatomy (bytes hashed into the key).
ANALYSIS_SOURCES = ("model.py", "cache.py", "nlp/*.py", "readers/*.py")
READER_PACKAGES = ("markdown-it-py", "PyYAML")


class CacheError(Exception):
    """A cache directory that okrlint will not touch (for `okrlint clean`)."""


def secret_path() -> Path:
    """The per-user key that names cache namespaces: $XDG_CACHE_HOME/okrlint/cache-key."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "okrlint" / "cache-key"


def user_secret() -> bytes | None:
    """32 random bytes kept outside any project (created on first use), or None when they
    cannot be kept (then there is no cache).

    The cache lives in the project's folder, which a repository controls: a pull request
    could commit a crafted .okrlint_cache whose documents and anatomies make okrlint report
    nothing on bad OKRs. With this secret in the namespace key, the directory a run reads is
    one nobody else can name, so a planted cache is never read.
    """
    path = secret_path()
    with contextlib.suppress(OSError):
        data = path.read_bytes()
        if len(data) == 32:
            return data
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)  # private (0600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(32))
            with contextlib.suppress(FileExistsError):  # another process made it first: theirs
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
        data = path.read_bytes()
    except OSError:
        return None
    return data if len(data) == 32 else None


def analysis_key(model: str | None) -> str:
    """The hash naming the cache namespace for this okrlint, its reader and analysis code, the
    model and the user's secret. Needs no spaCy import (the model's version comes from package
    metadata). CacheError when there is no secret (see user_secret)."""
    from importlib import metadata

    from okrlint import __version__
    from okrlint.nlp.pipeline import UNUSED_COMPONENTS, model_version, resolve_model_name

    resolved = resolve_model_name(model)
    parts = [FORMAT.decode(), __version__, sys.implementation.cache_tag or "", str(marshal.version)]
    parts += [resolved, model_version(resolved), ",".join(UNUSED_COMPONENTS)]
    for package in READER_PACKAGES:
        try:
            parts.append(metadata.version(package))
        except metadata.PackageNotFoundError:  # pragma: no cover
            parts.append("-")
    secret = user_secret()
    if secret is None:
        raise CacheError(f"cannot keep the cache key in {secret_path()}")
    digest = hashlib.blake2b("\0".join(parts).encode(), digest_size=10, key=secret)
    root = Path(__file__).parent
    for pattern in ANALYSIS_SOURCES:
        for source in sorted(root.glob(pattern)):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def document_key(path: str) -> str:
    """The cache entry of a file: by its absolute path."""
    return "path:" + os.path.abspath(path)


def source_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def default_cache_dir(config: Any | None = None, cwd: str | None = None) -> Path:
    """`cache-dir` from the configuration (relative to its file), else ./.okrlint_cache."""
    setting = getattr(config, "cache_dir", None)
    source = getattr(config, "source", None)
    if setting:
        path = Path(setting).expanduser()
        if not path.is_absolute():
            base = Path(source).parent if source else Path(cwd or os.getcwd())
            path = base / path
        return path
    return Path(cwd or os.getcwd()) / CACHE_DIR_NAME


@dataclass
class Entry:
    """One document's cache file, decoded."""

    texts: list[str]
    records: list[Any]  # anatomy records, aligned with texts
    source: list[str] | None  # [path as given, digest of the source text], or None
    document: str | None  # the Document JSON (as read, before analysis)

    def decode(self) -> dict[str, Any]:
        """text -> record."""
        return dict(zip(self.texts, self.records, strict=True))


class AnalysisCache:
    """Per-document entries under `root/<analysis key>/`, memoised for the run."""

    def __init__(self, root: str | os.PathLike[str], key: str) -> None:
        self.root = Path(root)
        self.dir = self.root / key
        self._ready = False
        self._entries: dict[str, Entry | None] = {}
        self._read: dict[str, tuple[str, str, str]] = {}  # key -> (path, source digest, Document JSON)

    @classmethod
    def open(cls, root: str | os.PathLike[str], model: str | None) -> AnalysisCache:
        return cls(root, analysis_key(model))

    def _file(self, key: str) -> Path:
        name = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return self.dir / f"{name}.entry"

    def load(self, key: str) -> Entry | None:
        """The entry filed under a key, or None when it is missing or damaged."""
        if key not in self._entries:
            self._entries[key] = self._load(key)
        return self._entries[key]

    def _load(self, key: str) -> Entry | None:
        try:
            data = self._file(key).read_bytes()
        except OSError:
            return None
        header, _, body = data.partition(b"\n")
        parts = header.split(b" ")
        if len(parts) != 3 or parts[0] != MAGIC or parts[1] != FORMAT:
            return None
        if hashlib.blake2b(body, digest_size=16).hexdigest().encode() != parts[2]:
            return None
        try:
            texts, records, source, document = marshal.loads(body)
        except (ValueError, EOFError, TypeError):  # not a 4-tuple, or not marshal data
            return None
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            return None
        if not isinstance(records, list) or len(records) != len(texts):
            return None
        if source is not None and not (isinstance(source, list) and len(source) == 2):
            return None
        if document is not None and not isinstance(document, str):
            return None
        return Entry(texts, records, source, document)

    def forget(self, key: str) -> None:
        """Let go of an entry read for this run (a large run reads one per document)."""
        self._entries.pop(key, None)

    def document(self, path: str, text: str) -> Any | None:
        """The Document read from this same file and text before, or None."""
        entry = self.load(document_key(path))
        if entry is None or entry.document is None or entry.source != [path, source_digest(text)]:
            return None
        from pydantic import ValidationError

        from okrlint.model import Document

        try:
            return Document.model_validate_json(entry.document)
        except ValidationError:
            return None

    def remember_document(self, path: str, text: str, document: Any) -> None:
        """A document just read from `text`, to be stored with its analysis (anatomies unset)."""
        self._read[document_key(path)] = (path, source_digest(text), document.model_dump_json())

    def has_pending_document(self, key: str) -> bool:
        return key in self._read

    def store(self, key: str, texts: list[str], records: list[Any]) -> None:
        """Write an entry atomically (with the document remembered for it, if any); failures
        are ignored, as the cache is optional."""
        read = self._read.pop(key, None)
        source, document = (list(read[:2]), read[2]) if read else (None, None)
        body = marshal.dumps((texts, records, source, document))
        header = b" ".join((MAGIC, FORMAT, hashlib.blake2b(body, digest_size=16).hexdigest().encode()))
        try:
            self._prepare()
            _write_atomic(self._file(key), header + b"\n" + body)
        except OSError:
            pass

    def _prepare(self) -> None:
        if self._ready:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", TAG_TEXT), (".gitignore", GITIGNORE_TEXT)):
            marker = self.root / name
            if not marker.exists():
                _write_atomic(marker, text.encode())
        self._ready = True


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a cache is as readable as the files it caches
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def is_cache_dir(path: Path) -> bool:
    try:
        return (path / "CACHEDIR.TAG").read_text(encoding="utf-8", errors="replace").find("okrlint") >= 0
    except OSError:
        return False


def clean(root: str | os.PathLike[str]) -> bool:
    """Remove an okrlint cache directory; False when there is none. Refuses (CacheError) to
    delete a directory that is not one, so `--cache-dir ~` cannot wipe a home directory."""
    path = Path(root)
    if not path.exists():
        return False
    if not path.is_dir() or not is_cache_dir(path):
        raise CacheError(f"{path} is not an okrlint cache directory (no okrlint CACHEDIR.TAG); not removing it")
    # Rename first (atomic), so that a concurrent run starts a fresh cache instead of writing
    # into a directory that is half deleted; then delete the renamed tree.
    import shutil

    doomed = path.with_name(f"{path.name}.deleting-{os.getpid()}")
    try:
        os.replace(path, doomed)
    except OSError:
        doomed = path
    shutil.rmtree(doomed, ignore_errors=True)
    if doomed.exists():
        raise CacheError(f"could not remove {doomed}")
    return True
