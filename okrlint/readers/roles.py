"""Role inference: which blocks of an outline are objectives, key results, initiatives,
fields of the statement above, group headings or prose.

Decisions combine cues across the whole document, strongest first (docs/readers.md):

1. Explicit labels on the block: "Objective:", "O1 -", "KR 1.2:", "Initiative:", in bold,
   in backticks, numbered or not. A label alone ("### Objective 1", "**Key Result 2**") names
   the kind and the statement is the paragraph that follows it.
2. Section labels that open a list of one kind: "Key Results", "Initiatives", "Objectives".
3. Fields: "Target: 8", "**Owner**: Ana", "Status: done" under a statement belong to it.
4. The document's own pattern, when it labels nothing: a heading, a bold or short paragraph,
   or a list item that has a list of its own is an objective with key results, when the
   document is about OKRs (its name, title or headings say so) and that structure carries
   measurable key results somewhere in the document. A structure that repeats is one
   pattern, so an objective whose key results have no numbers is read like its siblings.
5. Prose stays prose: sections that explain (Background, FAQ, How to ...), placeholders of
   templates ("[Measurable outcome]"), links, questions, glossaries ("**Term**: meaning"),
   and anything under no objective.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from okrlint.model import StatementKind
from okrlint.readers.annotations import ParsedLine, label_kind, parse_line
from okrlint.readers.base import DocumentBuilder, find_cycle
from okrlint.readers.outline import Block

# Section headings whose content explains or surrounds OKRs rather than being OKRs.
_PROSE_SECTIONS = re.compile(
    r"""(?ix)^(?:\d+[.)]?\s*)?(?:[^\w\s]+\s*)?(
        key\s+concepts?|concepts?|definitions?|glossary|(?:external\s+)?references?|resources?|links?
      | background|introduction|intro|overview|about(?:\s+.*)?|notes?|process|how\s+we\s+work.*|faq.*
      | frequently\s+asked.*|(?:table\s+of\s+)?contents|changelog|history|context|timeline|retro(?:spective)?s?
      | summary|scoring|grading|how\s+(?:to|do|does|can|should)\s+.*|guidelines?|principles?|tips?
      | what\s+(?:are|is|makes)\s+.*|why\s+.*|benefits?.*|examples?\s+of\s+.*|best\s+practices?
      | appendix|see\s+also|further\s+reading|templates?|instructions?|legend|status\s+key|meeting\s+notes
      | install(?:ation)?|usage|getting\s+started|features?|requirements?|license|contributing|credits?
      | progress\s+log|log|session.*|changes|release\s+notes|faqs?|q\s*&\s*a|questions?
      | authentication|authori[sz]ation|endpoints?|api(?:\s+.*)?|base\s+url|error\s+(?:codes?|handling)
      | rate\s+limit(?:s|ing)?|data\s+(?:types?|model)|response\s+format|configuration|deployment|setup
      | architecture|troubleshooting|development|testing|tech(?:nology)?\s+stack|project\s+structure
    )\s*[:?]?$"""
)
# Headings that group OKRs (titles, cycles, teams) rather than state an objective.
_GROUP_WORDS = re.compile(
    r"(?i)\b(okrs?|objectives?\s*(?:and|&)\s*key\s*results?|key\s*results?|objectives|goals|quarterly|roadmap)\b"
)
# Words that make a short heading a group ("Team Platform", "Company", "Current"), not a goal.
_SHORT_GROUP_WORDS = re.compile(
    r"(?i)\b(yearly|annual|monthly|weekly|plan|priorities|team|squad|department|company|personal|current"
    r"|previous|archive|archived|done|completed|backlog|draft|q[1-4]|h[12])\b"
)
_OKR_WORDS = re.compile(r"(?i)(?<![a-z])(okrs?|objectives?|key[\s_-]*results?|krs?|goals?)(?![a-z])")
_PATH_WORDS = re.compile(r"(?i)(?<![a-z])(okrs?|objectives|goals)(?![a-z])")
# A label with no statement: "Objective 1", "Objective", "O2", "1. Objective (O)", "KR 2.1",
# and what a tool writes in a new entry: "New objective", "Key result".
_GENERIC = re.compile(
    r"""(?ix)^(?:\d++[.)]\s*+)?(?:[^\w\s]++\s*+)?(?:(?:new|my|your|untitled|sample)\s++)?
    (?P<label>objective|goal|o|key\s*+result|kr|initiative)
    \s*+\#?\s*+(?:[a-z]?\d++(?:[.\-]\d++)*+\s*+)?(?:\((?:o|kr)\)\s*+)?[:.\-–—]?$"""
)
# Placeholders of templates: "[Measurable outcome]", "{{objective}}", "<your objective>", "X%".
_PLACEHOLDER = re.compile(
    r"^\s*+(?:\[[^\]]*+\]|\{\{?[^}]*+\}\}?|<[^>]*+>|_++|\.{3}|…|x++%?|tbd|todo|n/?a|p[0-9x?])\s*+[.:\-–—]?\s*+$", re.I
)
_HAS_PLACEHOLDER = re.compile(r"\{\{|\}\}|\[(?:[A-Z][a-z]+\s?){1,5}\]|<[a-z ]{3,}>")
# "Term: value" items: a short term, a colon, the rest.
_DEFINITION = re.compile(r"^(?P<term>[^:]{1,40}?)\s*[:：]\s+(?P<value>\S.*)$")
_FIELDS = {
    "target": "target", "target value": "target", "goal": "target", "baseline": "baseline",
    "start": "baseline", "starting point": "baseline", "start value": "baseline", "from": "baseline",
    "current": "current", "current value": "current", "current progress": None, "actual": "current",
    "owner": "owner", "owners": "owner", "dri": "owner", "lead": "owner", "assignee": "owner", "responsible": "owner",
    "due": "due", "due date": "due", "deadline": "due", "by": "due", "timeline": None, "timeframe": None,
    "status": None, "progress": None, "score": None, "grade": None, "confidence": None, "priority": None,
    "measure": None, "measurement": None, "metric": None, "how measured": None, "how to measure": None,
    "notes": None, "note": None, "comment": None, "comments": None, "update": None, "updates": None,
    "progress updates": None, "why": None, "why this matters": None, "dependencies": None, "next steps": None,
    "key activities": None, "team": None, "unit": "unit", "evidence": None, "result": None, "final score": None,
    "active from": None, "start date": None, "end date": None, "period": None, "cycle": None, "review date": None,
    "last updated": None, "rationale": None, "context": None, "description": None, "risks": None, "blockers": None,
}
_QUANTITY = re.compile(
    r"""(?ix)(?<![\w.])(?:
        [$€£¥]\s?\d
      | \d+(?:[.,]\d+)*\s?(?:%|x\b|k\b|m\b|ms\b|h\b|s\b|/\d)
      | (?:0|[1-9]\d{0,2}(?:[.,]\d+)?)(?![\d.]*\.\d)(?=\s|$|[,;)]|/)
      | \b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand|million|double|triple
          |half)\b
    )"""
)
_CYCLE_TOKEN = re.compile(r"(?i)\b(?:q[1-4]|h[12]|fy\s?\d{2,4}|(?:19|20)\d{2}|v?\d+\.\d+\.\d+)\b")
_QUESTION = re.compile(r"\?\s*$")
_PLURAL_LABEL = re.compile(
    r"(?i)^\W*(?:[a-z]{3,15}\s+){0,2}(?:objectives|key\s*results|krs|goals|initiatives)\W*[:.]\s*\S"
)
_SENTENCE_BREAK = re.compile(r"[.!?。！？](?:\s|$)(?=\s*+[A-ZА-ЯÀ-Ý\u4e00-\u9fff]|$)")
_ENDS_IN_URL = re.compile(r"https?://\S+$")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w")
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_UNSPACED_SCRIPT = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff]")  # Thai, Japanese, Chinese
# Titles of documents about OKRs rather than of a set of them: "Create Your OKRs", "OKR API Guide"
_ABOUT_TITLE = re.compile(
    r"(?i)\b(your|how|guide|handbook|manual|documentation|docs|api|tutorial|introduction|writing|create|creating"
    r"|setting|why|what|template|tips|faq|best\s+practices|process|cadence|cascading|scoring|tool|app|tracker"
    r"|builder|framework|methodology)\b"
)
_NAMES_OKRS = re.compile(r"(?i)(?<![a-z])(okrs|key[\s\-]*results)(?![a-z])")
_INTRO_NAMES = re.compile(r"(?i)(?<![a-z])(key[\s\-]*results?|initiatives)(?![a-z])")


