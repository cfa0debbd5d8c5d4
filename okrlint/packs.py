"""User rule packs: a team's own rules in YAML, without Python.

A pack is a YAML file in the format of rules/*.yaml (one rule, or `rules:` with a list of
them) whose rules say *what to look for* under `match:` instead of naming a check module:

- `head`: words or phrases for the statement's main verb, compared with its lemma
  ("attend" matches "Attend 5 conferences" and "The team attends 4 meetups");
- `phrases`: words or phrases anywhere in the statement (whole words, any case);
- `patterns`: spaCy Matcher token patterns, evaluated here on the statement's cached
  tokens (okrlint.model.Token), so a run never needs spaCy for them. The supported keys
  are SUPPORTED_ATTRS, the value forms SUPPORTED_PREDICATES, and the operators of OPS;
- `unless-measurable`: do not fire when the statement is measurable (Statement.measurable).

The rule fires when any of them matches. Configuration loads packs with
`extend-rules = ["path"]`; `okrlint test-rules PATH` runs a pack's examples.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from okrlint.checks import Context
from okrlint.escape import say
from okrlint.files import FileProblem, read_regular
from okrlint.model import StatementKind, Token
from okrlint.rulebook import Example, Rule, RuleError, load_rules

# Matcher keys read from okrlint's Token (TEXT and ORTH are the same attribute in spaCy).
SUPPORTED_ATTRS = {
    "TEXT": "text",
    "ORTH": "text",
    "LOWER": "lower",
    "LEMMA": "lemma",
    "POS": "pos",
    "TAG": "tag",
    "DEP": "dep",
}
SUPPORTED_PREDICATES = ("IN", "NOT_IN", "REGEX")
OPS = ("!", "?", "+", "*", "{n}", "{n,m}", "{n,}", "{,m}")
EXTENSIONS = ("head",)  # {"_": {"head": true}}: the token okrlint took as the statement's main verb
PACK_SUFFIXES = (".yaml", ".yml")
# A pack is a few kilobytes; the bound keeps a hostile one from filling memory.
MAX_PACK_BYTES = 1 << 20
# A pattern's REGEX gets this long on one token's text: the `regex` module can stop a search,
# and one that takes this long (nested repetition such as ^(a+)+$) would take hours on a run.
REGEX_TIMEOUT = 0.25

_CODE = re.compile(r"[A-Z][A-Z0-9]*[0-9]")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_COUNT = re.compile(r"\{(\d*)(,?)(\d*)\}")


class Match(BaseModel):
    """What a pack rule looks for; it fires when any part matches."""

    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)
    head: list[str] = []
    phrases: list[str] = []
    patterns: list[list[dict[str, Any]]] = []
    unless_measurable: bool = Field(default=False, alias="unless-measurable")

    @model_validator(mode="after")
    def _something(self) -> Match:
        if not (self.head or self.phrases or self.patterns):
            raise ValueError("give at least one of head, phrases or patterns")
        for what, words in (("head", self.head), ("phrases", self.phrases)):
            if any(not w.strip() for w in words):
                raise ValueError(f"{what}: empty word")
        return self


# -- the matcher ------------------------------------------------------------------------------
Predicate = Callable[[str], bool]


class PatternError(RuleError):
    """A Matcher pattern that cannot be used: `field` says where in it, `reason` what is wrong."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field, self.reason = field, reason


@dataclass(frozen=True)
class TokenSpec:
    """One dict of a Matcher pattern: attribute tests, how many tokens, negated or not."""

    tests: tuple[tuple[str, Predicate], ...]
    head: bool | None
    low: int
    high: int | None
    negated: bool

    def accepts(self, token: Token, is_head: bool) -> bool:
        ok = all(test(getattr(token, attr)) for attr, test in self.tests)
        ok = ok and (self.head is None or self.head == is_head)
        return not ok if self.negated else ok


def _member(words: frozenset[str], negate: bool) -> Predicate:
    def test(value: str) -> bool:
        return (value in words) != negate

    return test


def _search(rx: Any, where: str) -> Predicate:
    def test(value: str) -> bool:
        try:
            return rx.search(value, timeout=REGEX_TIMEOUT) is not None
        except TimeoutError:
            raise PatternError(
                where, f"regular expression took over {REGEX_TIMEOUT:g} s on a word of {len(value):,} characters "
                "(nested repetition such as (a+)+?); rewrite it"
            ) from None

    return test


