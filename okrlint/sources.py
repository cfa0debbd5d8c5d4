"""Finding goal documents on disk and decoding them safely.

Directories are searched for OKR file names (DEFAULT_INCLUDE plus configured globs),
without following symlinked directories, so a walk can neither loop nor leave the tree; a
symlink that points back to a directory above it is reported as a symlink loop (unless an
`exclude` glob names it). A path that cannot be read (missing, unreadable, a broken link, a
FIFO or device found in a directory, a name with control characters or undecodable bytes)
becomes an error for that path, never an exception. Bytes become text only when they are
text: BOMs are honoured, binary and invalid UTF-8 are refused with a one-line reason.
"""

from __future__ import annotations

import codecs
import errno
import fnmatch
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from okrlint.config import DEFAULT_INCLUDE, Config, find_config
from okrlint.files import kind_of
from okrlint.readers import WORKBOOK_SUFFIXES, is_workbook
from okrlint.readers.base import printable


class SourceError(Exception):
    """A path or file that cannot be read as text; the message is one line."""


@dataclass
class Source:
    path: str
    text: str | None = None
    error: str | None = None
    data: bytes | None = None  # a workbook's bytes (XLSX, ODS ...), which are not text


def _wanted(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) for p in patterns)


# What people name goal documents: "okrs/2026-Q3.md", "team/OKRs-Q3.md", "q3_okrs.yaml",
# "objectives.md". The word stands apart (not inside "bookreview"); any case, any separator.
_GOAL_WORD = re.compile(r"(?i)(?<![a-z])(?:okrs?|objectives)(?![a-z])")
_GOAL_SUFFIXES = (".md", ".markdown", ".yaml", ".yml", ".json", ".txt", ".csv", ".tsv", *WORKBOOK_SUFFIXES)
# Files every folder has, which describe a project rather than state its goals.
_CONVENTIONAL = re.compile(r"(?i)^(readme|changelog|changes|license|licence|contributing|code_of_conduct|security)\b")


def named_like_goals(relative: str) -> bool:
    """Whether a path (below the folder being walked, with that folder's own name) names a
    goal document: a readable suffix and "okr", "okrs" or "objectives" as a word in it."""
    name = os.path.basename(relative)
    return (
        name.lower().endswith(_GOAL_SUFFIXES)
        and _GOAL_WORD.search(relative) is not None
        and _CONVENTIONAL.match(name) is None
    )


