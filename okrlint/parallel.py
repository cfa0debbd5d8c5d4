"""Statement analysis through spaCy, in this process or spread over several.

`analyse_stream(texts, model, jobs)` yields, for each text in order, its Anatomy (when it was
made in this process) and its cache record as JSON. Texts go through `nlp.pipe` in batches
of BATCH_SIZE.

With more than one job and enough texts, worker processes (forked on Linux, each loading
the model once) and this process share the batches: a shared counter hands out the next
batch to whoever asks first. Workers send each finished batch back as record JSON (cheap to
pickle, and what the cache stores anyway), which a thread here collects. This process
yields batches in order; when the next one is still being parsed by a worker, it parses
the next batch nobody has taken yet (keeping its models until their turn) instead of
waiting, so it shares the parsing while also checking and rendering the documents the
caller has, and the work balances itself whatever each process's speed. A batch whose
worker died is redone here. A worker is started only when there are enough statements to
pay for loading the model again.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from okrlint.model import Anatomy

# Statements per nlp.pipe batch: benchmarks/tune_batch.py measures 256 as the fastest on the
# generated statements (128 and 512 within 4%; 16 is 30% slower, 2048 10% slower).
BATCH_SIZE = 256
# A worker costs a model load (about 1-2 s of CPU) and the hand-back of its records; below
# this many statements per process it is not worth it.
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


def _take(counter: Any) -> int:
    with counter.get_lock():
        index: int = counter.value
        counter.value = index + 1
    return index


def _worker(texts: Sequence[str], model: str | None, counter: Any, conn: Any) -> None:
    """A worker process: take batches until none are left, send back each one's records."""
    try:
        batches = -(-len(texts) // BATCH_SIZE)
        while (index := _take(counter)) < batches:
            batch = texts[index * BATCH_SIZE : (index + 1) * BATCH_SIZE]
            conn.send((index, [record for _, record in _describe_all(batch, model)]))
        conn.send(None)  # done
    except BaseException:  # the parent redoes what is missing (and reports any error itself)
        pass
    finally:
        conn.close()


def _context() -> Any:
    import multiprocessing

    # fork shares the already-imported okrlint (and the model, if this process loaded it)
    # with the worker; it is the default on Linux. Elsewhere workers are spawned.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _Results:
    """Batches finished by workers, filled by one receiving thread per worker."""

    def __init__(self) -> None:
        self.done: dict[int, list[str]] = {}
        self.lost = False  # a worker ended without saying it was done
        self.running = 0
        self.changed = threading.Condition()

    def receive(self, conn: Any) -> None:
        finished = False
        try:
            while (message := conn.recv()) is not None:
                index, records = message
                with self.changed:
                    self.done[index] = records
                    self.changed.notify_all()
            finished = True
        except (EOFError, OSError):
            pass
        with self.changed:
            self.running -= 1
            self.lost = self.lost or not finished
            self.changed.notify_all()

    def get(self, index: int, wait: bool) -> list[str] | bool | None:
        """The batch's records; False if not there yet (and not waiting); None if it will
        not come (a worker died)."""
        with self.changed:
            while index not in self.done:
                if self.lost or not self.running:
                    return None
                if not wait:
                    return False
                self.changed.wait()
            return self.done.pop(index)


def analyse_stream(texts: Sequence[str], model: str | None, jobs: int = 1) -> Iterator[tuple[Anatomy | None, str]]:
    """(anatomy or None, record JSON) for every text, in order; nothing is loaded for no texts."""
    if not texts:
        return
    processes = plan_jobs(len(texts), jobs)
    if processes == 1:
        yield from _describe_all(texts, model)
        return
    ctx = _context()
    counter = ctx.Value("i", 0)
    results = _Results()
    workers = []
    for _ in range(processes - 1):
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_worker, args=(texts, model, counter, send), daemon=True)
        proc.start()
        send.close()
        workers.append((proc, receive))
    results.running = len(workers)
    threads = [threading.Thread(target=results.receive, args=(conn,), daemon=True) for _, conn in workers]
    for thread in threads:
        thread.start()
    try:
        batches = -(-len(texts) // BATCH_SIZE)

        def batch(index: int) -> Sequence[str]:
            return texts[index * BATCH_SIZE : (index + 1) * BATCH_SIZE]

        ahead: dict[int, list[tuple[Anatomy, str]]] = {}  # batches parsed here before their turn
        for index in range(batches):
            if index in ahead:
                yield from ahead.pop(index)
                continue
            while True:
                with counter.get_lock():
                    mine = counter.value <= index  # nobody has taken it (they go out in order)
                    if mine:
                        counter.value = index + 1
                if mine:
                    yield from _describe_all(batch(index), model)
                    break
                records = results.get(index, wait=False)
                if records is False:  # a worker is still parsing it: parse the next free batch meanwhile
                    with counter.get_lock():  # (a few at most: their models wait in memory)
                        spare = counter.value if counter.value < batches and len(ahead) < 4 else None
                        if spare is not None:
                            counter.value = spare + 1
                    if spare is not None:
                        ahead[spare] = list(_describe_all(batch(spare), model))
                        continue
                    records = results.get(index, wait=True)
                if isinstance(records, list) and len(records) == len(batch(index)):
                    for record in records:
                        yield None, record
                else:  # its worker died (killed, out of memory): do it here
                    yield from _describe_all(batch(index), model)
                break
    finally:
        with counter.get_lock():
            counter.value = 1 << 30  # nothing left to take
        for proc, _ in workers:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()
        for thread in threads:
            thread.join(timeout=5)
        for _, conn in workers:
            conn.close()
