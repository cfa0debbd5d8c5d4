"""The outline of a goal document: every block in its place, before anyone decides what it is.

Readers work in two stages that every text format shares. This one turns a document into a
tree of blocks, saying only what the author's structure says: headings and the sections
they open, list items with their depth, numbering and sub-items, paragraphs and the lines
people write one statement to, table rows with their header, emphasis, links, and whether a
block came from a code block. The second stage (okrlint.readers.roles) decides from the
whole outline which blocks are objectives, key results, initiatives, fields of a statement
or prose.

Markdown is outlined with markdown-it-py (CommonMark plus tables); plain text, and text in a
code block, by lines and their indentation.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from okrlint.model import StatementKind
from okrlint.readers.annotations import ParsedLine, is_section_label, parse_line, split_label

BlockKind = Literal["root", "heading", "paragraph", "item", "table", "row"]

# Characters that render as nothing but break list markers ("1.\u2060 \u2060text" is not a
# list to CommonMark): each is replaced by a space, so columns stay those of the source.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# A line that starts a statement of its own inside a paragraph: a bullet, a number, a label.
# "- ", "1. ", "a) ", "[ ] ", and in plain text the outline numbers of a flattened table: "1.1 "
_ENTRY_START = re.compile(r"^\s*(?:[-*+•·▪◦‣]\s|\d{1,3}[.)]\s|\(?[a-z][.)]\s|\[[ xX]\]\s)")
_MARKER = re.compile(r"^\s*(?:[-*+•·▪◦‣]|\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})++\.?|\(?[a-z][.)])\s+")
_ORDERED_MARKER = re.compile(r"^\s*(?:\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})++\.?|\(?[a-z][.)])\s")
_REFERENCE_LINKS = re.compile(r"(?:\[[^\[\]]++\]\[[^\[\]]*+\][\s,;.]*+)++")
_LINK_ONLY = re.compile(r"^[\s\-–—|,;:·•]*$")
# Characters at which a commonmark inline rule (newline, escape, backticks, emphasis,
# autolink, html_inline, entity) can start. "[" and "!" (links and images) are left out: with
# no link reference definitions in the document, they start something only before a "](".
_INLINE_MARKUP = re.compile(r"[\n\\`*_<&]")


@dataclass(slots=True, eq=False)
class Block:
    """One block of a document. `children`: for a heading, the blocks of its section; for an
    item, its sub-items (and further paragraphs); for a table, its rows."""

    kind: BlockKind
    text: str = ""  # one statement's worth of text as it reads: markup removed
    line: int = 1  # 1-based
    level: int = 0  # heading level, 1-6
    depth: int = 0  # list nesting: 0 for the items of a list that is not inside another
    ordered: bool = False  # an item of a numbered list
    bold: bool = False  # the whole text is bold
    italic: bool = False  # the whole text is in italics (and not bold): a note
    term: bool = False  # starts with a bold term and a colon: "**Owner**: Ana", "**Speed:** ..."
    link_only: bool = False  # nothing but links
    code: bool = False  # from a code block
    list_id: int = -1  # the items of one list share it
    cells: tuple[str, ...] = ()  # a table row's cells
    children: list[Block] = field(default_factory=list)
    parent: Block | None = None
    _parsed: ParsedLine | None = None
    _section: StatementKind | bool | None = False  # False: not yet asked

    @property
    def section(self) -> StatementKind | None:
        """The kind a section label alone names ("Key Results", "**Initiatives:**"), or None."""
        if self._section is False:
            self._section = is_section_label(self.text) if self.kind not in ("root", "table", "row") else None
        return self._section  # type: ignore[return-value]

    @property
    def parsed(self) -> ParsedLine:
        """The text split into statement, kind label and annotations (computed once)."""
        if self._parsed is None:
            self._parsed = parse_line(self.text)
        return self._parsed

    def add(self, child: Block) -> Block:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> list[Block]:
        """This block's descendants, in document order."""
        out: list[Block] = []
        stack = list(reversed(self.children))
        while stack:
            block = stack.pop()
            out.append(block)
            stack.extend(reversed(block.children))
        return out