def generic_label(text: str) -> StatementKind | None:
    """The kind a label alone names ("Objective 2", "### Objective", "KR 1.3"), or None."""
    m = _GENERIC.match(text.replace("*", "").replace("`", "").strip())
    if not m:
        return None
    label = m.group("label").lower()
    if label in ("objective", "goal", "o"):
        return "objective"
    return "initiative" if label == "initiative" else "key_result"


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.match(text)) or bool(_HAS_PLACEHOLDER.search(text))


def only_placeholder(text: str) -> bool:
    """The whole text is a placeholder or a label alone: "[Measurable outcome]", "New objective"."""
    return bool(_PLACEHOLDER.match(text)) or generic_label(text) is not None


def has_quantity(text: str) -> bool:
    return _QUANTITY.search(_CYCLE_TOKEN.sub(" ", text)) is not None


def field_of(text: str) -> tuple[str, str | None, str] | None:
    """("target", field name or None, value) for "Target: 8" and the like, else None."""
    m = _DEFINITION.match(text.replace("**", "").replace("__", "").strip())
    if not m:
        return None
    term = " ".join(m.group("term").lower().replace("*", "").split()).strip(" -–—")
    if term not in _FIELDS:
        return None
    return term, _FIELDS[term], m.group("value").strip()


_ARTICLE_START = re.compile(r"^(?:a|an|the|one|some|any|your|what|how|when|where|which|used|this|these|it)\s")


# "A clear goal that ...", "Measurable outcomes which ...": a genus and what sets it apart, the
# form of a definition
_GENUS_DEFINITION = re.compile(
    r"(?i)^(?:an?\s|the\s)?(?:[\w\-]+,?\s+){0,4}?(?:goals?|statements?|outcomes?|results?|descriptions?"
    r"|targets?|metrics?|measures?|ways?|methods?|frameworks?)\s+(?:that|which|to|describing|defining|showing)\s"
)


def defines_a_term(parsed: ParsedLine) -> bool:
    """"Objective: a qualitative, inspirational goal": a label followed, in lower case, by
    what the term means, or by a genus and its difference ("Key Results: Measurable outcomes
    that show ..."), not by a statement ("Objective: A world-class brand" is one)."""
    if parsed.kind is None:
        return False
    return bool(_ARTICLE_START.match(parsed.text) or _GENUS_DEFINITION.match(parsed.text))


def is_definition(text: str, bold_term: bool = False) -> bool:
    """"**Term**: a meaning" or "Term: meaning", a glossary or feature entry, not a statement
    ("Deploy services with HA: PostgreSQL, etcd" is a statement with a list)."""
    raw = text.strip()
    m = _DEFINITION.match(raw.replace("**", "").replace("__", ""))
    if not m or parse_line(raw).kind is not None:
        return False
    words = len(m.group("term").split())
    return words <= 5 if bold_term else words <= 2


class _Ctx(NamedTuple):  # (a named tuple: copied with a change at every block, and _replace is cheap)
    okr: int | None = None  # the OKR statements attach to
    mode: StatementKind | None = None  # what unlabelled items are, set by a section label
    prose: bool = False  # inside a section that explains rather than states
    parent: int | None = None  # the OKR of an enclosing objective heading
    from_heading: bool = False  # okr is a heading's: items under it are its key results
    # under a section label, lines read one statement each end as the first did (with a full
    # stop or without): a line that ends otherwise is the prose after them
    ending: str | None = None


