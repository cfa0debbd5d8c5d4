#!/usr/bin/env python3
"""Measure okrlint's readers on the reader corpus (tests/corpus/readers/).

Usage (from the project's root, okrlint installed):

    python scripts/reader_corpus.py [--split dev|heldout|heldout2|all] [--verbose] [--write-split]

Each document of tests/corpus/readers/documents/ has an expected extraction written by hand
before the reader was run on it (`<file>.expected.yaml`). This reads every document with
okrlint's readers (no spaCy needed) and compares the statements it extracts with the
expected ones: a statement is recovered when one extracted statement of the same kind has
the same text (case, spacing and Markdown emphasis aside, or a similarity of at least 0.9),
each extracted statement matching at most one expected statement. Recall counts the
expected statements recovered; precision counts the extracted statements that were
expected. Key results and initiatives recovered under the right objective are counted as
well ("parent").

The split is by source and fixed in split.txt: `dev` was worked on; `heldout` was measured
once when the reader was first done, and worked on after; `heldout2` was gathered and
labelled blind after that (by people who never ran okrlint on it) and is measured once at
the end of the work. A source not yet in split.txt is assigned dev or heldout by a hash of
its name (never by choice) and added with --write-split.
Last line: `reader recall R precision P (...)`.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "readers"
DOCUMENTS = CORPUS / "documents"
SPLIT_FILE = CORPUS / "split.txt"
SUFFIX = ".expected.yaml"
SPLITS = ("dev", "heldout", "heldout2")
# What okrlint reads today; other documents (spreadsheet exports) wait for their reader and
# are listed, not counted.
READABLE = (".md", ".markdown", ".yaml", ".yml", ".json", ".txt", ".text")


def norm(text: str | None) -> str:
    text = re.sub(r"[*_`]+", "", text or "")
    return " ".join(text.split()).casefold().rstrip(".!;:,")


def similar(a: str, b: str) -> bool:
    return a == b or (abs(len(a) - len(b)) <= 0.25 * max(len(a), len(b), 1) and _ratio(a, b) >= 0.9)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass
class Item:
    kind: str
    text: str
    parent: str  # normalised text of the objective it sits under ("" for none)
    line: int = 0


@dataclass
class Outcome:
    path: Path
    source: str
    split: str
    expected: list[Item]
    extracted: list[Item]
    matched: list[tuple[Item, Item]] = field(default_factory=list)
    error: str | None = None

    @property
    def missed(self) -> list[Item]:
        hit = {id(e) for e, _ in self.matched}
        return [e for e in self.expected if id(e) not in hit]

    @property
    def extra(self) -> list[Item]:
        hit = {id(x) for _, x in self.matched}
        return [x for x in self.extracted if id(x) not in hit]

    @property
    def parents_right(self) -> int:
        return sum(1 for e, x in self.matched if e.kind != "objective" and similar(e.parent, x.parent))


def split_of(source: str) -> str:
    """The split a source falls in when it is first seen: by a hash of its name."""
    return "dev" if hashlib.sha256(source.encode()).digest()[0] % 2 == 0 else "heldout"


def read_split() -> dict[str, str]:
    if not SPLIT_FILE.exists():
        return {}
    found = {}
    for line in SPLIT_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, split = line.split()
            found[source] = split
    return found


def write_split(splits: dict[str, str]) -> None:
    header = (
        "# The reader corpus's split by source: dev (worked on), heldout (measured once, then worked on)\n"
        "# or heldout2 (gathered blind after the heldout run, measured once at the end).\n"
        "# A new source is assigned by scripts/reader_corpus.py from a hash of its name; lines never change.\n"
    )
    body = "".join(f"{source} {split}\n" for source, split in sorted(splits.items()))
    SPLIT_FILE.write_text(header + body, encoding="utf-8")


def expected_items(data: dict) -> list[Item]:
    items = []
    for okr in data.get("okrs") or []:
        objective = okr.get("objective")
        parent = norm(objective)
        if objective:
            items.append(Item("objective", objective, ""))
        for kind, key in (("key_result", "key_results"), ("initiative", "initiatives")):
            for text in okr.get(key) or []:
                items.append(Item(kind, str(text), parent))
    return items


def extracted_items(document) -> list[Item]:
    items = []
    for okr in document.okrs:
        parent = norm(okr.objective.text) if okr.objective else ""
        if okr.objective is not None:
            items.append(Item("objective", okr.objective.text, "", okr.objective.line))
        for stmt in okr.key_results:
            items.append(Item("key_result", stmt.text, parent, stmt.line))
        for stmt in okr.initiatives:
            items.append(Item("initiative", stmt.text, parent, stmt.line))
    return items


def match(expected: list[Item], extracted: list[Item]) -> list[tuple[Item, Item]]:
    """One-to-one: identical normalised texts first, then the most similar pairs."""
    pairs: list[tuple[Item, Item]] = []
    free = list(extracted)
    rest = []
    for item in expected:
        key = norm(item.text)
        hit = next((x for x in free if x.kind == item.kind and norm(x.text) == key), None)
        if hit is None:
            rest.append(item)
            continue
        free.remove(hit)
        pairs.append((item, hit))
    scored = []
    for item in rest:
        key = norm(item.text)
        for x in free:
            if x.kind == item.kind and similar(key, norm(x.text)):
                scored.append((_ratio(key, norm(x.text)), id(item), item, x))
    used: set[int] = set()
    for _, _, item, x in sorted(scored, key=lambda s: -s[0]):
        if id(item) in used or id(x) in used:
            continue
        used.update((id(item), id(x)))
        pairs.append((item, x))
    return pairs


def documents() -> list[tuple[Path, Path]]:
    found = []
    for expected in sorted(DOCUMENTS.glob(f"*/*{SUFFIX}")):
        doc = expected.with_name(expected.name[: -len(SUFFIX)])
        if doc.suffix.lower() in READABLE:
            found.append((doc, expected))
    return found


def unreadable_documents() -> list[Path]:
    return sorted(
        e.with_name(e.name[: -len(SUFFIX)])
        for e in DOCUMENTS.glob(f"*/*{SUFFIX}")
        if e.with_name(e.name[: -len(SUFFIX)]).suffix.lower() not in READABLE
    )


def measure(splits: dict[str, str]) -> list[Outcome]:
    from okrlint.readers import ReadError, read_text
    from okrlint.sources import decode

    outcomes = []
    for doc, expected_file in documents():
        source = doc.parent.name
        data = yaml.safe_load(expected_file.read_text(encoding="utf-8")) or {}
        outcome = Outcome(doc, source, splits.get(source, split_of(source)), expected_items(data), [])
        try:
            text = decode(doc.read_bytes())
            outcome.extracted = extracted_items(read_text(text, str(doc)))
        except ReadError as exc:
            outcome.error = str(exc)
        outcome.matched = match(outcome.expected, outcome.extracted)
        outcomes.append(outcome)
    return outcomes


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def summary(outcomes: list[Outcome]) -> tuple[float, float, str]:
    expected = sum(len(o.expected) for o in outcomes)
    extracted = sum(len(o.extracted) for o in outcomes)
    matched = sum(len(o.matched) for o in outcomes)
    children = sum(1 for o in outcomes for e, _ in o.matched if e.kind != "objective")
    parents = sum(o.parents_right for o in outcomes)
    recall, precision = ratio(matched, expected), ratio(matched, extracted)
    detail = (
        f"{len(outcomes)} documents, {len({o.source for o in outcomes})} sources, {expected} expected, "
        f"{extracted} extracted, {matched} matched, parent right {ratio(parents, children):.3f}"
    )
    return recall, precision, detail


def write_manifest() -> int:
    """MANIFEST.md: one row per document, from the source block of its expected extraction."""
    rows = []
    for expected in sorted(DOCUMENTS.glob(f"*/*{SUFFIX}")):
        source = (yaml.safe_load(expected.read_text(encoding="utf-8")) or {}).get("source") or {}
        doc = expected.with_name(expected.name[: -len(SUFFIX)])
        origin = source.get("url") or " ".join(
            str(part) for part in (source.get("repo"), source.get("path"), (source.get("commit") or "")[:12]) if part
        )
        lines = doc.read_bytes().count(b"\n") + 1 if doc.exists() else 0
        kept = f"{'excerpt' if source.get('excerpt') else 'whole'}, {lines} lines"
        rows.append(f"| {doc.relative_to(DOCUMENTS)} | {origin} | {source.get('license') or 'none'} | {kept} |")
    text = (
        "# Reader corpus: origin and license of each document\n\n"
        "Generated by `python scripts/reader_corpus.py --write-manifest` from the `source` block of each\n"
        "expected-extraction file. A document whose license does not allow redistribution (or that has\n"
        "none) is kept only as a short excerpt that keeps its structure, or whole when it is that short.\n\n"
        "| document | origin (repository, path, commit; or page) | license | kept |\n|---|---|---|---|\n"
    )
    (CORPUS / "MANIFEST.md").write_text(text + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument("--verbose", action="store_true", help="list every missed and extra statement")
    parser.add_argument("--write-split", action="store_true", help="add new sources to split.txt")
    parser.add_argument("--write-manifest", action="store_true", help="regenerate MANIFEST.md and stop")
    args = parser.parse_args(argv)
    if args.write_manifest:
        print(f"MANIFEST.md: {write_manifest()} documents")
        return 0
    splits = read_split()
    sources = sorted({doc.parent.name for doc, _ in documents()})
    new = {s: split_of(s) for s in sources if s not in splits}
    if new and args.write_split:
        splits.update(new)
        write_split(splits)
        print(f"split.txt: added {len(new)} sources", file=sys.stderr)
    elif new:
        print(f"note: {len(new)} sources not in split.txt yet (assigned by hash; --write-split records them)")
    outcomes = [o for o in measure(splits) if args.split == "all" or o.split == args.split]
    print(f"{'document':58} {'split':7} {'exp':>4} {'got':>4} {'hit':>4} {'recall':>7} {'prec':>7}")
    for o in outcomes:
        name = str(o.path.relative_to(DOCUMENTS))
        rec = f"{ratio(len(o.matched), len(o.expected)):.3f}" if o.expected else "-"
        prec = f"{ratio(len(o.matched), len(o.extracted)):.3f}" if o.extracted else "-"
        flag = f"  ERROR {o.error}" if o.error else ""
        print(f"{name[:58]:58} {o.split:7} {len(o.expected):4} {len(o.extracted):4} {len(o.matched):4} "
              f"{rec:>7} {prec:>7}{flag}")
        if args.verbose:
            for item in o.missed:
                print(f"    missed {item.kind:10} {item.text[:100]}")
            for item in o.extra:
                print(f"    extra  {item.kind:10} line {item.line}: {item.text[:100]}")
    for doc in unreadable_documents():
        if args.split in ("all", splits.get(doc.parent.name, split_of(doc.parent.name))):
            print(f"{str(doc.relative_to(DOCUMENTS))[:58]:58} (not counted: no reader for {doc.suffix} files yet)")
    for split in SPLITS:
        part = [o for o in outcomes if o.split == split]
        if part and args.split == "all":
            r, p, detail = summary(part)
            print(f"{split}: recall {r:.3f} precision {p:.3f} ({detail})")
    recall, precision, detail = summary(outcomes)
    print(f"reader recall {recall:.3f} precision {precision:.3f} ({args.split}: {detail})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
