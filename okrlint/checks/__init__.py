"""Rule checks: one small module per rule, named after the rule (kr-output -> kr_output.py).

A statement check is `check(ctx) -> str | None`: None when the statement passes, else a
short detail for the message. A document check is `check_document(dctx) -> Iterable[Hit]`.
Checks never see files, configuration or output formats: the engine does that.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from types import ModuleType
from typing import Any, Generic, TypeVar, overload

from okrlint.model import OKR, Anatomy, Document, FindingKind, Quantity, Statement, Token
from okrlint.nlp.quantities import MONTHS

_T = TypeVar("_T")
_IDX = attrgetter("idx")  # a token's offset in the text: tokens are in that order


class Lexicons(dict[str, frozenset[str]]):
    """Shared word lists (rules/lexicons.yaml plus configuration), as sets of phrases. A dict,
    so that the checks' many lookups stay in C. A list nobody defined is a mistake in a check
    (a misspelt name would silently match nothing), so asking for one raises."""

    def __missing__(self, name: str) -> frozenset[str]:
        raise KeyError(f"no word list {name!r} in rules/lexicons.yaml")


@lru_cache(maxsize=128)
def union(*lists: frozenset[str]) -> frozenset[str]:
    """Several word lists as one, made once: the lists are the same objects for every statement
    of a configuration, and a union per statement was a measurable part of a run."""
    return frozenset().union(*lists)


class cached_property(Generic[_T]):
    """functools.cached_property without the lock Python 3.11 takes on every first access: a
    Context lives in one thread and is made once per statement, so the lock buys nothing."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> _T | cached_property[_T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass
class Context:
    """What a statement check sees: the statement, its anatomy, its OKR, parameters, lexicons."""

    stmt: Statement
    anatomy: Anatomy
    okr: OKR | None
    params: dict[str, Any]
    lex: Lexicons

    @property
    def tokens(self) -> list[Token]:
        return self.anatomy.tokens

    @property
    def lemma(self) -> str:
        return self.anatomy.lemma or ""

    @cached_property
    def measurable(self) -> bool:
        """Statement.measurable: a quantity in the text, or a target, baseline or current field."""
        return self.stmt.measurable

    @cached_property
    def words(self) -> str:
        return " " + " ".join(t.lower for t in self.tokens) + " "

    def head_phrase(self, phrases: Iterable[str]) -> str | None:
        """The phrase ("work on", "improve") that the statement's head verb starts, if any."""
        head = self.head_index
        if head is None:
            return None
        tokens = self.tokens
        candidates = _by_first_word(_frozen(phrases))
        starting = candidates.get(tokens[head].lemma)
        if not starting:
            return None
        after = [t.lower for t in tokens[head + 1 : head + 3]]
        best = None
        for phrase, rest in starting:
            if after[: len(rest)] == rest and (best is None or len(phrase) > len(best)):
                best = phrase
        return best

    @cached_property
    def head_index(self) -> int | None:
        if self.anatomy.head is None:
            return None
        for i, t in enumerate(self.tokens):
            if t.text == self.anatomy.head and t.lemma == self.anatomy.lemma:
                return i
        return None

    @cached_property
    def lower_text(self) -> str:
        return self.stmt.text.lower()

    def has_phrase(self, phrases: Iterable[str]) -> str | None:
        """The first phrase of the list that occurs as whole words in the statement."""
        ordered, gate = _longest_first(phrases)
        text = self.lower_text
        if gate is not None and gate.search(text) is None:
            return None  # most statements: no word of any phrase is even in the text
        words = self.words
        for phrase, padded in ordered:
            if padded in words or (phrase in text and _whole_words(phrase).search(text)):
                return phrase
        return None

    def whole_of(self, q: Quantity) -> Token | None:
        """What a quantity is a share of, when 'of' follows it: the head of the noun phrase
        ('40% of legacy apps' -> apps, '100% of customer data' -> data)."""
        if self.lower_text[q.end : q.end + 4] != " of ":
            return None
        tokens = self.tokens
        of = next((i for i, t in enumerate(tokens) if t.idx == q.end + 1), None)
        return next((t for t in tokens if of is not None and t.head == of and t.dep == "pobj"), None)

    def counted_nouns(self, quantities: Iterable[Quantity] | None = None) -> list[Token]:
        """The noun each number counts: "5 blog posts" -> posts, "12 streams" -> streams."""
        out = []
        tokens = self.tokens
        for q in self.anatomy.quantities if quantities is None else quantities:
            start = bisect_left(tokens, q.end, key=_IDX)  # the first token after the number
            if start == len(tokens):
                continue
            for nxt, t in enumerate(tokens[start : start + 5], start=start + 1):
                if t.pos in ("NOUN", "PROPN"):
                    if (
                        nxt < len(tokens)
                        and tokens[nxt].pos in ("NOUN", "PROPN")
                        and tokens[nxt].dep != "pobj"
                    ):
                        continue  # a compound: count the last noun ("blog posts")
                    out.append(t)
                    break
                if t.pos not in (
                    "ADJ",
                    "ADV",
                    "NUM",
                    "DET",
                    "PUNCT",
                    "SYM",
                    "NOUN",
                    "PROPN",
                    "VERB",
                    "CCONJ",
                ) or t.lower in ("of", "in", "per"):
                    break
        return out


