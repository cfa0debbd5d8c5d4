"""Property tests: no reader or rule raises on arbitrary text, and every finding's line is
inside its file."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrlint.api import lint_text
from okrlint.readers import ReadError, read_text

FRAGMENTS = [
    "# OKRs Q3 2026\n",
    "## Objective 1: Delight customers\n",
    "- KR1: Increase NPS from 20 to 40\n",
    "- [ ] KR: Release the new website\n",
    "**Objective:** Grow revenue and reduce churn\n",
    "1. Reduce churn by 15% (@alice) [P1] => 40%\n",
    "### Key Results\n",
    "### Initiatives\n",
    "| Objective | Key Result |\n|---|---|\n| Win DACH | Sign 12 new accounts |\n",
    "<!-- okrlint-disable-next-line kr-output -->\n",
    "Objective: Double company valuation\n",
    "KR: Capture 100% market share\n",
    "    - nested note\n",
    "> quoted\n",
    "```\ncode\n```\n",
    "---\ncycle: H2 2026\n---\n",
    "* Improve onboarding\n",
    "\n",
    "plain prose line.\n",
]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, fmt: str) -> None:
    try:
        result = lint_text(text, format=fmt, path="fuzz")
    except ReadError:
        return  # a clear, one-line refusal is allowed
    # lines as an editor counts them: a lone carriage return ends a line too (the text reader splits there)
    lines = max(1, text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1)
    for file in result.files:
        for finding in file.findings:
            assert 1 <= finding.line <= lines, (finding, text)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text_in_every_format(nlp, text):
    for fmt in ("markdown", "text", "yaml", "json"):
        _check(text, fmt)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
def test_okr_like_markdown(nlp, text):
    _check(text, "markdown")
    _check(text, "text")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "objectives",
                    "objective",
                    "key_results",
                    "krs",
                    "title",
                    "text",
                    "baseline",
                    "target",
                    "teams",
                    "goals",
                    "x",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@SETTINGS
@given(json_values)
def test_arbitrary_json_and_yaml_trees(nlp, value):
    import json

    import yaml

    _check(json.dumps(value), "json")
    _check(yaml.safe_dump(value), "yaml")


@SETTINGS
@given(st.text(max_size=200))
def test_readers_alone_never_raise_anything_but_read_error(text):
    for fmt in ("markdown", "text", "yaml", "json"):
        try:
            doc = read_text(text, "fuzz", fmt)
        except ReadError:
            continue
        for stmt in doc.statements():
            assert 1 <= stmt.line <= max(1, text.count("\n") + 1)


# Words, and pieces that tokenisation splits or glues ("roll-out", "can't", "10x"), from which
# both statements and phrase lists are drawn, so that phrases often occur in the statement.
_PHRASE_WORDS = ["a", "lot", "of", "more", "awesome", "roll", "-", "out", "can't", "'s", "10x", "Σ", "ς", "ASAP", "!"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(_PHRASE_WORDS), st.sampled_from(["", " "])), min_size=1, max_size=8),
    st.lists(st.tuples(st.integers(0, 7), st.integers(1, 3)), min_size=1, max_size=4),
    st.sets(st.lists(st.sampled_from(_PHRASE_WORDS), min_size=1, max_size=3).map(" ".join), max_size=3),
)
def test_has_phrase_finds_what_a_scan_of_every_phrase_finds(
    nlp, pieces: list[tuple[str, str]], slices: list[tuple[int, int]], others: set[str]
) -> None:
    """has_phrase rules statements out with one search for a word of each phrase; the answer
    must be the one the plain scan (every phrase, longest first) gives."""
    import re

    from okrlint.checks import Context, Lexicons
    from okrlint.model import Statement
    from okrlint.nlp.anatomy import analyse

    text = "".join(word + glue for word, glue in pieces).strip() or "x"
    ctx = Context(Statement(kind="key_result", text=text, line=1), analyse([text], nlp)[0], None, {}, Lexicons())
    tokens = ctx.words.split()
    phrases = others | {" ".join(tokens[i : i + n]) for i, n in slices if i < len(tokens)}  # some from the text
    padded_words, lower = ctx.words, text.lower()
    expected = next(
        (
            p
            for p in sorted(phrases, key=lambda p: (-len(p), p))
            if f" {p} " in padded_words or re.search(rf"(?<!\w){re.escape(p)}(?!\w)", lower)
        ),
        None,
    )
    assert ctx.has_phrase(frozenset(phrases)) == expected
