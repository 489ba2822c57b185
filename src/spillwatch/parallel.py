"""The parallel local runner: the stages over a process pool, one writer (this process) to the store.

Workers clean raw items and understand stored articles (``pipeline.clean_item`` and
``pipeline.understand``); the spaCy model and the other stage resources load once per worker in the
pool's initializer. Results come back in submission order, so near-duplicate decisions and every
stored row are the same as a one-process run on the same input.

Resumable like ``runner``: each document is stored in one transaction; the annotations, mentions
and ``coded`` flags of each worker batch (whole articles) are written in one transaction
(``runner.write_coded_batch``), so no article is ever half written; clustering re-reads unassigned mentions
and is idempotent. A run killed at any point (kill -9) and started again skips what was stored
(``has_raw``), codes what is uncoded and clusters what is unassigned: nothing lost, nothing doubled.

The write side is ``runner``'s (``NearDup``, ``store_cleaned``, ``write_coded`` / ``write_coded_batch``,
``cluster_pending``), shared with the Spark loader (``spark/loader.py``).
"""

from __future__ import annotations

import multiprocessing
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import replace
from typing import Any, TypeVar

from spillwatch import pipeline, runner
from spillwatch.records import Article, Block, DateInfo, Quarantined, RawItem
from spillwatch.settings import Settings
from spillwatch.store.base import RunSummary, Store

Progress = Callable[[str, int], None]  # (phase, advance): phases "read", "code", "cluster"
T = TypeVar("T")
R = TypeVar("R")

SOURCES = runner.SOURCES
NEAR = runner.NEAR_DUP
CLUSTER = "spillwatch.dedup.cluster"
_WARMUP = Article(
    raw_id="warmup", source="warmup", published=DateInfo(None, "none"),
    blocks=(Block("title", "Checkpoint attack"),
            Block("body", "Gunmen attacked an army checkpoint near Mosul on Monday, killing two soldiers, "
                          "the Iraqi defence ministry said.")),
)


def _noop(phase: str, n: int) -> None:
    return None


# ---------------------------------------------------------------- workers
_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    """Load every stage's resources once per worker (model, actor table, gazetteer)."""
    global _SETTINGS
    _SETTINGS = settings
    list(pipeline.understand([_WARMUP], settings))


def _settings() -> Settings:
    if _SETTINGS is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker not initialised")
    return _SETTINGS


def clean_task(item: RawItem) -> Article | Quarantined:
    """Worker side of the store phase: one raw item cleaned (or its quarantine record)."""
    return pipeline.clean_item(item, _settings())


def code_task(articles: Sequence[Article]) -> list[pipeline.Coded]:
    """Worker side of the code phase: a batch understood with one ``nlp.pipe`` call.

    Tokens are dropped before the result crosses the process boundary: the store keeps actors,
    quotes, places and mentions (``store.rows.annotation_rows``), never tokens.
    """
    return [slim(c) for c in pipeline.understand(list(articles), _settings())]


def slim(coded: pipeline.Coded) -> pipeline.Coded:
    return pipeline.Coded(replace(coded.annotated, tokens=()), coded.mentions)


class InlineExecutor(Executor):
    """Runs tasks in this process (``workers <= 1``): the same writer path without a pool."""

    def __init__(self, settings: Settings) -> None:
        _init_worker(settings)

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        future: Future[R] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


class Workers(Executor):
    """The worker processes (or the inline stand-in), restartable when a task overruns its deadline.

    A stuck document (say a regular expression backtracking inside a C call, which no thread
    deadline can interrupt) would otherwise stall the run: ``restart`` kills the workers and
    starts fresh ones; the caller quarantines the document and resubmits what was in flight.
    """

    def __init__(self, workers: int, settings: Settings) -> None:
        self.workers, self.settings = workers, settings
        self._executor = self._start()

    def _start(self) -> Executor:
        if self.workers <= 1:
            return InlineExecutor(self.settings)
        ctx = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker, initargs=(self.settings,))

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        return self._executor.submit(fn, *args, **kwargs)

    def restart(self) -> None:
        processes = getattr(self._executor, "_processes", None) or {}
        for process in list(processes.values()):
            process.kill()
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=cancel_futures)


def make_executor(workers: int, settings: Settings) -> Workers:
    """``workers`` spawned processes (no store connection is inherited), or inline when ``workers <= 1``."""
    return Workers(workers, settings)


