"""Accuracy on the project's own labelled corpus (tests/corpus/labelled.jsonl, 296 statements
written for okrlint in the styles real teams use, labelled by ../shared/eval/RUBRIC.md).

The floors are the precision and recall reached when they were set (rounded down): a change
that makes a rule worse on this corpus fails here. Raise them when a rule improves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_eval import TAGS, assert_floor, evaluate, micro_f1

CORPUS = Path(__file__).parent / "corpus" / "labelled.jsonl"

# rule: (precision floor, recall floor), as measured on 2026-11-26
FLOORS = {
    "objective-measurable": (1.00, 1.00),
    "objective-output": (1.00, 1.00),
    "overloaded-objective": (1.00, 0.88),
    "kr-output": (0.90, 0.90),
    "kr-not-measurable": (1.00, 1.00),
    "kr-missing-baseline": (0.90, 0.90),
    "kr-kpi-maintain": (1.00, 1.00),
    "vague-verb": (1.00, 1.00),
    "vague-quantifier": (1.00, 0.86),
    "unrealistic-target": (0.87, 0.70),
}


@pytest.fixture(scope="module")
def counts(nlp):
    return evaluate(CORPUS)


def test_corpus_is_large_and_labelled_by_the_rubric():
    import json

    okrs = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    statements = [s for o in okrs for s in [o["objective"], *o["key_results"], *o.get("initiatives", [])]]
    assert len(statements) >= 150
    assert {t for s in statements for t in s["tags"]} <= set(TAGS)
    assert len({s["text"] for s in statements}) == len(statements)


@pytest.mark.parametrize("rule", TAGS)
def test_rule_holds_its_precision_and_recall(counts, rule):
    assert_floor(counts, rule, FLOORS)


def test_micro_f1_on_corpus(counts):
    assert micro_f1(counts) >= 0.94
