"""Markdown goal documents, read as people really write them.

markdown-it-py gives the block structure with source lines; this module decides what
each block is: objectives as headings, bold paragraphs or top-level bullets; key results
and initiatives as the items under them (labelled or not); OKR tables; front matter with
the cycle. Prose sections that explain OKRs ("Key Concepts", "References") are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from okrlint.model import OKR, Document, StatementKind
from okrlint.readers.annotations import ParsedLine, is_section_label, parse_line
from okrlint.readers.base import DocumentBuilder, ReadError, find_cycle

# Characters at which a commonmark inline rule (newline, escape, backticks, emphasis,
# autolink, html_inline, entity) can start. "[" and "!" (links and images) are left out: with
# no link reference definitions in the document, they start something only before a "](".
_INLINE_MARKUP = re.compile(r"[\n\\`*_<&]")


def _inline_unless_plain(state: StateCore) -> None:
    """markdown-it's core "inline" rule, with a shortcut: an inline token whose content can
    hold no markup gets the single text child that the inline parser would make for it,
    without running the parser. Nine inline tokens in ten in goal documents are plain text
    ("Grow ARR from $1M to $2M", "[x] KR: ..."), and parsing them was two fifths of
    markdown-it's time. A test in tests/test_readers.py checks the trees are the same."""
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


_MD = MarkdownIt("commonmark").enable("table")
_MD.core.ruler.at("inline", _inline_unless_plain)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)

# Section headings whose content explains or surrounds OKRs rather than being OKRs.
_PROSE_SECTIONS = re.compile(
    r"""(?ix)^(?:\d+[.)]?\s*)?(
        key\s+concepts?|concepts?|definitions?|glossary|(?:external\s+)?references?|resources?|links?
      | background|introduction|intro|overview|about(?:\s+.*)?|notes?|process|how\s+we\s+work.*|faq
      | (?:table\s+of\s+)?contents|changelog|history|context|timeline|retro(?:spective)?s?|summary
      | scoring|grading|how\s+to\s+.*|guidelines?|principles?|what\s+(?:are|is)\s+.*|why\s+.*
      | appendix|see\s+also|further\s+reading|template|instructions?|legend|status\s+key|meeting\s+notes
    )\s*:?$"""
)
# Headings that group OKRs (titles, cycles) rather than state an objective.
_GROUP_HEADING = re.compile(
    r"(?i)\b(okrs?|objectives?\s+(?:and|&)\s+key\s+results?|goals?)\b|^(quarterly|yearly|annual|monthly)$"
)


@dataclass
class _Context:
    """Where the walk is: the objective items attach to, the kind lists default to."""

    okr: int | None = None
    mode: StatementKind = "key_result"
    explicit_mode: bool = False
    heading_objectives: list[tuple[int, int]] = field(default_factory=list)  # (level, okr index)
    skip_level: int | None = None
    top_level: int | None = None  # level of the document title heading, if any


@dataclass(slots=True)
class _Node:
    """A block of the document: markdown-it's tokens nested by their open/close pairs. What
    markdown_it.tree.SyntaxTreeNode gives, minus the nodes it also builds for each inline
    token's content, which the reader reads from the token (about a tenth of its time)."""

    type: str  # "heading", "bullet_list", "inline", ... ("_open" removed)
    tag: str
    map: list[int] | None  # [first line, line after the last], 0-based
    token: Token  # the token itself; for a container, its opening token
    children: list[_Node]


def _blocks(tokens: list[Token]) -> list[_Node]:
    top: list[_Node] = []
    stack = [top]
    for token in tokens:
        if token.nesting < 0:
            stack.pop()
            continue
        kind = token.type.removesuffix("_open") if token.nesting else token.type
        node = _Node(kind, token.tag, token.map, token, [])
        stack[-1].append(node)
        if token.nesting:
            stack.append(node.children)
    return top


def _inline_text(node: _Node) -> tuple[str, bool, bool]:
    """Plain text of an inline node (code keeps its backticks), whether it is wholly bold,
    and whether it holds a link."""
    parts: list[str] = []
    has_link = False
    depth = 0
    outside_bold = False
    token = node.token if node.type == "inline" else None
    for tok in (token.children if token is not None else None) or []:
        t = tok.type
        if t == "text":
            parts.append(tok.content)
            if depth == 0 and tok.content.strip():
                outside_bold = True
        elif t == "code_inline":
            parts.append(f"`{tok.content}`")
            if depth == 0:
                outside_bold = True
        elif t in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif t == "strong_open":
            parts.append("**")
            depth += 1
        elif t == "strong_close":
            parts.append("**")
            depth -= 1
        elif t == "link_open":
            has_link = True
        elif t == "html_inline" or t == "image":
            continue
    text = "".join(parts)
    wholly_bold = not outside_bold and "**" in text
    return text, wholly_bold, has_link


