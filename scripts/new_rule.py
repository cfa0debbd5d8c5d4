"""Scaffold a new rule, as ruff's add_rule.py does: its YAML, its check and its snapshot.

    python scripts/new_rule.py kr-too-long --applies-to key_result
    python scripts/new_rule.py okr-no-owner --applies-to okr

writes rules/<name>.yaml (the next free code of the rule's group: OKR0xx documents, OKR1xx
objectives, OKR2xx key results, OKR4xx OKRs), okrlint/checks/<name>.py (a `check(ctx)` for a
statement rule, a `check_document(dctx)` for the others), regenerates docs/rules.md, and
says what to write next. Nothing else needs registering: the engine finds a rule by its YAML
and its check by its name. The scaffold's check finds nothing and its examples are to be
written, so tests/test_rule_examples.py fails until the rule is real; then
`python scripts/rule_fixtures.py --write` makes its snapshot (a statement rule's cases come
from its examples and the labelled corpus; a document rule's documents are added to
DOCUMENT_CASES there).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = {"document": 0, "objective": 1, "key_result": 2, "initiative": 2, "okr": 4}
STATEMENT_KINDS = ("objective", "key_result", "initiative")


def next_code(group: int) -> str:
    used = [
        int(m.group(1))
        for path in (ROOT / "rules").glob("*.yaml")
        if (m := re.search(r"^code: OKR(\d{3})$", path.read_text(encoding="utf-8"), re.M))
    ]
    taken = [n for n in used if n // 100 == group]
    return f"OKR{(max(taken) + 1) if taken else group * 100 + 1:03d}"


def yaml_text(name: str, code: str, applies: list[str]) -> str:
    statement = applies[0] in STATEMENT_KINDS
    example = (
        '    - {text: "<a statement this rule flags>", better: "<the same statement written well>"}\n'
        if statement
        else '    - text: "<what the document shows>"\n      document: "<a document this rule flags>"\n'
        "      format: markdown\n"
    )
    good = (
        '    - {text: "<a statement no rule flags>"}\n'
        if statement
        else '    - text: "<what the document shows>"\n      document: "<a document this rule leaves alone>"\n'
        "      format: markdown\n"
    )
    return (
        f"code: {code}\n"
        f"name: {name}\n"
        "severity: warning\n"
        f"applies-to: [{', '.join(applies)}]\n"
        "weight: 10\n"
        'summary: "<one sentence, what the rule flags>"\n'
        'message: "<what is wrong>: {detail}"\n'
        'source: "<the published guide or book this rule comes from, by title>"\n'
        "rationale: |\n"
        "  <Why it matters, in a few sentences a team can act on.>\n"
        'suggestion: "<how to write it instead>"\n'
        "examples:\n"
        "  bad:\n" + example + "  good:\n" + good
    )


def check_text(name: str, applies: list[str]) -> str:
    summary = f'"""{name}: <what it flags, in one line>."""\n\nfrom __future__ import annotations\n\n'
    if applies[0] in STATEMENT_KINDS:
        return summary + (
            "from okrlint.checks import Context\n\n\n"
            "def check(ctx: Context) -> str | None:\n"
            '    """The detail of the finding for this statement, or None when the rule does not apply."""\n'
            "    return None\n"
        )
    return summary + (
        "from collections.abc import Iterator\n\n"
        "from okrlint.checks import DocumentContext, Hit\n\n\n"
        "def check_document(dctx: DocumentContext) -> Iterator[Hit]:\n"
        '    """A Hit for each place in the document the rule flags."""\n'
        "    yield from ()\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the rule's name, words joined by dashes (kr-too-long)")
    parser.add_argument("--applies-to", nargs="+", required=True, choices=sorted(GROUPS))
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+", args.name):
        parser.error("a rule's name is lowercase words joined by dashes, such as kr-too-long")
    yaml_path = ROOT / "rules" / f"{args.name}.yaml"
    check_path = ROOT / "okrlint" / "checks" / f"{args.name.replace('-', '_')}.py"
    for path in (yaml_path, check_path):
        if path.exists():
            parser.error(f"{path.relative_to(ROOT)} exists already")
    code = next_code(GROUPS[args.applies_to[0]])
    yaml_path.write_text(yaml_text(args.name, code, args.applies_to), encoding="utf-8")
    check_path.write_text(check_text(args.name, args.applies_to), encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py")], check=True)
    print(f"{code} {args.name}: wrote {yaml_path.relative_to(ROOT)} and {check_path.relative_to(ROOT)}")
    print("next: write the YAML's texts and examples and the check; run the tests; then")
    print("      python scripts/rule_fixtures.py --write   (the rule's snapshot) and read its diff")
    return 0


if __name__ == "__main__":
    sys.exit(main())
