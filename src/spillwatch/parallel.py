"""The parallel local runner: the stages over a process pool, one writer (this process) to the store.

Workers clean raw items and understand stored articles (``pipeline.clean_item`` and
``pipeline.understand``); the spaCy model and the other stage resources load once per worker in the
pool's initializer. Results come back in submission order, so near-duplicate decisions and every
stored row are the same as a one-process run on the same input.

A worker's failure of any kind never breaks the run: a stage's error is a quarantine record made
in the worker (plain strings cross the process boundary, never the exception); a task that fails
anyway (a worker killed, a result that cannot be unpickled) restarts a broken pool and is run
again alone, then article by article, and what still fails is quarantined ("worker-failed").

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
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import replace
from typing import Any, TypeVar

from spillwatch import pipeline, runner
from spillwatch.nlp.parse import check_installed
from spillwatch.records import Article, Block, DateInfo, Quarantined, RawItem
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Coded, Pipeline
from spillwatch.store.base import RunSummary, Store

Progress = Callable[[str, int], None]  # (phase, advance): phases "read", "code", "cluster"
T = TypeVar("T")
R = TypeVar("R")

SOURCES = runner.SOURCES
WORKER_FAILED = "worker-failed"
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
_STAGES: Pipeline = DEFAULT


def _init_worker(settings: Settings, stages: Pipeline = DEFAULT) -> None:
    """Load every stage's resources once per worker (model, actor table, gazetteer)."""
    global _SETTINGS, _STAGES
    _SETTINGS, _STAGES = settings, stages
    list(pipeline.understand([_WARMUP], settings))


def _settings() -> Settings:
    if _SETTINGS is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker not initialised")
    return _SETTINGS


def clean_task(item: RawItem) -> Article | Quarantined:
    """Worker side of the store phase: one raw item cleaned (or its quarantine record)."""
    return pipeline.clean_item(item, _settings(), _STAGES)


def code_task(articles: Sequence[Article]) -> list[Coded | Quarantined]:
    """Worker side of the code phase: a batch understood with one ``nlp.pipe`` call.

    Tokens are dropped before the result crosses the process boundary: the store keeps actors,
    quotes, places and mentions (``store.rows.annotation_rows``), never tokens.
    """
    return [slim(c) for c in pipeline.understand(list(articles), _settings(), _STAGES)]


def slim(coded: Coded | Quarantined) -> Coded | Quarantined:
    if isinstance(coded, Quarantined):
        return coded
    return Coded(replace(coded.annotated, tokens=()), coded.mentions)


class InlineExecutor(Executor):
    """Runs tasks in this process (``workers <= 1``): the same writer path without a pool."""

    def __init__(self, settings: Settings, stages: Pipeline = DEFAULT) -> None:
        _init_worker(settings, stages)

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

    def __init__(self, workers: int, settings: Settings, stages: Pipeline = DEFAULT) -> None:
        self.workers, self.settings, self.stages = workers, settings, stages
        self._executor = self._start()

    def _start(self) -> Executor:
        if self.workers <= 1:
            return InlineExecutor(self.settings, self.stages)
        check_installed(self.settings.spacy_pipeline)  # else every worker would fail to start, one by one
        ctx = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(self.settings, self.stages))

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


def make_executor(workers: int, settings: Settings, stages: Pipeline = DEFAULT) -> Workers:
    """``workers`` spawned processes (no store connection is inherited), or inline when ``workers <= 1``."""
    return Workers(workers, settings, stages)


OnError = Callable[[T, BaseException], R]


def _restart_if_broken(pool: Executor, exc: BaseException) -> None:
    if isinstance(exc, BrokenExecutor) and isinstance(pool, Workers):
        pool.restart()


def alone(pool: Executor, fn: Callable[[T], R], x: T, on_error: OnError[T, R]) -> R:
    """``fn(x)`` as the only task in flight; on any failure (a broken pool restarted) ``on_error(x, exc)``."""
    try:
        return pool.submit(fn, x).result()
    except Exception as exc:
        _restart_if_broken(pool, exc)
        return on_error(x, exc)


def ordered_map(pool: Executor, fn: Callable[[T], R], inputs: Iterable[T], window: int,
                deadline: float | None = None, on_timeout: Callable[[T], R] | None = None,
                on_error: OnError[T, R] | None = None) -> Iterator[tuple[T, R]]:
    """``(input, fn(input))`` in input order with at most ``window`` tasks in flight.

    With a ``deadline`` (seconds waited for the oldest task) and ``on_timeout``, an overrunning task
    gets ``on_timeout(input)`` as its result, the pool restarts and the other tasks are resubmitted.
    With ``on_error``, a task that fails (a worker died, a result that cannot cross back) is run
    again alone (after a restart if the pool broke) and gets ``on_error(input, exc)`` if it fails again.
    """
    pending: deque[tuple[T, Future[R]]] = deque()

    def resubmit() -> None:
        again = [x for x, _ in pending]
        pending.clear()
        pending.extend((x, pool.submit(fn, x)) for x in again)

    def take() -> tuple[T, R]:
        first, future = pending.popleft()
        try:
            return first, future.result(timeout=deadline)
        except FuturesTimeout:
            if on_timeout is None or not isinstance(pool, Workers):
                raise
            pool.restart()
            resubmit()
            return first, on_timeout(first)
        except Exception as exc:
            if on_error is None:
                raise
            _restart_if_broken(pool, exc)
            result = alone(pool, fn, first, on_error)  # before the others: they may hold the culprit
            if isinstance(exc, BrokenExecutor):
                resubmit()
            return first, result

    for x in inputs:
        pending.append((x, pool.submit(fn, x)))
        if len(pending) >= window:
            yield take()
    while pending:
        yield take()


