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
is the faster of the two for these records (benchmarks/README.md); it reads back only plain
values (no code runs while loading, unlike pickle); and
the Python version is part of the key, so a format change between versions cannot be
misread. The document is reused only when the path and the source text are the
same as when it was read. DIGEST is a BLAKE2b hash of the body keyed with the user's secret
(below): a file that was truncated, overwritten or edited, even by someone who recomputed an
unkeyed hash, fails it, is ignored, and is rewritten. Files are written to a
temporary name in the same directory and renamed over the old one (os.replace), so
concurrent okrlint processes see either the old file or the new one, never half of one;
when two write the same file, the last rename wins, and both wrote the same analysis.

The cache is best-effort: a directory that cannot be created or written is skipped
silently, and the run gives the same results, only slower.

The folder's location can come from a repository's configuration, so okrlint writes only
into a folder it made itself and deletes only what it wrote there. It creates the folder
whole (made under a temporary name with its CACHEDIR.TAG, then renamed into place) and uses
an existing folder only when it is a real directory, not a symbolic link, carrying okrlint's
CACHEDIR.TAG: `cache-dir = "~"` or a committed `.okrlint_cache` link to elsewhere gives a
run without a cache, never files written into a home directory. Inside it, every file is
opened relative to the folder's descriptor without following links, and read only when it is
a regular file of bounded size. `clean` deletes okrlint's own entries by name (namespace
folders of hex digits holding `.entry` files), then the markers and the folder only when
nothing else is left in it.

The folder is in the project, which a repository controls, so the key also hashes in a
per-user secret kept outside it ($XDG_CACHE_HOME/okrlint/cache-key, 0600, made on first
use): a cache committed to a repository, however crafted, sits in directories no run of
another user (or CI runner) looks in. No place for the secret means no cache. To reuse the
cache across CI runs, keep that file along with the cache directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import re
import stat
import sys
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from okrlint.files import FileProblem, read_regular

CACHE_DIR_NAME = ".okrlint_cache"
FORMAT = b"4"
MAGIC = b"okrlint-cache"
TAG_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"  # bford.info/cachedir
TAG_TEXT = f"{TAG_SIGNATURE}\n# This file is a cache directory tag created by okrlint.\n"
GITIGNORE_TEXT = "# Created by okrlint; the cache is not meant to be committed.\n*\n"
# The source files whose code decides a Document or an Anatomy (bytes hashed into the key).
ANALYSIS_SOURCES = ("model.py", "cache.py", "nlp/*.py", "readers/*.py")
READER_PACKAGES = ("markdown-it-py", "PyYAML")
# An entry holds one document's analysis; a 10 MB document (the default size limit) makes
# far less than this. Anything larger is damage, or a link to a device, and is not read.
MAX_ENTRY_BYTES = 512 * 1024 * 1024
_NAMESPACE = re.compile(r"[0-9a-f]{20}")  # analysis_key(): blake2b, 10 bytes
_ENTRY = re.compile(r"[0-9a-f]{32}\.entry|\.tmp-[A-Za-z0-9_]+\.part")
_MARKERS = ("CACHEDIR.TAG", ".gitignore")
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class CacheError(Exception):
    """A cache directory that okrlint will not touch (for `okrlint clean` and `check`)."""


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


