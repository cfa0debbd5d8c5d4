"""Statement analysis through spaCy, in this process or spread over several.

`analyse_stream(texts, model, jobs)` yields, for each text in order, its Anatomy (when it was
made in this process) and its cache record (okrlint.nlp.records). Texts go through
`nlp.pipe` in batches of BATCH_SIZE.

With more than one job and enough texts, worker processes (forked on Linux, each loading
the model once) and this process share the work in batches of SHARE texts (several
nlp.pipe batches each): a shared counter hands out the next batch to whoever asks first.
Workers send each finished batch back as records (plain lists, cheap to pickle, and what
the cache stores anyway), which a thread here collects. This process yields batches in
order; when the next one is still being parsed by a worker, it parses the next batch
nobody has taken yet (keeping its models until their turn) instead of waiting, so it
shares the parsing while also checking and rendering the documents the caller has, and
the work balances itself whatever each process's speed. A batch whose worker died is
redone here. A worker is started only when there are enough statements to pay for loading
the model again.

Workers live no longer than the run: one that is stopped before its results are all in (an
interrupted run) is killed at once, and one whose parent dies (even by SIGKILL) is killed
by the system. They never print, and hold neither the run's stdout nor its stderr open.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from okrlint.model import Anatomy

# Statements per nlp.pipe batch: the fastest that benchmarks/tune_batch.py measures on the
# generated statements (benchmarks/README.md).
BATCH_SIZE = 256
# Texts handed to one process at a time when several share a run, each parsed in one
# nlp.pipe call: a call has a fixed cost, so shares are a few batches long; larger shares
# would leave a process idle longer at the end of a run.
SHARE = 4 * BATCH_SIZE
# A worker costs a model load and the hand-back of its records; below this many
# statements per process it is not worth it.
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


def _describe_all(texts: Sequence[str], model: str | None) -> Iterator[tuple[Anatomy, Any]]:
    from okrlint.nlp.anatomy import _verbs_of, describe, to_record
    from okrlint.nlp.pipeline import load

    nlp = load(model)
    verbs = _verbs_of(nlp)
    parsed = zip(texts, nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True)
    # A batch at a time: spaCy's last components (attribute ruler, lemmatizer) finish each
    # doc only when it is asked for, so taking docs one by one alternated their work with
    # the analysis and the caller's, and each ran slower for it (CPU caches).
    while batch := list(islice(parsed, BATCH_SIZE)):
        described = [describe(doc, verbs, text) for text, doc in batch]
        del batch  # the docs
        yield from [(anatomy, to_record(anatomy)) for anatomy in described]


def _take(counter: Any) -> int:
    with counter.get_lock():
        index: int = counter.value
        counter.value = index + 1
    return index


class _Shared:
    """What the processes of one analysis share: the next batch to take, how many batches
    and statements are published so far, and whether the last one is."""

    def __init__(self, ctx: Any) -> None:
        self.lock = ctx.Lock()
        self.next = ctx.RawValue("q", 0)
        self.published = ctx.RawValue("q", 0)
        self.submitted = ctx.RawValue("q", 0)
        self.closed = ctx.RawValue("b", False)


def _worker(number: int, model: str | None, shared: _Shared, tasks: Any, conn: Any) -> None:
    """A worker process: take published batches until the last is taken; send back each
    one's records. Worker `number` (1, 2, ...) joins in only once the run has at least
    MIN_PER_JOB statements per process up to it, so a small run loads no extra model."""
    texts: dict[int, Sequence[str]] = {}
    try:
        while True:
            with shared.lock:
                index = shared.next.value
                eligible = shared.submitted.value >= MIN_PER_JOB * (number + 1)
                take = eligible and index < shared.published.value
                if take:
                    shared.next.value = index + 1
                closed = shared.closed.value
            if closed and not take:
                break  # all taken, or a run too small for this worker
            if not take:
                message = tasks.get()  # wakes on the next publication (or on close)
                if message is not None:
                    texts[message[0]] = message[1]
                continue
            while index not in texts:  # published, so it is on its way
                message = tasks.get()
                if message is not None:
                    texts[message[0]] = message[1]
            batch = texts.pop(index)
            conn.send((index, [record for _, record in _describe_all(batch, model)]))
        conn.send(None)  # done
    except BaseException:  # the parent redoes what is missing (and reports any error itself)
        pass
    finally:
        conn.close()


def _worker_process(parent: int, number: int, model: str | None, shared: _Shared, tasks: Any, conn: Any) -> None:
    """The life of a worker process: bound to its parent's, then _worker."""
    _die_with(parent)
    # the parent's handlers (okrlint.cli.run makes SIGTERM a KeyboardInterrupt) would only
    # delay the end of a worker, which has nothing to clean up; one ignored (nohup) stays so
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, signal.SIG_DFL)
    # a worker prints nothing (_worker keeps its errors for the parent to find), and one that
    # holds the run's stdout or stderr keeps a reader (`| wc`, `$(...)`, CI) waiting
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(null, fd)
        os.close(null)
    _worker(number, model, shared, tasks, conn)