def display_path(path: str) -> str:
    """The path as it can be printed: undecodable bytes and control characters escaped."""
    return printable(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def _unsafe_name(path: str) -> str | None:
    """Why a file name cannot be reported as it is, or None."""
    if "\x00" in path:
        return "file name contains a NUL byte"
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8; rename the file"
    if printable(path) != path:
        return "file name contains control characters; rename the file"
    return None


def _loop_target(link: str) -> str | None:
    """The directory a symlink loops back to (itself, or a directory above it), or None."""
    if not os.path.islink(link):
        return None
    try:
        os.stat(link)
    except OSError as exc:
        return os.readlink(link) if exc.errno == errno.ELOOP else None
    target = os.path.realpath(link)
    here = os.path.realpath(os.path.dirname(link) or ".")
    if os.path.isdir(target) and (here == target or here.startswith(target.rstrip(os.sep) + os.sep)):
        return target
    return None


def _file_problem(path: str) -> str | None:
    """Why a file found in a directory walk cannot be read, before it is opened, or None."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return f"broken symbolic link (to {display_path(os.readlink(path))})" if os.path.islink(path) else None
    except OSError as exc:
        return "symlink loop (too many levels of symbolic links)" if exc.errno == errno.ELOOP else exc.strerror
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({kind_of(info.st_mode)}); not read"
    return None


Entry = str | tuple[str, str]


def _walk(top: str, cfg: Config) -> list[Entry]:
    patterns = list(DEFAULT_INCLUDE) + cfg.include
    found: list[Entry] = []

    def excluded(full: str, name: str) -> bool:
        return _wanted(full, cfg.exclude) or _wanted(name, cfg.exclude)

    def unreadable(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else top
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
        found.append((display_path(where), f"cannot read directory: {reason}"))

    base = os.path.basename(os.path.normpath(top)) if os.path.normpath(top) not in (".", os.sep) else ""
    for root, dirs, files in os.walk(top, followlinks=False, onerror=unreadable):
        kept = []
        for d in sorted(dirs):
            full = os.path.join(root, d)
            if d.startswith(".") or d in ("node_modules", "__pycache__", ".okrlint_cache"):
                continue
            loop = _loop_target(full)
            if loop is not None and not excluded(full, d):
                found.append((display_path(full), f"symlink loop: points back to {display_path(loop)}; not followed"))
            elif not os.path.islink(full):
                kept.append(d)
        dirs[:] = kept
        for name in files:
            full = os.path.join(root, name)
            relative = os.path.join(base, os.path.relpath(full, top))
            if not (_wanted(name, patterns) or named_like_goals(relative)) or excluded(full, name):
                continue
            problem = _unsafe_name(full) or _file_problem(full)
            found.append((display_path(full), problem) if problem else full)
    return sorted(found, key=lambda e: e if isinstance(e, str) else e[0])


def discover(paths: list[str], config: Config | None = None) -> list[Entry]:
    """Files named directly are always checked; directories yield their OKR files, sorted.
    A path that cannot be checked comes back as (path as printable, one-line reason)."""
    out: list[Entry] = []
    for raw in paths:
        problem = _unsafe_name(raw)
        if problem:
            out.append((display_path(raw), problem))
            continue
        p = Path(raw)
        try:
            if not p.exists() and not p.is_symlink():
                out.append((raw, "no such file or directory"))
                continue
            loop = _loop_target(raw)
            if loop is not None:
                out.append((raw, f"symlink loop: points back to {display_path(loop)}"))
            elif p.is_dir():
                out.extend(_walk(raw, config or find_config(raw)))
            else:
                out.append(raw)
        except OSError as exc:
            out.append((raw, exc.strerror or str(exc)))
    return _each_file_once(out)


def _where(entry: Entry) -> tuple[str, int, str]:
    """Sort key: the absolute path, then the shortest of the names a file was given by."""
    path = entry if isinstance(entry, str) else entry[0]
    return os.path.normpath(os.path.abspath(path)), len(path), path


def _each_file_once(entries: list[Entry]) -> list[Entry]:
    """Entries in path order, a file named several ways (./a, a, a link to it, the directory
    it is in) once, by the shortest of its names, as the same file checked twice is one file."""
    seen: set[tuple[int, int] | str] = set()
    kept: list[Entry] = []
    for entry in sorted(entries, key=_where):
        if isinstance(entry, str):
            try:
                info = os.stat(entry)
                identity: tuple[int, int] | str = (info.st_dev, info.st_ino)
            except OSError:
                identity = _where(entry)[0]
            if identity in seen:
                continue
            seen.add(identity)
        kept.append(entry)
    return kept


def is_input(output: str, inputs: list[str]) -> bool:
    """Whether output names one of the files being read (so that a report never replaces one)."""
    for path in inputs:
        try:
            if os.path.samefile(output, path):
                return True
        except (OSError, ValueError):
            continue
    return False


def decode(data: bytes, path: str = "<bytes>") -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16/32 with BOM; anything else is refused."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(f"invalid {encoding} text at byte {exc.start}") from None
    if b"\x00" in data:
        head = data[:4096]
        if len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4):
            raise SourceError("binary file (NUL bytes): UTF-16 without a BOM? save the file as UTF-8")
        raise SourceError("binary file (contains NUL bytes), not a goal document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(f"invalid UTF-8 at line {line} (byte {exc.start}); save the file as UTF-8") from None


def _too_big(size: int, max_size: int) -> str:
    return f"file is {size:,} bytes, over the {max_size:,}-byte limit (max-file-size)"


# Seconds without a byte after which a FIFO or device named on the command line is given up
# (a writer that holds a FIFO open and never closes it would otherwise stall the run forever).
READ_TIMEOUT = 10.0


def _read_timeout() -> float:
    try:
        return max(0.01, float(os.environ.get("OKRLINT_READ_TIMEOUT", READ_TIMEOUT)))
    except ValueError:
        return READ_TIMEOUT


def _read_regular(fd: int, size: int, max_size: int) -> bytes:
    """At most max_size + 1 bytes of a regular file that stat says has `size` bytes, in
    chunks (a single read of max_size + 1 would reserve that much memory for every file)."""
    chunks, got = [], 0
    want = size + 1  # one byte more than stat says, to notice a file that grew
    while got <= max_size and (chunk := os.read(fd, min(want, max_size + 1 - got, 1 << 24))):
        chunks.append(chunk)
        got += len(chunk)
        want = 1 << 16
    return b"".join(chunks)


def _read_stream(fd: int, max_size: int) -> bytes:
    """A FIFO or device (opened without waiting for a writer): read until its end or
    max_size + 1 bytes; SourceError when nothing arrives for the read timeout."""
    import select

    wait = _read_timeout()
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    chunks, got = [], 0
    while got <= max_size:
        try:  # first, as a FIFO nobody has opened for writing reads as ended but never polls ready
            chunk = os.read(fd, min(1 << 16, max_size + 1 - got))
        except BlockingIOError:
            if not poll.poll(wait * 1000):
                ending = "a FIFO or device that is not ending"
                raise SourceError(f"nothing read for {wait:g} s ({ending}); not read") from None
            continue
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def load(path: str, max_size: int) -> Source:
    """Read one file, at most max_size bytes of it; never raises: a problem becomes Source.error."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                return Source(path, error="is a directory")
            if stat.S_ISREG(info.st_mode):
                if info.st_size > max_size:
                    return Source(path, error=_too_big(info.st_size, max_size))
                data = _read_regular(fd, info.st_size, max_size)
            elif hasattr(os, "O_NONBLOCK"):
                data = _read_stream(fd, max_size)
            else:  # pragma: no cover - Windows: no FIFOs to wait on
                data = os.read(fd, max_size + 1)
        finally:
            os.close(fd)
    except SourceError as exc:
        return Source(path, error=str(exc))
    except IsADirectoryError:
        return Source(path, error="is a directory")
    except PermissionError:
        return Source(path, error="permission denied (cannot read the file)")
    except FileNotFoundError:
        broken = os.path.islink(path)
        return Source(path, error="broken symbolic link" if broken else "no such file or directory")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Source(path, error="symlink loop (too many levels of symbolic links)")
        return Source(path, error=exc.strerror or str(exc))
    return from_bytes(data, path, max_size)


def from_bytes(data: bytes, path: str, max_size: int) -> Source:
    """What was read (at most max_size + 1 bytes, from a file or stdin) as a goal document's
    text, or the reason it is not one."""
    if len(data) > max_size:  # a file that grew, or a pipe
        return Source(path, error=f"over the {max_size:,}-byte limit (max-file-size)")
    if is_workbook(path):
        return Source(path, data=data) if data else Source(path, error="empty file")
    try:
        text = decode(data, path)
    except SourceError as exc:
        return Source(path, error=str(exc))
    if not text.strip():
        return Source(path, error="empty file" if not text else "empty file (only whitespace)")
    return Source(path, text=text)