# -- Markdown ----------------------------------------------------------------------------------
def _inline_unless_plain(state: StateCore) -> None:
    """markdown-it's core "inline" rule, with a shortcut: an inline token whose content can
    hold no markup gets the single text child that the inline parser would make for it,
    without running the parser (most lines of goal documents are plain text). A test in
    tests/test_readers.py checks the trees are the same."""
    inline = state.md.inline
    links_need = "[" if state.env.get("references") else "]("
    for token in state.tokens:
        if token.type != "inline":
            continue
        content = token.content
        if _INLINE_MARKUP.search(content) is None and links_need not in content:
            token.children = [Token("text", "", 0, content=content)] if content else []
        else:
            token.children = []
            inline.parse(content, state.md, state.env, token.children)


_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_MD.core.ruler.at("inline", _inline_unless_plain)


@dataclass(slots=True)
class _Inline:
    rows: list[str]  # the text, line by line (soft and hard breaks)
    bold: bool
    italic: bool
    link_only: bool
    term: bool
    bold_rows: list[bool]  # each line wholly bold ("**Key Result: Read 12 books**" over its note)


def _inline(token: Token | None) -> _Inline:
    """The plain text of an inline token, line by line; whether it is wholly emphasised; and
    whether it is only links."""
    rows: list[str] = [""]
    plain_rows: list[bool] = [False]  # a line has text outside bold
    term = False
    children = (token.children if token is not None else None) or []
    bold_label = False  # "**O1** Grow revenue": a label set apart by bold alone
    lead = [c for c in children if c.type != "text" or c.content]  # (markdown-it may open with an empty text)
    if len(lead) >= 3 and lead[0].type == "strong_open":
        inner = lead[1].content if lead[1].type == "text" else ""
        after = next((c.content for c in lead[2:] if c.type == "text"), "")
        term = inner.rstrip().endswith(":") or after.lstrip().startswith(":")
        if not term and after.strip() and any(ch.isdigit() for ch in inner):
            kind, rest, _ = split_label(inner.strip() + ":")
            bold_label = kind is not None and not rest.strip()
    strong = emphasis = 0
    outside = outside_strong = False  # text outside any emphasis, outside bold
    linked = 0
    outside_links = False
    for tok in children:
        t = tok.type
        if t in ("text", "code_inline"):
            rows[-1] += tok.content if t == "text" else f"`{tok.content}`"
            if tok.content.strip():
                outside = outside or (emphasis + strong) == 0
                outside_strong = outside_strong or strong == 0
                plain_rows[-1] = plain_rows[-1] or strong == 0
                outside_links = outside_links or (linked == 0 and not _LINK_ONLY.match(tok.content))
        elif t in ("softbreak", "hardbreak"):
            rows.append("")
            plain_rows.append(False)
        elif t == "strong_open":
            strong += 1
        elif t == "strong_close":
            strong -= 1
            if bold_label and strong == 0:
                rows[-1] += ":"
                bold_label = False
        elif t == "em_open":
            emphasis += 1
        elif t == "em_close":
            emphasis -= 1
        elif t == "link_open":
            linked += 1
        elif t == "link_close":
            linked -= 1
        elif t == "html_inline" and tok.content.lower().startswith("<br"):
            rows.append("")
            plain_rows.append(False)
    filled = bool("".join(rows).strip())
    if filled and _REFERENCE_LINKS.fullmatch(" ".join(rows).strip()):
        outside_links = False  # "[Reading list][blog-books]": links whose targets are defined elsewhere
    bold = not outside_strong and filled
    italic = not outside and filled and not bold
    bold_rows = [bool(row.strip()) and not plain for row, plain in zip(rows, plain_rows, strict=True)]
    return _Inline(rows, bold=bold, italic=italic, link_only=not outside_links and filled, term=term,
                   bold_rows=bold_rows)


