"""Each rule's snapshot fixture (tests/fixtures/rules/<rule>.yaml): the exact findings,
message, suggestion, line and column, of at least eight statements (a statement rule) or four
documents (a rule about an OKR or a document), some that the rule flags and some it leaves
alone. `python scripts/rule_fixtures.py --write` writes
them again after an intended change, for the diff to be read in review."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import rule_fixtures  # noqa: E402

RULES = [r.name for r in rule_fixtures.statement_rules()]
DOCUMENT_RULES = sorted(rule_fixtures.DOCUMENT_CASES)


@pytest.mark.parametrize("rule", RULES)
def test_a_rule_gives_exactly_the_findings_of_its_fixture(rule: str, nlp) -> None:
    fixture = yaml.safe_load((rule_fixtures.FIXTURES / f"{rule}.yaml").read_text(encoding="utf-8"))
    cases = fixture["cases"]
    assert len(cases) >= 8
    assert any(c["findings"] for c in cases) and any(not c["findings"] for c in cases)  # flags some, not all
    got = [rule_fixtures.findings_of(rule, c["kind"], c["text"]) for c in cases]
    assert got == [c["findings"] for c in cases]


@pytest.mark.parametrize("rule", DOCUMENT_RULES)
def test_a_document_rule_gives_exactly_the_findings_of_its_fixture(rule: str, nlp) -> None:
    fixture = yaml.safe_load((rule_fixtures.FIXTURES / f"{rule}.yaml").read_text(encoding="utf-8"))
    documents = fixture["documents"]
    assert len(documents) >= 4
    assert any(d["findings"] for d in documents) and any(not d["findings"] for d in documents)
    got = [rule_fixtures.document_findings(rule, d["format"], d["document"]) for d in documents]
    assert got == [d["findings"] for d in documents]


def test_every_rule_has_a_fixture_and_every_fixture_a_rule() -> None:
    from okrlint.rulebook import load_rules

    fixtures = sorted(p.stem for p in rule_fixtures.FIXTURES.glob("*.yaml"))
    assert fixtures == sorted([*RULES, *DOCUMENT_RULES])
    assert set(fixtures) == {r.name for r in load_rules()}  # every built-in rule is pinned
