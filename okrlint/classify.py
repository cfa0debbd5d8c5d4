"""The classify stage: one category per statement, with its reasons, read by the rules.

Several rules ask the same question of a key result ("is this work the team does, or a
result it causes? is it a metric that needs a start value?"). It is answered once, here,
from the statement's anatomy (the parse, the quantities and what they count, the head
verb's class) and the shared word lists, and kept on the statement (`Statement.category`,
in the JSON report and the API). Rules read the category instead of re-deciding it.

Key results: a metric moved (with its direction), a count of new things, a threshold or
service level, a share or rate, a maintained level; or work: a task, a deliverable, a
milestone, a habit or cadence of work; or a binary result (done or not, not the team's own
work). Objectives: an outcome, an output, or a metric target.

The engine classifies each statement before the rules run, with the lexicons of the
configuration (a rule pack may widen them), so a category is never cached with the anatomy.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from okrlint.checks import Context, union
from okrlint.model import Category, Direction, Document, Quantity, Token
from okrlint.nlp.directions import DIRECTION_LEMMAS
from okrlint.nlp.quantities import TIME_UNITS

# What a key result is. The first group are results, the second work.
METRIC = "metric"
COUNT_NEW = "count_new"
THRESHOLD = "threshold"
RATE = "rate"
MAINTAIN = "maintain"
BINARY = "binary"
TASK = "task"
DELIVERABLE = "deliverable"
MILESTONE = "milestone"
HABIT = "habit"
WORK = frozenset({TASK, DELIVERABLE, MILESTONE, HABIT})
# A value that already exists and is being moved or held: needs a start value.
ONGOING = frozenset({METRIC, THRESHOLD, RATE})
# What an objective is.
OUTCOME = "outcome"
OUTPUT = "output"
METRIC_TARGET = "metric_target"

THRESHOLD_BEFORE = re.compile(
    r"(?i)(?:under|below|over|above|at most|at least|no more than|(?:more|less|(?<!\w)\w+er)\s+than|[<>≤≥]=?)\s*+$"
)
COMPARATOR = re.compile(
    r"(?i)(?:\b(?:less|more|\w+er)\s+than"
    r"|\b(?:under|over|below|above|at\s+least|at\s+most|no\s+more\s+than|within|up\s+to)\b|[<>≤≥]=?)"
)
# "per week", "every month", "twice a day", "weekly": a cadence, the form of a habit.
CADENCE = re.compile(
    r"(?i)\b(?:(?:per|a|an|each|every)(?:\s+\w+)?\s+(?:day|week|weekday|month|quarter|sprint|year"
    r"|morning|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r"|/\s*+(?:day|week|month|wk|mo)\b"
    r"|daily|weekly|monthly|fortnightly|bi-?weekly|nightly|regularly)\b"
)
# A limit from above ("<5 incidents per day", "at most 2 a week"): a ceiling on a rate, not a habit.
_UPPER_BOUND = re.compile(r"(?i)(?:[<≤]|\b(?:under|below|at\s+most|no\s+more\s+than|fewer\s+than|less\s+than|max)\b)")
# "per week", "per active user": a verbless phrase with one names a ratio, a metric.
_PER_UNIT = re.compile(r"(?i)(?<!\w)per\s++\w")
# A key result that names its metric first: "% of projects using plugins", "# of active teams".
_METRIC_NAME = re.compile(r"(?i)\s*+(?:%|#\s*+(?:of\b)?|(?:number|percentage|share|ratio|proportion)\s++of\b)")
# A placeholder where the number will go: "≥X% stability", "N signups".
_PLACEHOLDER = re.compile(r"(?<![\w.])[XN](?:%|\s*+%)")

# A metric set against its target rather than a number: "crash-free sessions above target", "SLA met".
_AGAINST_TARGET = re.compile(
    r"(?i)\b(?:(?:above|below|under|over|at|on|within|meets?|hits?|beats?)\s+(?:the\s+)?(?:target|goal|sla|slo|budget|plan)s?"
    r"|(?:target|goal|sla|slo)s?\s+(?:is\s+|are\s+)?(?:met|achieved|hit|reached))\b"
)
# A time bound per item makes a share a service level ("Resolve 95% of tickets within 24 hours").
_SERVICE_LEVEL = re.compile(r"(?i)\b(?:within|in\s+under|in\s+less\s+than|on\s+time|same[\s-]day|sla|slo)\b")
# A duration after these is a deadline ("within 7 days"), not the measure ("to 2 seconds").
_DEADLINE_BEFORE = re.compile(
    r"(?i)\b(?:in|within|by|after|for(?:\s+at\s+least)?|over|every|each|the\s+next|the\s+last|past)\s++$"
)
_TIMES = re.compile(r"(?i)\b(?:\d++|once|twice|one|two|three|four|five|six|seven)\s*+(?:x|times)\b")
# A verb that only wraps its complement: "Ensure 100% of invoices are sent on time" is a rate.
_ASSURE = frozenset({"ensure", "guarantee", "assure"})
# Verbs of beginning or going on take their sense from what follows ("Start a round of
# investment", "Continue to grow"): of themselves neither an activity nor a deliverable.
_ASPECTUAL = frozenset({"start", "begin", "continue", "keep", "resume"})
# A rank ("in the top 3"), not a set the statement is about ("macros for the top 25 types").
_TOP_N = re.compile(r"(?i)\btop[\s-]++\d++(?=\s*+(?:$|[,.;)]|(?:in|of|on|among|for|by|within)\b))")
# Made once: has_phrase caches its work per phrase set.
_COMPARATIVES = frozenset({"more", "fewer", "less"})
_MAJORITY = frozenset({"most of", "primarily", "mostly", "majority"})
_NEW_THINGS = frozenset({"new", "additional", "incremental", "net new"})
# What a deliverable is once shipped: "12 assessments live", "the API is released".
_SHIPPED = frozenset({"live", "available", "ready", "done", "complete", "completed", "online", "in production"})
# The modal of a capability the team ships: "Users can export their data".
_CAN = frozenset({"can", "able"})


_WORD = re.compile(r"[^\W\d_]{2,}")


def in_english(text: str, foreign_words: frozenset[str]) -> bool:
    """Whether a statement reads as English: mostly Latin letters, and not two or more of the
    function words of another language ("Manter o custo de ... abaixo de R$ 10.000")."""
    words = _WORD.findall(text.lower())
    if not words:
        return True
    if not text.isascii():
        letters = sum(map(len, words))
        latin = sum(len(w) for w in words if max(w) < "\u0250")
        if latin * 2 < letters:
            return False  # Chinese, Japanese, Cyrillic, Arabic ...
    foreign = sum(map(foreign_words.__contains__, words))
    return foreign < 2 or foreign * 6 < len(words)


def foreign_statements(doc: Document, foreign_words: frozenset[str]) -> set[int]:
    """The ids of the statements not in English. A document is one language as a rule: when
    most of its statements are not English, none is read as English (a short title such as
    "Produto" has no function word to tell)."""
    statements = doc.statements()
    if not foreign_words or not statements:
        return set()
    foreign = {id(s) for s in statements if not in_english(s.text, foreign_words)}
    if len(foreign) * 2 >= len(statements):
        return {id(s) for s in statements}
    return foreign


@lru_cache(maxsize=16)
def _vague_amounts(vague_quantifiers: frozenset[str]) -> frozenset[str]:
    return vague_quantifiers | _COMPARATIVES


def classify(ctx: Context) -> Category | None:
    """The statement's category, or None for an initiative (always work, never scored as a result)."""
    kind = ctx.stmt.kind
    if kind == "key_result":
        return _key_result(ctx)
    if kind == "objective":
        return _objective(ctx)
    return None


