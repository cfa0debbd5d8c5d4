"""Which cache layout loads fastest: one file per document, hash-sharded files, or one per statement.

    python benchmarks/cache_layout.py CACHE_DIR

CACHE_DIR is a filled okrlint cache (e.g. benchmarks/.work/cache-50k after benchmarks/run.py).
Its records are rewritten (as JSON, the format this comparison was made in) in three
layouts in a scratch directory, and for each the time is taken (best of three, page cache
warm, as for a pre-commit run) to:

- load every record of the run (what a warm 50,000-statement run needs), and
- load the records of one 50-statement document (what a warm single-file run needs),

decoding the JSON but not building models (that cost is the same in every layout).
"""

from __future__ import annotations

import hashlib
import json
import marshal
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def documents(cache: Path) -> list[tuple[list[str], list[object]]]:
    out = []
    for file in sorted(cache.glob("*/*.entry")):
        texts, records, _, _ = marshal.loads(file.read_bytes().split(b"\n", 1)[1])
        out.append((texts, records))
    return out


def best(fn: Callable[[], int]) -> tuple[float, int]:
    times = []
    count = 0
    for _ in range(3):
        start = time.perf_counter()
        count = fn()
        times.append(time.perf_counter() - start)
    return min(times), count


def main() -> None:
    docs = documents(Path(sys.argv[1]))
    statements = sum(len(t) for t, _ in docs)
    distinct = len({text for texts, _ in docs for text in texts})
    scratch = Path(tempfile.mkdtemp(prefix="okrlint-layout-"))
    try:
        per_doc = scratch / "per-document"
        per_doc.mkdir()
        for i, (texts, records) in enumerate(docs):
            (per_doc / f"{i:05d}.json").write_text(json.dumps([texts, records]))

        def shard_of(text: str) -> str:
            return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()[:2]  # 256 shards

        shards: dict[str, dict[str, object]] = {}
        for texts, records in docs:
            for text, record in zip(texts, records, strict=True):
                shards.setdefault(shard_of(text), {})[text] = record
        sharded = scratch / "sharded"
        sharded.mkdir()
        for name, content in shards.items():
            (sharded / f"{name}.json").write_text(json.dumps(content))

        per_stmt = scratch / "per-statement"
        per_stmt.mkdir()
        for texts, records in docs:
            for text, record in zip(texts, records, strict=True):
                name = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
                (per_stmt / name[:2]).mkdir(exist_ok=True)
                (per_stmt / name[:2] / f"{name}.json").write_text(json.dumps(record))

        one_doc_texts = docs[0][0]

        def all_per_doc() -> int:
            return sum(len(json.loads(p.read_bytes())[1]) for p in per_doc.iterdir())

        def one_per_doc() -> int:
            return len(json.loads((per_doc / "00000.json").read_bytes())[1])

        def all_sharded() -> int:
            return sum(len(json.loads(p.read_bytes())) for p in sharded.iterdir())

        def one_sharded() -> int:
            loaded: dict[str, dict[str, object]] = {}
            for text in one_doc_texts:
                name = shard_of(text)
                if name not in loaded:
                    loaded[name] = json.loads((sharded / f"{name}.json").read_bytes())
            return sum(1 for text in one_doc_texts if text in loaded[shard_of(text)])

        def all_per_stmt() -> int:
            return sum(1 for d in per_stmt.iterdir() for p in d.iterdir() if json.loads(p.read_bytes()) is not None)

        def one_per_stmt() -> int:
            count = 0
            for text in one_doc_texts:
                name = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
                count += json.loads((per_stmt / name[:2] / f"{name}.json").read_bytes()) is not None
            return count

        print(f"{len(docs)} documents, {statements:,} statements ({distinct:,} distinct)")
        print("| layout | files | load all (s) | load one document (ms) |")
        print("|---|---:|---:|---:|")
        for name, folder, everything, one in (
            ("one file per document (okrlint)", per_doc, all_per_doc, one_per_doc),
            ("256 shards by statement hash", sharded, all_sharded, one_sharded),
            ("one file per statement", per_stmt, all_per_stmt, one_per_stmt),
        ):
            files = sum(1 for p in folder.rglob("*.json"))
            t_all, n_all = best(everything)
            t_one, n_one = best(one)
            assert n_all in (statements, distinct) and n_one == len(one_doc_texts), (name, n_all, n_one)
            print(f"| {name} | {files:,} | {t_all:.2f} | {t_one * 1000:.1f} |")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