def _split_rows(rows: list[str], bold_rows: list[bool] | None = None) -> list[tuple[int, str]]:
    """The lines of a paragraph as statements: each line that starts an entry of its own (a
    bullet, a number, a kind label, a section label such as "Key Results:") begins a new one,
    as does a change between wholly bold lines and plain ones (a bold title over its note);
    other lines continue the one above."""
    bold = bold_rows or [False] * len(rows)
    starts = [
        i for i, row in enumerate(rows)
        if i == 0 or bold[i] != bold[i - 1] or _ENTRY_START.match(row) or parse_line(row).kind
        or is_section_label(row)
    ]
    if len(starts) == 1:
        return [(0, " ".join(r.strip() for r in rows))]
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(rows)
        out.append((start, " ".join(r.strip() for r in rows[start:end])))
    return out


class _MarkdownOutline:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.list_ids = 0

    def build(self, tokens: list[Token], root: Block, line_offset: int = 0, code: bool = False) -> None:
        sections: list[Block] = [root]  # the open headings, outermost first
        items: list[Block] = []  # the open list items, outermost first
        list_ids: list[int] = []
        ordered: list[bool] = []
        table: Block | None = None
        row: list[str] | None = None
        row_line = 0
        in_item_paragraph = 0
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            t = tok.type
            line = (tok.map[0] + 1 if tok.map else 1) + line_offset
            container = items[-1] if items else sections[-1]
            if t == "heading_open":
                level = int(tok.tag[1:])
                while len(sections) > 1 and sections[-1].level >= level:
                    sections.pop()
                inline = _inline(tokens[i + 1])
                heading = Block("heading", " ".join(r.strip() for r in inline.rows), line, level=level,
                                bold=inline.bold, code=code)
                sections[-1].add(heading)
                sections.append(heading)
                items.clear()
                i += 3
                continue
            if t in ("bullet_list_open", "ordered_list_open"):
                self.list_ids += 1
                list_ids.append(self.list_ids)
                ordered.append(t == "ordered_list_open")
            elif t in ("bullet_list_close", "ordered_list_close"):
                list_ids.pop()
                ordered.pop()
            elif t == "list_item_open":
                item = Block("item", "", line, depth=len(list_ids) - 1, ordered=ordered[-1], list_id=list_ids[-1],
                             code=code)
                container.add(item)
                items.append(item)
                in_item_paragraph = 0
            elif t == "list_item_close":
                items.pop()
            elif t == "paragraph_open":
                inline = _inline(tokens[i + 1])
                parts = _split_rows(inline.rows, inline.bold_rows)
                if items and not items[-1].text and not items[-1].children:
                    item = items[-1]  # the item's own text; further lines that start entries follow it
                    _, first = parts[0]
                    item.text, item.bold, item.link_only = first, inline.bold, inline.link_only
                    item.italic = inline.italic
                    item.term = inline.term
                    for start, text in parts[1:]:
                        container.add(Block("paragraph", text, line + start, code=code))
                    in_item_paragraph += 1
                else:
                    for n, (start, text) in enumerate(parts):
                        block = Block("paragraph", text, line + start, code=code)
                        if len(parts) == 1:
                            block.bold, block.italic, block.link_only = inline.bold, inline.italic, inline.link_only
                            block.term = inline.term
                        else:
                            end = parts[n + 1][0] if n + 1 < len(parts) else len(inline.rows)
                            block.bold = all(inline.bold_rows[start:end])
                        container.add(block)
                i += 3
                continue
            elif t == "table_open":
                table = container.add(Block("table", "", line, code=code))
            elif t == "table_close":
                table = None
            elif t == "tr_open":
                row, row_line = [], line
            elif t in ("th_open", "td_open") and row is not None:
                row.append(" ".join(r.strip() for r in _inline(tokens[i + 1]).rows).strip())
                i += 3
                continue
            elif t == "tr_close" and table is not None and row is not None:
                table.add(Block("row", "", row_line, cells=tuple(row), code=code))
                row = None
            elif t in ("fence", "code_block"):
                self.code_block(tok, container, line_offset)
            elif t == "html_block":
                self.html_block(tok, container, line, code)
            i += 1

    @staticmethod
    def html_block(tok: Token, container: Block, line: int, code: bool) -> None:
        """'<summary> Key Result 1: ... </summary>': the text lines of an HTML block (a collapsed
        section, a styled note) as paragraphs; comments, scripts and styles hold no statement."""
        content = tok.content
        if _HTML_SILENT.match(content):
            return
        for n, row in enumerate(content.splitlines()):
            text = " ".join(html.unescape(_HTML_TAG.sub(" ", row)).split())
            if text:
                container.add(Block("paragraph", text, line + n, code=code))

    def code_block(self, tok: Token, container: Block, line_offset: int) -> None:
        """Lists and labelled lines written in a code block (a fence with no language, or lines
        indented four spaces or a tab) are read as Markdown; other code is not outlined."""
        info = tok.info.strip().lower() if tok.type == "fence" else ""
        if info not in ("", "text", "txt", "md", "markdown", "plain", "plaintext"):
            return
        content = tok.content
        said = info in ("md", "markdown")  # a fence that says it holds Markdown is read as such
        if not said and not any(_ENTRY_START.match(row) or parse_line(row).kind for row in content.splitlines()):
            return
        first = (tok.map[0] + 1 if tok.map else 0) + line_offset + (1 if tok.type == "fence" else 0)
        dedented = "\n".join(_dedent(content.splitlines()))
        self.build(_MD.parse(dedented), container, first - 1, code=True)