def category_of(ctx: Context) -> Category:
    """The category kept on the statement, made on first use (the engine sets it first)."""
    category = ctx.stmt.category
    if category is None:
        category = classify(ctx) or Category(name=TASK, reasons=["an initiative is work"])
        ctx.stmt.category = category
    return category


# -- key results ---------------------------------------------------------------------------------
def _key_result(ctx: Context) -> Category:
    a, lex, lemma = ctx.anatomy, ctx.lex, ctx.lemma
    direction = a.direction if a.direction in ("increase", "decrease") else None

    def result(name: str, reason: str, moving: Direction | None = direction) -> Category:
        return Category(name=name, direction=moving, reasons=[reason])

    def work(name: str, reason: str) -> Category:
        return Category(name=name, reasons=[reason])

    if a.baseline is not None or ctx.stmt.has_structured_baseline:
        grows = a.form == "imperative" and lemma in lex["direction_verbs"] and direction == "increase"
        made = _measured_noun(ctx) if grows else None
        if made is not None and _is_work_item(ctx, made) and not any(q.kind == "percent" for q in a.quantities):
            return work(TASK, f"it counts {made.text}, work the team makes")
        return result(METRIC, "it states a start value", direction or "reach")
    if maintains_level(ctx):
        return result(MAINTAIN, "it keeps a level", "maintain")
    quantities = main_quantities(ctx)
    placeholder = _PLACEHOLDER.search(ctx.stmt.text) is not None  # "≥X% stability": a number to come
    measures = bool(quantities) or ctx.stmt.target is not None or placeholder
    counted = [t.lemma for t in ctx.counted_nouns(quantities)]
    counts_work = any(n in lex["work_item_nouns"] for n in counted)
    vague_amount = ctx.has_phrase(_vague_amounts(lex["vague_quantifiers"]))
    relative = any(q.relative for q in quantities)
    percent = any(q.kind == "percent" for q in quantities)
    compares = _compares(ctx, quantities)

    if _METRIC_NAME.match(ctx.stmt.text):
        return result(METRIC, "it names a metric: a share or a count of something", direction or "reach")
    purpose = _purpose(ctx, quantities)
    if purpose is not None:
        return result(METRIC, f"the work is for '{purpose.text} ...', a measured result",
                      DIRECTION_LEMMAS.get(purpose.lemma, "increase"))
    if _is_habit(ctx, counted):
        return work(HABIT, "it repeats work on a cadence")
    form = a.form
    head = a.tokens[ctx.head_index or 0] if a.tokens else None
    joined = _slash_verb(ctx)
    if joined is not None:
        form, lemma = "imperative", joined  # "launch/test 2 projects": two verbs for one task
    if form == "imperative" and head is not None and (
        any(q.start == head.idx for q in a.quantities) or _noun_lead(ctx, head)
    ):
        form = "noun_phrase"  # "Zero deals lost", "Ticket backlog under 50": a noun leads, not a verb
    if form == "imperative":
        object_lemmas = _object_lemmas(ctx)
        if lemma in lex["direction_verbs"] or lemma in lex["vague_verbs"]:
            if (
                not measures
                and object_lemmas & union(lex["work_item_nouns"], lex["deliverable_nouns"])
                and not object_lemmas & lex["metric_nouns"]
            ):
                return work(TASK, f"'{a.head}' works on a deliverable, not a measured result")
            if lemma == "support" and not measures and _supports_feature(ctx):
                return work(TASK, "'support' a feature: work the team ships")
            made = _measured_noun(ctx)
            if measures and not percent and not relative and made is not None and _is_work_item(ctx, made):
                return work(TASK, f"it counts {made.text}, work the team makes")
            if ctx.has_phrase(_NEW_THINGS) and counted and not relative and not percent:
                return result(COUNT_NEW, f"it counts new {counted[0]}", "increase")
            if lemma in lex["acquisition_verbs"] and not relative and not percent and (
                counted or any(q.kind == "currency" for q in quantities)
            ):
                won = f"new {counted[0]}" if counted else "money won in the period"
                return result(COUNT_NEW, f"'{a.head}' counts {won}", "increase")
            return result(METRIC, f"'{a.head}' moves a metric", direction or "increase")
        if lemma in lex["staffing_verbs"] and not any(n in lex["everyone_nouns"] for n in counted):
            return work(TASK, f"'{a.head}' builds the team: work, not a result")
        if not measures and _granted(ctx, object_lemmas):
            return result(BINARY, f"'{a.head}' names a result others grant, done or not")
        if ctx.has_phrase(_NEW_THINGS) and counted and not counts_work and not percent:
            making = union(lex["activity_verbs"], lex["deliverable_verbs"])
            makes = lemma in making and lemma not in lex["acquisition_verbs"]
            if makes and not set(counted) & union(lex["audience_nouns"], lex["everyone_nouns"]):
                return work(TASK, f"'{a.head}' makes new {counted[0]}: work the team does")
            return result(COUNT_NEW, f"it counts new {counted[0]}", "increase")
        if measures and _per_member(ctx):
            return _level(ctx, quantities, "a ratio per member of a group: a metric")
        if measures and percent and _share_of_work(ctx, quantities):
            return work(TASK, "a share of a deliverable done: work, not a result")
        if lemma in lex["level_verbs"] and lemma not in lex["acquisition_verbs"] and counts_work:
            return work(TASK, f"'{a.head}' counts work items the team holds")  # "Have 4 meetings"
        if lemma in lex["acquisition_verbs"] and _moved_by_particle(ctx):
            return result(METRIC, f"'{a.head}' a metric up or down", direction or "increase")
        if lemma in lex["acquisition_verbs"] or lemma in lex["level_verbs"]:
            if not measures and object_lemmas & lex["metric_nouns"]:
                return result(METRIC, f"'{a.head}' a level of a metric, its number not yet stated", "reach")
            if not measures and not vague_amount:
                return work(_task_or_milestone(ctx), f"'{a.head}' names no amount: work done once")
            if ctx.has_phrase(_NEW_THINGS) and not percent:
                return result(COUNT_NEW, "it counts new things won in the period", "increase")
            if lemma in lex["level_verbs"] or percent:
                return _level(ctx, quantities, f"'{a.head}' reaches a level")
            return result(COUNT_NEW, f"'{a.head}' counts what is won in the period", "increase")
        if not measures and lemma in ("make", "become", "get") and _comparative_after(ctx):
            return result(METRIC, f"'{a.head}' ... a change of degree, not work", direction or "increase")
        if not measures:
            return work(_task_or_milestone(ctx), f"'{a.head}' describes work the team does")
        if lemma in _ASSURE:
            return _level(ctx, quantities, f"'{a.head}' sets a level")
        if lemma in lex["activity_verbs"] or counts_work:
            return work(TASK, f"'{a.head}' counts work the team does")
        # An unlisted verb with a count ("Decommission 40 VMs") is work; with a rate, an
        # amount or a threshold ("Resolve 95% of tickets") it is a result.
        if percent and _of_a_set(ctx, quantities) and not _SERVICE_LEVEL.search(ctx.stmt.text) and not _by_means(ctx):
            return work(TASK, f"'{a.head}' a share of a set of things: work done once")
        if percent or compares or any(q.kind == "currency" for q in quantities):
            return _level(ctx, quantities, f"'{a.head}' sets a rate or amount")
        return work(TASK, f"'{a.head}' counts work the team does")
    if form == "noun_phrase":
        root = _root(ctx.tokens)
        heads = {root.lemma} if root is not None else set()
        heads.add(lemma)
        if head is not None and a.form == "imperative":  # a noun led: "Rescue rate (...)"
            at = ctx.tokens.index(head)
            led = ctx.tokens[at + 1 : at + 3]
            if led and led[0].pos == "NOUN" and (len(led) == 1 or led[1].pos not in ("NOUN", "PROPN")):
                heads.add(led[0].lemma)
        if root is not None and not counted and quantities:
            counted = [root.lemma]  # "25 on-site sessions": the parse's head is what is counted
            counts_work = root.lemma in lex["work_item_nouns"]
        if measures:
            if _shipped_after_count(ctx, quantities):
                return work(DELIVERABLE, "it counts things shipped")
            if relative:
                return result(METRIC, "it names a change of a metric", direction or "increase")
            plain = all(q.kind in ("number", "count_word") for q in quantities)
            named = _metric_words(ctx, counted) | (heads & lex["metric_nouns"])
            if plain and counted and not compares and not named and not stock_count(ctx, quantities):
                if counts_work or heads & lex["work_item_nouns"]:
                    return work(TASK, "it counts work items")
                return result(COUNT_NEW, "it counts people or things", "increase")
            return _level(ctx, quantities, "it names a metric and its target")
        if heads & lex["metric_nouns"] or vague_amount or _PER_UNIT.search(ctx.stmt.text):
            return result(METRIC, "it names a metric", direction or "increase")
        if _AGAINST_TARGET.search(ctx.stmt.text):
            return result(THRESHOLD, "it holds a metric against its target", direction or "reach")
        if root is not None and _abstract(root):
            return result(METRIC, f"'{root.text}' is a quality, not a thing shipped", direction or "increase")
        return work(DELIVERABLE, "it names a deliverable")
    # clauses and passives: "The API is released", "70% of students answer the survey"
    subject = _subject(ctx.tokens)
    if subject is not None and _quantified(ctx, subject, quantities):
        if lemma in union(lex["universal_outcome_verbs"], lex["acquisition_verbs"]) and a.form != "passive":
            return result(COUNT_NEW if not percent else RATE, f"people or things that {a.head}: a result", "increase")
        if _shipped_after_count(ctx, quantities) or subject.lemma in lex["work_item_nouns"]:
            return work(DELIVERABLE, "it counts work the team does or ships")
        passive_work = lemma in lex["activity_verbs"] and lemma not in lex["acquisition_verbs"]
        if a.form == "passive" and passive_work and not percent:
            return work(DELIVERABLE, f"things the team has {a.head or 'done'}: work")
        if percent:
            return result(RATE, "a share of a group does something")
        if _compares(ctx, quantities):
            return _level(ctx, quantities, "it sets a threshold for a group")
        return result(COUNT_NEW, "it counts the people or things that do something", "increase")
    if ctx.has_phrase(_MAJORITY) and not measures:
        return result(METRIC, "it states what most of a group does", direction or "increase")
    if a.form == "passive" and _done_by_people(ctx):
        return result(METRIC, "it states what people do with it", "increase")
    if ctx.has_phrase(_CAN) and not measures and not any(t.dep == "ccomp" for t in ctx.tokens):
        return work(DELIVERABLE, "it states a capability the team ships")
    if subject is not None and _universal(ctx, subject) and not measures:
        return result(RATE, "it asks it of every one of a group: a rate of 100% or 0%")
    if subject is not None and subject.lemma in lex["audience_nouns"] and a.form == "clause":
        return result(METRIC, "it states what people do", direction or "increase")
    if not measures and _AGAINST_TARGET.search(ctx.stmt.text):
        return result(THRESHOLD, "it holds a metric against its target", direction or "reach")
    if not measures and _PER_UNIT.search(ctx.stmt.text) and a.form != "imperative":
        return result(METRIC, "it names a rate: something per unit", direction or "increase")
    if measures and _predicate_compares(ctx, quantities):
        return _level(ctx, quantities, "it compares a measure with a value")
    if _is_shipped(ctx):
        return work(_task_or_milestone(ctx, DELIVERABLE), "it states that a deliverable is done")
    if measures:
        if lemma in lex["activity_verbs"] and not percent and lemma not in lex["acquisition_verbs"]:
            return work(TASK, f"'{a.head}' counts work the team does")
        return _level(ctx, quantities, "it states a measured result")
    if lemma in lex["direction_verbs"] or ctx.has_phrase(_MAJORITY):
        return result(METRIC, "it states a change in behaviour", direction or "increase")
    first = ctx.tokens[0] if ctx.tokens else None
    if subject is None and first is not None and first.lemma in union(lex["activity_verbs"], lex["deliverable_verbs"]):
        return work(_task_or_milestone(ctx), f"'{first.text}' describes work the team does")
    return work(_task_or_milestone(ctx, DELIVERABLE), "it states that something is built or done")


