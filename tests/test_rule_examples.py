"""Every good and bad example in rules/*.yaml runs: bad ones must be flagged by their rule,
good ones by no statement rule (document examples: by no instance of their rule)."""

from __future__ import annotations

import pytest

from okrlint.api import lint_documents, lint_text
from okrlint.config import Config
from okrlint.model import OKR, Document, Statement
from okrlint.rulebook import Example, Rule, load_rules

STATEMENT_KINDS = {"objective", "key_result", "initiative"}
CASES = [
    pytest.param(rule, example, verdict, id=f"{rule.name}-{verdict}-{i}")
    for rule in load_rules()
    for verdict, examples in (("bad", rule.examples.bad), ("good", rule.examples.good))
    for i, example in enumerate(examples)
]


def _lint_statement(example: Example):
    stmt = Statement(kind=example.kind, text=example.text, line=1)
    okr = (
        OKR(objective=stmt)
        if example.kind == "objective"
        else OKR(
            objective=None,
            key_results=[stmt] if example.kind == "key_result" else [],
            initiatives=[stmt] if example.kind == "initiative" else [],
        )
    )
    doc = Document(path="example.md", format="markdown", okrs=[okr])
    return lint_documents([(doc, "", Config())])[0].findings


def test_every_rule_has_examples():
    for rule in load_rules():
        assert rule.examples.bad and rule.examples.good, rule.name


@pytest.mark.parametrize(("rule", "example", "verdict"), CASES)
def test_example(nlp, rule: Rule, example: Example, verdict: str):
    if example.document is not None:
        findings = lint_text(example.document, format=example.format, path="example").findings
        names = [f.name for f in findings]
        assert (rule.name in names) == (verdict == "bad"), names
        return
    findings = [f for f in _lint_statement(example) if f.kind in STATEMENT_KINDS]
    names = sorted({f.name for f in findings})
    if verdict == "bad":
        assert rule.name in names, f"{example.text!r} not flagged by {rule.name}: {names}"
    else:
        assert names == [], f"good example {example.text!r} flagged: {names}"