def _first_inline(node: _Node) -> _Node | None:
    for child in node.children:
        if child.type == "inline":
            return child
        if child.type == "paragraph":
            return _first_inline(child)
    return None


def _line_of(node: _Node, offset: int = 0) -> int:
    return (node.map[0] + 1 + offset) if node.map else 1


class _MarkdownReader:
    def __init__(self, text: str, path: str) -> None:
        self.lines = text.splitlines()
        self.b = DocumentBuilder(path, "markdown", text)
        self.ctx = _Context()
        self.plain_headings: set[int] = set()  # objectives read from unlabelled headings
        self.labelled: set[int] = set()  # objectives with an explicit "Objective:" label

    # -- helpers ---------------------------------------------------------------------------
    def column(self, line: int, text: str) -> int:
        if 1 <= line <= len(self.lines) and text:
            for size in (20, 10, 4):  # an annotation may sit inside the text: "Grow ARR `P1` from"
                pos = self.lines[line - 1].find(text[:size])
                if pos >= 0:
                    return pos + 1
        return 1

    def add(self, raw: str, line: int, kind: StatementKind | None = None, parsed: ParsedLine | None = None) -> None:
        """Add one labelled or contextual statement line (`parsed`: parse_line(raw), when the
        caller has it already; parsing is the reader's largest cost)."""
        if parsed is None:
            parsed = parse_line(raw)
        if not parsed.text or not re.search(r"\w", parsed.text):
            return
        kind = parsed.kind or kind or self.ctx.mode
        stmt = self.b.statement(parsed, kind, line, self.column(line, parsed.text), raw=raw.strip())
        if kind == "objective":
            self.ctx.okr = self.b.objective(stmt, parent=self.parent())
            if parsed.kind == "objective":
                self.labelled.add(self.ctx.okr)
            self.ctx.mode, self.ctx.explicit_mode = "key_result", False
        else:
            if self.ctx.okr is None:
                return  # a key result with no objective above it is prose, not an OKR
            self.b.attach(stmt, self.ctx.okr)

    def parent(self) -> int | None:
        return self.ctx.heading_objectives[-1][1] if self.ctx.heading_objectives else None

    # -- blocks ----------------------------------------------------------------------------
    def heading(self, node: _Node) -> None:
        level = int(node.tag[1:])
        inline = _first_inline(node)
        text = _inline_text(inline)[0] if inline else ""
        plain = text.replace("**", "").strip()
        ctx = self.ctx
        ctx.heading_objectives = [(lv, i) for lv, i in ctx.heading_objectives if lv < level]
        if ctx.skip_level is not None and level <= ctx.skip_level:
            ctx.skip_level = None
        if ctx.skip_level is not None:
            return
        label = is_section_label(plain)
        if label == "objective":
            ctx.mode, ctx.explicit_mode, ctx.okr = "objective", True, None
            return
        if label is not None:
            ctx.mode, ctx.explicit_mode = label, True
            return
        parsed = parse_line(plain)
        if parsed.kind in ("key_result", "initiative"):
            self.add(plain, _line_of(node), parsed.kind, parsed)
            return
        if parsed.kind is None:
            if _PROSE_SECTIONS.match(parsed.text):
                ctx.skip_level, ctx.okr = level, None
                return
            cycle = find_cycle(plain)
            words = re.findall(r"[A-Za-z]{2,}", re.sub(r"(?i)\b(Q[1-4]|H[12]|FY\d*)\b", "", plain))
            if level == ctx.top_level or _GROUP_HEADING.search(plain) or (cycle and len(words) <= 2) or not words:
                if cycle:
                    self.b.set_cycle(cycle)
                ctx.okr, ctx.mode, ctx.explicit_mode = None, "key_result", False
                return
        self.add(plain, _line_of(node), "objective", parsed)
        if ctx.okr is not None:
            ctx.heading_objectives.append((level, ctx.okr))
            self.plain_headings.add(ctx.okr)

    def paragraph(self, node: _Node, next_node: _Node | None) -> None:
        inline = _first_inline(node)
        if inline is None:
            return
        text, bold, has_link = _inline_text(inline)
        line = _line_of(node)
        rows = text.split("\n")
        if len(rows) > 1 and any(parse_line(r).kind for r in rows):
            for i, row in enumerate(rows):
                self.line_statement(row, line + i)
            return
        plain = text.strip()
        label = is_section_label(plain)
        if label is not None:
            self.ctx.mode, self.ctx.explicit_mode = label, True
            if label == "objective":
                self.ctx.okr = None
            return
        parsed = parse_line(plain)
        if parsed.kind is not None:
            self.add(plain, line, parsed=parsed)
            return
        if bold and _PROSE_SECTIONS.match(parsed.text):
            self.ctx.skip_level, self.ctx.okr = 7, None  # until the next heading of any level
            return
        followed_by_list = next_node is not None and next_node.type in ("bullet_list", "ordered_list")
        words = len(parsed.text.split())
        if has_link or words == 0 or words > 30 or plain.endswith(":"):
            return
        if (
            bold
            or (followed_by_list and not plain.endswith("."))
            or (
                self.ctx.okr is None
                and words <= 15
                and not re.search(r"[.:;]$", plain)
                and not plain.startswith(("_", "*", "("))
                and self.b.doc.okrs
            )
        ):
            self.add(plain, line, "objective", parsed)

    def line_statement(self, row: str, line: int) -> None:
        parsed = parse_line(row)
        if parsed.kind is not None:
            self.add(row, line, parsed=parsed)
        elif is_section_label(row):
            self.ctx.mode, self.ctx.explicit_mode = is_section_label(row) or "key_result", True
        elif row.strip() and self.ctx.okr is not None and re.match(r"\s*[-*+]\s", row):
            self.add(re.sub(r"^\s*[-*+]\s+", "", row), line)

    def item_list(self, node: _Node, depth: int = 0) -> None:
        for item in node.children:
            self.list_item(item, depth)

    def list_item(self, item: _Node, depth: int) -> None:
        ctx = self.ctx
        inline = _first_inline(item)
        nested = [c for c in item.children if c.type in ("bullet_list", "ordered_list")]
        line = _line_of(item)
        if inline is None:
            for sub in nested:
                self.item_list(sub, depth + 1)
            return
        text, _bold, has_link = _inline_text(inline)
        rows = text.split("\n")
        first = rows[0]
        label = is_section_label(first)
        if label is not None:
            saved = (ctx.mode, ctx.explicit_mode)
            ctx.mode, ctx.explicit_mode = label, True
            for row_no, row in enumerate(rows[1:], start=1):
                self.line_statement(row, line + row_no)
            for sub in nested:
                self.item_list(sub, depth + 1)
            if label != "objective":
                ctx.mode, ctx.explicit_mode = saved
            return
        parsed = parse_line(first)
        kind = parsed.kind
        if kind is None:
            if (ctx.explicit_mode and ctx.mode == "objective") or (
                nested and not (ctx.explicit_mode and ctx.okr is not None)
            ):
                kind = "objective"
            elif ctx.okr is not None:
                kind = ctx.mode
            else:
                return  # a list outside any objective: prose, not OKRs
        if has_link and kind != "objective" and len(parsed.text.split()) <= 8 and parsed.kind is None:
            return  # a list of links
        if kind == "objective":
            saved_mode = (ctx.mode, ctx.explicit_mode)
            self.add(first, line, "objective", parsed)
            own = ctx.okr
            for sub in nested:
                ctx.okr, ctx.mode, ctx.explicit_mode = own, "key_result", False
                self.item_list(sub, depth + 1)
            if saved_mode[1] and saved_mode[0] == "objective":
                ctx.mode, ctx.explicit_mode = saved_mode
            return
        self.add(first, line, kind, parsed)
        for row_no, row in enumerate(rows[1:], start=1):
            parsed = parse_line(row)
            if parsed.kind:
                self.add(row, line + row_no, parsed=parsed)
        for sub in nested:  # under a key result only labelled items count (others are notes)
            for child in sub.children:
                child_inline = _first_inline(child)
                if child_inline is None:
                    continue
                child_text = _inline_text(child_inline)[0].split("\n")[0]
                child_label = is_section_label(child_text)
                if parse_line(child_text).kind or child_label:
                    self.list_item(child, depth + 1)

    def table(self, node: _Node) -> None:
        rows = []
        for section in node.children:
            for tr in section.children:
                cells = []
                for td in tr.children:
                    inline = _first_inline(td)
                    cells.append(_inline_text(inline)[0].strip() if inline else "")
                rows.append((_line_of(tr), cells))
        if len(rows) < 2:
            return
        header = [c.replace("**", "").strip().lower() for c in rows[0][1]]

        def col(*patterns: str) -> int | None:
            for i, h in enumerate(header):
                if any(re.fullmatch(p, h) for p in patterns):
                    return i
            return None

        c_obj = col(r"objectives?(?: \d+)?", r"goals?", r"o")
        c_kr = col(r"key[\s\-]*results?(?: \d+)?", r"krs?", r"results?", r"measures?")
        c_init = col(r"initiatives?", r"actions?", r"projects?")
        if c_kr is None and c_obj is None:
            return
        fields = {
            "owner": col(r"owners?", r"who", r"dri", r"responsible"),
            "baseline": col(r"baseline", r"start(?:ing)?(?: value)?", r"from", r"current(?: value)?"),
            "target": col(r"targets?(?: value)?", r"goal value", r"to"),
            "unit": col(r"units?"),
            "due": col(r"due(?: date)?", r"deadline", r"by"),
        }
        c_progress = col(r"progress", r"score", r"status", r"grade")
        last_objective = None

        def cell(cells: list[str], i: int | None) -> str:
            return cells[i] if i is not None and i < len(cells) else ""

        for line, cells in rows[1:]:
            obj = cell(cells, c_obj)
            if obj and obj not in ('"', "〃", "^", "-", "—") and obj != last_objective:
                last_objective = obj
                self.add(obj, line, "objective")
            extras = {k: cell(cells, i) or None for k, i in fields.items()}
            columns: tuple[tuple[StatementKind, int | None], ...] = (("key_result", c_kr), ("initiative", c_init))
            for kind, idx in columns:
                raw = cell(cells, idx)
                if not raw or self.ctx.okr is None:
                    continue
                parsed = parse_line(raw)
                if not parsed.text:
                    continue
                if extras["owner"]:
                    parsed.owner = extras["owner"].lstrip("@")
                if c_progress is not None and cell(cells, c_progress):
                    parsed.progress = cell(cells, c_progress)
                stmt = self.b.statement(
                    parsed,
                    kind,
                    line,
                    self.column(line, parsed.text),
                    raw=raw,
                    baseline=extras["baseline"] if kind == "key_result" else None,
                    target=extras["target"] if kind == "key_result" else None,
                    unit=extras["unit"],
                    due=extras["due"],
                )
                self.b.attach(stmt, self.ctx.okr)

    def blocks(self, nodes: list[_Node]) -> None:
        for i, node in enumerate(nodes):
            nxt = nodes[i + 1] if i + 1 < len(nodes) else None
            if node.type == "heading":
                self.heading(node)
            elif self.ctx.skip_level is not None:
                continue
            elif node.type == "paragraph":
                self.paragraph(node, nxt)
            elif node.type in ("bullet_list", "ordered_list"):
                self.item_list(node)
            elif node.type == "table":
                self.table(node)
            elif node.type == "blockquote":
                self.blocks(list(node.children))

    def read(self, text: str) -> Document:
        offset = 0
        m = _FRONT_MATTER.match(text)
        if m:
            from okrlint.readers.structured import load_yaml

            try:  # the YAML reader's guards: no tags, an alias budget, a depth limit
                meta = load_yaml(m.group("body"))
            except ReadError:
                meta = None  # front matter that cannot be read is left alone, as before
            if isinstance(meta, dict):
                for key in ("cycle", "period", "quarter", "timeframe"):
                    if isinstance(meta.get(key), str | int | float) and meta.get(key):
                        self.b.set_cycle(str(meta[key]))
                        break
            offset = m.group(0).count("\n")
            text = "\n" * offset + text[m.end() :]
        nodes = _blocks(_MD.parse(text))
        h1 = [n for n in nodes if n.type == "heading" and n.tag == "h1"]
        deeper = [n for n in nodes if n.type == "heading" and n.tag != "h1"]
        if len(h1) == 1 and deeper:
            self.ctx.top_level = 1
        self.blocks(nodes)
        self._demote_section_headings()
        return self.b.finish()

    def _demote_section_headings(self) -> None:
        """An unlabelled heading is a section, not an objective, when it holds no key result
        of its own and either its children are labelled objectives or the document holds
        nothing else ("# Team notes" over prose)."""
        okrs = self.b.doc.okrs
        children: dict[int, list[int]] = {}
        for i, okr in enumerate(okrs):
            if okr.parent is not None:
                children.setdefault(okr.parent, []).append(i)
        drop = set()
        for i in self.plain_headings - self.labelled:
            if okrs[i].key_results or okrs[i].initiatives:
                continue
            kids = children.get(i, [])
            if (kids and all(k in self.labelled for k in kids)) or all(
                not (o.key_results or o.initiatives) and j in self.plain_headings for j, o in enumerate(okrs)
            ):
                drop.add(i)
        if not drop:
            return
        new_index = {}
        kept: list[OKR] = []
        for i, okr in enumerate(okrs):
            if i not in drop:
                new_index[i] = len(kept)
                kept.append(okr)
        for okr in kept:
            parent = okr.parent
            while parent is not None and parent in drop:
                parent = okrs[parent].parent
            okr.parent = new_index.get(parent) if parent is not None else None
        self.b.doc.okrs = kept


def read(text: str, path: str = "<text>") -> Document:
    return _MarkdownReader(text, path).read(text)