def _predicate_compares(ctx: Context, quantities: list[Quantity]) -> bool:
    """'Investment started is > 1', 'Costs stay under $5k': the verb compares the subject with a
    value ('every account over $20k' is a comparison inside a noun phrase)."""
    text = ctx.stmt.text
    for q in quantities:
        m = THRESHOLD_BEFORE.search(text[max(0, q.start - 14) : q.start])
        if m is None:
            continue
        at = max(0, q.start - 14) + m.start()
        before = [t for t in ctx.tokens if t.idx + len(t.text) <= at]
        if before and before[-1].pos in ("AUX", "VERB"):
            return True
    return False


def _slash_verb(ctx: Context) -> str | None:
    """'launch/test at least 2 projects', 'Patch/Mitigate all systems': verbs joined by a slash,
    which the parser reads as one unknown word."""
    tokens = ctx.tokens
    if not tokens or "/" not in tokens[0].text or ctx.anatomy.form == "imperative":
        return None
    first = tokens[0].lower.split("/")[0]
    lex = ctx.lex
    verbs = union(lex["activity_verbs"], lex["deliverable_verbs"], lex["direction_verbs"], lex["acquisition_verbs"])
    return first if first in verbs else None


def _moved_by_particle(ctx: Context) -> bool:
    """'Get weight down to 225 pounds', 'Get churn down': a verb of getting with a particle of
    direction moves a metric."""
    head = ctx.head_index
    return head is not None and any(
        t.head == head and t.dep in ("prt", "advmod") and t.lower in ("down", "up") for t in ctx.tokens
    )