_PhraseList = tuple[tuple[tuple[str, str], ...], "re.Pattern[str] | None"]


@lru_cache(maxsize=256)
def _sorted_phrases(phrases: frozenset[str]) -> _PhraseList:
    ordered = sorted(phrases, key=lambda p: (-len(p), p))  # a set's order differs per process
    # A phrase has_phrase finds is in the lowercased text, and so is each of its words: as
    # such (the text path), or as a token's lowercase form, and tokens are slices of the text
    # (the words path). So one search for the longest word of each phrase rules out most
    # statements at once. Lowercasing a slice gives a slice of the lowercased text, except
    # for Greek final sigma (str.lower's one context-dependent rule): no gate then.
    longest = [max(p.split(), key=len, default="") for p in ordered]
    exact = all(longest) and not any(c in p for p in ordered for c in "\u03a3\u03c3\u03c2")
    gate = re.compile("|".join(sorted(map(re.escape, set(longest))))) if exact and longest else None
    return tuple((p, f" {p} ") for p in ordered), gate


def _longest_first(phrases: Iterable[str]) -> _PhraseList:
    """Longest first, then alphabetical, each with the spaces has_phrase looks for around it
    (sorted and padded once per word list), and a pattern that any match needs to find."""
    return _sorted_phrases(_frozen(phrases))


def _frozen(phrases: Iterable[str]) -> frozenset[str]:
    """The phrases as the hashable key of the per-list caches below."""
    return phrases if isinstance(phrases, frozenset) else frozenset(phrases)


@lru_cache(maxsize=256)
def _by_first_word(phrases: frozenset[str]) -> dict[str, tuple[tuple[str, list[str]], ...]]:
    """The phrases by their first word, each with its other words (in alphabetical order, so
    that of two equally long matches the same one wins in every process)."""
    by_first: dict[str, list[tuple[str, list[str]]]] = {}
    for phrase in sorted(phrases):
        first, *rest = phrase.split() or [""]
        by_first.setdefault(first, []).append((phrase, rest))
    return {word: tuple(entries) for word, entries in by_first.items()}