def ordered_map(pool: Executor, fn: Callable[[T], R], inputs: Iterable[T], window: int,
                deadline: float | None = None, on_timeout: Callable[[T], R] | None = None
                ) -> Iterator[tuple[T, R]]:
    """``(input, fn(input))`` in input order with at most ``window`` tasks in flight.

    With a ``deadline`` (seconds waited for the oldest task) and ``on_timeout``, an overrunning task
    gets ``on_timeout(input)`` as its result, the pool restarts and the other tasks are resubmitted.
    """
    pending: deque[tuple[T, Future[R]]] = deque()

    def take() -> tuple[T, R]:
        first, future = pending.popleft()
        try:
            return first, future.result(timeout=deadline)
        except FuturesTimeout:
            if on_timeout is None or not isinstance(pool, Workers):
                raise
            pool.restart()
            again = [x for x, _ in pending]
            pending.clear()
            pending.extend((x, pool.submit(fn, x)) for x in again)
            return first, on_timeout(first)

    for x in inputs:
        pending.append((x, pool.submit(fn, x)))
        if len(pending) >= window:
            yield take()
    while pending:
        yield take()


def unordered_map(pool: Executor, fn: Callable[[T], R], inputs: Iterable[T], window: int) -> Iterator[R]:
    """``fn(input)`` as each finishes, at most ``window`` in flight (a slow task holds back no other)."""
    running: set[Future[R]] = set()
    for x in inputs:
        running.add(pool.submit(fn, x))
        if len(running) >= window:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)
    while running:
        done, running = wait(running, return_when=FIRST_COMPLETED)
        yield from (f.result() for f in done)


# ---------------------------------------------------------------- the one writer
# The write side is the local runner's: one implementation for every runner and the Spark loader.
NearDup = runner.NearDup
store_cleaned = runner.store_cleaned
quarantine = runner.quarantine


def cluster_pending(store: Store, settings: Settings, summary: RunSummary) -> None:
    """Fold unassigned mentions into events: ``runner.cluster_pending`` (idempotent, one transaction)."""
    runner.cluster_pending(store, settings, summary)
    summary.events = len(store.all_events(origin="spillwatch"))


# ---------------------------------------------------------------- phases
def store_phase(items: Iterable[RawItem | Quarantined], store: Store, pool: Executor, summary: RunSummary,
                progress: Progress = _noop, window: int = 16, deadline: float | None = None) -> None:
    """Clean every new raw item in the pool; the parent stores each, in input order.

    An item whose cleaning overruns ``deadline`` seconds is quarantined ("timeout") and its worker killed.
    """
    near = NearDup(store)
    fresh: list[Quarantined] = []

    def new_items() -> Iterator[RawItem]:
        for item in items:
            summary.read += 1
            if isinstance(item, Quarantined):
                fresh.append(item)
            elif store.has_raw(item.id):
                summary.duplicates += 1
                progress("read", 1)
            else:
                yield item

    def overran(item: RawItem) -> Article | Quarantined:
        return Quarantined(source=item.source, reason="timeout", stage="clean", raw_id=item.id,
                           detail=f"cleaning overran {deadline:g} s; the worker was killed")

    for item, cleaned in ordered_map(pool, clean_task, new_items(), window, deadline, overran):
        _flush(fresh, store, summary, progress)
        store_cleaned(item, cleaned, store, near, summary)
        progress("read", 1)
    _flush(fresh, store, summary, progress)


def _flush(found: list[Quarantined], store: Store, summary: RunSummary, progress: Progress) -> None:
    while found:
        quarantine(store, found.pop(0), summary)
        progress("read", 1)


def code_phase(store: Store, pool: Executor, summary: RunSummary, progress: Progress = _noop,
               batch: int = 8, window: int = 4) -> None:
    """Understand every uncoded article in the pool; the parent writes each batch in one transaction.

    Articles are independent here, so results are written as they finish (any order gives the same rows);
    a batch holds whole articles only, so a crash leaves none half written.
    """
    batches = runner.batched(store.uncoded_articles(), batch)
    for results in unordered_map(pool, code_task, batches, window):
        runner.write_coded_batch(store, results, summary)
        progress("code", len(results))


def ingest(sources: Sequence[str], store: Store, settings: Settings, *, workers: int = 2,
           progress: Progress = _noop, batch: int = 8, deadline: float | None = None) -> RunSummary:
    """Read every source, clean and store each document, then code and cluster what is new.

    ``workers`` processes clean and understand (``<= 1``: in this process); this process writes.
    ``deadline``: seconds a worker may spend cleaning one document (default 3 x extract_timeout)
    before it is killed and the document quarantined (pool runs only).
    """
    deadline = deadline or 3 * settings.extract_timeout
    summary = RunSummary()
    items = pipeline.stage(SOURCES)(list(sources), settings, store=store)
    with make_executor(workers, settings) as pool:
        store_phase(items, store, pool, summary, progress, window=max(4, 4 * workers), deadline=deadline)
        code_phase(store, pool, summary, progress, batch=batch, window=max(2, 2 * workers))
    cluster_pending(store, settings, summary)
    progress("cluster", 1)
    store.record_run(uuid.uuid4().hex, summary)
    return summary