def _comparative_after(ctx: Context) -> bool:
    """'Make search more human', 'Get checkout faster': a change of degree ('Make the dashboard
    available' ships a thing)."""
    head = ctx.head_index or 0
    later = ctx.tokens[head + 1 :]
    return any(t.tag in ("JJR", "RBR") for t in later)


def _by_means(ctx: Context) -> bool:
    """'Block 99.9% of bot uploads by implementing bot detection': the means named, the share
    is the result."""
    return any(t.lower == "by" and u.tag == "VBG" for t, u in pairwise(ctx.tokens))


def _per_member(ctx: Context) -> bool:
    """'One project shipped per club member': a ratio over the members of a group (a metric),
    not a cadence ('per week')."""
    tokens = ctx.tokens
    for i, t in enumerate(tokens):
        if t.lower == "per":
            noun = next((u for u in tokens[i + 1 : i + 4] if u.pos in ("NOUN", "PROPN")), None)
            return noun is not None and noun.lower not in TIME_UNITS and not CADENCE.search(f"per {noun.lower}")
    return False


def _metric_words(ctx: Context, nouns: list[str]) -> set[str]:
    """The words (lemmas, or the text where the list has the plural) that name a metric."""
    return set(nouns) & ctx.lex["metric_nouns"]


def _purpose(ctx: Context, quantities: list[Quantity]) -> Token | None:
    """'Update ad design to increase clicks by 30%': work done for a measured result, the
    quantity belonging to the verb of purpose, which moves a metric."""
    tokens, verbs = ctx.tokens, ctx.lex["direction_verbs"]
    for before, t in pairwise(tokens):
        if (
            before.lower == "to"
            and t.lemma in verbs
            and t.dep in ("advcl", "xcomp", "relcl", "acl")
            and any(q.start > t.idx for q in quantities)
        ):
            return t
    return None


