"""Snapshot fixtures per statement rule: tests/fixtures/rules/<rule>.yaml.

Each fixture holds statements and the exact findings the rule gives them (message,
suggestion, line and column) when each stands in a small YAML document, as ruff's and
pylint's snapshot tests do; tests/test_rule_fixtures.py checks that they still come out so.
A change in a rule's wording or judgement then shows in review as a diff of its fixture.

    python scripts/rule_fixtures.py            # say which fixtures differ from the code
    python scripts/rule_fixtures.py --write    # write them again (then read the diff)

Statements come from the rule's own examples and from the project's labelled corpus
(tests/corpus/labelled.jsonl): the first statements labelled with the rule and the first of
the same kind labelled without it, at least eight cases a rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "rules"
CORPUS = ROOT / "tests" / "corpus" / "labelled.jsonl"
FLAGGED, CLEAN = 5, 3  # corpus statements per rule: labelled with it, and without it
OBJECTIVE = "Make onboarding effortless for new customers"
OTHER_KR = "Raise weekly active teams from 40 to 60"


def document(kind: str, text: str) -> str:
    """The statement in a small document of okrlint's YAML schema, in its place."""
    if kind == "objective":
        okr: dict[str, Any] = {"objective": text, "key_results": [OTHER_KR, "Cut monthly churn from 5% to 3%"]}
    else:
        okr = {"objective": OBJECTIVE, "key_results": [text, OTHER_KR]}
    return yaml.safe_dump({"objectives": [okr]}, sort_keys=False, allow_unicode=True, width=1000)


def findings_of(rule: str, kind: str, text: str) -> list[dict[str, Any]]:
    from okrlint.api import lint_text

    result = lint_text(document(kind, text), format="yaml", path="case.okr.yaml")
    return [
        {"line": f.line, "column": f.column, "message": f.message, "suggestion": f.suggestion}
        for f in result.findings
        if f.name == rule and f.text == text
    ]


def statement_rules() -> list[Any]:
    from okrlint.rulebook import load_rules

    # duplicate-statement compares statements with each other: a document rule in all but name
    return [
        r for r in load_rules()
        if set(r.applies_to) & {"objective", "key_result"} and r.name != "duplicate-statement"
    ]


def cases_for(rule: Any, corpus: list[dict[str, Any]]) -> list[tuple[str, str]]:
    kinds = [k for k in ("objective", "key_result") if k in rule.applies_to]
    cases: list[tuple[str, str]] = []
    for example in [*rule.examples.bad, *rule.examples.good]:
        if not example.document:
            cases.append((kinds[0], example.text))
    statements = [
        (kind, s) for okr in corpus for kind in kinds
        for s in ([okr["objective"]] if kind == "objective" else okr["key_results"])
    ]
    flagged = [(k, s["text"]) for k, s in statements if rule.name in s["tags"]][:FLAGGED]
    clean = [(k, s["text"]) for k, s in statements if not s["tags"] and not s["uncertain"]][:CLEAN]
    return list(dict.fromkeys(cases + flagged + clean))


def build() -> dict[str, dict[str, Any]]:
    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = {}
    for rule in statement_rules():
        cases = [
            {"kind": kind, "text": text, "findings": findings_of(rule.name, kind, text)}
            for kind, text in cases_for(rule, corpus)
        ]
        out[rule.name] = {"rule": rule.name, "code": rule.code, "cases": cases}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the fixtures from the code")
    args = parser.parse_args()
    differ = []
    for name, fixture in build().items():
        path = FIXTURES / f"{name}.yaml"
        text = yaml.safe_dump(fixture, sort_keys=False, allow_unicode=True, width=100)
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        elif not path.is_file() or path.read_text(encoding="utf-8") != text:
            differ.append(name)
    if differ:
        print(f"fixtures that differ from the code: {', '.join(differ)} (run with --write, then read the diff)")
        return 1
    print("written" if args.write else "every fixture matches the code")
    return 0


if __name__ == "__main__":
    sys.exit(main())