def analysis_key(model: str | None, secret: bytes | None = None) -> str:
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
    secret = secret or user_secret()
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

    def __init__(self, root: str | os.PathLike[str], key: str, secret: bytes | None = None) -> None:
        self.root = Path(root)
        self.dir = self.root / key
        self.key = key
        self._secret = secret if secret is not None else user_secret() or b""
        self._fd: int | None = None  # the namespace folder, opened without following links
        self._refused = False
        self._entries: dict[str, Entry | None] = {}
        self._read: dict[str, tuple[str, str, str]] = {}  # key -> (path, source digest, Document JSON)

    @classmethod
    def open(cls, root: str | os.PathLike[str], model: str | None) -> AnalysisCache:
        secret = user_secret()
        return cls(root, analysis_key(model, secret), secret)

    def _digest(self, body: bytes) -> bytes:
        """A hash of an entry's body keyed with the user's secret: whoever can write to the
        cache but cannot read the secret cannot make an entry this run trusts."""
        return hashlib.blake2b(body, digest_size=16, key=self._secret).hexdigest().encode()

    @staticmethod
    def _name(key: str) -> str:
        return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest() + ".entry"

    def _file(self, key: str) -> Path:
        return self.dir / self._name(key)

    def _folder(self, create: bool) -> int | None:
        """The namespace folder's descriptor; None when there is none (yet) or it is refused."""
        if self._fd is not None or self._refused:
            return self._fd
        try:
            root = open_cache_root(self.root, create=create)
        except CacheError:
            self._refused = True
            return None
        except OSError:
            if create:
                self._refused = True
            return None
        if root is None:
            return None
        try:
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(self.key, 0o755, dir_fd=root)
            self._fd = os.open(self.key, _DIR_FLAGS, dir_fd=root)
        except OSError:
            if create:
                self._refused = True
            return None
        finally:
            os.close(root)
        weakref.finalize(self, os.close, self._fd)
        return self._fd

    def load(self, key: str) -> Entry | None:
        """The entry filed under a key, or None when it is missing or damaged."""
        if key not in self._entries:
            self._entries[key] = self._load(key)
        return self._entries[key]

    def _load(self, key: str) -> Entry | None:
        folder = self._folder(create=False)
        if folder is None:
            return None
        data = read_regular_file(self._name(key), MAX_ENTRY_BYTES, dir_fd=folder)
        if data is None:
            return None
        header, _, body = data.partition(b"\n")
        parts = header.split(b" ")
        if len(parts) != 3 or parts[0] != MAGIC or parts[1] != FORMAT:
            return None
        if not hmac.compare_digest(self._digest(body), parts[2]):
            return None
        try:
            texts, records, source, document = marshal.loads(body)
        except Exception:  # not a 4-tuple, not marshal data, too deep, too big: not an entry
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
        header = b" ".join((MAGIC, FORMAT, self._digest(body)))
        folder = self._folder(create=True)
        if folder is None:
            return
        with contextlib.suppress(OSError):
            write_atomic(self._name(key), header + b"\n" + body, dir_fd=folder)


def read_regular_file(name: str, limit: int, dir_fd: int | None = None) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes, or None. Never follows a link,
    never blocks on a FIFO, never reads a device."""
    try:
        return read_regular(name, limit, dir_fd=dir_fd, follow=False)
    except (FileProblem, MemoryError):
        return None


def write_atomic(name: str, data: bytes, dir_fd: int | None = None, mode: int = 0o644) -> None:
    """Write `data` as the file `name`, whole or not at all (see replacing)."""
    with replacing(name, dir_fd, mode) as fh:
        fh.write(data)


@contextlib.contextmanager
def replacing(name: str, dir_fd: int | None = None, mode: int = 0o644) -> Iterator[BinaryIO]:
    """A file to write that replaces `name` when the block ends without an exception: written
    under a temporary name in the same folder, then renamed over `name`, so readers see the
    old file or the new one, never part of one. Neither the temporary file nor the rename
    follows a link (a link at `name` is replaced, its target untouched). On an exception the
    temporary file is removed and `name` is left as it was."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    tmp: str | None = None
    try:  # from before the file exists: a signal just after os.open must not leave it behind
        for _ in range(100):
            tmp = f".tmp-{os.urandom(6).hex()}.part"
            try:
                fd = os.open(tmp, flags, mode, dir_fd=dir_fd)
                break
            except FileExistsError:
                tmp = None  # another writer's
        else:  # pragma: no cover - 100 collisions of 48 random bits
            raise FileExistsError(name)
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)  # as asked, whatever the umask
            yield fh
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=dir_fd)
        raise


def _has_marker(folder: int) -> bool:
    data = read_regular_file("CACHEDIR.TAG", 4096, dir_fd=folder)
    return data is not None and data.startswith(TAG_SIGNATURE.encode()) and b"okrlint" in data


def cache_dir_problem(root: str | os.PathLike[str]) -> str | None:
    """Why okrlint will not use this folder as its cache, or None (it is one, or it does not
    exist yet and can be made)."""
    try:
        fd = open_cache_root(Path(root), create=False)
    except CacheError as exc:
        return str(exc)
    except OSError as exc:
        return f"{root}: {exc.strerror or exc}"
    if fd is not None:
        os.close(fd)
    return None