def _predicate(value: Any, where: str) -> Predicate:
    if isinstance(value, str):
        return lambda v: v == value
    if isinstance(value, dict) and value:
        tests: list[Predicate] = []
        for key, arg in value.items():
            name = str(key).upper()
            if name in ("IN", "NOT_IN"):
                if not isinstance(arg, list) or not all(isinstance(a, str) for a in arg):
                    raise PatternError(f"{where}.{key}", "must be a list of strings")
                tests.append(_member(frozenset(arg), negate=name == "NOT_IN"))
            elif name == "REGEX":
                import regex  # only a pack with a REGEX pays for the import

                try:
                    rx = regex.compile(str(arg), flags=regex.V0)  # V0: the syntax of Python's re
                except (regex.error, ValueError, RecursionError) as exc:
                    raise PatternError(f"{where}.{key}", f"invalid regular expression: {exc}") from None
                tests.append(_search(rx, f"{where}.{key}"))
            else:
                raise PatternError(
                    where, f"unsupported predicate {key!r} (supported: {', '.join(SUPPORTED_PREDICATES)})"
                )
        return lambda v: all(t(v) for t in tests)
    raise PatternError(where, f"must be a string or a mapping such as {{IN: [...]}}, not {value!r}")


def _quantity(op: Any, where: str) -> tuple[int, int | None, bool]:
    """min, max and negation of a Matcher OP."""
    if op is None:
        return 1, 1, False
    fixed = {"!": (1, 1, True), "?": (0, 1, False), "+": (1, None, False), "*": (0, None, False)}
    if op in fixed:
        return fixed[op]
    m = _COUNT.fullmatch(str(op))
    if m and (m.group(1) or m.group(3)):
        low = int(m.group(1) or 0)
        high = int(m.group(3)) if m.group(3) else (None if m.group(2) else low)
        if high is None or low <= high:
            return low, high, False
    raise PatternError(f"{where}.OP", f"{op!r} is not an operator (one of {', '.join(OPS)})")


def compile_pattern(pattern: list[dict[str, Any]], where: str) -> tuple[TokenSpec, ...]:
    """A Matcher pattern (a list of token dicts) checked and turned into TokenSpecs."""
    if not pattern:
        raise PatternError(where, "a pattern needs at least one token")
    specs = []
    for i, token in enumerate(pattern):
        at = f"{where}[{i}]"
        if not isinstance(token, dict):
            raise PatternError(at, "a token must be a mapping such as {LEMMA: attend}")
        tests: list[tuple[str, Predicate]] = []
        head: bool | None = None
        op = None
        for key, value in token.items():
            name = str(key).upper()
            if name == "OP":
                op = value
            elif name == "_":
                if (
                    not isinstance(value, dict)
                    or set(value) - set(EXTENSIONS)
                    or not all(isinstance(v, bool) for v in value.values())
                ):
                    raise PatternError(f"{at}._", "only {head: true|false} is supported")
                head = value.get("head")
            elif name in SUPPORTED_ATTRS:
                tests.append((SUPPORTED_ATTRS[name], _predicate(value, f"{at}.{key}")))
            else:
                known = ", ".join([*dict.fromkeys(SUPPORTED_ATTRS), "OP", "_"])
                raise PatternError(at, f"unsupported key {key!r} (supported: {known})")
        low, high, negated = _quantity(op, at)
        specs.append(TokenSpec(tuple(tests), head, low, high, negated))
    return tuple(specs)


def find(specs: Sequence[TokenSpec], tokens: Sequence[Token], head: int | None = None) -> tuple[int, int] | None:
    """The first (leftmost, then longest) non-empty span of `tokens` the pattern matches.

    Memoised over (pattern position, token position), so a pattern of P tokens on a
    statement of T tokens costs at most P*T*T steps, whatever its operators.
    """
    n = len(tokens)
    memo: dict[tuple[int, int], frozenset[int]] = {}

    def ends(p: int, t: int) -> frozenset[int]:
        if p == len(specs):
            return frozenset((t,))
        key = (p, t)
        if key in memo:
            return memo[key]
        spec = specs[p]
        out: set[int] = set()
        count = 0
        if spec.low == 0:
            out |= ends(p + 1, t)
        while (spec.high is None or count < spec.high) and t + count < n:
            if not spec.accepts(tokens[t + count], t + count == head):
                break
            count += 1
            if count >= spec.low:
                out |= ends(p + 1, t + count)
        memo[key] = frozenset(out)
        return memo[key]

    for start in range(n):
        stops = [e for e in ends(0, start) if e > start]
        if stops:
            return start, max(stops)
    return None


