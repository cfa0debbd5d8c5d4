"""Readers turn a goal document into a Document; the format follows the file name or content."""

from __future__ import annotations

import re
from pathlib import PurePath

from okrlint.model import Document
from okrlint.readers.base import ReadError

FORMATS = ("markdown", "yaml", "json", "text")
_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".txt": "text",
    ".text": "text",
}


def detect_format(path: str, text: str) -> str:
    """By suffix first; for unknown names, by a look at the content."""
    fmt = _SUFFIXES.get(PurePath(path).suffix.lower())
    if fmt:
        return fmt
    head = text.lstrip()[:1]
    if head in ("{", "["):
        return "json"
    if any(
        line.rstrip().endswith(":") and line.strip().startswith(("objectives", "okrs"))
        for line in text.splitlines()[:20]
    ):
        return "yaml"
    return "markdown"


_NOT_LINE_BREAKS = str.maketrans(dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))
_NOT_LINE_BREAK = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def read_text(text: str, path: str = "<text>", format: str | None = None) -> Document:
    """Read one document; raises ReadError with a one-line message for unreadable input."""
    fmt = format or detect_format(path, text)
    if fmt in ("markdown", "text") and _NOT_LINE_BREAK.search(text):
        # str.splitlines() also breaks at form feeds, \x1c-\x1e, NEL and the Unicode line
        # separators, which editors show inside a line: as spaces, line numbers match the editor's
        text = text.translate(_NOT_LINE_BREAKS)
    if fmt == "markdown":
        from okrlint.readers import markdown

        return markdown.read(text, path)
    if fmt in ("yaml", "json"):
        from okrlint.readers import structured

        return structured.read(text, path, fmt)
    if fmt == "text":
        from okrlint.readers import plaintext

        return plaintext.read(text, path)
    raise ReadError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "ReadError", "detect_format", "read_text"]
