"""Each statement rule's snapshot fixture (tests/fixtures/rules/<rule>.yaml): the exact
findings, message, suggestion, line and column, of at least eight statements, some that the
rule flags and some it must leave alone. `python scripts/rule_fixtures.py --write` writes
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


@pytest.mark.parametrize("rule", RULES)
def test_a_rule_gives_exactly_the_findings_of_its_fixture(rule: str, nlp) -> None:
    fixture = yaml.safe_load((rule_fixtures.FIXTURES / f"{rule}.yaml").read_text(encoding="utf-8"))
    cases = fixture["cases"]
    assert len(cases) >= 8
    assert any(c["findings"] for c in cases) and any(not c["findings"] for c in cases)  # flags some, not all
    got = [rule_fixtures.findings_of(rule, c["kind"], c["text"]) for c in cases]
    assert got == [c["findings"] for c in cases]


def test_every_fixture_belongs_to_a_statement_rule() -> None:
    assert sorted(p.stem for p in rule_fixtures.FIXTURES.glob("*.yaml")) == sorted(RULES)
