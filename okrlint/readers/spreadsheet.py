"""Spreadsheets: CSV and TSV text, and workbooks (XLSX, XLS, XLSB, ODS), read as tables.

A sheet is a grid of rows. A row whose cells name an objective or key-result column is a
header and starts a table, which the table interpreter that reads Markdown tables
(okrlint.readers.roles) reads: objective rows, merged or repeated objective cells, key
results under them, a type or numbering column, owner, baseline, target and progress
columns. A sheet with its headers down a column instead is read column by column. Rows
above the first header, and sheets without one, are lines of an outline whose depth is the
column of their first filled cell, read as plain text is; in a document that has tables,
only those lines that carry a kind label ("Objective 1", "KR:") count.

Every statement keeps its cell (`cell`: "B7" in a CSV file, "Q3!B7" in a workbook). In a CSV
file `line` and `column` are those of the text; in a workbook, where lines mean nothing,
`line` counts rows through the sheets in order (so that it still orders and tells apart the
statements of one document) and `column` is the cell's column number.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from okrlint.model import Document
from okrlint.readers.annotations import parse_line
from okrlint.readers.base import DocumentBuilder, ReadError, editor_lines, find_cycle
from okrlint.readers.outline import Block, text_outline
from okrlint.readers.roles import assign_roles, column_in, generic_label, is_table_header

# A sheet's row: where it is (row number in the sheet, line in the document) and its cells.
Row = tuple[int, int, list[str]]

_DELIMITERS = ",;\t|"
_ZIP = b"PK\x03\x04"  # XLSX, XLSB and ODS are zip archives
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # XLS, and any workbook Office encrypted with a password
_SNIFF_CHARS = 64 * 1024  # what csv.Sniffer looks at
# A cell that numbers the row as outline lists do: "1", "1.2", "2)", "a."
_NUMBER_CELL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[a-z][.)])$", re.I)


def column_name(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA", as spreadsheets name their columns."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell_text(value: Any) -> str:
    """A cell's value as the text a reader of the sheet sees (formulas arrive as their cached
    values; dates in ISO form; 0.30000000000000004 as 0.3)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return " ".join(str(value).split())


# -- CSV ----------------------------------------------------------------------------------------
def read_csv(text: str, path: str = "<text>") -> Document:
    """A CSV or TSV document (text already decoded, line breaks \n): one sheet."""
    builder = DocumentBuilder(path, "csv", text)
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text, path))
    number = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # a field over the csv module's limit, a NUL byte
            raise ReadError(f"row {number + 1}: {exc}", line=start) from None
        number += 1
        rows.append((number, start, [" ".join(c.split()) for c in cells]))
    layout = _layout(rows)
    _read_sheet(builder, layout, None, editor_lines(text), layout.has_table)
    return builder.finish()


def _dialect(text: str, path: str) -> type[csv.Dialect] | csv.Dialect:
    if path.lower().endswith((".tsv", ".tab")):
        return csv.excel_tab
    sample = text[:_SNIFF_CHARS]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:  # one column, or nothing the sniffer can tell apart
        return csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel


