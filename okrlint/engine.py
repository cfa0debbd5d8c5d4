"""The rule engine: runs the enabled rules on analysed documents and applies suppressions.

No rule knows about files or formats; the engine gives each check a Context and turns its
answer into a Finding with the rule's code, name, severity and message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, get_args

from okrlint.checks import ALL_RULES, Context, Directive, DocumentContext, Hit, Lexicons, check_module
from okrlint.classify import classify, foreign_statements
from okrlint.config import Config
from okrlint.model import Document, Finding, Severity, StatementKind
from okrlint.readers.base import editor_lines
from okrlint.rulebook import Rule

_DIRECTIVE = re.compile(
    r"okrlint(?::\s*|-)(?P<verb>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?:\s*=\s*|\s+)?(?P<rules>[\w\-, ]*)"
)
ALL = ALL_RULES
_STATEMENT_KINDS = frozenset(get_args(StatementKind))
# The rule that reports suppression comments that name no rule or switch nothing off: it runs
# last, when every other rule has had its say.
UNUSED_SUPPRESSION = "unused-suppression"


@dataclass
class Suppressions:
    """Which rules are switched off on which lines, from comments in the source, and the
    comment that switched each off (to tell which comments did something)."""

    by_line: dict[int, set[str]]
    whole_file: set[str]
    directives: list[Directive] = field(default_factory=list)
    origin: dict[tuple[int, str], Directive] = field(default_factory=dict)  # (line, key); line 0: the file

    def _keys(self, line: int) -> set[str]:
        if not self.whole_file and line not in self.by_line:  # most lines of most files
            return set()
        return self.whole_file | self.by_line.get(line, set())

    def covers(self, line: int, rule: Rule) -> bool:
        return bool(self._keys(line) & {ALL, rule.name, rule.code.lower()})

    def names(self, line: int, rule: Rule) -> bool:
        """Whether a comment names this rule for this line (a bare comment, which covers every
        rule, does not count: it would hide its own unused-suppression finding)."""
        return bool(self._keys(line) & {rule.name, rule.code.lower()})

    def use(self, line: int, rule: Rule) -> bool:
        """covers(), and each comment that covers the finding is marked as used."""
        if not self.covers(line, rule):
            return False
        for key in (ALL, rule.name, rule.code.lower()):
            for where in (line, 0):
                directive = self.origin.get((where, key))
                if directive is not None:
                    directive.used.add(key)
        return True


def parse_suppressions(text: str) -> Suppressions:
    """Markdown `<!-- okrlint-disable-next-line RULE -->`, `<!-- okrlint-disable RULE -->` ...
    `<!-- okrlint-enable -->`, and YAML `# okrlint: disable=RULE` (same line, or the next
    line when the comment stands alone)."""
    by_line: dict[int, set[str]] = {}
    whole: set[str] = set()
    open_ranges: dict[str, Directive] = {}
    lines = editor_lines(text)
    pending_next: dict[str, Directive] = {}
    directives: list[Directive] = []
    origin: dict[tuple[int, str], Directive] = {}

    def switch_off(number: int, keys: dict[str, Directive]) -> None:
        by_line.setdefault(number, set()).update(keys)
        for key, directive in keys.items():
            origin[(number, key)] = directive

    for number, line in enumerate(lines, start=1):
        if pending_next and line.strip():
            switch_off(number, pending_next)
            pending_next = {}
        if open_ranges:
            switch_off(number, open_ranges)
        m = _DIRECTIVE.search(line)
        if not m:
            continue
        names = re.split(r"[,\s]+", m.group("rules") or "")
        names = [r.rstrip("-") for r in names]  # "kr-output-->" written without a space
        rules = {r.lower() for r in names if re.fullmatch(r"[A-Za-z][\w\-]*", r)} or {ALL}
        verb = m.group("verb")
        before = line[: m.start()].strip().rstrip("#").strip()
        standalone = not before or before.endswith("<!--")
        directive = Directive(line=number, names=sorted(rules - {ALL}))
        if verb != "enable":
            directives.append(directive)
        named = dict.fromkeys(rules, directive)
        if verb == "disable-next-line" or (verb == "disable" and "okrlint:" in m.group(0) and standalone):
            pending_next.update(named)
        elif verb == "disable-line" or (verb == "disable" and "okrlint:" in m.group(0)):
            switch_off(number, named)
        elif verb == "disable-file":
            whole |= rules
            origin.update({(0, key): directive for key in rules})
        elif verb == "disable":
            for r in rules:
                open_ranges.setdefault(r, directive)
        elif verb == "enable":
            for r in list(open_ranges) if ALL in rules else rules:
                open_ranges.pop(r, None)
    return Suppressions(by_line, whole, directives, origin)


def _check_of(rule: Rule) -> Any:
    """Where a rule's check lives: its okrlint/checks module, or (a user pack rule) the rule.
    (Asked of the class: a pydantic model answers a missing attribute by raising, which is slow.)"""
    return rule if hasattr(type(rule), "check") else check_module(rule.name)


def _message(rule: Rule, detail: str) -> str:
    return rule.message.replace("{detail}", detail) if "{detail}" in rule.message else f"{rule.message} ({detail})"


def run_rules(doc: Document, config: Config, source: str = "") -> list[Finding]:
    """All enabled rules on one analysed document, suppressions applied, in line order."""
    rules = config.enabled_rules(doc.path)
    lex = Lexicons(config.lexicon_lists())
    suppress = parse_suppressions(source)
    quiet = not suppress.by_line and not suppress.whole_file  # most documents: nothing suppressed
    findings: list[Finding] = []
    # each rule's check and parameters, looked up once per document, not once per statement
    plan = [(rule, _check_of(rule), config.params(rule)) for rule in rules]
    severity = {id(rule): config.severity(rule) for rule in rules}
    statement_checks = [c for c in plan if set(c[0].applies_to) & _STATEMENT_KINDS and hasattr(c[1], "check")]
    per_statement = {id(rule) for rule, _, _ in statement_checks}
    checks_for = {kind: [c for c in statement_checks if kind in c[0].applies_to] for kind in get_args(StatementKind)}
    foreign = foreign_statements(doc, lex["foreign_function_words"])  # not-english reports them
    for index, okr in enumerate(doc.okrs):
        for stmt in okr.statements():
            if stmt.anatomy is None:
                continue
            english = not (foreign and id(stmt) in foreign)
            # one Context per statement: what it caches (words, head index) is the same for every rule
            ctx = Context(stmt=stmt, anatomy=stmt.anatomy, okr=okr, params={}, lex=lex)
            if english:
                stmt.category = classify(ctx)  # the classify stage: what the statement is, for every rule
            for rule, module, params in checks_for[stmt.kind]:
                if not english and not rule.any_language:
                    continue  # an English parse of another language: only the rules that read digits
                ctx.params = params
                detail = module.check(ctx)
                if detail and not quiet and suppress.use(stmt.line, rule):
                    continue
                if detail:
                    hit = Hit(detail, stmt.kind, stmt.line, stmt.text, index, stmt.column)
                    tailored = english and hasattr(module, "suggest")
                    suggestion = module.suggest(ctx) if tailored else rule.suggestion
                    findings.append(_finding(rule, severity[id(rule)], hit, suggestion, doc.path))
    last = []
    for rule, module, params in plan:
        if id(rule) in per_statement:
            continue
        if rule.name == UNUSED_SUPPRESSION:
            last.append((rule, module, params))
            continue
        dctx = DocumentContext(doc=doc, params=params, lex=lex, foreign=foreign)
        for hit in module.check_document(dctx):
            if quiet or not suppress.use(hit.line, rule):
                findings.append(_finding(rule, severity[id(rule)], hit, rule.suggestion, doc.path))
    for rule, module, params in last if suppress.directives else ():
        known = frozenset(key.lower() for r in config.all_rules() for key in (r.name, r.code))
        dctx = DocumentContext(doc=doc, params=params, lex=lex, directives=suppress.directives, known_rules=known)
        for hit in module.check_document(dctx):
            if not suppress.names(hit.line, rule):
                findings.append(_finding(rule, severity[id(rule)], hit, rule.suggestion, doc.path))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    if doc.format in ("csv", "spreadsheet"):
        _name_cells(doc, findings)
    return findings


def _name_cells(doc: Document, findings: list[Finding]) -> None:
    """In a spreadsheet each finding names its statement's cell (an OKR's: its objective's)."""
    cells: dict[tuple[int, int], str] = {}
    rows: dict[int, str] = {}
    for stmt in doc.statements():
        if stmt.cell:
            cells.setdefault((stmt.line, stmt.column), stmt.cell)
            rows.setdefault(stmt.line, stmt.cell)
    for finding in findings:
        finding.cell = cells.get((finding.line, finding.column)) or rows.get(finding.line)


def _finding(rule: Rule, severity: Severity, hit: Hit, suggestion: str, path: str) -> Finding:
    return Finding(
        code=rule.code,
        name=rule.name,
        kind=hit.kind,
        text=hit.text,
        line=hit.line,
        column=hit.column,
        severity=severity,
        message=_message(rule, hit.message),
        okr=hit.okr,
        suggestion=suggestion or None,
        weight=rule.weight,
        path=path,
    )