_HTML_TAG = re.compile(r"<[^<>]*+>")
_HTML_SILENT = re.compile(r"(?i)\s*+<(?:!--|script|style|\?|!\[CDATA)")


def _dedent(rows: list[str]) -> list[str]:
    expanded = [r.expandtabs(4) for r in rows]
    indents = [len(r) - len(r.lstrip()) for r in expanded if r.strip()]
    cut = min(indents) if indents else 0
    return [r[cut:] for r in expanded]


def markdown_outline(text: str, tokens: list[Token] | None = None) -> Block:
    """The outline of a Markdown document (front matter already blanked by the caller), from
    its markdown-it tokens when the caller has them (`markdown_tokens`)."""
    root = Block("root")
    _MarkdownOutline(text.splitlines()).build(tokens if tokens is not None else markdown_tokens(text), root)
    return root


def markdown_tokens(text: str) -> list[Token]:
    return _MD.parse(_INVISIBLE.sub(" ", text))


# -- plain text --------------------------------------------------------------------------------
def text_outline(text: str) -> Block:
    """The outline of a plain-text document: each non-blank line a block; a line with a bullet
    or number is an item, nested under the nearest item or line above with less indentation;
    other lines are paragraphs, and an unindented one that ends in ':' or is in capitals is a
    heading of the lines that follow."""
    root = Block("root")
    text = _INVISIBLE.sub(" ", text)
    stack: list[tuple[int, Block]] = []  # (indent, block) of the open items and lines
    section: Block = root
    list_ids = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        expanded = raw.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
        marker = _MARKER.match(expanded)
        body = expanded[marker.end():] if marker else expanded.strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack else section
        if marker:
            siblings = [c for c in parent.children if c.kind == "item"]
            list_id = siblings[-1].list_id if siblings else (list_ids := list_ids + 1)
            block = Block("item", body.strip(), number, depth=sum(1 for _, b in stack if b.kind == "item"),
                          ordered=bool(_ORDERED_MARKER.match(expanded)), list_id=list_id)
        elif indent == 0 and _looks_like_heading(body):
            stack.clear()
            block = Block("heading", body.strip().rstrip(":").strip(), number, level=2)
            root.add(block)
            section = block
            continue
        else:
            block = Block("paragraph", body.strip(), number)
        parent.add(block)
        stack.append((indent, block))
    return root


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 12 or parse_line(line).kind is not None:
        return False
    letters = [c for c in line if c.isalpha()]
    return line.rstrip().endswith(":") or (len(letters) > 3 and all(c.isupper() for c in letters))
