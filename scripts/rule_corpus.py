#!/usr/bin/env python3
"""Measure okrlint's rules on real, labelled OKRs.

Usage (from the project's root, okrlint and its spaCy model installed):

    python scripts/rule_corpus.py [--set dev|heldout|all] [--errors]

Two sets of labels, each by public source, labelled by the rubric (docs/labelling-rubric.md)
before okrlint's rules were run on them:

- `dev`: the labels.jsonl files of the reader corpus (tests/corpus/readers/documents/) and of
  tests/corpus/rule-dev/ (held-out sets whose errors have since been looked at). The rules are
  worked on against these; `--errors` lists every wrong answer.
- `heldout`: tests/corpus/rule-heldout/, sources no other set uses, gathered and labelled by
  people who never ran okrlint on them. It is measured once, when a piece of rule work is
  done, and its errors are not looked at; its README keeps the record of each run.

Each OKR is linted as a file of its own (okrlint's YAML schema, so that reader errors do not
count here), and each rule's findings are compared with the labels: a statement the rule
flags and the label names is a true positive, and so on; a tag the labeller marked
`uncertain` for a statement is not counted either way for it.

okrlint's rules read English (statements in another language get the not-english finding and
the language-independent rules only), so the table is of the English sources;
tests/corpus/languages.txt names the others, whose figure is printed on a line of its own.
Last line: `rules micro-F1 F (...)`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "dev": (ROOT / "tests" / "corpus" / "readers" / "documents", ROOT / "tests" / "corpus" / "rule-dev"),
    "heldout": (ROOT / "tests" / "corpus" / "rule-heldout",),
}
LANGUAGE_FILE = ROOT / "tests" / "corpus" / "languages.txt"
sys.path.insert(0, str(ROOT / "tests"))

from corpus_eval import TAGS, evaluate_okrs, prf  # noqa: E402


def languages() -> dict[str, str]:
    """The sources not written in English, with their language (read by a person)."""
    lines = LANGUAGE_FILE.read_text(encoding="utf-8").splitlines()
    return dict(line.split() for line in lines if line.strip() and not line.startswith("#"))


def labelled(folder: Path) -> dict[str, list[dict]]:
    """The labelled OKRs of each source of one set."""
    found: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("*/labels.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        found[path.parent.name] = [json.loads(line) for line in lines if line.strip()]
    return found


def statements(okrs: list[dict]) -> int:
    return sum(bool(o.get("objective")) + len(o.get("key_results") or []) + len(o.get("initiatives") or [])
               for o in okrs)


def table(counts: dict[str, Counter]) -> tuple[list[str], float]:
    rows = [f"{'rule':22} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    total: Counter = Counter()
    for tag in TAGS:
        c = counts[tag]
        total.update(c)
        p, r, f = prf(c)
        rows.append(f"{tag:22} {c['tp'] + c['fn']:5} {c['tp']:4} {c['fp']:4} {c['fn']:4} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = prf(total)
    rows.append(f"{'micro (all rules)':22} {total['tp'] + total['fn']:5} {total['tp']:4} {total['fp']:4} "
                f"{total['fn']:4} {p:6.3f} {r:6.3f} {f:6.3f}")
    return rows, f


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="dev")
    parser.add_argument("--labels", type=Path, help="measure this labels file (JSON lines) instead")
    parser.add_argument("--errors", action="store_true",
                        help="list every wrong answer (dev only: the held-out set is measured blind)")
    args = parser.parse_args(argv)
    if args.labels:
        okrs = [json.loads(line) for line in args.labels.read_text(encoding="utf-8").splitlines() if line.strip()]
        found: list[tuple[str, str, str]] = []
        rows, micro = table(evaluate_okrs(okrs, found))
        print("\n".join([f"{o} {t:20} {x}" for o, t, x in sorted(found)] * args.errors + rows))
        print(f"rules micro-F1 {micro:.3f} ({args.labels.name}: {statements(okrs)} statements, {len(okrs)} OKRs)")
        return 0
    chosen = {s: okrs for name, folders in SETS.items() if args.set in (name, "all")
              for folder in folders for s, okrs in labelled(folder).items()}
    other = languages()
    foreign = {s: okrs for s, okrs in chosen.items() if s in other}
    chosen = {s: okrs for s, okrs in chosen.items() if s not in other}
    okrs = [okr for source in sorted(chosen) for okr in chosen[source]]
    if args.errors and args.set != "dev":
        parser.error("--errors lists the dev set only: the held-out set's errors are not looked at")
    errors: list[tuple[str, str, str]] = []
    rows, micro = table(evaluate_okrs(okrs, errors))
    if args.errors:
        for outcome, tag, text in sorted(errors):
            print(f"{outcome} {tag:20} {text}")
    print("\n".join(rows))
    if foreign:
        rest = [okr for source in sorted(foreign) for okr in foreign[source]]
        _, other_f1 = table(evaluate_okrs(rest))
        _, all_f1 = table(evaluate_okrs(okrs + rest))
        print(f"other languages (numbers-only rules, see not-english): {statements(rest)} statements, "
              f"{len(foreign)} sources ({', '.join(sorted({other[s] for s in foreign}))}): micro-F1 {other_f1:.3f}; "
              f"all languages together: micro-F1 {all_f1:.3f}")
    print(f"rules micro-F1 {micro:.3f} ({args.set}, English sources: {statements(okrs)} statements, "
          f"{len(okrs)} OKRs, {len(chosen)} sources)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