def _measured_noun(ctx: Context) -> Token | None:
    """What a verb moves: its object, or what 'number of' names ("Increase the number of
    downloadable assets" -> assets)."""
    head = ctx.head_index
    if head is None:
        return None
    tokens = ctx.tokens
    obj = next((i for i, t in enumerate(tokens) if t.head == head and t.dep == "dobj" and i > head), None)
    if obj is None:
        return None
    if tokens[obj].lemma in ("number", "count", "amount", "total"):
        of = next((i for i, t in enumerate(tokens) if t.head == obj and t.lower == "of"), None)
        inner = next((t for t in tokens if of is not None and t.head == of and t.dep == "pobj"), None)
        return inner
    return tokens[obj]


def _is_work_item(ctx: Context, noun: Token) -> bool:
    lex = ctx.lex
    return noun.lemma in lex["work_item_nouns"] and not _metric_words(ctx, [noun.lemma, noun.lower])


def _of_a_set(ctx: Context, quantities: list[Quantity]) -> bool:
    """'Decommission 40% of legacy apps': a percentage of a set of things the verb acts on."""
    text = ctx.lower_text
    shares = [q for q in quantities if q.kind == "percent" and text[q.end : q.end + 4] == " of "]
    if not shares:
        return False
    whole = ctx.whole_of(shares[0])
    return whole is None or not _metric_words(ctx, [whole.lemma, whole.lower])  # "21% of net income": a level


def _share_of_work(ctx: Context, quantities: list[Quantity]) -> bool:
    """'Achieve 100% implementation of the features', '80% migration complete': a percentage
    of a deliverable done."""
    percents = [q for q in quantities if q.kind == "percent"]
    nouns = ctx.counted_nouns(percents)
    return any(t.lemma in ctx.lex["deliverable_nouns"] for t in nouns)


def stock_count(ctx: Context, quantities: list[Quantity]) -> bool:
    """'250 active clubs', 'Have 200 members': a count of what exists at a time, a level that
    moves from a start value, not a count of what is new in the period."""
    lex = ctx.lex
    if ctx.anatomy.form == "imperative" and ctx.lemma in lex["level_verbs"]:
        return True
    tokens, stock = ctx.tokens, lex["stock_modifiers"]
    counted = {tokens.index(n) for n in ctx.counted_nouns(quantities)}
    return any(
        u.head in counted and u.dep in ("amod", "compound") and (u.lower in stock or u.lemma in stock) for u in tokens
    )


def _level(ctx: Context, quantities: list[Quantity], reason: str) -> Category:
    """A value of an ongoing metric: a threshold, a share or rate, or a metric's level; an
    amount of money that no metric names ("At least $100,000 committed") is won in the period."""
    direction = ctx.anatomy.direction if ctx.anatomy.direction in ("increase", "decrease") else None
    if ctx.has_phrase(_NEW_THINGS) and not any(q.kind == "percent" or q.relative for q in quantities):
        return Category(name=COUNT_NEW, direction="increase", reasons=["it counts new things in the period"])
    if (
        quantities
        and all(q.kind == "currency" and not q.relative for q in quantities)
        and not {t.lemma for t in ctx.tokens} & ctx.lex["metric_nouns"]
        and not (ctx.anatomy.form == "imperative" and ctx.lemma in ctx.lex["level_verbs"])
    ):
        return Category(name=COUNT_NEW, direction="increase", reasons=["it counts an amount won in the period"])
    if _compares(ctx, quantities):
        return Category(name=THRESHOLD, direction=direction or "reach", reasons=[reason])
    if any(q.kind == "percent" for q in quantities) and not any(q.relative for q in quantities):
        return Category(name=RATE, direction=direction or "reach", reasons=[reason])
    return Category(name=METRIC, direction=direction or "reach", reasons=[reason])