def _die_with(parent: int) -> None:
    """End this process when `parent` ends, however it ends. A forked worker holds the pipes
    of its siblings and its own (both ends), so it would never see end-of-file on them and
    would block on, orphaned; Linux kills it instead (PR_SET_PDEATHSIG, sent when the thread
    that forked it ends: the thread that runs the analysis). Elsewhere workers are spawned,
    hold only their own pipes, and a thread watches the parent's end."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            set_parent_death_signal = 1  # PR_SET_PDEATHSIG
            if libc.prctl(set_parent_death_signal, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent ended before the signal was asked for
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import multiprocessing
    from multiprocessing.connection import wait

    parent_process = multiprocessing.parent_process()
    if parent_process is None or parent_process.sentinel is None:
        return
    sentinel = parent_process.sentinel

    def watch() -> None:
        wait([sentinel])  # ready when the parent has ended
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


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
        self.done: dict[int, list[Any]] = {}
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

    def get(self, index: int, wait: bool) -> list[Any] | bool | None:
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


class Analysis:
    """Texts to analyse, added while the run is still reading its documents.

    `add` publishes every full batch at once: with more than one job, once there are
    2 x MIN_PER_JOB statements, workers are forked and start parsing while this process
    reads on. `results` (after the last `add`) yields (anatomy or None, record) for
    every text in order, with this process parsing the batches nobody has taken yet.
    """

    def __init__(self, model: str | None, jobs: int = 1) -> None:
        self.model = model
        self.jobs = jobs
        self.texts: list[str] = []
        self.batches = 0  # published
        self.shared: _Shared | None = None
        self.queues: list[Any] = []
        self.workers: list[tuple[Any, Any]] = []
        self.threads: list[threading.Thread] = []
        self.received = _Results()
        self.collected = False  # every batch's records are here: the workers have nothing left to do

    def add(self, texts: Sequence[str]) -> None:
        self.texts.extend(texts)
        if self.shared is None and self.jobs > 1 and len(self.texts) >= 2 * MIN_PER_JOB:
            self._start()
        if self.shared is not None:
            while len(self.texts) >= (self.batches + 1) * SHARE:
                self._publish()

    def _start(self) -> None:
        ctx = _context()
        self.shared = _Shared(ctx)
        for number in range(1, self.jobs):
            tasks = ctx.Queue()  # put() never blocks (a feeder thread writes the pipe)
            tasks.cancel_join_thread()  # and exiting never waits on a worker that is gone
            receive, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(
                target=_worker_process, args=(os.getpid(), number, self.model, self.shared, tasks, send), daemon=True
            )
            proc.start()
            send.close()
            self.queues.append(tasks)
            self.workers.append((proc, receive))
        self.received.running = len(self.workers)
        self.threads = [
            threading.Thread(target=self.received.receive, args=(conn,), daemon=True) for _, conn in self.workers
        ]
        for thread in self.threads:
            thread.start()

    def _publish(self) -> None:
        assert self.shared is not None
        index = self.batches
        batch = self._batch(index)
        for tasks in self.queues:
            tasks.put((index, batch))
        with self.shared.lock:
            self.shared.published.value = index + 1
            self.shared.submitted.value = index * SHARE + len(batch)
        self.batches = index + 1

    def _close(self) -> None:
        if self.shared is None:
            return
        if self.batches * SHARE < len(self.texts):
            self._publish()  # the last, partial batch
        with self.shared.lock:
            self.shared.closed.value = True
        for tasks in self.queues:
            tasks.put(None)

    def _batch(self, index: int) -> Sequence[str]:
        return self.texts[index * SHARE : (index + 1) * SHARE]

    def results(self) -> Iterator[tuple[Anatomy | None, Any]]:
        if self.shared is None:  # one process
            yield from _describe_all(self.texts, self.model) if self.texts else ()
            return
        self._close()
        try:
            ahead: dict[int, list[tuple[Anatomy, Any]]] = {}  # batches parsed here before their turn
            for index in range(self.batches):
                batch = self._collect(index, ahead)
                self.collected = index == self.batches - 1
                yield from batch
        finally:
            self.stop()

    def _collect(self, index: int, ahead: dict[int, list[tuple[Anatomy, Any]]]) -> Iterable[tuple[Anatomy | None, Any]]:
        """Batch `index`: parsed here ahead of its turn, received from a worker, or to parse here
        (as the caller takes it)."""
        if index in ahead:
            return ahead.pop(index)
        shared = self.shared
        assert shared is not None
        while True:
            with shared.lock:
                mine = shared.next.value <= index  # nobody has taken it (they go out in order)
                if mine:
                    shared.next.value = index + 1
            if mine:
                return _describe_all(self._batch(index), self.model)
            records = self.received.get(index, wait=False)
            if records is False:  # a worker is still parsing it: parse the next free batch meanwhile
                with shared.lock:  # (a few at most: their models wait in memory)
                    spare = shared.next.value
                    spare_ok = spare < self.batches and len(ahead) < 4
                    if spare_ok:
                        shared.next.value = spare + 1
                if spare_ok:
                    ahead[spare] = list(_describe_all(self._batch(spare), self.model))
                    continue
                records = self.received.get(index, wait=True)
            if isinstance(records, list) and len(records) == len(self._batch(index)):
                return ((None, record) for record in records)
            # its worker died (killed, out of memory): do it here
            return _describe_all(self._batch(index), self.model)

    def stop(self) -> None:
        """End the workers: after the results, or at once when the run is abandoned (an
        exception, a signal) and what they are parsing would be thrown away."""
        if self.shared is None:
            return
        for tasks in self.queues:
            with contextlib.suppress(OSError, ValueError):
                tasks.close()
        for proc, _ in self.workers:
            if not self.collected:
                proc.kill()  # SIGKILL: it may hold the shared lock, but this process takes it no more
            proc.join(timeout=5)  # once all is collected, each ends on its own (_close told them)
            if proc.is_alive():
                proc.kill()
                proc.join()
        for thread in self.threads:
            thread.join(timeout=5)
        for _, conn in self.workers:
            conn.close()
        self.shared = None
        self.workers = []


def analyse_stream(texts: Sequence[str], model: str | None, jobs: int = 1) -> Iterator[tuple[Anatomy | None, Any]]:
    """(anatomy or None, record) for every text, in order; nothing is loaded for no texts."""
    analysis = Analysis(model, jobs if plan_jobs(len(texts), jobs) > 1 else 1)
    analysis.add(texts)
    yield from analysis.results()
