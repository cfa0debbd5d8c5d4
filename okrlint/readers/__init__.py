"""Readers turn a goal document into a Document; the format follows the file name or content."""

from __future__ import annotations

from pathlib import PurePath

from okrlint.model import Document
from okrlint.readers.base import ReadError, with_editor_lines

FORMATS = ("markdown", "yaml", "json", "text", "csv")
# Workbooks are binary: read from their bytes (read_workbook), never as text.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".txt": "text",
    ".text": "text",
    ".csv": "csv",
    ".tsv": "csv",
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


def read_text(text: str, path: str = "<text>", format: str | None = None) -> Document:
    """Read one document; raises ReadError with a one-line message for unreadable input."""
    fmt = format or detect_format(path, text)
    text = with_editor_lines(text)  # every reader then counts lines as the user's editor does
    if fmt == "markdown":
        from okrlint.readers import markdown

        return markdown.read(text, path)
    if fmt in ("yaml", "json"):
        from okrlint.readers import structured

        return structured.read(text, path, fmt)
    if fmt == "text":
        from okrlint.readers import plaintext

        return plaintext.read(text, path)
    if fmt == "csv":
        from okrlint.readers import spreadsheet

        return spreadsheet.read_csv(text, path)
    raise ReadError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def is_workbook(path: str) -> bool:
    return PurePath(path).suffix.lower() in WORKBOOK_SUFFIXES


def read_workbook(data: bytes, path: str = "<bytes>") -> Document:
    """Read a workbook (XLSX, XLSM, XLSB, XLS, ODS), every sheet; raises ReadError."""
    from okrlint.readers import spreadsheet

    return spreadsheet.read_workbook(data, path)


__all__ = ["FORMATS", "WORKBOOK_SUFFIXES", "ReadError", "detect_format", "is_workbook", "read_text", "read_workbook"]
