"""Reading a 10,000-row workbook against reading the same rows as YAML (issue: at most 1.2x).

    python benchmarks/spreadsheet_reading.py [--rows 10000] [--repeat 7]

Both documents hold the same OKRs: 2,000 objectives of five key results each, with owner,
baseline and target. The workbook is written with the test suite's XLSX writer
(tests/spreadsheets.py); the YAML in okrlint's schema. Each round reads both (bytes to
Document: okrlint.readers.read_workbook against read_text), interleaved, fastest kept.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from spreadsheets import Sheet, xlsx

from okrlint.readers import read_text, read_workbook


def documents(rows: int) -> tuple[bytes, str]:
    grid = [["Objective", "Key Result", "Owner", "Baseline", "Target"]]
    yaml = ["objectives:"]
    for n in range(rows // 5):
        objective = f"Make onboarding effortless for customers of region {n}"
        yaml.append(f"  - objective: {objective}\n    key_results:")
        for k in range(5):
            text = f"Increase weekly active teams in region {n} from {100 + k} to {200 + k}"
            grid.append([objective if k == 0 else None, text, f"owner{k}", 100 + k, 200 + k])
            yaml.append(f"      - text: {text}\n        owner: owner{k}\n        baseline: {100 + k}\n"
                        f"        target: {200 + k}")
    return xlsx([Sheet("OKRs", grid)]), "\n".join(yaml) + "\n"


def fastest(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    book, yaml = documents(args.rows)
    a = read_workbook(book, "okrs.xlsx")
    b = read_text(yaml, "okrs.yaml")
    assert [s.text for s in a.statements()] == [s.text for s in b.statements()], "the two documents differ"
    workbook_s = yaml_s = float("inf")
    for _ in range(args.repeat):  # interleaved: the machine's speed drifts
        workbook_s = min(workbook_s, fastest(lambda: read_workbook(book, "okrs.xlsx"), 1))
        yaml_s = min(yaml_s, fastest(lambda: read_text(yaml, "okrs.yaml"), 1))
    statements = len(a.statements())
    print(f"{args.rows:,} rows, {statements:,} statements: workbook {workbook_s:.3f} s ({len(book):,} bytes), "
          f"YAML {yaml_s:.3f} s ({len(yaml):,} characters), ratio {workbook_s / yaml_s:.2f}x (target <= 1.2x)")


if __name__ == "__main__":
    main()