# -- pack rules -------------------------------------------------------------------------------
class PackRule(Rule):
    """A rule from a user pack: a Rule whose check is its `match:` section."""

    applies_to: list[StatementKind] = Field(alias="applies-to")  # type: ignore[assignment]
    summary: str = ""
    rationale: str = ""
    source: str = ""
    match: Match
    _patterns: tuple[tuple[TokenSpec, ...], ...] = ()
    _broken: str | None = None  # why the rule stopped matching in this run

    @model_validator(mode="after")
    def _pack_rule(self) -> PackRule:
        # Messages start with the field they are about; _rule_from turns that into "field '...'".
        if not _CODE.fullmatch(self.code):
            raise ValueError(f"code: {self.code!r}: use capitals and digits ending in a digit, such as ACME101")
        if self.code.startswith("OKR"):
            raise ValueError(f"code: {self.code!r}: codes starting with OKR are okrlint's own; use your own prefix")
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"name: {self.name!r}: use lowercase words joined by dashes, such as no-attendance-krs")
        if self.lexicons or self.parameters:
            which = "lexicons" if self.lexicons else "parameters"
            raise ValueError(f"{which}: only built-in rules have {which}; list a pack rule's words under match")
        if not self.examples.bad:
            raise ValueError("examples.bad: give at least one bad example (okrlint test-rules runs them)")
        for label, examples in (("bad", self.examples.bad), ("good", self.examples.good)):
            for i, ex in enumerate(examples):
                if ex.document is None and ex.kind not in self.applies_to:
                    raise ValueError(f"examples.{label}[{i}].kind: {ex.kind} is not in applies-to")
        if not self.summary:
            self.summary = self.message.replace("{detail}", "...")
        return self

    def compile(self) -> None:
        """Check the Matcher patterns and keep them compiled (PatternError names the token)."""
        self._patterns = tuple(
            compile_pattern(pattern, f"match.patterns[{i}]") for i, pattern in enumerate(self.match.patterns)
        )

    def check(self, ctx: Context) -> str | None:
        """The engine calls this like a check module's check(): None, or the matched words."""
        if self.match.unless_measurable and ctx.measurable:
            return None
        if self.match.head:
            phrase = ctx.head_phrase([w.lower() for w in self.match.head])
            if phrase:
                return f"'{ctx.anatomy.head}'" if " " not in phrase else f"'{phrase}'"
        if self.match.phrases:
            phrase = ctx.has_phrase([w.lower() for w in self.match.phrases])
            if phrase:
                return f"'{phrase}'"
        tokens = ctx.tokens
        for specs in self._patterns if self._broken is None else ():
            try:
                span = find(specs, tokens, ctx.head_index)
            except PatternError as exc:  # a REGEX that ran too long: the rest of the run goes without it
                rest = f"{self.code} was off for the rest of the run"
                self._broken = f"{self.path}: field {exc.field!r}: {exc.reason}; {rest}"
                _BROKEN.append(self._broken)
                return None
            if span:
                first, last = tokens[span[0]], tokens[span[1] - 1]
                text = ctx.stmt.text[first.idx : last.idx + len(last.text)]
                if not text.strip() or ctx.stmt.text[first.idx : first.idx + len(first.text)] != first.text:
                    text = " ".join(t.text for t in tokens[span[0] : span[1]])
                return f"'{text}'"
        return None