@lru_cache(maxsize=4096)
def _whole_words(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


@dataclass
class Hit:
    """A document check's result."""

    message: str
    kind: FindingKind
    line: int
    text: str = ""
    okr: int | None = None
    column: int = 1


@dataclass
class Directive:
    """One suppression comment: its line, the rules it names (lowercased; none: every rule),
    and which of them switched a finding off (ALL_RULES for a comment naming none)."""

    line: int
    names: list[str]
    used: set[str] = field(default_factory=set)


ALL_RULES = "*"


@dataclass
class DocumentContext:
    doc: Document
    params: dict[str, Any]
    lex: Lexicons
    foreign: set[int] = field(default_factory=set)  # ids of the statements not in English
    directives: list[Directive] = field(default_factory=list)  # the suppression comments, used or not
    known_rules: frozenset[str] = frozenset()  # names and codes (lowercased) of every rule configured


def check_module(name: str) -> ModuleType:
    try:
        return importlib.import_module(f"okrlint.checks.{name.replace('-', '_')}")
    except ModuleNotFoundError as exc:
        raise LookupError(f"no check function for rule {name!r} (okrlint/checks/{name.replace('-', '_')}.py)") from exc


def lemma_in(tokens: Sequence[Token], words: frozenset[str]) -> Token | None:
    return next((t for t in tokens if t.lemma in words), None)


# -- suggestions: rewrites built from the statement's own anatomy ------------------------------
def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# Where the metric's noun phrase ends: a change or comparison ("by 20%", "from 3", "under 2%"),
# a clause's verb ("Cost per ticket drops ..."), or punctuation.
_PHRASE_ENDS = frozenset({"by", "from", "under", "below", "over", "above", "than", "within", "until", "with",
                          "before", "after", "during", "while", "and", ",", ";", ":", "(", "–", "—"})
_LEADING = frozenset({"the", "our", "a", "an", "its", "their", "my", "your", "this", "these", "all", "every"})
_PERIODS = frozenset({"q1", "q2", "q3", "q4", "eoy", "eoq", "h1", "h2", "quarter", "year", "month", "week"})


def metric_phrase(ctx: Context, article: bool = False) -> str | None:
    """The noun phrase of the statement that names what is measured ("cost per ticket",
    "time to first response", "website traffic"), or None when it names none; with
    `article`, a leading "the" or "our" is kept ("the new onboarding flow")."""
    tokens, lex = ctx.tokens, ctx.lex
    if not tokens:
        return None
    first = 0
    verbs = union(lex["direction_verbs"], lex["vague_verbs"], lex["maintain_verbs"], lex["acquisition_verbs"])
    if ctx.head_index == 0 and ctx.anatomy.form == "imperative" and not (
        tokens[0].lemma not in verbs and tokens[0].lemma in lex["metric_nouns"]
    ) and not (
        tokens[0].dep == "compound"
        and tokens[0].lemma not in verbs | lex["activity_verbs"]
        and any(t.dep == "ROOT" and t.lemma in lex["metric_nouns"] for t in tokens)
    ):
        first = 1  # "Reduce churn": the verb; "Churn under 2%", "Support backlog" (nouns) stay
        while first < len(tokens) and tokens[first].dep == "prt":
            first += 1  # "Sign up accounts": the verb's particle
    quantity_starts = {q.start for q in ctx.anatomy.quantities}
    inside = {i for q in ctx.anatomy.quantities for i in range(q.start, q.end)}
    words: list[Token] = []
    for at, t in enumerate(tokens[first:], start=first):
        nxt = tokens[at + 1] if at + 1 < len(tokens) else None
        if t.idx in inside or t.lower in ("%", "$", "<", ">", "≤", "≥", "x"):
            if any(w.pos in ("NOUN", "PROPN") for w in words):
                break
            words = []  # "Publish 5 blog posts", "Maintain 99.9% uptime": the phrase follows
            continue
        at_least = t.lower in ("at", "no") and nxt is not None and nxt.lower in ("least", "most", "more")
        if t.lower in _PHRASE_ENDS or at_least:
            break
        if t.lower in ("to", "in", "for", "of") and nxt is not None and (
            nxt.idx in quantity_starts or nxt.pos == "NUM" or nxt.lower in _PERIODS or nxt.lower in MONTHS
        ):
            break  # "to 50", "in Q3", "by August": a target or a date, not the metric
        if words and (
            (t.tag in ("VBZ", "VBP", "VBD", "MD") and t.pos in ("VERB", "AUX"))
            or (t.lemma in union(lex["direction_verbs"], lex["maintain_verbs"]) and any(w.pos == "NOUN" for w in words))
        ):
            break  # "Cost per ticket drops ...": the clause's verb (the model may tag it a noun)
        if t.lower == "to" and nxt is not None and nxt.pos == "PROPN":
            break  # "Migrate billing to Stripe": where the work goes
        if words and t.lower in MONTHS:
            break
        words.append(t)
    while words and ((words[0].lower in _LEADING and not article) or words[0].lower in lex["vague_quantifiers"]
                     or words[0].lower in lex["comparative_quantifiers"]):
        words.pop(0)
    while words and words[-1].pos in ("ADP", "DET", "CCONJ", "PUNCT", "PART"):
        words.pop()
    if not any(t.pos in ("NOUN", "PROPN") or t.lemma in lex["metric_nouns"] for t in words):
        return None
    return _span_text(ctx.stmt.text, words)


def _span_text(text: str, words: list[Token]) -> str:
    """The words as the statement wrote them (spacing and hyphens kept)."""
    return text[words[0].idx : words[-1].idx + len(words[-1].text)].strip(" .,;:")


def metric_of(ctx: Context, fallback: str = "<the metric>", article: bool = False) -> str:
    """What the statement is about: the metric's noun phrase ("website traffic")."""
    return metric_phrase(ctx, article) or fallback


def lower_is_better(ctx: Context, metric: str) -> bool:
    """Churn, latency, cost, error rate, time to X: metrics that improve as they fall."""
    written = {w.lower().strip(".,") for w in metric.split()}
    words = written | {part for w in written for part in w.split("-")}
    lemmas = {t.lemma for t in ctx.tokens if t.text.lower() in words}
    return bool((words | lemmas) & ctx.lex["lower_is_better"])


def target_of(ctx: Context) -> str:
    """The stated target when it is absolute ("5%"), else a placeholder."""
    target = ctx.anatomy.target
    if target is None or target.relative or target.kind == "duration":
        return "<target>"
    return target.text


def move(ctx: Context, metric: str | None = None, verb: str | None = None) -> str:
    """'Increase website traffic from <current value> to <target>': the outcome form."""
    named = metric or metric_of(ctx)
    if verb is None:
        down = ctx.anatomy.direction == "decrease" or (metric is None and lower_is_better(ctx, named))
        verb = "Reduce" if down else "Increase"
    target = "<target>" if metric is not None else target_of(ctx)  # a count of work is no metric's target
    return f"{verb} {named} from <current value> to {target}"
