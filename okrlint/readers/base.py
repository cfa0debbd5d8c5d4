"""What every reader shares: building a Document statement by statement, and its errors."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from okrlint.escape import printable
from okrlint.model import OKR, Document, ReaderNote, Statement, StatementKind, construct, field_defaults

if TYPE_CHECKING:  # a fully cached run reads no document, so it need not compile the label patterns
    from okrlint.readers.annotations import ParsedLine

# Separators are written `\s*(?:[-/]\s*)?`, not `\s*[-/ ]?\s*`: the same text, but without
# the many ways to split a run of spaces that made a failing match quadratic in its length.
_CYCLE = re.compile(
    r"""(?ix)\b(
        (?:FY\s?\d{2,4}\s*(?:[-/]\s*)?)?Q[1-4](?:\s*(?:[-/]\s*)?(?:FY\s?)?(?:19|20)\d{2}|\s*(?:[-/]\s*)?FY\d{2})?
      | (?:19|20)\d{2}\s*(?:[-/]\s*)?[QH][1-4]
      | H[12]\s*(?:[-/]\s*)?(?:19|20)\d{2}
      | FY\s?\d{2,4}(?:(?:\s*[-/]|[^\S\x20]*\x20)\s*[QH][1-4])?
    )\b"""
)


# A line ends at \n, \r\n or \r, as editors, the Language Server Protocol and SARIF count
# them. str.splitlines() also breaks at VT, FF, FS, GS, RS, NEL, LS and PS, which editors
# show inside a line, and YAML at NEL, LS and PS: counted so, every line number after one
# would be off, and a suppression comment would switch off the wrong line.
_LINE_BREAK = re.compile("\r\n?|\n")
_INLINE_SEPARATOR = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_AS_SPACES = str.maketrans(dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))


def editor_lines(text: str) -> list[str]:
    """The lines of a text as an editor numbers them (a final line break ends the last line)."""
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines and not lines[-1] and len(lines) > 1 else lines


def with_editor_lines(text: str) -> str:
    """The text with every line break written \n and every separator that is not a line
    break written as a space, so that any parser's line numbers are the editor's."""
    if "\r" in text:
        text = _LINE_BREAK.sub("\n", text)
    return text.translate(_AS_SPACES) if _INLINE_SEPARATOR.search(text) else text


_STATEMENT_TEMPLATE = field_defaults(Statement)


class ReadError(Exception):
    """Input that cannot be read as a goal document; the message is one line for the user,
    with anything copied from the input that could drive a terminal escaped."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(printable(message))
        self.line = line


def find_cycle(text: str) -> str | None:
    """'Q3 2026', 'FY27-Q1', 'H2 2026', '2019 Q1' in a heading, title or front matter."""
    m = _CYCLE.search(text)
    return " ".join(m.group(1).split()) if m else None


def _number_or_text(value: str) -> float | str:
    try:
        return float(value.replace(",", ""))
    except ValueError:
        return value


class DocumentBuilder:
    """Collects OKRs in reading order; readers say what they saw, the builder keeps the links."""

    def __init__(self, path: str, fmt: Any, text: str) -> None:
        self.doc = Document(path=path, format=fmt, line_count=max(1, text.count("\n") + 1))
        self.cycle: str | None = None

    def set_cycle(self, cycle: str) -> None:
        """The cycle in force for the OKRs that follow; the document keeps the first one."""
        self.cycle = cycle
        self.doc.cycle = self.doc.cycle or cycle

    @property
    def current(self) -> OKR | None:
        return self.doc.okrs[-1] if self.doc.okrs else None

    def statement(
        self, parsed: ParsedLine, kind: StatementKind, line: int, column: int = 1, raw: str = "", **fields: Any
    ) -> Statement:
        """A Statement from a parsed line (`fields`: baseline, target ... given by the source).
        Without such fields every value is already of its field's type (ParsedLine's, checked
        by mypy), so the model is assembled without validating it again."""
        given = {k: v for k, v in fields.items() if v is not None}
        for name, value in parsed.fields.items():  # "(target: 100)" written after the text
            given.setdefault(name, _number_or_text(value) if name != "due" else value)
        values = dict(_STATEMENT_TEMPLATE) if not given else {}
        values.update(
            kind=kind,
            text=parsed.text,
            raw=raw or parsed.text,
            line=line,
            column=column,
            owner=parsed.owner,
            priority=parsed.priority,
            tags=parsed.tags,
            progress=parsed.progress,
            checked=parsed.checked,
        )
        if given:
            return Statement(**values, **given)
        return construct(Statement, values)

    def objective(self, stmt: Statement, parent: int | None = None) -> int:
        self.doc.okrs.append(OKR(objective=stmt, parent=parent, cycle=self.cycle))
        return len(self.doc.okrs) - 1

    def okr_without_objective(self, parent: int | None = None) -> int:
        """An OKR whose objective has no text: its key results are still checked."""
        self.doc.okrs.append(OKR(parent=parent, cycle=self.cycle))
        return len(self.doc.okrs) - 1

    def attach(self, stmt: Statement, okr: int | None = None) -> None:
        """Add a key result or initiative to an OKR (the last one by default, or a new one)."""
        if okr is None:
            if not self.doc.okrs:
                self.doc.okrs.append(OKR(cycle=self.cycle))
            okr = len(self.doc.okrs) - 1
        target = self.doc.okrs[okr]
        (target.key_results if stmt.kind == "key_result" else target.initiatives).append(stmt)

    def note(self, code: str, message: str, line: int = 1) -> None:
        self.doc.notes.append(ReaderNote(code=code, message=message, line=line))

    def finish(self) -> Document:
        if not any(okr.statements() for okr in self.doc.okrs):
            self.note("no-okrs-found", "no objective or key result was recognised in this document")
        return self.doc