def open_cache_root(root: Path, create: bool) -> int | None:
    """A descriptor of the cache folder, opened without following links; None when it does
    not exist and `create` is false. Raises CacheError for a folder okrlint will not use: a
    link, not a directory, or a directory without okrlint's CACHEDIR.TAG."""
    try:
        info = os.lstat(root)
    except FileNotFoundError:
        if not create:
            return None
        _create_root(root)
        info = os.lstat(root)
    if stat.S_ISLNK(info.st_mode):
        raise CacheError(f"{root} is a symbolic link; okrlint does not follow it for its cache")
    if not stat.S_ISDIR(info.st_mode):
        raise CacheError(f"{root} is not a directory, so not an okrlint cache directory")
    fd = os.open(root, _DIR_FLAGS)
    if not _has_marker(fd):
        os.close(fd)
        raise CacheError(f"{root} is not an okrlint cache directory (no okrlint CACHEDIR.TAG); not using it")
    return fd


def _create_root(root: Path) -> None:
    """Make the cache folder whole: a new folder with its markers, renamed into place (a
    rename never replaces a folder that has anything in it). Its parents are made as needed."""
    import tempfile

    root.parent.mkdir(parents=True, exist_ok=True)
    new = tempfile.mkdtemp(prefix=f".{root.name}.new-", dir=root.parent)
    try:
        os.chmod(new, 0o755)
        fd = os.open(new, _DIR_FLAGS)
        try:
            for name, text in zip(_MARKERS, (TAG_TEXT, GITIGNORE_TEXT), strict=True):
                write_atomic(name, text.encode(), dir_fd=fd)
        finally:
            os.close(fd)
        with contextlib.suppress(FileExistsError, OSError):
            os.rename(new, root)  # fails when another process (or anything) is there first
    finally:
        if os.path.lexists(new):
            for name in _MARKERS:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(new, name))
            with contextlib.suppress(OSError):
                os.rmdir(new)


@dataclass
class Cleaned:
    """What `clean` did: entries removed, and what it left because okrlint did not write it."""

    path: Path
    removed: int
    left: list[str]

    @property
    def gone(self) -> bool:
        return not self.left


def clean(root: str | os.PathLike[str]) -> Cleaned | None:
    """Remove okrlint's cache folder; None when there is none. Refuses (CacheError) a link or
    a folder without okrlint's marker, so `--cache-dir ~` cannot touch a home directory; in a
    marked folder, deletes only okrlint's own entries by name, and the folder itself only when
    nothing else is left in it."""
    path = Path(root)
    try:
        folder = open_cache_root(path, create=False)
    except OSError as exc:
        raise CacheError(f"{path}: {exc.strerror or exc}") from None
    if folder is None:
        return None
    removed, left = 0, []
    try:
        for name in sorted(os.listdir(folder)):
            if name in _MARKERS:
                continue
            if not (_NAMESPACE.fullmatch(name) and _is_dir(name, folder)):
                left.append(name)
                continue
            namespace = os.open(name, _DIR_FLAGS, dir_fd=folder)
            try:
                for entry in sorted(os.listdir(namespace)):
                    if _ENTRY.fullmatch(entry) and _is_regular(entry, namespace):
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(entry, dir_fd=namespace)
                            removed += 1
                    else:
                        left.append(f"{name}/{entry}")
            finally:
                os.close(namespace)
            with contextlib.suppress(OSError):  # not empty: its leftovers are listed
                os.rmdir(name, dir_fd=folder)
        if not left:
            for name in _MARKERS:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(name, dir_fd=folder)
            try:
                os.rmdir(path)
            except OSError:  # something arrived meanwhile (a concurrent run)
                left = sorted(os.listdir(folder)) or ["(the folder itself)"]
    finally:
        os.close(folder)
    return Cleaned(path, removed, left)


def _is_dir(name: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(name, dir_fd=dir_fd).st_mode)
    except OSError:
        return False


def _is_regular(name: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISREG(os.lstat(name, dir_fd=dir_fd).st_mode)
    except OSError:
        return False
