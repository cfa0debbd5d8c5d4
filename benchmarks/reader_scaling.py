#!/usr/bin/env python3
"""Whether reading each document of the reader corpus takes linear time.

For every document of tests/corpus/readers/documents/, the reader (no spaCy) reads the
document once and a document made of K copies of it (Markdown and text: the text repeated;
YAML and JSON: a JSON list of K copies of the parsed file), and this prints the ratio
time(K copies) / (K x time(1 copy)), the fastest of R runs each. Linear reading gives about
1; quadratic reading gives about K. Times are never compared across runs, only this ratio
within one.

    python benchmarks/reader_scaling.py [--copies 16] [--repeat 5] [--top 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "tests" / "corpus" / "readers" / "documents"
TEXT = (".md", ".markdown", ".txt", ".text")
DATA = (".yaml", ".yml", ".json")


def scaled(path: Path, copies: int) -> tuple[str, str, str]:
    """(one copy, K copies, the file name to read them as)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix in TEXT:
        return text, "\n\n".join([text] * copies), path.name
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    one = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return one, "[" + ",\n".join([one] * copies) + "]", path.stem + ".json"


def fastest(read, text: str, name: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        read(text, name)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=10, help="print the documents with the highest ratios")
    args = parser.parse_args(argv)
    from okrlint.readers import read_text

    rows = []
    for path in sorted(DOCUMENTS.glob("*/*")):
        if path.suffix not in TEXT + DATA or path.name.endswith(".expected.yaml") or path.name == "labels.jsonl":
            continue
        one, many, name = scaled(path, args.copies)
        base = fastest(read_text, one, name, args.repeat)
        big = fastest(read_text, many, name, max(1, args.repeat // 2))
        rows.append((big / (args.copies * base), base * 1000, str(path.relative_to(DOCUMENTS))))
    rows.sort(reverse=True)
    print(f"{'ratio':>6} {'1 copy ms':>10}  document   (time of {args.copies} copies / {args.copies} x time of 1)")
    for ratio, ms, name in rows[: args.top]:
        print(f"{ratio:6.2f} {ms:10.2f}  {name}")
    print(f"documents: {len(rows)}; highest ratio {rows[0][0]:.2f}; median {rows[len(rows) // 2][0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
