"""Finding goal documents on disk and decoding them safely.

Directories are searched for OKR file names (DEFAULT_INCLUDE plus configured globs),
without following symlinked directories, so a symlink loop cannot trap the walk. Bytes
become text only when they are text: BOMs are honoured, binary and invalid UTF-8 are
refused with a one-line reason.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from okrlint.config import DEFAULT_INCLUDE, Config, find_config


class SourceError(Exception):
    """A path or file that cannot be read as text; the message is one line."""


@dataclass
class Source:
    path: str
    text: str | None = None
    error: str | None = None


def _wanted(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def discover(paths: list[str], config: Config | None = None) -> list[str | tuple[str, str]]:
    """Files named directly are always checked; directories yield their OKR files, sorted.
    A path that does not exist comes back as (path, error)."""
    out: list[str | tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            out.append((raw, "no such file or directory"))
            continue
        if p.is_dir():
            cfg = config or find_config(str(p))
            patterns = list(DEFAULT_INCLUDE) + cfg.include
            found = []
            for root, dirs, files in os.walk(p, followlinks=False, onerror=None):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and d not in ("node_modules", "__pycache__", ".okrlint_cache")
                )
                for name in files:
                    full = os.path.join(root, name)
                    if _wanted(name, patterns) and not _wanted(full, cfg.exclude) and not _wanted(name, cfg.exclude):
                        found.append(full)
            out.extend(sorted(found))
        else:
            out.append(raw)
    return out


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
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (contains NUL bytes), not a goal document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(f"invalid UTF-8 at line {line} (byte {exc.start}); save the file as UTF-8") from None


def load(path: str, max_size: int) -> Source:
    """Read one file; never raises: a problem becomes Source.error."""
    try:
        size = os.path.getsize(path)
        if size > max_size:
            return Source(path, error=f"file is {size:,} bytes, over the {max_size:,}-byte limit (max-file-size)")
        with open(path, "rb") as fh:
            data = fh.read(max_size + 1)
    except IsADirectoryError:
        return Source(path, error="is a directory")
    except PermissionError:
        return Source(path, error="permission denied")
    except OSError as exc:
        return Source(path, error=exc.strerror or str(exc))
    try:
        text = decode(data, path)
    except SourceError as exc:
        return Source(path, error=str(exc))
    if not text.strip():
        return Source(path, error="empty file")
    return Source(path, text=text)
