"""Statement analysis through spaCy, in this process or spread over several.

`analyse_stream(texts, model, jobs)` yields, for each text in order, its Anatomy (when it
was made in this process) and its cache record as JSON. All texts go through `nlp.pipe` in
batches of BATCH_SIZE. With more than one job and enough texts, the texts are cut into
contiguous chunks: this process analyses the first while forked workers analyse the others
and send their records back as JSON strings (cheap to pickle, and what the cache stores
anyway). Each worker loads the model once. A worker is started only when its chunk is large
enough to pay for loading the model again.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from okrlint.model import Anatomy

# Statements per nlp.pipe batch: measured with benchmarks/tune_batch.py (the speed is flat
# from about 128 up; larger batches only hold more parsed Docs in memory at once).
BATCH_SIZE = 256
# A worker process costs a model load (about 1 s of CPU) and the hand-back of its records;
# below this many statements per process it is not worth it.
MIN_PER_JOB = 600


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def plan_jobs(count: int, jobs: int) -> int:
    """How many processes to use for `count` statements when `jobs` are allowed."""
    return max(1, min(jobs, count // MIN_PER_JOB))


def dumps(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _describe_all(texts: Sequence[str], model: str | None) -> Iterator[tuple[Anatomy, str]]:
    from okrlint.nlp.anatomy import _verbs_of, describe, to_record
    from okrlint.nlp.pipeline import load

    nlp = load(model)
    verbs = _verbs_of(nlp)
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        anatomy = describe(doc, verbs)
        yield anatomy, dumps(to_record(anatomy))


def _worker(texts: Sequence[str], model: str | None, conn: Any) -> None:
    """A worker process: analyse its chunk, send back the records (or the error)."""
    try:
        records = [record for _, record in _describe_all(texts, model)]
        conn.send(("ok", records))
    except BaseException as exc:  # the parent redoes the chunk itself, and reports any error
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _context() -> Any:
    import multiprocessing

    # fork shares the already-imported okrlint (and the model, if this process loaded it)
    # with the worker; it is the default on Linux. Elsewhere workers are spawned.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def analyse_stream(texts: Sequence[str], model: str | None, jobs: int = 1) -> Iterator[tuple[Anatomy | None, str]]:
    """(anatomy or None, record JSON) for every text, in order; nothing is loaded for no texts."""
    if not texts:
        return
    processes = plan_jobs(len(texts), jobs)
    if processes == 1:
        yield from _describe_all(texts, model)
        return
    size = -(-len(texts) // processes)
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    ctx = _context()
    workers = []
    for chunk in chunks[1:]:
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_worker, args=(chunk, model, send), daemon=True)
        proc.start()
        send.close()
        workers.append((chunk, proc, receive))
    try:
        yield from _describe_all(chunks[0], model)
        for chunk, proc, receive in workers:
            try:
                status, payload = receive.recv()
            except (EOFError, OSError):
                status, payload = "lost", None
            receive.close()
            proc.join()
            if status == "ok" and len(payload) == len(chunk):
                for record in payload:
                    yield None, record
            else:  # the worker failed or died (killed, out of memory): do its share here
                yield from _describe_all(chunk, model)
    finally:
        for _, proc, receive in workers:
            if proc.is_alive():
                proc.terminate()
                proc.join()
            receive.close()
