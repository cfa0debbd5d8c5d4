"""The rule reference in docs/ is generated from rules/*.yaml and must not drift from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rule_docs_match_the_generator():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_rule_is_documented():
    from okrlint.rulebook import load_rules

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in load_rules():
        assert rule.code in text and rule.name in text


def test_the_readme_rule_groups_cover_every_rule():
    from okrlint.rulebook import load_rules

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| codes | group | such as |") :].split("\n\n")[0]
    for rule in load_rules():
        covered = rule.code in table or any(
            line.startswith("| OKR") and "-" in line.split("|")[1] and _in_range(rule.code, line.split("|")[1])
            for line in table.splitlines()
        )
        assert covered, rule.code


def _in_range(code: str, cell: str) -> bool:
    start, _, end = cell.strip().partition("-")
    return start[:3] == code[:3] and int(start[3:]) <= int(code[3:]) <= int(end)
