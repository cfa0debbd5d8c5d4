"""Per-rule precision and recall of okrlint on a labelled corpus (the rubric's JSON lines).

Used by test_corpus.py; runs in-process in one batch, matching findings to statements by
(OKR, kind, text) as ../shared/eval/score.py does.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from okrlint.api import lint_documents
from okrlint.config import Config
from okrlint.readers import read_text

TAGS = [
    "objective-measurable",
    "objective-output",
    "overloaded-objective",
    "kr-output",
    "kr-not-measurable",
    "kr-missing-baseline",
    "kr-kpi-maintain",
    "vague-verb",
    "vague-quantifier",
    "unrealistic-target",
]
KINDS = {"objective": "objective", "key_results": "key_result", "initiatives": "initiative"}


def _yaml(okr: dict) -> str:
    objective = okr.get("objective")  # null: key results the document gives no objective for
    lines = ["objectives:", f"  - objective: {json.dumps(objective['text']) if objective else 'null'}"]
    for field in ("key_results", "initiatives"):
        if okr.get(field):
            lines.append(f"    {field}:")
            lines += [f"      - {json.dumps(item['text'])}" for item in okr[field] if item.get("text")]
    return "\n".join(lines) + "\n"


def evaluate(path: Path) -> dict[str, Counter]:
    okrs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return evaluate_okrs(okrs)


def evaluate_okrs(okrs: list[dict], errors: list[tuple[str, str, str]] | None = None) -> dict[str, Counter]:
    """Counts (tp, fp, fn, tn) per rule over labelled OKRs, each linted as its own file; each
    wrong answer is added to `errors` as (fp or fn, rule, statement) when a list is given."""
    items = []
    for i, okr in enumerate(okrs):
        text = _yaml(okr)
        items.append((read_text(text, f"okr{i}.okr.yaml"), text, Config()))
    results = lint_documents(items)
    counts = {tag: Counter() for tag in TAGS}
    for okr, result in zip(okrs, results, strict=True):
        got: dict[tuple[str, str], set[str]] = {}
        for f in result.findings:
            got.setdefault((f.kind, _key(f.text)), set()).add(f.name)
        statements = [("objective", okr["objective"])] * bool(okr.get("objective")) + [
            (KINDS[field], item) for field in ("key_results", "initiatives") for item in okr.get(field) or []
        ]
        for kind, item in statements:
            if not item.get("text"):
                continue  # a label with no statement text: nothing to match
            found = got.get((kind, _key(item["text"])), set())
            for tag in TAGS:
                if tag in item.get("uncertain", []):
                    continue
                hit, want = tag in found, tag in item.get("tags", [])
                outcome = "tp" if hit and want else "fp" if hit else "fn" if want else "tn"
                counts[tag][outcome] += 1
                if errors is not None and outcome in ("fp", "fn"):
                    errors.append((outcome, tag, item["text"]))
    return counts


def _key(text: str) -> str:
    """A statement as findings and labels both name it (the reader drops a trailing colon that
    introduces a list)."""
    return " ".join(text.split()).casefold().rstrip(":").rstrip()


def micro_f1(counts: dict[str, Counter]) -> float:
    """F1 over every rule's counts together."""
    total: Counter = Counter()
    for tag in TAGS:
        total.update(counts[tag])
    return prf(total)[2]


def assert_floor(counts: dict[str, Counter], rule: str, floors: dict[str, tuple[float, float]]) -> None:
    """The rule's precision and recall are at least its (precision, recall) floor."""
    precision, recall, _ = prf(counts[rule])
    floor_p, floor_r = floors[rule]
    assert precision >= floor_p, f"{rule} precision {precision:.3f} < {floor_p}"
    assert recall >= floor_r, f"{rule} recall {recall:.3f} < {floor_r}"


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