class _Roles:
    def __init__(self, root: Block, builder: DocumentBuilder, lines: list[str]) -> None:
        self.root = root
        self.b = builder
        self.lines = lines
        self.blocks = root.walk()
        self.consumed: set[int] = set()  # blocks already read as part of another
        self.last_statement: dict[int, object] = {}
        self._kinds: dict[int, StatementKind | None] = {}
        path = builder.doc.path
        self.labelled = any(self.kind_of(b) == "objective" for b in self.blocks)
        self._section_labels: dict[int, bool] = {}
        self.vocab = bool(_PATH_WORDS.search(path)) or any(
            b.kind in ("heading", "paragraph") and _OKR_WORDS.search(b.text) for b in self.blocks
        ) or any(b.kind == "row" and any(_OKR_WORDS.search(c) for c in b.cells) for b in self.blocks)
        self.okr_document = self.is_okr_document(path)
        # a template: its statements are placeholders, and what is left is its instructions
        self.template = sum(1 for b in self.blocks if b.kind != "root" and _HAS_PLACEHOLDER.search(b.text)) >= 2
        self._patterns: set[tuple[str, int]] | None = None  # found when first asked: labelled files never ask
        self.okr_sections = {id(b) for b in self.blocks if self.names_okrs(b)}

    # -- the cues --------------------------------------------------------------------------
    def kind_of(self, block: Block) -> StatementKind | None:
        """The kind a block's own label names, or None. A plural label with text ("Objectives:
        qualitative, inspiring statements") says what the terms mean; it labels nothing."""
        key = id(block)
        if key not in self._kinds:  # asked of every block many times over: decided once
            plural = block.kind in ("root", "table", "row") or _PLURAL_LABEL.match(block.text)
            self._kinds[key] = None if plural else block.parsed.kind or generic_label(block.text)
        return self._kinds[key]

    def usable(self, block: Block, parsed: ParsedLine | None = None) -> bool:
        """Whether a block's text can be a statement at all: words, not a placeholder, not only
        links, not a question (unless labelled)."""
        parsed = parsed or block.parsed
        text = parsed.text
        if not text or not _WORD.search(text) or block.link_only or is_placeholder(text):
            return False
        if defines_a_term(parsed) or generic_label(text):
            return False
        return parsed.kind is not None or _QUESTION.search(text) is None

    def statement_like(self, block: Block) -> bool:
        """An unlabelled block that reads as a statement: two words or more (or a few
        characters of a language written without spaces), no intro colon, not a glossary
        entry, not a question, not several sentences, not a reference ending in a link."""
        text = block.parsed.text
        words = len(text.split())
        return (
            self.usable(block)
            and (2 <= words <= 60 or (words == 1 and len(text) >= 4 and _UNSPACED_SCRIPT.search(text) is not None))
            and len(_SENTENCE_BREAK.findall(text)) < 2
            and not _ENDS_IN_URL.search(text)
            and not block.text.rstrip().rstrip("*_").endswith(":")
            and not is_definition(text, block.term)
            and field_of(text) is None
        )

    def listed_statement(self, block: Block) -> bool:
        """An item in a list a label names ("Key results:"): a statement even when it ends in a
        link or introduces sub-items with a colon, as long as it is one sentence, not a field."""
        text = block.parsed.text
        return (
            self.usable(block)
            and 2 <= len(text.split()) <= 60
            and len(_SENTENCE_BREAK.findall(text)) < 2
            and not is_definition(text, block.term)
            and field_of(text) is None
        )

    def pattern(self, block: Block) -> tuple[str, int] | None:
        """The structure an unlabelled objective candidate has, and its key-result items."""
        if block.kind == "heading":
            return ("heading", block.level)
        if block.kind == "paragraph":
            return ("paragraph", int(block.bold))
        if block.kind == "item":
            return ("item", block.depth)
        return None

    def candidate_items(self, block: Block) -> list[Block]:
        """The items an unlabelled objective candidate would take as its key results."""
        if block.kind == "item":
            return [c for c in block.children if c.kind == "item"]
        if block.kind == "heading":
            return [c for c in block.children if c.kind == "item"]
        if block.kind == "paragraph" and block.parent is not None:
            siblings = block.parent.children
            i = siblings.index(block)
            if i + 1 < len(siblings) and siblings[i + 1].kind == "item":
                list_id = siblings[i + 1].list_id
                return [s for s in siblings[i + 1 :] if s.kind == "item" and s.list_id == list_id]
        return []

    def is_okr_document(self, path: str) -> bool:
        """A document that says it is a set of OKRs: by its file name or its title, and not a
        manual (two or more sections such as Installation, Usage, FAQ)."""
        headings = [b for b in self.blocks if b.kind == "heading"]
        name = re.sub(r"[\W_]+", " ", path.replace("\\", "/").rsplit("/", 2)[-1]) if path else ""
        named = bool(_PATH_WORDS.search(name)) and not _ABOUT_TITLE.search(name)
        title = headings[0].text if headings else ""
        titled = bool(_OKR_WORDS.search(title)) and not _ABOUT_TITLE.search(title)
        self.manual = sum(1 for h in headings if _PROSE_SECTIONS.match(h.parsed.text)) >= 2
        return (named or titled) and not self.manual

    def accepted_patterns(self) -> set[tuple[str, int]]:
        """The unlabelled structures this document writes OKRs in: in a document that says it
        is a set of OKRs, every one; in another about OKRs, those that repeat with measurable
        items (two instances or more: one list with figures in a guide is not a pattern)."""
        if not self.vocab:
            return set()
        found: dict[tuple[str, int], list[bool]] = {}
        for block in self.blocks:
            if self.kind_of(block) or block.kind not in ("heading", "paragraph", "item"):
                continue
            items = [i for i in self.candidate_items(block) if self.statement_like(i)]
            if not items or (not self.statement_like(block) and block.kind != "heading"):
                continue
            key = self.pattern(block)
            if key is None:
                continue
            measured = sum(1 for i in items if has_quantity(i.parsed.text)) / len(items)
            found.setdefault(key, []).append(measured >= 0.34)
        return {key for key, hits in found.items() if self.okr_document or sum(hits) >= 2}

    def names_okrs(self, h: Block) -> bool:
        """A heading that says its section holds OKRs: "Community 2026-Q1 OKRs", "Key results"."""
        return h.kind == "heading" and _NAMES_OKRS.search(h.parsed.text) is not None

    def in_pattern(self, block: Block, key: tuple[str, int]) -> bool:
        """Whether a block is in this document's OKR pattern. In a document that is not a set of
        OKRs but has a section named for them (meeting notes with a "Q1 OKRs" agenda item), only
        that section's blocks are: the other sections' lists are the meeting's."""
        if self._patterns is None:
            self._patterns = set() if self.template or self.manual else self.accepted_patterns()
        if key not in self._patterns:
            return False
        if self.okr_document or not self.okr_sections:
            return True
        return any(id(a) in self.okr_sections for a in _ancestors(block))

    def labels_statements(self, block: Block) -> bool:
        """Whether the section a block sits in (under its nearest heading, or the whole document)
        labels its objectives or key results: such a section says where each statement is, and
        its unlabelled lines are not read by pattern. Sections differ: a file may label this
        quarter's OKRs and not last year's."""
        section = block.parent
        while section is not None and section.kind not in ("heading", "root"):
            section = section.parent
        if section is None:
            return False
        key = id(section)
        if key not in self._section_labels:
            self._section_labels[key] = any(
                self.kind_of(b) in ("objective", "key_result") for b in section.walk() if b is not section
            )
        return self._section_labels[key]

    # -- building ---------------------------------------------------------------------------
    def column(self, line: int, text: str) -> int:
        return column_in(self.lines, line, text)

    def statement(self, block: Block, kind: StatementKind, parsed: ParsedLine | None = None):
        parsed = parsed or block.parsed
        return self.b.statement(parsed, kind, block.line, self.column(block.line, parsed.text), raw=block.text.strip())

    def objective(self, block: Block, ctx: _Ctx, parsed: ParsedLine | None = None) -> int:
        index = self.b.objective(self.statement(block, "objective", parsed), parent=ctx.parent)
        return index

    def attach(self, block: Block, kind: StatementKind, ctx: _Ctx, parsed: ParsedLine | None = None) -> int:
        """Add a key result or initiative to the context's OKR (a new OKR without an objective
        when there is none: only labelled statements get here without one)."""
        okr = ctx.okr if ctx.okr is not None else self.b.okr_without_objective(ctx.parent)
        stmt = self.statement(block, kind, parsed)
        self.b.attach(stmt, okr)
        self.last_statement[okr] = stmt
        return okr

    def set_field(self, okr: int | None, field: tuple[str, str | None, str]) -> None:
        """'Target: 8' under a statement: the value is kept on the statement above."""
        _, name, value = field
        stmt = self.last_statement.get(okr) if okr is not None else None
        if stmt is None or name is None or not value or is_placeholder(value):
            return
        if name == "owner":
            stmt.owner = stmt.owner or value.lstrip("@")  # type: ignore[attr-defined]
        elif getattr(stmt, name, None) is None:
            setattr(stmt, name, value[:200])

    # -- the walk ----------------------------------------------------------------------------
    def run(self) -> None:
        top = [b for b in self.root.children if b.kind == "heading"]
        title = top[0] if len(top) == 1 and top[0].level == 1 else None
        if title is not None and not any(c.kind == "heading" for c in title.children):
            title = None  # a lone heading over the content: read as any other heading
        if title is not None and self.kind_of(title) is None:
            if cycle := find_cycle(title.text):
                self.b.set_cycle(cycle)
            self.sequence([b for b in self.root.children if b is not title], _Ctx())
            self.sequence(title.children, _Ctx())
        else:
            self.sequence(self.root.children, _Ctx())

    def sequence(self, blocks: list[Block], ctx: _Ctx) -> _Ctx:
        """Sibling blocks in order; a list is read as a whole. Returns the context after them."""
        i = 0
        pending_objective: Block | None = None  # "**Objective 1**": the next paragraph is its text
        while i < len(blocks):
            block = blocks[i]
            if id(block) in self.consumed:
                i += 1
                continue
            if block.kind == "item":
                j = i
                while j < len(blocks) and blocks[j].kind == "item" and blocks[j].list_id == block.list_id:
                    j += 1
                ctx = self.items(blocks[i:j], ctx)
                i = j
                continue
            if block.kind == "heading":
                ctx = self.heading(block, ctx)
            elif block.kind == "table":
                ctx = self.table(block, ctx)
            elif block.kind == "paragraph":
                if pending_objective is not None and self.usable(block) and not self.kind_of(block):
                    okr = self.objective(block, ctx)
                    ctx = ctx._replace(okr=okr, mode=None)
                    pending_objective = None
                else:
                    pending_objective = None
                    ctx, pending = self.paragraph(block, blocks[i + 1] if i + 1 < len(blocks) else None, ctx)
                    if pending:
                        pending_objective = block
            i += 1
        return ctx

    def heading(self, h: Block, ctx: _Ctx) -> _Ctx:
        """Read a heading and its section; returns the context for the sibling headings after
        it ("### Key Results" after "### Objective" belongs to that objective)."""
        text = h.parsed.text
        kind = self.kind_of(h)
        section = h.section
        after = ctx._replace(mode=None)  # what a sibling heading after this one sees
        if ctx.prose and kind is None:
            self.sequence(h.children, ctx)
            return ctx
        if section in ("key_result", "initiative"):  # "### Key Results" under an objective
            self.sequence(h.children, ctx._replace(mode=section, ending=None))
            return ctx
        if section == "objective" or (kind == "objective" and generic_label(h.text)):
            okr = self.text_from_next_paragraph(h, ctx)
            if okr is None and section == "objective" and any(c.kind in ("item", "heading") for c in h.children):
                self.sequence(h.children, ctx._replace(okr=None, mode="objective", from_heading=False))
                return after._replace(okr=None)
            if okr is None:
                okr = self.b.okr_without_objective(ctx.parent)
            self.sequence(h.children, ctx._replace(okr=okr, mode=None, parent=okr, from_heading=True))
            return after._replace(okr=okr)
        if kind == "objective":
            okr = self.objective(h, ctx) if self.usable(h) else self.b.okr_without_objective(ctx.parent)
            self.sequence(h.children, ctx._replace(okr=okr, mode=None, parent=okr, from_heading=True, prose=False))
            return after._replace(okr=okr)
        if kind in ("key_result", "initiative"):
            parsed = h.parsed
            block = h
            if is_placeholder(h.parsed.text):  # "### Key Result 1.1: [Measurable outcome]"
                return ctx
            if generic_label(h.text):  # "### Key Result 2": its statement is the paragraph below
                first = next((c for c in h.children if c.kind == "paragraph"), None)
                if first is None or not self.statement_like(first):
                    self.sequence(h.children, ctx._replace(mode=kind, ending=None))
                    return ctx
                self.consumed.add(id(first))
                block, parsed = first, first.parsed
            okr = self.attach(block, kind, ctx, parsed)
            self.statement_children(h, ctx._replace(okr=okr))
            return ctx._replace(okr=okr)
        if ctx.okr is not None and " ".join(text.lower().rstrip(":").split()) in _FIELDS:
            field = _FIELDS[" ".join(text.lower().rstrip(":").split())]  # "### Team", "### Target"
            first = next((c for c in h.children if c.kind == "paragraph"), None)
            if field is not None and first is not None:
                self.set_field(ctx.okr, ("", field, first.parsed.text))
            return ctx  # a field of the objective above, not a new section
        if _PROSE_SECTIONS.match(text):
            self.sequence(h.children, ctx._replace(prose=True, okr=None, mode=None))
            return after._replace(okr=None)
        described = self.description_of(h)
        if described is not None:  # "## product-direction" over "**Description:** <the objective>"
            self.consumed.add(id(described[0]))
            okr = self.objective(described[0], ctx, described[1])
            self.sequence(h.children, ctx._replace(okr=okr, mode=None, parent=okr, from_heading=True))
            return after._replace(okr=okr)
        if self.heading_is_objective(h):
            okr = self.objective(h, ctx)
            self.sequence(h.children, ctx._replace(okr=okr, mode=None, parent=okr, from_heading=True))
            return after._replace(okr=okr)
        if self.heading_is_parent_objective(h):  # a company objective over team objectives
            okr = self.objective(h, ctx)
            self.sequence(h.children, ctx._replace(okr=None, mode=None, parent=okr, from_heading=False))
            return after._replace(okr=None)
        if cycle := find_cycle(text):
            self.b.set_cycle(cycle)
        if self.names_okrs(h) and self.measured_list(h):  # "## Q1 OKRs" over their key results
            okr = self.b.okr_without_objective(ctx.parent)
            self.sequence(h.children, ctx._replace(okr=okr, mode="key_result", ending=None, from_heading=True))
            return after._replace(okr=None)
        self.sequence(h.children, ctx._replace(okr=None, mode=None, from_heading=False))
        return after._replace(okr=None)

    def measured_list(self, h: Block) -> bool:
        """A section that is one flat list of statements, half of them or more with figures."""
        items = [c for c in h.children if c.kind == "item"]
        if not items or any(c.kind in ("heading", "table") for c in h.children):
            return False
        if any(self.kind_of(b) for b in h.walk() if b is not h) or any(i.children for i in items):
            return False
        if len({i.list_id for i in items}) > 1 or not all(self.statement_like(i) for i in items):
            return False
        return sum(1 for i in items if _DIGIT.search(i.parsed.text)) * 2 >= len(items)

    def description_of(self, h: Block) -> tuple[Block, ParsedLine] | None:
        """A heading that is a name ("## product-direction", one word) over a "Description:" line
        and key results (a key-result table or a "Key results" label): the description's first
        sentence states the objective."""
        if len(h.parsed.text.split()) != 1 or self.kind_of(h):
            return None
        if not any(
            (c.kind == "table" and self.key_result_table(c)) or c.section == "key_result"
            for c in h.children
        ):
            return None
        for child in h.children:
            field = field_of(child.text) if child.kind in ("paragraph", "item") else None
            if field is not None and field[0] == "description":
                stop = _SENTENCE_BREAK.search(field[2])
                parsed = parse_line(field[2][: stop.start() + 1] if stop else field[2])
                return (child, parsed) if len(parsed.text.split()) >= 3 else None
        return None

    def text_from_next_paragraph(self, h: Block, ctx: _Ctx) -> int | None:
        """An objective label alone ("### Objective 2"): its text is the paragraph below it."""
        for child in h.children:
            if child.kind == "paragraph":
                if self.kind_of(child) or not self.statement_like(child):
                    return None
                self.consumed.add(id(child))
                return self.objective(child, ctx)
            if child.kind != "paragraph":
                return None
        return None

    def heading_is_objective(self, h: Block) -> bool:
        """An unlabelled heading states an objective when it sits over key results in this
        document's pattern, and not over objectives of its own."""
        if self.labels_statements(h) and not any(self.kind_of(c) == "key_result" for c in h.children):
            return False  # a document that labels its statements says where each one is
        words = h.parsed.text.split()
        if not self.statement_like(h) or not _TWO_LETTERS.search(h.parsed.text) or _GROUP_WORDS.search(h.text):
            return False
        if len(words) <= 3 and (_SHORT_GROUP_WORDS.search(h.text) or find_cycle(h.text)):
            return False
        items = [c for c in h.children if c.kind == "item"]
        below = [c for c in h.children if c.kind == "heading"]
        if any(self.kind_of(b) == "objective" for b in h.walk()):
            return False
        if self.items_are_objectives(h) and not any(
            self.statement_like(s) and not self.items_are_objectives(s) and any(c.kind == "item" for c in s.children)
            for s in self.sibling_headings(h)
        ):  # (a sibling heading over plain key results says this one is an objective too)
            return False  # its items have lists of their own: they are the objectives (key results carry numbers)
        if not items:
            tables = [c for c in h.children if c.kind == "table"]
            if below and all(self.kind_of(b) == "key_result" for b in below):
                return True
            if any(b.section == "key_result" for b in below):
                return True  # "### Key Results" under it (beside "### Team", "### Description")
            return any(self.key_result_table(t) for t in tables) and not any(c.kind == "heading" for c in h.children)
        if any(self.kind_of(i) == "key_result" for i in items):
            return True
        return self.in_pattern(h, ("heading", h.level))

    @staticmethod
    def names_the_kinds(items: list[Block]) -> bool:
        """'1. Objective: ... 2. Key Results: ...', each bare and unnumbered, the objective with
        several notes below (one objective has one text): a list that describes what the parts
        of an OKR are, not one OKR."""
        bare = {
            i.section for i in items
            if i.section and not _DIGIT.search(i.text)
            and len([c for c in i.children if c.kind == "item"]) >= 2
        }
        return {"objective", "key_result"} <= bare

    def holds_labels(self, block: Block) -> bool:
        """Whether a labelled objective or key result sits somewhere below a block."""
        return any(self.kind_of(b) in ("objective", "key_result") for b in block.walk() if b is not block)

    @staticmethod
    def items_are_objectives(h: Block) -> bool:
        """Most of a heading's items have lists of their own, and these items carry no figures
        (key results do): the items are objectives, the heading groups them."""
        items = [c for c in h.children if c.kind == "item"]
        nested = [i for i in items if any(c.kind == "item" for c in i.children)]
        measured = sum(1 for i in nested if has_quantity(i.parsed.text))
        return bool(nested) and len(nested) * 2 > len(items) and measured * 2 <= len(nested)

    @staticmethod
    def sibling_headings(h: Block) -> list[Block]:
        siblings = h.parent.children if h.parent is not None else []
        return [s for s in siblings if s is not h and s.kind == "heading" and s.level == h.level]

    def heading_is_parent_objective(self, h: Block) -> bool:
        """An unlabelled heading that states a goal over sub-headings that are objectives."""
        if not self.statement_like(h) or len(h.parsed.text.split()) < 3 or _GROUP_WORDS.search(h.text):
            return False
        if (_SHORT_GROUP_WORDS.search(h.text) and len(h.parsed.text.split()) <= 3) or find_cycle(h.text):
            return False
        below = [c for c in h.children if c.kind == "heading"]
        if not below or any(c.kind == "item" for c in h.children):
            return False
        return all(
            self.kind_of(c) == "objective" or (
                any(self.kind_of(i) == "key_result" for i in c.children)
                and not any(self.kind_of(i) == "objective" for i in c.walk() if i is not c)
            )  # (a sub-heading over its own labelled objective is a group: "### Example 1")
            for c in below
        )

    def paragraph(self, p: Block, following: Block | None, ctx: _Ctx) -> tuple[_Ctx, bool]:
        """Returns the context for what follows, and whether the paragraph is an objective label
        alone whose text is the next paragraph."""
        if p.italic and p.section is None:  # "_Key Results: 3-5 measurable results_": a note
            return ctx, False
        if not self.b.doc.okrs and not p.parsed.kind and (cycle := find_cycle(p.text)) and len(p.text.split()) <= 6:
            self.b.set_cycle(cycle)
            return ctx, False
        if p.bold and not p.parsed.kind and _PROSE_SECTIONS.match(p.parsed.text):
            return ctx._replace(prose=True, okr=None, mode=None), False  # "**Key Concepts**": until the next heading
        kind = self.kind_of(p)
        section = p.section
        if section is not None:
            if section == "objective":
                return ctx._replace(okr=None, mode="objective", from_heading=False), False
            return ctx._replace(mode=section, ending=None), False
        if (intro := self.introduces(p, following)) is not None:
            okr = ctx.okr if ctx.okr is not None else self.b.okr_without_objective(ctx.parent)
            return ctx._replace(okr=okr, mode=intro, ending=None), False
        if kind is None and self.other_label(p) and following is not None and following.kind == "item":
            # "**Constraints:**", "**Acceptance criteria:**": the list below is that, not key results
            self.consumed.update(id(i) for i in self.candidate_items(p))
            return ctx, False
        if kind is not None and not p.parsed.kind:  # a label alone: "**Objective 1**"
            if kind == "objective":
                return ctx._replace(okr=None), True
            return ctx._replace(mode=kind, ending=None), False
        if p.parsed.kind == "objective":
            if not self.usable(p):
                return ctx, False
            okr = self.objective(p, ctx)
            if p.children:  # a text file's indented bullets under "Objective 1: ...": its key results
                self.sequence(p.children, ctx._replace(okr=okr, mode=None, from_heading=True))
            return ctx._replace(okr=okr, mode=None, from_heading=False), False
        if p.parsed.kind in ("key_result", "initiative"):
            if self.usable(p):
                okr = self.attach(p, p.parsed.kind, ctx)
                return ctx._replace(okr=okr), False
            return ctx, False
        if ctx.okr is not None and (field := field_of(p.text)):
            self.set_field(ctx.okr, field)
            return ctx, False
        if ctx.prose or not self.statement_like(p):
            return ctx, False
        if ctx.mode == "objective":
            okr = self.objective(p, ctx)
            return ctx._replace(okr=okr, from_heading=False), False
        if ctx.mode in ("key_result", "initiative") and ctx.okr is not None:
            ending = _ending(p.parsed.text)
            if ctx.ending is not None and ending != ctx.ending:
                return ctx._replace(mode=None, ending=None), False
            self.attach(p, ctx.mode, ctx)  # under "Key Results", one statement a line
            return ctx._replace(ending=ending), False
        if ctx.from_heading:
            return ctx, False  # the description of the heading's objective
        items = self.candidate_items(p)
        short = p.bold or len(p.parsed.text.split()) <= 25
        if items and short and any(self.kind_of(i) == "key_result" for i in items):
            okr = self.objective(p, ctx)  # over a list of labelled key results
            return ctx._replace(okr=okr, mode=None), False
        if self.labels_statements(p):
            return ctx, False  # a document that labels its statements says where each one is
        if _GROUP_WORDS.search(p.text):
            return ctx, False  # "**Effective Key Results are**": about OKRs
        leads_list = following is not None and following.kind == "item"
        short = p.bold or len(p.parsed.text.split()) <= 25
        if leads_list and self.in_pattern(p, ("paragraph", int(p.bold))) and short:
            okr = self.objective(p, ctx)
            return ctx._replace(okr=okr, mode=None), False
        if (
            not leads_list
            and (ctx.okr is None or self.after_okr(p))
            and self.in_pattern(p, ("paragraph", int(p.bold)))
            and len(p.parsed.text.split()) <= 15
            and not p.parsed.text.endswith((".", ":", ";"))
        ):
            okr = self.objective(p, ctx)  # an objective of this document's pattern with no key results yet
            return ctx._replace(okr=okr, mode=None), False
        return ctx, False

    def after_okr(self, p: Block) -> bool:
        """The block before this paragraph ends an OKR: a list (its key results) or a paragraph
        read as an objective. A paragraph there is not the description of the OKR above."""
        siblings = p.parent.children if p.parent is not None else []
        i = next((n for n, b in enumerate(siblings) if b is p), 0)
        before = siblings[i - 1] if i > 0 else None
        if before is None:
            return False
        return before.kind == "item" or any(
            okr.objective is not None and okr.objective.line == before.line for okr in self.b.doc.okrs[-1:]
        )

    @staticmethod
    def other_label(p: Block) -> bool:
        """A short bold label with a colon that names no kind of statement: it heads a list of
        its own (constraints, criteria, notes)."""
        text = p.text.strip()
        return p.bold and text.rstrip("*_ ").endswith(":") and len(text.split()) <= 4 and p.section is None

    def introduces(self, p: Block, following: Block | None) -> StatementKind | None:
        """'... the key results I'm going to work on are:' over a list: a sentence that says what
        the list is. Only a list that measures things (half its items or more carry figures) is
        taken at its word; 'Good key results are:' over a list of qualities is about OKRs."""
        text = p.text.rstrip().rstrip("*_")
        if not text.endswith(":") or following is None or following.kind != "item" or p.parent is None:
            return None
        last = _SENTENCE_BREAK.split(text)[-1]
        named = _INTRO_NAMES.search(last)
        if named is None:
            return None
        items = self.candidate_items(p)
        if self.manual or any(i.term or self.kind_of(i) for i in items):
            return None  # a manual's feature list; a glossary of terms
        items = [i for i in items if self.statement_like(i)]
        if not items or sum(1 for i in items if _DIGIT.search(i.parsed.text)) * 2 < len(items):
            return None
        return label_kind(named.group(1))

    def items(self, items: list[Block], ctx: _Ctx) -> _Ctx:
        """One list, read as a whole: its items share a role unless labelled otherwise."""
        if ctx.prose and ctx.mode is None:  # explanations: only statements labelled as such, set out as an example
            items = [i for i in items if self.kind_of(i) or i.section or self.holds_labels(i)]
            if not items:
                return ctx
            if not any(self.kind_of(i) for i in items):  # "- Example:" over a labelled objective
                return self.objective_items(items, ctx)
        if self.names_the_kinds(items):
            return ctx
        labels = [self.kind_of(i) for i in items]
        if ctx.mode == "objective" or "objective" in labels:
            return self.objective_items(items, ctx)
        if ctx.okr is None:
            nested = [i for i in items if any(c.kind == "item" for c in i.children)]
            if nested and not ctx.prose and (self.in_pattern(items[0], ("item", items[0].depth)) or any(
                self.kind_of(c) in ("objective", "key_result") or c.section == "key_result"
                for i in nested for c in i.children
            )):
                return self.objective_items(items, ctx)
            if not any(label in ("key_result", "initiative") for label in labels):
                return ctx
        for item in items:
            ctx = ctx._replace(okr=self.item_statement(item, ctx))
        return ctx

    def objective_items(self, items: list[Block], ctx: _Ctx) -> _Ctx:
        okr = ctx.okr
        for item in items:
            kind = self.kind_of(item)
            section = item.section
            if section in ("key_result", "initiative"):
                self.sequence(item.children, ctx._replace(okr=okr, mode=section, ending=None))
                continue
            if kind in ("key_result", "initiative"):
                self.item_statement(item, ctx._replace(okr=okr))
                continue
            if kind is None and (not self.statement_like(item)):
                if self.holds_labels(item):
                    # "- Example:" over a labelled objective and its key results
                    self.sequence(item.children, ctx._replace(okr=None, mode=None, from_heading=False))
                continue
            if kind == "objective" and not item.parsed.kind:  # "- Objective 1" with its text below
                below = [c for c in item.children if c.kind in ("item", "paragraph")]
                if len(below) == 1 and self.statement_like(below[0]) and not self.kind_of(below[0]):
                    okr = self.objective(below[0], ctx)  # its one sub-item or line is the text
                    self.sequence(below[0].children, ctx._replace(okr=okr, mode=None, from_heading=False))
                    continue
                okr = self.b.okr_without_objective(ctx.parent)
            elif kind is None and not item.children and okr is not None and ctx.mode != "objective" \
                    and any(self.kind_of(i) == "objective" for i in items):
                self.item_statement(item, ctx._replace(okr=okr))
                continue
            else:
                if not self.usable(item):
                    continue
                okr = self.objective(item, ctx)
            self.sequence(item.children, ctx._replace(okr=okr, mode=None, from_heading=False))
        return ctx._replace(okr=okr, mode=ctx.mode if ctx.mode == "objective" else None)

    def item_statement(self, item: Block, ctx: _Ctx) -> int | None:
        """An item under an objective: a key result (or the kind its label or section says).
        Returns the OKR that later items attach to."""
        section = item.section
        if section is not None:
            sub = ctx._replace(mode=section, ending=None, okr=None if section == "objective" else ctx.okr)
            after = self.sequence(item.children, sub)
            return after.okr if section == "objective" else ctx.okr
        if (field := field_of(item.text)) and not item.parsed.kind:
            self.set_field(ctx.okr, field)
            return ctx.okr
        if item.italic and not item.parsed.kind:  # "- _replacing the listings_": a note, set in italics
            return ctx.okr
        if item.parsed.kind and not self.kind_of(item):  # "key results: for each objective, ...": a definition
            return ctx.okr
        kind = item.parsed.kind or ctx.mode or "key_result"
        if kind == "objective":
            okr = self.objective(item, ctx) if self.usable(item) else ctx.okr
            self.sequence(item.children, ctx._replace(okr=okr, mode=None, from_heading=False))
            return okr
        # under "Key Results:" or an objective's heading, the list says what its items are
        listed = (ctx.mode is not None or ctx.from_heading) and self.listed_statement(item)
        if (not item.parsed.kind and not (listed or self.statement_like(item))) or not self.usable(item):
            return ctx.okr
        okr = self.attach(item, kind, ctx)
        self.statement_children(item, ctx._replace(okr=okr))
        return okr

    def statement_children(self, block: Block, ctx: _Ctx) -> None:
        """Under a key result: labelled statements and section labels count; fields belong to
        it; other lines are its notes."""
        for child in block.children:
            kind = child.parsed.kind if child.kind != "table" else None
            section = child.section if child.kind != "table" else None
            if section in ("initiative", "key_result"):
                self.sequence(child.children, ctx._replace(mode=section, ending=None))
                if child.kind in ("heading", "paragraph"):
                    ctx = ctx._replace(mode=section, ending=None)
            elif kind in ("key_result", "initiative") and self.usable(child):
                self.attach(child, kind, ctx)
            elif child.kind == "item" and ctx.mode == "initiative" and self.statement_like(child):
                self.attach(child, "initiative", ctx)
            elif child.kind in ("item", "paragraph") and (field := field_of(child.text)):
                self.set_field(ctx.okr, field)
            elif child.kind == "heading" and self.kind_of(child) == "objective" and child.parsed.kind:
                # "#### Goal: ..." under a key result: what the key result aims at, not an objective
                self.set_field(ctx.okr, ("goal", "target", child.parsed.text))
                self.statement_children(child, ctx)
            elif child.kind == "heading":
                ctx = self.heading(child, ctx)

    @staticmethod
    def key_result_table(table: Block) -> bool:
        """A table with a key-result column and no objective column: the key results of the
        objective above it."""
        if not table.children:
            return False
        header = [_header(c) for c in table.children[0].cells]
        has = any(_KR_HEADER.fullmatch(h) for h in header)
        return has and not any(_COLUMNS["objective"].fullmatch(h) for h in header)

    def table(self, table: Block, ctx: _Ctx) -> _Ctx:
        rows = table.children
        if len(rows) < 2:
            return ctx
        header = [_header(c) for c in rows[0].cells]

        def col(name: str) -> int | None:
            pattern = _COLUMNS[name]
            return next((i for i, h in enumerate(header) if pattern.fullmatch(h)), None)

        c_obj, c_kr, c_init = col("objective"), col("key_result"), col("initiative")
        # more key-result columns only when numbered as such ("KR 1", "KR 2"), not a "Result" beside "KR"
        c_krs = [c_kr] if c_kr is not None else []
        c_krs += [i for i, h in enumerate(header) if i != c_kr and _NUMBERED_KR.fullmatch(h)]
        body = rows[1:]
        if c_kr is None and c_obj is None:
            # "| **KR 1** | text |": a label in the first column, the statement in the second
            labelled = [r for r in body if len(r.cells) >= 2 and generic_label(r.cells[0])]
            if labelled and len(labelled) * 2 >= len(body):
                for row in labelled:
                    kind = generic_label(row.cells[0])
                    block = Block("paragraph", row.cells[1], row.line)
                    if kind == "objective" and self.usable(block):
                        ctx = ctx._replace(okr=self.objective(block, ctx), from_heading=False)
                    elif kind and self.usable(block):
                        ctx = ctx._replace(okr=self.attach(block, kind, ctx))
                return ctx
            if col("kind") is None and col("number") is None:
                return ctx
        fields = {name: col(name) for name in ("owner", "baseline", "target", "current", "unit", "due")}
        c_progress = col("progress")

        def cell(cells: tuple[str, ...], i: int | None) -> str:
            return cells[i] if i is not None and i < len(cells) else ""

        def add(row: Block, kind: StatementKind, raw: str, ctx: _Ctx) -> _Ctx:
            if not raw or (ctx.okr is None and not self.vocab):
                return ctx
            parsed = parse_line(raw)
            if not self.usable(Block("paragraph", raw, row.line), parsed):
                return ctx
            extras = {k: cell(row.cells, i) or None for k, i in fields.items()}
            if extras["owner"] and not is_placeholder(extras["owner"]):
                parsed.owner = extras["owner"].lstrip("@")
            if c_progress is not None and cell(row.cells, c_progress):
                parsed.progress = cell(row.cells, c_progress)
            okr = ctx.okr if ctx.okr is not None else self.b.okr_without_objective(ctx.parent)
            stmt = self.b.statement(
                parsed, kind, row.line, self.column(row.line, parsed.text), raw=raw,
                baseline=_value(extras["baseline"]) if kind == "key_result" else None,
                target=_value(extras["target"]) if kind == "key_result" else None,
                current=_value(extras["current"]) if kind == "key_result" else None,
                unit=_value(extras["unit"]), due=_value(extras["due"]),
            )
            self.b.attach(stmt, okr)
            return ctx._replace(okr=okr)

        # "| 1.2 | Key result | Grow ARR from 1M to 2M |": a type or numbering column says
        # each row's kind, one column holds every statement
        c_kind = col("kind") if col("kind") is not None else col("number")
        c_text = next((i for i in (col("statement"), c_obj, c_kr) if i is not None and i != c_kind), None)
        if c_kind is not None and c_text is not None and not (c_obj is not None and c_kr is not None):
            kinds = [_row_kind(cell(r.cells, c_kind)) for r in body]
            mixed = len(set(kinds) - {None}) >= 2 or (c_obj is None and c_kr is None)  # not just "#" numbering
            if mixed and sum(k is not None for k in kinds) * 2 >= sum(1 for r in body if cell(r.cells, c_text)):
                for row, kind in zip(body, kinds, strict=True):
                    raw = cell(row.cells, c_text)
                    if kind == "objective":
                        block = Block("paragraph", raw, row.line)
                        if raw and self.usable(block):
                            ctx = ctx._replace(okr=self.objective(block, ctx), from_heading=False)
                    elif kind is not None:
                        ctx = add(row, kind, raw, ctx)
                return ctx

        last_objective = None
        for row in body:
            obj = cell(row.cells, c_obj)
            own = parse_line(obj).kind if obj else None
            if own == "key_result" or own == "initiative":  # "KR 1.2 - ...": its own label says what it is
                ctx = add(row, own, obj, ctx)
            elif obj and obj not in ('"', "〃", "^", "-", "—") and obj != last_objective:
                last_objective = obj
                block = Block("paragraph", obj, row.line)
                alone = sum(1 for c in row.cells if c.strip()) == 1
                note = alone and len(_SENTENCE_BREAK.findall(block.parsed.text)) >= 2  # a legend under the table
                if self.usable(block) and not note:
                    ctx = ctx._replace(okr=self.objective(block, ctx), from_heading=False)
            elif c_obj is None and c_kr is not None:
                # an objective row inside the table: its only filled cell, in bold, or numbered
                filled = [c for c in row.cells if c.strip()]
                first = row.cells[0] if row.cells else ""
                if len(filled) == 1 and first.strip() and first.startswith("**") and c_kr != 0:
                    block = Block("paragraph", first, row.line)
                    if self.usable(block):
                        ctx = ctx._replace(okr=self.objective(block, ctx), from_heading=False)
                    continue
            # "| Objective | KR 1 | KR 2 | KR 3 |": every key-result column, then the initiatives
            columns: list[tuple[StatementKind, int | None]] = [("key_result", i) for i in c_krs]
            for kind, idx in [*columns, ("initiative", c_init)]:
                ctx = add(row, kind, cell(row.cells, idx), ctx)
        return ctx