def _task_or_milestone(ctx: Context, otherwise: str = TASK) -> str:
    return MILESTONE if ctx.anatomy.deadline else otherwise


def _compares(ctx: Context, quantities: list[Quantity]) -> bool:
    """A threshold: a value compared with a limit. A plain count of things with a floor ('at
    least 2 projects', '>=3 contracts signed') is a count, not the limit of an ongoing metric."""
    text = ctx.stmt.text
    compared = [q for q in quantities if THRESHOLD_BEFORE.search(text[max(0, q.start - 14) : q.start])]
    if compared and all(_floor_of_a_count(ctx, q) for q in compared):
        return bool(_TOP_N.search(text))
    return bool(compared) or bool(_TOP_N.search(text))


def _floor_of_a_count(ctx: Context, q: Quantity) -> bool:
    if q.kind not in ("number", "count_word") or q.relative:
        return False
    text = ctx.stmt.text
    if _UPPER_BOUND.search(text[max(0, q.start - 14) : q.start]):
        return False  # "< 5 incidents": a ceiling
    nouns = ctx.counted_nouns([q])
    return bool(nouns) and not _metric_words(ctx, [nouns[0].lemma, nouns[0].lower])


def main_quantities(ctx: Context) -> list[Quantity]:
    """The statement's quantities, less deadlines and what stands in parentheses ("Data
    file (50+ techniques)" measures nothing by its 50)."""
    text = ctx.stmt.text
    out = []
    verb_at = _verb_start(ctx)
    tokens = ctx.tokens
    pairs = pairwise(tokens)
    # "by shipping": where the means begin
    means_at = next((t.idx for t, u in pairs if t.lower == "by" and t.dep == "prep" and u.tag == "VBG"), None)
    for q in ctx.anatomy.quantities:
        if q.start < verb_at and "with" in text[max(0, q.start - 16) : q.start].lower().split():
            continue  # "All bugs with >= 15 stars have an owner": it qualifies the subject
        if means_at is not None and means_at < q.start and not q.relative:
            continue  # "Improve onboarding by shipping 5 tutorials": the means, not the measure
        if ctx.anatomy.form == "noun_phrase" and _qualifies_head(ctx, q):
            continue  # "TestFlight beta with >= 5 testers": properties of the thing named
        if q.kind == "duration" and _DEADLINE_BEFORE.search(text[max(0, q.start - 14) : q.start]):
            continue  # a deadline ("within 7 days", "in 3 weeks"), not the measure ("to 2 seconds")
        if text.count("(", 0, q.start) > text.count(")", 0, q.start) and text[: text.find("(")].strip():
            continue
        out.append(q)
    return out


def _qualifies_head(ctx: Context, q: Quantity) -> bool:
    """A quantity after 'with' that follows the noun phrase's head: a property of the thing."""
    root = _root(ctx.tokens)
    if root is None or root.idx > q.start or root.lemma in ctx.lex["metric_nouns"]:
        return False
    between = ctx.stmt.text[root.idx : q.start].lower().split()
    if "with" not in between:
        return False
    after_with = ctx.stmt.text.lower().rfind("with", 0, q.start)
    return not any(t.pos == "VERB" and after_with < t.idx < q.start for t in ctx.tokens)  # "... renew at 95%"


def _noun_lead(ctx: Context, head: Token) -> bool:
    """A first word the parser attached to the metric noun after it ("Ticket backlog under 50"),
    that no word list knows as a verb of OKRs: a noun, though the imperative check took it for one."""
    lex = ctx.lex
    verbs = union(lex["direction_verbs"], lex["vague_verbs"], lex["acquisition_verbs"], lex["activity_verbs"],
                  lex["deliverable_verbs"], lex["maintain_verbs"])
    tokens = ctx.tokens
    at = tokens.index(head)
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    names_metric = after is not None and after.pos == "NOUN" and _metric_words(ctx, [after.lemma, after.lower])
    if head.lemma not in verbs and (after is None or names_metric):
        return True  # "Profit", "Rescue rate (share of portions claimed)": a metric named, no verb of OKRs
    root = _root(tokens)
    named = root is not None and root.lemma in lex["metric_nouns"]
    # "Build times shorter than 10 minutes": a verb-like noun before a compared metric
    return head.dep == "compound" and named and (head.lemma not in verbs or bool(COMPARATOR.search(ctx.stmt.text)))


def _verb_start(ctx: Context) -> int:
    """Where a clause's main verb starts (0 for other forms: nothing stands before it)."""
    if ctx.anatomy.form not in ("clause", "passive"):
        return 0
    root = _root(ctx.tokens)
    return root.idx if root is not None and root.pos in ("VERB", "AUX") else 0


