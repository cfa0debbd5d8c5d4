"""The classify stage on a table of statements labelled by hand (tests/corpus/categories.tsv):
each category's agreement with the labels, and the whole table's.

The labels were written before the classifier was run on them (first run: 0.888 agreement,
binary 0.45); the classifier was then improved with the table's disagreements in view, so
this is a development measure, not a held-out one (scripts/rule_corpus.py has that). The
floors sit a little under the level reached, so that a change that loses ground fails here.
The disagreements are printed with -rA."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from okrlint.api import lint_documents
from okrlint.classify import COUNT_NEW, ONGOING, WORK
from okrlint.config import Config
from okrlint.readers import read_text

TABLE = Path(__file__).parent / "corpus" / "categories.tsv"
OVERALL_FLOOR = 0.95
CATEGORY_FLOOR = 0.8


def _rows() -> list[tuple[str, str, str]]:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]  # type: ignore[misc]


@pytest.fixture(scope="module")
def answers(nlp) -> list[tuple[str, str, str, str]]:
    """(kind, expected, got, statement) for every row, all linted in one batch."""
    items = []
    rows = _rows()
    for kind, _, text in rows:
        if kind == "objective":
            source = f"objectives:\n  - objective: {json.dumps(text)}\n"
        else:
            source = (
                f"objectives:\n  - objective: Delight our customers\n    key_results:\n      - {json.dumps(text)}\n"
            )
        items.append((read_text(source, "c.okr.yaml"), source, Config()))
    out = []
    for (kind, expected, text), result in zip(rows, lint_documents(items), strict=True):
        okr = result.okrs[0]
        stmt = okr.objective if kind == "objective" else okr.key_results[0]
        assert stmt is not None and stmt.category is not None, text
        out.append((kind, expected, stmt.category.name, text))
    return out


def test_the_table_covers_every_category():
    rows = _rows()
    counts = Counter(expected for _, expected, _ in rows)
    assert len(rows) >= 150
    assert set(counts) == {*WORK, *ONGOING, COUNT_NEW, "maintain", "binary", "outcome", "output", "metric_target"}
    assert min(counts.values()) >= 10, counts


def test_agreement_with_the_labels(answers):
    by_category: dict[str, Counter] = {}
    for _, expected, got, _ in answers:
        by_category.setdefault(expected, Counter())[expected == got] += 1
    wrong = [f"{expected} -> {got}: {text}" for _, expected, got, text in answers if expected != got]
    print("\n".join(wrong))
    overall = sum(expected == got for _, expected, got, _ in answers) / len(answers)
    worst = {c: n[True] / (n[True] + n[False]) for c, n in by_category.items()}
    print(f"agreement {overall:.3f}; per category {sorted(worst.items(), key=lambda kv: kv[1])}")
    assert overall >= OVERALL_FLOOR, wrong
    assert min(worst.values()) >= CATEGORY_FLOOR, worst


def test_work_and_results_never_swap_on_the_seeds_examples(answers):
    """The rubric's own examples: tasks are work, moved metrics are results."""
    got = {text: name for _, _, name, text in answers}
    assert got["Find a website developer"] in WORK
    assert got["Publish 10 thought leadership articles"] in WORK
    assert got["Increase weekly active users from 12,000 to 18,000"] not in WORK
    assert got["Secure 100 pre-orders before launch"] == COUNT_NEW


def test_statements_in_another_language_get_only_the_rules_that_read_numbers(nlp):
    text = (
        "Objetivo: Ser a plataforma preferida dos nossos clientes\n\n"
        "- KR: Melhorar a experiência de compra dos clientes\n"
        "- KR: Lançar o novo aplicativo para os clientes\n"
        "- KR: Aumentar a receita recorrente para R$ 50.000 por mês\n\n"
        "目标: 成为行业第一\n\n"
        "- KR: 行业前20内有5款产品上榜\n"
        "- KR: 提升品牌认知度\n"
    )
    (result,) = lint_documents([(read_text(text, "okrs.md"), text, Config())])
    by_text = {}
    for f in result.findings:
        by_text.setdefault(f.text, set()).add(f.name)
    assert by_text["Melhorar a experiência de compra dos clientes"] == {"kr-not-measurable"}
    assert by_text["Lançar o novo aplicativo para os clientes"] == {"kr-not-measurable"}
    assert "Aumentar a receita recorrente para R$ 50.000 por mês" not in by_text
    assert by_text["提升品牌认知度"] == {"kr-not-measurable"}
    assert "行业前20内有5款产品上榜" not in by_text
    assert [f.name for f in result.findings if f.kind == "document"] == ["not-english"]
    # the suggestion of a statement not in English is the rule's own, not built from an English parse
    finding = next(f for f in result.findings if f.text == "提升品牌认知度")
    assert "<" not in (finding.suggestion or "")