def unordered_map(pool: Executor, fn: Callable[[T], R], inputs: Iterable[T], window: int,
                  on_error: OnError[T, R] | None = None) -> Iterator[R]:
    """``fn(input)`` as each finishes, at most ``window`` in flight (a slow task holds back no other).

    With ``on_error``, failed tasks (and, when the pool broke, every task then in flight) are run
    again one at a time through ``alone``.
    """
    running: dict[Future[R], T] = {}

    def settle(done: set[Future[R]]) -> Iterator[R]:
        failed: list[T] = []
        broken = False
        for f in done:
            x = running.pop(f)
            exc = f.exception()
            if exc is None:
                yield f.result()
            elif on_error is None:
                raise exc
            else:
                failed.append(x)
                broken = broken or isinstance(exc, BrokenExecutor)
        if broken:
            failed.extend(running.values())
            running.clear()
            if isinstance(pool, Workers):
                pool.restart()
        for x in failed:
            assert on_error is not None
            yield alone(pool, fn, x, on_error)

    for x in inputs:
        running[pool.submit(fn, x)] = x
        if len(running) >= window:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            yield from settle(done)
    while running:
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        yield from settle(done)


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
            elif store.is_quarantined(item.id):
                summary.held += 1
                progress("read", 1)
            else:
                yield item

    def overran(item: RawItem) -> Article | Quarantined:
        return Quarantined(source=item.source, reason="timeout", stage="clean", raw_id=item.id,
                           detail=f"cleaning overran {deadline:g} s; the worker was killed")

    def failed(item: RawItem, exc: BaseException) -> Article | Quarantined:
        return pipeline.failure("clean", item, exc, reason=WORKER_FAILED)

    for item, cleaned in ordered_map(pool, clean_task, new_items(), window, deadline, overran, failed):
        _flush(fresh, store, summary, progress)
        store_cleaned(item, cleaned, store, near, summary)
        progress("read", 1)
    _flush(fresh, store, summary, progress)


def _flush(found: list[Quarantined], store: Store, summary: RunSummary, progress: Progress) -> None:
    while found:
        quarantine(store, found.pop(0), summary)
        progress("read", 1)


def code_phase(store: Store, pool: Executor, summary: RunSummary, progress: Progress = _noop,
               batch: int = 8, window: int = 4, stages: Pipeline = DEFAULT) -> None:
    """Understand every uncoded article in the pool; the parent writes each batch in one transaction.

    Articles are independent here, so results are written as they finish (any order gives the same rows);
    a batch holds whole articles only, so a crash leaves none half written. A batch whose task fails
    is split into single articles (``failed_batch``).
    """

    def failed_batch(articles: list[Article], exc: BaseException) -> list[Coded | Quarantined]:
        if len(articles) == 1:
            return [pipeline.failure("code", articles[0], exc, reason=WORKER_FAILED)]
        return [found for a in articles for found in alone(pool, code_task, [a], failed_batch)]

    batches = runner.batched(store.uncoded_articles(), batch)
    for results in unordered_map(pool, code_task, batches, window, failed_batch):
        runner.write_coded_batch(store, results, summary, stages)
        progress("code", len(results))


def ingest(sources: Sequence[str], store: Store, settings: Settings, *, workers: int = 2,
           progress: Progress = _noop, batch: int = 8, deadline: float | None = None,
           stages: Pipeline = DEFAULT, retry_quarantined: bool = False) -> RunSummary:
    """Read every source, clean and store each document, then code and cluster what is new.

    ``workers`` processes clean and understand (``<= 1``: in this process); this process writes.
    ``deadline``: seconds a worker may spend cleaning one document (default 3 x extract_timeout)
    before it is killed and the document quarantined (pool runs only).
    """
    deadline = deadline or 3 * settings.extract_timeout
    summary = RunSummary()
    if retry_quarantined:
        summary.retried = store.release_quarantined()
    items = SOURCES(list(sources), settings, store=store)
    with make_executor(workers, settings, stages) as pool:
        store_phase(items, store, pool, summary, progress, window=max(4, 4 * workers), deadline=deadline)
        code_phase(store, pool, summary, progress, batch=batch, window=max(2, 2 * workers), stages=stages)
    cluster_pending(store, settings, summary)
    progress("cluster", 1)
    store.record_run(uuid.uuid4().hex, summary)
    return summary
