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
    lines = max(1, text.count("\n") + 1)
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
