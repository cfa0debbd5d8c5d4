"""Reading the small files a repository controls (configuration, rule packs, cache entries).

Only regular files are read, and at most a bound of bytes: a name that is a FIFO, a device
or a link to one (/dev/zero) must neither block the run nor fill its memory, and a 2 GiB
file in place of a configuration is refused before it is read.
"""

from __future__ import annotations

import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class FileProblem(Exception):
    """Why a file was not read; the message is one line."""


def read_regular(path: str | os.PathLike[str], limit: int, *, dir_fd: int | None = None, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileProblem otherwise.
    O_NONBLOCK makes opening a FIFO return at once (it is then refused, not read)."""
    flags = _FLAGS if follow else _FLAGS | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
    except OSError as exc:
        raise FileProblem(exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"not a regular file ({kind_of(info.st_mode)}); not read")
        if info.st_size > limit:
            raise FileProblem(f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit; not read")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:  # grew while being read
                raise FileProblem(f"file grew over the {limit:,}-byte limit while being read")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"
