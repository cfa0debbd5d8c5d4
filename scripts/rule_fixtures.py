"""Snapshot fixtures per statement rule: tests/fixtures/rules/<rule>.yaml.

Each fixture holds statements and the exact findings the rule gives them (message,
suggestion, line and column) when each stands in a small YAML document, as ruff's and
pylint's snapshot tests do; tests/test_rule_fixtures.py checks that they still come out so.
A change in a rule's wording or judgement then shows in review as a diff of its fixture.

    python scripts/rule_fixtures.py            # say which fixtures differ from the code
    python scripts/rule_fixtures.py --write    # write them again (then read the diff)

Statements come from the rule's own examples and from the project's labelled corpus
(tests/corpus/labelled.jsonl): the first statements labelled with the rule and the first of
the same kind labelled without it, at least eight cases a rule. The rules about a whole OKR
or document get the documents of DOCUMENT_CASES below, four or more each.
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


# Documents for the rules about a whole OKR or document: at least four a rule, each a shape
# the rule must judge (over and under its limit, its edge, a near miss), in several formats.
GOOD = ["Raise weekly active teams from 40 to 60", "Cut monthly churn from 5% to 3%", "Grow NPS from 20 to 40",
        "Reduce median response time from 9 hours to 2 hours", "Increase trial conversion from 12% to 20%",
        "Lift renewals from 80% to 90%", "Halve open P1 bugs from 30 to 15", "Grow ARR from $1M to $2M"]
TASKS = ["Launch the new help center", "Hire a support lead", "Write the onboarding guide"]


def _md(*okrs: tuple[str, list[str]], before: str = "") -> str:
    parts = [before] if before else []
    for objective, krs in okrs:
        parts.append(f"## Objective: {objective}\n\n" + "".join(f"- KR: {kr}\n" for kr in krs))
    return "\n".join(parts)


def _yaml(*okrs: tuple[str, list[Any]]) -> str:
    body = [{"objective": o, "key_results": k} for o, k in okrs]
    return yaml.safe_dump({"objectives": body}, sort_keys=False, allow_unicode=True, width=1000)


OBJ = "Customers get answers without waiting"
DOCUMENT_CASES: dict[str, list[tuple[str, str, str]]] = {  # rule: (name, format, document)
    "too-many-key-results": [
        ("five", "markdown", _md((OBJ, GOOD[:5]))),
        ("six", "markdown", _md((OBJ, GOOD[:6]))),
        ("eight, in YAML", "yaml", _yaml((OBJ, GOOD[:8]))),
        ("three and seven", "markdown", _md((OBJ, GOOD[:3]), ("Ship reliably", GOOD[:7]))),
    ],
    "too-few-key-results": [
        ("one", "markdown", _md((OBJ, GOOD[:1]))),
        ("two", "markdown", _md((OBJ, GOOD[:2]))),
        ("none", "markdown", _md((OBJ, []), ("Ship reliably", GOOD[:3]))),
        ("one of two OKRs, in YAML", "yaml", _yaml((OBJ, GOOD[:3]), ("Ship reliably", GOOD[3:4]))),
    ],
    "too-many-objectives": [
        ("five", "markdown", _md(*[(f"{OBJ} in region {i}", GOOD[:2]) for i in range(5)])),
        ("six", "markdown", _md(*[(f"{OBJ} in region {i}", GOOD[:2]) for i in range(6)])),
        ("nine, in YAML", "yaml", _yaml(*[(f"{OBJ} in region {i}", GOOD[:2]) for i in range(9)])),
        ("one", "markdown", _md((OBJ, GOOD[:3]))),
    ],
    "objective-without-key-results": [
        ("none", "markdown", _md((OBJ, []), ("Ship reliably", GOOD[:3]))),
        ("two without", "markdown", _md((OBJ, []), ("Ship reliably", []), ("Grow", GOOD[:2]))),
        ("with key results", "markdown", _md((OBJ, GOOD[:2]))),
        ("empty list in YAML", "yaml", _yaml((OBJ, []), ("Ship reliably", GOOD[:2]))),
    ],
    "okr-not-measurable": [
        ("tasks only", "markdown", _md((OBJ, TASKS[:2]))),
        ("one number", "markdown", _md((OBJ, [TASKS[0], GOOD[0]]))),
        ("a baseline field", "yaml", _yaml((OBJ, [{"text": "Support satisfaction", "baseline": 78}, TASKS[1]]))),
        ("a target field", "yaml", _yaml((OBJ, [{"text": "Support satisfaction", "target": "90%"}, TASKS[1]]))),
    ],
    "okr-no-outcome": [
        ("all work", "markdown", _md((OBJ, TASKS))),
        ("counted work", "markdown", _md((OBJ, ["Publish 10 help articles", "Run 4 webinars"]))),
        ("one result", "markdown", _md((OBJ, [*TASKS[:2], GOOD[3]]))),
        ("results only", "yaml", _yaml((OBJ, GOOD[:3]))),
    ],
    "duplicate-statement": [
        ("the same key result twice", "markdown", _md((OBJ, [GOOD[0], GOOD[1], GOOD[0]]))),
        ("in two OKRs", "markdown", _md((OBJ, GOOD[:2]), ("Ship reliably", [GOOD[1], GOOD[2]]))),
        ("case and full stop aside", "markdown", _md((OBJ, [GOOD[0], GOOD[0].lower() + "."]))),
        ("all different", "yaml", _yaml((OBJ, GOOD[:3]))),
    ],
    "no-okrs-found": [
        ("prose", "markdown", "# Team handbook\n\nWe meet on Mondays and write notes in the wiki.\n"),
        ("a list of chores", "markdown", "# Chores\n\n- water the plants\n- buy coffee\n"),
        ("OKRs", "markdown", _md((OBJ, GOOD[:2]))),
        ("YAML of something else", "yaml", "name: build\nsteps:\n  - run: make test\n"),
    ],
    "schema-mapping": [
        ("a tool's export", "json", json.dumps({"goals": [{"title": OBJ, "krs": [{"title": GOOD[0]}]}]})),
        ("teams and goals", "json", json.dumps({"teams": [{"name": "Support", "goals": [
            {"title": OBJ, "results": [{"name": GOOD[1]}, {"name": GOOD[2]}]}]}]})),
        ("okrlint's schema", "yaml", _yaml((OBJ, GOOD[:2]))),
        ("okrlint's schema in JSON", "json", json.dumps({"objectives": [{"objective": OBJ, "key_results": GOOD[:2]}]})),
    ],
    "skipped-part": [
        ("a misspelt key", "yaml", f"objectives:\n  - objective: {OBJ}\n    key_reslts:\n      - {GOOD[0]}\n"),
        ("an empty key result", "yaml", f"objectives:\n  - objective: {OBJ}\n    key_results:\n      - \"\"\n"
                                        f"      - {GOOD[0]}\n"),
        ("a number for a statement", "yaml", f"objectives:\n  - objective: {OBJ}\n    key_results:\n      - 42\n"
                                             f"      - {GOOD[1]}\n"),
        ("every key known", "yaml", _yaml((OBJ, GOOD[:2]))),
    ],
    "not-english": [
        ("Spanish", "markdown", _md(("Que nuestros clientes reciban respuestas sin esperar",
                                     ["Reducir el tiempo de respuesta de 9 horas a 2 horas",
                                      "Aumentar la satisfacción del 78% al 90%"]))),
        ("German", "markdown", _md((
            "Unsere Kunden bekommen Antworten ohne zu warten",
            ["Die Antwortzeit von 9 Stunden auf 2 Stunden senken", "Die Zufriedenheit von 78% auf 90% steigern"],
        ))),
        ("English", "markdown", _md((OBJ, GOOD[:2]))),
        ("one Spanish key result", "markdown", _md((OBJ, [GOOD[0], "Aumentar la satisfacción del 78% al 90%"]))),
    ],
    "unused-suppression": [
        ("a misspelt rule", "markdown", f"# Objective: {OBJ}\n\n<!-- okrlint-disable-next-line kr-outptu -->\n"
                                        f"- KR: {TASKS[0]}\n- KR: {GOOD[0]}\n"),
        ("nothing left to suppress", "markdown", f"# Objective: {OBJ}\n\n<!-- okrlint-disable-next-line kr-output -->\n"
                                                 f"- KR: {GOOD[0]}\n- KR: {GOOD[1]}\n"),
        ("a suppression that works", "markdown", f"# Objective: {OBJ}\n\n"
                                                 "<!-- okrlint-disable-next-line kr-output, kr-not-measurable -->\n"
                                                 f"- KR: {TASKS[0]}\n- KR: {GOOD[0]}\n"),
        ("a whole-file suppression unused", "markdown", "<!-- okrlint-disable-file vague-verb -->\n"
                                                         f"# Objective: {OBJ}\n\n- KR: {GOOD[0]}\n- KR: {GOOD[1]}\n"),
    ],
}


def document_findings(rule: str, fmt: str, doc: str) -> list[dict[str, Any]]:
    from okrlint.api import lint_text

    result = lint_text(doc, format=fmt, path=f"case.{'md' if fmt == 'markdown' else fmt}")
    return [
        {"line": f.line, "column": f.column, "kind": f.kind, "message": f.message, "suggestion": f.suggestion}
        for f in result.findings
        if f.name == rule
    ]


def build() -> dict[str, dict[str, Any]]:
    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = {}
    for rule in statement_rules():
        cases = [
            {"kind": kind, "text": text, "findings": findings_of(rule.name, kind, text)}
            for kind, text in cases_for(rule, corpus)
        ]
        out[rule.name] = {"rule": rule.name, "code": rule.code, "cases": cases}
    from okrlint.rulebook import find_rule, load_rules

    for name, documents in DOCUMENT_CASES.items():
        rule = find_rule(name, load_rules())
        assert rule is not None, name
        out[name] = {"rule": name, "code": rule.code, "documents": [
            {"name": what, "format": fmt, "document": doc, "findings": document_findings(name, fmt, doc)}
            for what, fmt, doc in documents
        ]}
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
