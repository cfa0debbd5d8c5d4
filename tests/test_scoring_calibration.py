"""Scores users agree with (docs/scoring.md, "Calibration"): the literature's poor OKRs grade
D or F and its good ones A; an OKR none of whose key results is an outcome scores below 60;
a document with an error cannot grade A or B."""

from __future__ import annotations

import pytest

from okrlint.api import lint_text

# OKRs the published sources call good or poor, in okrlint's YAML format.
POOR = {
    # Perdoo, "How to write great OKRs": the poorly crafted website OKR.
    "perdoo-website": "objectives:\n  - objective: Launch a new website\n    key_results:\n"
    "      - Find a website developer\n      - Release the new website\n",
    # Plutora, "What are OKRs": the bad valuation OKR (its initiatives as key results).
    "plutora-valuation": "objectives:\n  - objective: Double company valuation\n    key_results:\n"
    "      - Sign up multiple accounts\n      - Capture 100% market share\n",
}
GOOD = {
    "perdoo-website": "objectives:\n  - objective: Our website conversions have never been higher\n"
    "    key_results:\n      - Increase visitor-to-lead conversion rate from 2.5% to 5%\n"
    "      - Increase sales-accepted leads from 30% to 50%\n",
    "plutora-funding": "objectives:\n  - objective: Start a round of investment\n    key_results:\n"
    "      - At least $100,000 committed, one month from now\n",
}
# Objectives written well; key results that are all work, each otherwise well written.
ALL_WORK = [
    ("Our readers trust our documentation", ["Publish 5 tutorials", "Run 3 documentation workshops"]),
    ("Customers love our onboarding", ["Launch the new onboarding flow by March", "Hire 2 designers"]),
    ("Our community is thriving", ["Host 4 meetups", "Write 10 blog posts", "Onboard 3 maintainers"]),
    ("Checkout is delightful", ["Redesign the checkout page", "Migrate payments to the new provider"]),
    ("Our team is healthy", ["Run a weekly retrospective", "Hold 1:1s every two weeks"]),
]
# Documents whose only findings are errors.
ONLY_ERRORS = [
    "objectives:\n  - objective: Our customers renew because they love the product\n",
    "objectives:\n  - objective: Our customers renew because they love the product\n    key_results:\n"
    "      - Increase net revenue retention from 95% to 105%\n      - Reduce churn from 4% to 2%\n"
    "      - Increase NPS from 30 to 45\n  - objective: Our support is fast\n",
]


def _yaml(objective: str, key_results: list[str]) -> str:
    items = "".join(f"      - {k}\n" for k in key_results)
    return f"objectives:\n  - objective: {objective}\n    key_results:\n{items}"


@pytest.mark.parametrize("name", sorted(POOR))
def test_poor_okrs_of_the_literature_grade_d_or_f(nlp, name):
    result = lint_text(POOR[name], path=f"{name}.okr.yaml").files[0]
    assert result.grade in ("D", "F"), (result.score, [f.name for f in result.findings])


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_okrs_of_the_literature_grade_a(nlp, name):
    result = lint_text(GOOD[name], path=f"{name}.okr.yaml").files[0]
    assert result.grade == "A", (result.score, [f.name for f in result.findings])


@pytest.mark.parametrize(("objective", "key_results"), ALL_WORK, ids=[o for o, _ in ALL_WORK])
def test_an_okr_without_an_outcome_scores_below_60(nlp, objective, key_results):
    result = lint_text(_yaml(objective, key_results), path="work.okr.yaml").files[0]
    assert "okr-no-outcome" in {f.name for f in result.findings}
    assert result.score is not None and result.score < 60, (result.score, [f.name for f in result.findings])


@pytest.mark.parametrize("source", ONLY_ERRORS)
def test_a_document_with_only_errors_cannot_grade_a_or_b(nlp, source):
    result = lint_text(source, path="errors.okr.yaml").files[0]
    assert result.findings and all(f.severity == "error" for f in result.findings), result.findings
    assert result.grade not in ("A", "B"), result.score
