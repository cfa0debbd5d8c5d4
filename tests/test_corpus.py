"""Accuracy on the project's own labelled corpus (tests/corpus/labelled.jsonl, 296 statements
written for okrlint in the styles real teams use, labelled by ../shared/eval/RUBRIC.md).

The floors are the precision and recall reached when they were set (rounded down): a change
that makes a rule worse on this corpus fails here. Raise them when a rule improves.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from corpus_eval import TAGS, evaluate, prf

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
    precision, recall, _ = prf(counts[rule])
    floor_p, floor_r = FLOORS[rule]
    assert precision >= floor_p, f"{rule} precision {precision:.3f} < {floor_p}"
    assert recall >= floor_r, f"{rule} recall {recall:.3f} < {floor_r}"


def test_micro_f1_on_corpus(counts):
    total: Counter = Counter()
    for rule in TAGS:
        total.update(counts[rule])
    assert prf(total)[2] >= 0.94