# What a table's header cell names (after _header): the kind of statement or field of its column
_COLUMNS = {
    name: re.compile("|".join(patterns))
    for name, patterns in {
        "objective": (
            r"objectives?(?: \d+| title| statement| description)?", r"goals?", r"o", r"okrs?",
            r"objectifs?", r"objetivos?", r"obiettiv[oi]", r"ziele?",  # French, Spanish, Italian, German
        ),
        "key_result": (
            r"key[\s\-]*results?(?: ?#?\d+| title| statement| description)?", r"krs?(?: ?#?\d+| description)?",
            r"results?", r"measures?(?: of success)?", r"metrics?",
            r"r[ée]sultats?[\s\-]+cl[ée]s?", r"resultados?[\s\-]+(?:clave|chave)", r"risultati chiave",
            r"schl[üu]ssel[\s\-]*ergebnisse?",
        ),
        "initiative": (r"initiatives?", r"actions?", r"projects?", r"tasks?", r"iniciativas?", r"iniziativ[ae]",
                       r"ma(?:ß|ss)nahmen?"),
        "owner": (r"owners?", r"who", r"dri", r"responsible", r"assignee", r"lead", r"responsables?",
                  r"verantwortlich(?:e|er)?", r"propri[ée]taire"),
        "baseline": (r"baseline", r"start(?:ing)?(?: value)?", r"from", r"startwert",
                     r"valeur (?:initiale|de d[ée]part)", r"valor inicial"),
        "current": (r"current(?: value)?", r"actual", r"latest", r"aktueller wert", r"valeur actuelle",
                    r"valor actual"),
        "target": (r"targets?(?: value)?", r"goal value", r"to", r"zielwert", r"cible", r"valeur cible", r"meta"),
        "unit": (r"units?",),
        "due": (r"due(?: date)?", r"deadline", r"by"),
        "progress": (r"progress", r"score", r"status", r"grade", r"% complete", r"completion", r"fortschritt",
                     r"progression", r"progreso", r"avance"),
        # a column that says each row's kind, and the one that then holds every statement
        "kind": (r"type", r"kind", r"level", r"okr type", r"item type", r"typ", r"tipo"),
        "number": (r"#", r"id", r"no\.?", r"number", r"ref", r"okr id"),
        "statement": (
            r"description", r"statement", r"title", r"text", r"name", r"titel", r"titre", r"t[íi]tulo",
            r"objectives? (?:and|&|/) key[\s\-]*results?", r"okr (?:statement|description|text)",
        ),
    }.items()
}
_NUMBERED_KR = re.compile(r"(?:key[\s\-]*results?|krs?) ?#?\d{1,2}")
_KR_HEADER = re.compile(r"key[\s\-]*results?(?: \d+)?|krs?")