def _is_habit(ctx: Context, counted: list[str]) -> bool:
    """'3x exercise sessions per week', 'Publish a post every week': work on a cadence."""
    if not CADENCE.search(ctx.stmt.text):
        return False
    if not ctx.anatomy.quantities and ctx.anatomy.form != "imperative":
        return False  # "Meals saved per week": a rate named, no amount of work repeated
    text = ctx.stmt.text
    if any(_UPPER_BOUND.search(text[max(0, q.start - 14) : q.start]) for q in ctx.anatomy.quantities):
        return False  # "<5 incidents per day": a ceiling on a rate
    times = _TIMES.search(ctx.stmt.text) is not None  # "Bike to work 3 times a week"
    lex, lemma = ctx.lex, ctx.lemma
    if lemma in lex["acquisition_verbs"] or lemma in lex["vague_verbs"]:
        return False
    if ctx.anatomy.form == "imperative" and lemma in union(lex["activity_verbs"], lex["deliverable_verbs"]):
        return True  # "Review the pipeline with sales weekly": the team's own routine
    words = {t.lemma for t in ctx.tokens}
    if times:
        words.discard("time")  # "3 times a week" counts occasions, not a duration metric
    if words & union(lex["metric_nouns"], lex["direction_verbs"]) or any(n in lex["audience_nouns"] for n in counted):
        return False  # "Incidents under 2 per month", "corrections drop to 10 a month", "10 new users a day"
    if ctx.anatomy.form in ("imperative", "noun_phrase"):
        return True
    # a clause: "60 mins guitar practice per week" (time spent), "We ship weekly"
    subject = _subject(ctx.tokens)
    spends_time = any(q.kind == "duration" for q in ctx.anatomy.quantities)
    return spends_time or times or (subject is not None and subject.lower in ("i", "we"))


def _object_lemmas(ctx: Context) -> set[str]:
    head = ctx.head_index
    if head is None:
        return set()
    tokens = ctx.tokens
    # the head verb's objects, their conjuncts and compounds: not nouns further down the tree
    objects = {i for i, t in enumerate(tokens) if t.head == head and t.dep in ("dobj", "attr", "oprd") and i > head}
    objects |= {i for i, t in enumerate(tokens) if t.head in objects and t.dep in ("conj", "compound", "appos")}
    return {tokens[i].lemma for i in objects if tokens[i].pos in ("NOUN", "PROPN")}


def _supports_feature(ctx: Context) -> bool:
    """'Support SSO for enterprise customers', 'Support exporting a report': support as
    providing a feature (a name, an acronym or an action as its object), not as a vague verb
    over a metric."""
    head = ctx.head_index or 0
    following = ctx.tokens[head + 1 : head + 3]
    if following and following[0].tag == "VBG":
        return True
    return any(t.pos == "PROPN" or (t.text.isupper() and len(t.text) > 1) for t in following)


def _granted(ctx: Context, object_lemmas: set[str]) -> bool:
    """'Get featured by Apple', 'Become ISO 27001 certified', 'Pass the SOC 2 audit', 'Win
    the award': a yes-or-no result that others grant, not work the team does."""
    lemma, lex = ctx.lemma, ctx.lex
    if lemma in ("get", "become", "be") and _next_is_participle(ctx):
        return True
    if lemma in ("become", "be", "stay") and any(t.pos == "ADJ" or t.tag == "VBN" for t in ctx.tokens[1:]):
        return True
    granting = lex["acquisition_verbs"] | {"pass"}
    return lemma in granting and bool(object_lemmas & lex["recognition_nouns"])


def _next_is_participle(ctx: Context) -> bool:
    head = ctx.head_index
    tokens = ctx.tokens
    return head is not None and any(t.tag == "VBN" for t in tokens[head + 1 : head + 3])


def _done_by_people(ctx: Context) -> bool:
    """'The dashboard is used by every team': the agent of the passive is people."""
    lex, tokens = ctx.lex, ctx.tokens
    people = union(lex["audience_nouns"], lex["everyone_nouns"])
    for i, t in enumerate(tokens):
        if t.lower == "by" and t.dep == "agent":
            return any(u.lemma in people for u in tokens[i + 1 : i + 5])
    return False


def _universal(ctx: Context, subject: Token) -> bool:
    """'No transaction fails', 'Every customer renews': a group's behaviour, universally."""
    lex = ctx.lex
    sized = any(t.lower in ("no", "every", "all", "each") and t.head == ctx.tokens.index(subject) for t in ctx.tokens)
    verbs = union(lex["loss_verbs"], lex["universal_outcome_verbs"])
    return sized and (ctx.lemma in verbs or subject.lemma in union(lex["audience_nouns"], lex["everyone_nouns"]))


def _root(tokens: list[Token]) -> Token | None:
    return next((t for t in tokens if t.dep == "ROOT"), None)


def _subject(tokens: list[Token]) -> Token | None:
    return next((t for t in tokens if t.dep in ("nsubj", "nsubjpass")), None)


def _quantified(ctx: Context, subject: Token, quantities: list[Quantity]) -> bool:
    """A subject that a quantity sizes: '70% of reps ...', '20 new clubs are ...'."""
    if not quantities:
        return any(t.lower in ("x%", "n%") for t in ctx.tokens[: ctx.tokens.index(subject) + 1])
    subject_at = subject.idx
    return any(q.start <= subject_at and subject_at - q.end < 40 for q in quantities)


def _shipped_after_count(ctx: Context, quantities: list[Quantity]) -> bool:
    """'12 assessments live': a count of things followed by the state of being shipped."""
    text = ctx.lower_text
    for q in quantities:
        rest = text[q.end : q.end + 40].split()
        if len(rest) >= 2 and (rest[1] in _SHIPPED or " ".join(rest[1:3]) in _SHIPPED):
            return True
    return False