# -- workbooks ----------------------------------------------------------------------------------
def read_workbook(data: bytes, path: str = "<bytes>") -> Document:
    """Every sheet of an XLSX, XLSM, XLSB, XLS or ODS workbook, in the workbook's order."""
    try:
        from python_calamine import CalamineWorkbook, PasswordError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ReadError("reading workbooks needs python-calamine (pip install python-calamine)") from None
    if data.startswith(_OLE) and not path.lower().endswith(".xls"):
        raise ReadError("the workbook is encrypted (protected by a password); save a copy without one")
    _refuse_bomb(data)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
    except PasswordError:
        raise ReadError("the workbook is protected by a password; save a copy without one") from None
    except Exception as exc:  # calamine raises errors of its own kinds for damaged files
        what = "a damaged workbook" if data.startswith((_ZIP, _OLE)) else "not a workbook (XLSX, XLS, XLSB or ODS)"
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise ReadError(f"{what}: {detail}") from None
    builder = DocumentBuilder(path, "spreadsheet", "")
    offset = 0
    damaged = []
    sheets: list[tuple[str, list[Row]]] = []
    for name in names:
        try:
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:  # one damaged sheet: the others are still read
            damaged.append(f"sheet {name!r}: {str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__}")
            continue
        sheets.append((name, [(n, offset + n, [cell_text(v) for v in values]) for n, values in enumerate(grid, 1)]))
        offset += len(grid)
    # a workbook with tables of OKRs keeps its statements in them: a sheet of instructions or
    # notes beside them is read only for lines labelled as statements ("Objective: ...")
    layouts = [(name, _layout(rows)) for name, rows in sheets]
    tables = any(layout.has_table for _, layout in layouts)
    for name, layout in layouts:
        _read_sheet(builder, layout, name, None, tables)
    if damaged and len(damaged) == len(names):
        raise ReadError(f"a damaged workbook: {damaged[0]}")
    for problem in damaged:
        builder.note("skipped-part", f"{problem}; skipped", 1)
    builder.doc.line_count = max(1, offset)
    return builder.finish()


# What a workbook's parts may hold once unpacked: a sheet of 100,000 rows of OKRs is some
# 30 MB of XML; a zip whose parts claim far more is a zip bomb, not a goal document.
MAX_UNPACKED = 512 * 1024 * 1024


def _refuse_bomb(data: bytes) -> None:
    if not data.startswith(_ZIP):
        return
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # calamine says what is wrong with it
    if unpacked > MAX_UNPACKED:
        raise ReadError(f"the workbook unpacks to {unpacked:,} bytes, over the {MAX_UNPACKED:,}-byte limit; not read")


# -- a sheet ------------------------------------------------------------------------------------
@dataclass
class _Layout:
    """A sheet's filled rows (blank rows separate, they say nothing), the indexes of its header
    rows, and, when it has none, its sideways table if it is one (see _flipped)."""

    rows: list[Row]
    headers: list[int]
    flipped: tuple[int, list[list[str]]] | None

    @property
    def has_table(self) -> bool:
        return bool(self.headers) or self.flipped is not None


def _layout(rows: list[Row]) -> _Layout:
    rows = [r for r in rows if any(r[2])]
    headers = [i for i, (_, _, cells) in enumerate(rows) if is_table_header(cells)]
    return _Layout(rows, headers, None if headers else _flipped(rows))


def _read_sheet(
    builder: DocumentBuilder, layout: _Layout, sheet: str | None, lines: list[str] | None, tables: bool
) -> None:
    """Read one sheet into the builder, then give each new statement its cell. `tables`: the
    document has tables of OKRs, so rows outside them count only when labelled."""
    first = len(builder.doc.statements())
    if sheet is not None:
        cycle = find_cycle(sheet)
        if cycle:
            builder.set_cycle(cycle)
    rows, headers = layout.rows, layout.headers
    if layout.flipped is not None:
        _read_flipped(builder, rows, layout.flipped, sheet, lines)
        return
    outline_rows = rows[: headers[0]] if headers else rows
    if tables and not any(_labelled(cells) for _, _, cells in outline_rows):
        outline_rows = []  # titles, owners, legends and instructions around the tables
    outline_text, by_line = _outline_text(outline_rows)
    root = text_outline(outline_text) if outline_rows else Block("root")
    for n, start in enumerate(headers):
        end = headers[n + 1] if n + 1 < len(headers) else len(rows)
        table = root.add(Block("table", "", rows[start][1]))
        for _, line, cells in rows[start:end]:
            table.add(Block("row", "", line, cells=tuple(cells)))
    assign_roles(root, builder, lines if lines is not None else by_line)
    _place(builder.doc.statements()[first:], rows, sheet, lines)