_ROW_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3}){0,2})\.?")


def _row_kind(value: str) -> StatementKind | None:
    """The kind a type or numbering cell gives its row: "Objective", "KR", "O2", "KR 1.3";
    "1" an objective, "1.2" a key result, "1.2.1" an initiative."""
    kind = generic_label(value)
    if kind is not None:
        return kind
    m = _ROW_NUMBER.fullmatch(value.strip())
    return ("objective", "key_result", "initiative")[m.group(1).count(".")] if m else None


def is_table_header(cells: Sequence[str]) -> bool:
    """Whether a spreadsheet row heads a table of OKRs: every filled cell is short, they name
    two or more kinds of column this interpreter knows, and one of them the objectives, the
    key results or the kind of each row (a tracker's other columns, "W1", "Confidence",
    "Comments", are left be; "Objective 1" | "Objective 2" names one kind, and is no header)."""
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2 or any(len(c.split()) > 6 for c in filled):
        return False
    kinds = {kind for c in filled for kind, pattern in _COLUMNS.items() if pattern.fullmatch(_header(c))}
    return len(kinds) >= 2 and bool(kinds & {"objective", "key_result", "kind", "statement"})


def _header(cell: str) -> str:
    """A table header as the kind it names: "Target (KR)" -> "kr", "Key result (measurable)" ->
    "key result"; a kind in parentheses names the column's kind, other parentheses qualify."""
    text = " ".join(cell.replace("**", "").replace("__", "").lower().split())
    named = _HEADER_KIND.search(text)
    if named:
        return named.group(1)
    return text[: text.rfind("(")].rstrip() if text.endswith(")") and "(" in text else text


_HEADER_KIND = re.compile(r"\((krs?|key[\s\-]*results?|objectives?|initiatives?)\)")


def _ancestors(block: Block) -> list[Block]:
    found = []
    parent = block.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def _ending(text: str) -> str:
    return "." if text.rstrip().endswith((".", "!", "。")) else ""


def _value(text: str | None) -> str | None:
    return None if text is None or is_placeholder(text) else text


def column_in(lines: list[str], line: int, text: str) -> int:
    """The 1-based column where a statement's text starts on its line (1 when not found)."""
    if 1 <= line <= len(lines) and text:
        for size in (20, 10, 4):  # an annotation may sit inside the text: "Grow ARR `P1` from"
            pos = lines[line - 1].find(text[:size])
            if pos >= 0:
                return pos + 1
    return 1


def assign_roles(root: Block, builder: DocumentBuilder, lines: list[str]) -> None:
    """Read the statements of an outline into the builder's document."""
    _Roles(root, builder, lines).run()
