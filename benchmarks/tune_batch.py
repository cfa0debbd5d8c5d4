"""nlp.pipe batch size: statements per second for a range of sizes, on generated statements.

    python benchmarks/tune_batch.py [--statements 6000] [--sizes 16 32 64 128 256 512 1024 2048]

One process, the model okrlint loads (okrlint.nlp.pipeline.load), the same statement mix as
the benchmark. Each size is timed twice, in interleaved rounds, and the faster run is kept,
so that a burst of load on the machine does not decide the winner. Peak RSS growth is not
separable per size in one process; larger batches hold more parsed Docs at once.
okrlint.parallel.BATCH_SIZE is chosen from this.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import initiative, key_result, objective


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=6000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 32, 64, 128, 256, 512, 1024, 2048])
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    from okrlint.nlp.pipeline import load

    rng = random.Random(args.seed)
    makers = [objective, key_result, key_result, key_result, initiative]
    texts = [rng.choice(makers)(rng) for _ in range(args.statements)]
    nlp = load(None)
    for _ in nlp.pipe(texts[:200]):  # warm-up
        pass
    best: dict[int, float] = {}
    for _ in range(2):
        for size in args.sizes:
            start = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=size):
                pass
            elapsed = time.perf_counter() - start
            best[size] = min(best.get(size, elapsed), elapsed)
    print(f"{len(texts)} statements, pipeline {nlp.pipe_names}")
    print("| batch size | seconds | statements/s |")
    print("|---:|---:|---:|")
    for size in args.sizes:
        print(f"| {size} | {best[size]:.2f} | {len(texts) / best[size]:,.0f} |")


if __name__ == "__main__":
    main()