def _flipped(rows: list[Row]) -> tuple[int, list[list[str]]] | None:
    """A sheet laid out sideways, its headers down a column ("Objective", "Key result 1",
    "Key result 2", "Owner") and an OKR in each column beside them: the header column's
    index and the columns, or None."""
    width = max((len(cells) for _, _, cells in rows), default=0)
    columns = [[cells[c] if c < len(cells) else "" for _, _, cells in rows] for c in range(width)]
    header = next((c for c, column in enumerate(columns) if is_table_header(column)), None)
    return (header, columns) if header is not None else None


def _read_flipped(
    builder: DocumentBuilder, rows: list[Row], flipped: tuple[int, list[list[str]]], sheet: str | None,
    lines: list[str] | None,
) -> None:
    """Read a sideways table as the table interpreter reads any other (each column a row),
    then put each statement back in its cell, at its row's line."""
    header, columns = flipped
    first = len(builder.doc.statements())
    root = Block("root")
    table = root.add(Block("table", "", -1))
    for c in range(header, len(columns)):  # a column's stand-in line: -(its index + 1)
        table.add(Block("row", "", -(c + 1), cells=tuple(columns[c])))
    assign_roles(root, builder, [])
    for stmt in builder.doc.statements()[first:]:
        c = -stmt.line - 1
        index = _cell_index(columns[c], stmt.raw, stmt.text)
        number, line, _ = rows[index]
        stmt.cell = _cell_ref(sheet, c, number)
        stmt.line = line
        stmt.column = c + 1 if lines is None else column_in(lines, line, stmt.text)


def _labelled(cells: list[str]) -> bool:
    first = next((c for c in cells if c), "")
    return generic_label(first) is not None or parse_line(first).kind is not None


def _outline_text(rows: Sequence[Row]) -> tuple[str, list[str]]:
    """Rows without a header as the lines of a plain-text outline, at the rows' own line
    numbers: each row indented by the column of its first filled cell, its text that cell
    (joined to the next one when it is only a label or a number: "KR 1" | "Grow ARR")."""
    last = rows[-1][1] if rows else 0
    lines = [""] * last
    for _, line, cells in rows:
        filled = [(i, c) for i, c in enumerate(cells) if c]
        column, text = filled[0]
        if len(filled) > 1 and generic_label(text):
            text = f"{text}: {filled[1][1]}"
        elif len(filled) > 1 and _NUMBER_CELL.match(text):
            text = f"{text}{'.' if text.isdigit() else ''} {filled[1][1]}"
        lines[line - 1] = "  " * column + text
    return "\n".join(lines), lines


def _place(statements: Iterable[Any], rows: list[Row], sheet: str | None, lines: list[str] | None) -> None:
    """Each statement's cell, found in the row of its line; in a workbook its column too."""
    by_line = {line: (number, cells) for number, line, cells in rows}
    for stmt in statements:
        found = by_line.get(stmt.line)
        if found is None:
            continue
        number, cells = found
        index = _cell_index(cells, stmt.raw, stmt.text)
        stmt.cell = _cell_ref(sheet, index, number)
        if lines is None:
            stmt.column = index + 1


def _cell_index(cells: list[str], raw: str, text: str) -> int:
    raw = raw.strip()
    for test in (lambda c: c == raw, lambda c: bool(text) and text in c, lambda c: bool(c) and c in raw):
        for i, value in enumerate(cells):
            if value and test(value):
                return i
    return next((i for i, value in enumerate(cells) if value), 0)


def _cell_ref(sheet: str | None, column: int, row: int) -> str:
    """A cell as spreadsheets write it: "B7", or in a workbook "Q3!B7", the sheet's name quoted
    when it holds more than letters, digits, dots and underscores ("'Q3 2026'!B7", as Excel)."""
    if sheet is None:
        prefix = ""
    elif re.fullmatch(r"[A-Za-z_][\w.]*", sheet):
        prefix = f"{sheet}!"
    else:
        prefix = "'" + sheet.replace("'", "''") + "'!"
    return f"{prefix}{column_name(column)}{row}"