def _field(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _rule_from(data: Any, path: Path, prefix: str) -> PackRule:
    if not isinstance(data, dict):
        raise RuleError(f"{path}: {prefix or 'the file'}: a rule must be a mapping of fields (code, name, ...)")
    try:
        rule = PackRule.model_validate({**data, "path": str(path)})
        rule.compile()
    except ValidationError as exc:
        err = exc.errors()[0]
        field = _field(err["loc"])
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        elif err["type"] == "missing":
            msg = "required field is missing"
        elif err["type"] == "value_error" and ": " in msg:
            inner, msg = msg.split(": ", 1)
            field = f"{field}.{inner}" if field else inner
        raise RuleError(f"{path}: field {prefix + field!r}: {msg}") from None
    except PatternError as exc:
        raise RuleError(f"{path}: field {prefix + exc.field!r}: {exc.reason}") from None
    return rule


@lru_cache(maxsize=64)
def _load_file(path: str, _mtime: int) -> tuple[PackRule, ...]:
    file = Path(path)
    try:
        text = read_regular(file, MAX_PACK_BYTES).decode("utf-8")
        data = yaml.safe_load(text)
    except FileProblem as exc:
        raise RuleError(f"{path}: cannot read rule pack: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: not UTF-8 text (byte {exc.start}); save the pack as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        raise RuleError(f"{path}: {line}invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    except (ValueError, RecursionError) as exc:  # an integer of thousands of digits; nesting too deep
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(";")[0]
        raise RuleError(f"{path}: invalid YAML: {reason}") from None
    if isinstance(data, dict) and "rules" in data:
        extra = set(data) - {"rules", "description"}
        if extra:
            raise RuleError(f"{path}: field {sorted(extra)[0]!r}: unknown field (a pack has rules and description)")
        items = data["rules"]
        if not isinstance(items, list) or not items:
            raise RuleError(f"{path}: field 'rules': must be a non-empty list of rules")
        return tuple(_rule_from(item, file, f"rules[{i}].") for i, item in enumerate(items))
    return (_rule_from(data, file, ""),)


def pack_files(path: Path) -> list[Path]:
    """A pack path: a YAML file, or a directory of them."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file())
    if not path.exists():
        raise RuleError(f"{path}: rule pack not found")
    return [path]


_LOADED: dict[str, PackRule] = {}
_BROKEN: list[str] = []


def broken_rules(clear: bool = False) -> list[str]:
    """Why pack rules stopped matching since the last clear (a run with any is incomplete);
    `clear` then switches them on again, for the next run in this process."""
    out = list(_BROKEN)
    if clear:
        _BROKEN.clear()
        for rule in _LOADED.values():
            rule._broken = None
    return out


def load_packs(paths: Sequence[Path]) -> tuple[PackRule, ...]:
    """Every rule of every pack (a file, or a directory of *.yaml / *.yml files). A code or
    name used twice, or already used by a built-in rule, is an error."""
    seen = {key: "a built-in rule" for r in load_rules() for key in (r.code, r.name)}
    files: dict[Path, Path] = {}
    for path in paths:
        for file in pack_files(path):
            files.setdefault(file.resolve(), file)
    out: list[PackRule] = []
    for resolved, file in files.items():
        for rule in _load_file(os.path.normpath(file), resolved.stat().st_mtime_ns):
            for key in (rule.code, rule.name):
                if key in seen:
                    raise RuleError(f"{rule.path}: {key!r} is already used by {seen[key]}")
                seen[key] = rule.path
            out.append(rule)
            _LOADED[rule.code] = rule
    return tuple(out)


def loaded_rule(code: str) -> PackRule | None:
    """A pack rule loaded in this process, by code (for scoring weights)."""
    return _LOADED.get(code)


# -- okrlint test-rules -----------------------------------------------------------------------
def _example_findings(rule: PackRule, examples: Sequence[Example]) -> list[list[str]]:
    """For each example, the messages of the rule's findings on it."""
    from okrlint.api import lint_documents, lint_text
    from okrlint.config import Config
    from okrlint.model import OKR, Document, Statement

    config = Config(extend_rules=[str(Path(rule.path).resolve())], select=[rule.code])
    items = []
    for ex in examples:
        if ex.document is not None:
            continue
        stmt = Statement(kind=ex.kind, text=ex.text, line=1)
        okr = OKR(
            objective=stmt if ex.kind == "objective" else None,
            key_results=[stmt] if ex.kind == "key_result" else [],
            initiatives=[stmt] if ex.kind == "initiative" else [],
        )
        items.append((Document(path="example", format="markdown", okrs=[okr]), "", config))
    statement_results = iter(lint_documents(items))
    out = []
    for ex in examples:
        if ex.document is not None:
            findings = lint_text(ex.document, format=ex.format, path="example", config=config).findings
        else:
            findings = next(statement_results).findings
        out.append([f.message for f in findings if f.code == rule.code])
    return out


def run_pack_examples(paths: Sequence[Path], out: TextIO) -> bool:
    """Run the examples of every rule in the packs: a bad example must be flagged by its rule
    and a good one must not be. Prints one line per example; True when all pass."""
    rules = load_packs(paths)
    passed = failed = 0
    shown = ""
    for rule in rules:
        if rule.path != shown:
            say(rule.path, file=out)
            shown = rule.path
        say(f"  {rule.code} {rule.name}", file=out)
        cases = [("bad", ex) for ex in rule.examples.bad] + [("good", ex) for ex in rule.examples.good]
        for (verdict, ex), messages in zip(cases, _example_findings(rule, [ex for _, ex in cases]), strict=True):
            ok = bool(messages) == (verdict == "bad")
            passed, failed = passed + ok, failed + (not ok)
            why = "" if ok else (": not flagged" if verdict == "bad" else f": flagged ({messages[0]})")
            text = ex.text if ex.document is None else f"{ex.text} (document)"
            say(f"    {'pass' if ok else 'FAIL'}  {verdict:4}  {text}{why}", file=out)
    total = passed + failed
    say(f"{total} example{'s' if total != 1 else ''}: {passed} passed, {failed} failed", file=out)
    return failed == 0