def _is_shipped(ctx: Context) -> bool:
    """'The API is released', 'Beta live by March': a deliverable in its done state."""
    lex = ctx.lex
    for t in ctx.tokens:
        if t.dep not in ("ROOT", "conj", "xcomp", "acomp", "ccomp"):
            continue  # "All workflows delivered reduce ...": the participle qualifies the subject
        if t.tag in ("VBN", "VBD") and (t.lemma in lex["deliverable_verbs"] or t.lemma in lex["activity_verbs"]):
            return True
        if t.lower in _SHIPPED:
            return True
    return False


def _abstract(token: Token) -> bool:
    """A noun of quality or process ('performance', 'management', 'efficiency'), not a thing
    a team ships: English forms such nouns with these suffixes."""
    # (not "-ence": reference, sequence and conference are things)
    return token.lower.endswith(("ness", "ity", "ance", "ancy", "ency", "ment"))


def _quality(token: Token) -> bool:
    """A noun of quality ('freedom', 'stability', 'happiness'), not of process ('management')."""
    return token.lower.endswith(("ness", "ity", "dom"))


# -- objectives ----------------------------------------------------------------------------------
def _makes_state(ctx: Context) -> bool:
    """'Make onboarding effortless', 'Ensure customers trust us': the verb's complement is a
    state (an adjective or a clause), not a thing to deliver."""
    head = ctx.head_index
    if head is None:
        return False
    tokens = ctx.tokens
    if any(t.head == head and (t.dep in ("ccomp", "acomp", "oprd") or (t.dep == "prep" and t.lower == "as"))
           for t in tokens):
        return True  # "Make X effortless", "Establish X as the standard"
    objects = [t for t in tokens if t.head == head and t.dep == "dobj"]
    if objects and ctx.lemma not in ctx.lex["deliverable_verbs"] and all(_quality(t) for t in objects):
        return True  # "Find financial freedom": a quality sought, not a thing made
    return any(t.pos == "ADJ" and t.head == head and t.dep not in ("amod", "compound") for t in tokens[head + 1 :])


def _objective(ctx: Context) -> Category:
    a, lex = ctx.anatomy, ctx.lex
    if a.form == "imperative":
        # the verbs of work, less those that also move or win a result ("Reach 1M users")
        doing = lex["deliverable_verbs"] | (
            lex["activity_verbs"]
            - lex["acquisition_verbs"] - lex["direction_verbs"] - lex["vague_verbs"] - lex["maintain_verbs"]
            - _ASPECTUAL - _ASSURE
        )
        phrase = ctx.head_phrase(doing)
        if phrase is None and ctx.lemma == "get" and _next_is_participle(ctx):
            phrase = "get ... done"  # "Get the v2 API released"
        if phrase:
            if _object_lemmas(ctx) & lex["state_nouns"] or _makes_state(ctx):
                return Category(name=OUTCOME, reasons=[f"'{phrase}' brings about a state"])
            return Category(name=OUTPUT, reasons=[f"'{phrase}' describes an activity, not an outcome"])
    if a.form == "noun_phrase":
        root = _root(ctx.tokens)
        if root is not None and root.lemma in lex["deliverable_nouns"]:
            return Category(name=OUTPUT, reasons=[f"'{root.text}' names a deliverable, not an outcome"])
    if a.quantities:
        return Category(name=METRIC_TARGET, direction=a.direction, reasons=[f"'{a.quantities[0].text}' is a target"])
    return Category(name=OUTCOME, direction=a.direction, reasons=["it describes a state or a change"])


# -- does the key result only keep a level? ------------------------------------------------------
def maintains_level(ctx: Context) -> bool:
    """'Maintain 99.9% uptime', 'Hold the line on X', 'ensure burn stays within 5%'."""
    lex = ctx.lex
    verbs = lex["maintain_verbs"]
    for i, tok in enumerate(ctx.tokens):
        if tok.lemma not in verbs:
            continue
        if tok.pos not in ("VERB", "AUX") and i != ctx.head_index:
            continue
        after = " ".join(t.lower for t in ctx.tokens[i + 1 : i + 8])
        if tok.lemma in ("maintain", "sustain", "preserve"):
            objects = {t.lemma for t in ctx.tokens[i + 1 : i + 6] if t.dep == "dobj"}
            if objects & lex["work_item_nouns"] and not ctx.anatomy.quantities:
                continue  # "Maintain the contributor guide": upkeep of a deliverable is work
            return True
        if tok.lemma == "keep" and after.startswith(("track", "up", "on top")):
            continue
        if tok.lemma == "hold":
            if after.startswith(("the line", "steady", "flat", "constant", "firm")):
                return True
            objects = {t.lemma for t in ctx.tokens[i + 1 : i + 5] if t.pos in ("NOUN", "PROPN")}
            if objects & lex["work_item_nouns"]:
                continue  # "Hold a training session at each account" is an activity
        if tok.lemma in ("stay", "remain") and i == ctx.head_index:
            return True  # "Remain ISO 9001 certified" as the main action
        if tok.lemma == "stick" and after.startswith("to"):
            return True
        window = f" {after} "
        if any(f" {w} " in window for w in lex["maintain_level_words"]):
            return True
    return False

