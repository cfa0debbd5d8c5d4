"""The rules on real OKRs: the development set of scripts/rule_corpus.py (the reader corpus's
labels and tests/corpus/rule-dev/, 991 English statements from 66 public sources, labelled
blind by the rubric).

The floors are the figures measured when they were set, rounded down: a change that makes a
rule worse on real documents fails here. They are development figures; the held-out figure
(tests/corpus/rule-heldout/README.md) is lower, and the issue's floor (micro-F1 0.93, every
rule with 10 or more labels at precision 0.90 and recall 0.85) is not yet met on it. The
held-out set is never scored by a test: its errors stay unseen.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from corpus_eval import assert_floor, evaluate_okrs, micro_f1

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import rule_corpus  # noqa: E402

# rule: (precision floor, recall floor), as measured on 2026-12-05 (rules with 10+ labels)
FLOORS = {
    "objective-measurable": (1.00, 1.00),
    "objective-output": (0.88, 0.79),
    "overloaded-objective": (0.94, 0.84),
    "kr-output": (0.95, 0.92),
    "kr-not-measurable": (0.98, 1.00),
    "kr-missing-baseline": (0.87, 0.92),
}
MICRO_FLOOR = 0.94


@pytest.fixture(scope="module")
def counts(nlp) -> dict[str, Counter]:
    other = rule_corpus.languages()
    okrs = [
        okr
        for folder in rule_corpus.SETS["dev"]
        for source, labelled in sorted(rule_corpus.labelled(folder).items())
        if source not in other
        for okr in labelled
    ]
    assert rule_corpus.statements(okrs) >= 900
    return evaluate_okrs(okrs)


def test_the_held_out_set_is_not_part_of_it():
    dev = {s for folder in rule_corpus.SETS["dev"] for s in rule_corpus.labelled(folder)}
    held_out = {s for folder in rule_corpus.SETS["heldout"] for s in rule_corpus.labelled(folder)}
    assert held_out and not dev & held_out


def test_micro_f1(counts):
    assert micro_f1(counts) >= MICRO_FLOOR


@pytest.mark.parametrize("rule", sorted(FLOORS))
def test_rule_holds_its_precision_and_recall(counts, rule):
    assert_floor(counts, rule, FLOORS)
