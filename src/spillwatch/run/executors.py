"""Executors for the phases: ``Inline`` (this process) and ``Pool`` (spawned worker processes).

Both run the same tasks (``clean_task``, ``code_task``) over the same stage table; the spaCy model
and the other stage resources load once per worker in the initializer. ``ordered_map`` and
``unordered_map`` keep a bounded window of tasks in flight and make every failure a result:
a task that overruns its deadline restarts the pool (``on_timeout``); a task that fails in any
other way (a worker killed, a result that cannot be unpickled) is run again alone, after a restart
if the pool broke, and gets ``on_error`` if it fails again. A stage's own error never gets this far:
``pipeline`` turns it into a quarantine record inside the worker (plain strings cross the boundary).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import replace
from typing import Any, TypeVar

from spillwatch.nlp.parse import check_installed
from spillwatch.records import Article, Block, DateInfo, Quarantined, RawItem
from spillwatch.run import pipeline
from spillwatch.run import workers as procs
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Coded, Pipeline

T = TypeVar("T")
R = TypeVar("R")

_WARMUP = Article(
    raw_id="warmup", source="warmup", published=DateInfo(None, "none"),
    blocks=(Block("title", "Checkpoint attack"),
            Block("body", "Gunmen attacked an army checkpoint near Mosul on Monday, killing two soldiers, "
                          "the Iraqi defence ministry said.")),
)


# ---------------------------------------------------------------- workers
_SETTINGS: Settings | None = None
_STAGES: Pipeline = DEFAULT


def _init_worker(settings: Settings, stages: Pipeline = DEFAULT) -> None:
    """Load every stage's resources once per worker (model, actor table, gazetteer).

    A pool worker runs this through ``procs.start_worker``, which first ties the worker's life to the
    parent's and reports each task's start: the deadline of a task starts then, never during this start-up.
    """
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


class Inline(Executor):
    """Runs tasks in this process (``workers <= 1``): the same phases without a pool."""

    def __init__(self, settings: Settings, stages: Pipeline = DEFAULT) -> None:
        _init_worker(settings, stages)

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # as a pool would: the failure is the future's, not the caller's
            future.set_exception(exc)
        return future


STALL = 600.0  # wall seconds a worker busy with a task may use no CPU at all before the task counts as stuck
_POLL = 0.25  # seconds between two looks at a running task's CPU time


class Pool(Executor):
    """The worker processes (or the inline stand-in), restartable when a task overruns its deadline.

    A stuck document (say a regular expression backtracking inside a C call, which no thread
    deadline can interrupt) would otherwise stall the run: ``restart`` kills the workers and
    starts fresh ones; the caller quarantines the document and resubmits what was in flight.
    Deadlines are CPU seconds a task has used since a worker started it (``result_within``):
    a worker's start-up and a busy machine slow a run, they never make a healthy task overrun.
    """

    def __init__(self, workers: int, settings: Settings, stages: Pipeline = DEFAULT, stall: float = STALL) -> None:
        self.workers, self.settings, self.stages, self.stall = workers, settings, stages, stall
        self._keys = itertools.count()
        self._key_of: weakref.WeakKeyDictionary[Future[Any], int] = weakref.WeakKeyDictionary()
        self._meter: procs.Meter | None = None
        self._executor = self._start()

    def _start(self) -> Executor:
        if self.workers <= 1:
            return Inline(self.settings, self.stages)
        check_installed(self.settings.spacy_pipeline)  # else every worker would fail to start, one by one
        ctx = multiprocessing.get_context("spawn")
        started = ctx.SimpleQueue()
        self._meter = procs.Meter(started, self.stall)
        # the stages travel pickled inside the initializer's arguments: the worker ties itself to this
        # process before unpickling them imports spaCy and the stage modules (seconds on a busy machine)
        init = pickle.dumps((_init_worker, (self.settings, self.stages)))
        return ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=procs.start_worker,
                                   initargs=(os.getpid(), started, init))

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        return self._executor.submit(fn, *args, **kwargs)

    def submit_timed(self, fn: Callable[[T], R], x: T) -> Future[R]:
        """``fn(x)`` whose CPU time ``result_within`` can meter (a worker posts when it starts the task)."""
        if self._meter is None:
            return self.submit(fn, x)
        key = next(self._keys)
        future: Future[R] = self._executor.submit(procs.tracked, key, fn, x)
        self._key_of[future] = key
        return future

    def spent(self, future: Future[Any]) -> float | None:
        """CPU seconds the task of ``future`` has used since a worker started it (``None``: not started)."""
        key = self._key_of.get(future)
        if key is None or self._meter is None:
            return None
        return self._meter.spent(key)

    def overran(self, future: Future[Any], deadline: float) -> bool:
        """The task of ``future`` has used more than ``deadline`` CPU seconds since a worker started it."""
        used = self.spent(future)
        return used is not None and used > deadline

    def forget(self, future: Future[Any]) -> None:
        """Stop metering the task of ``future`` (it is settled)."""
        key = self._key_of.pop(future, None)
        if key is not None and self._meter is not None:
            self._meter.forget(key)

    def result_within(self, future: Future[R], deadline: float | None) -> R:
        """The task's result; ``FuturesTimeout`` once it has used ``deadline`` CPU seconds since it started."""
        if deadline is None:
            return future.result()
        try:
            while True:
                try:
                    return future.result(timeout=_POLL)
                except FuturesTimeout:
                    if self.overran(future, deadline):
                        raise
        finally:
            self.forget(future)

    def restart(self) -> None:
        processes = getattr(self._executor, "_processes", None) or {}
        for process in list(processes.values()):
            process.kill()
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=cancel_futures)


def make_executor(workers: int, settings: Settings, stages: Pipeline = DEFAULT) -> Pool:
    """``workers`` spawned processes (no store connection is inherited), or inline when ``workers <= 1``."""
    return Pool(workers, settings, stages)


OnError = Callable[[T, BaseException], R]


def _restart_if_broken(pool: Executor, exc: BaseException) -> None:
    if isinstance(exc, BrokenExecutor) and isinstance(pool, Pool):
        pool.restart()


def alone(pool: Executor, fn: Callable[[T], R], x: T, on_error: OnError[T, R], deadline: float | None = None,
          on_timeout: Callable[[T], R] | None = None) -> R:
    """``fn(x)`` as the only task in flight; on any failure (a broken pool restarted) ``on_error(x, exc)``.

    With a ``deadline`` (CPU seconds once a worker started it) and ``on_timeout``, an overrun restarts
    the pool and gives ``on_timeout(x)``.
    """
    try:
        if isinstance(pool, Pool) and deadline is not None and on_timeout is not None:
            return pool.result_within(pool.submit_timed(fn, x), deadline)
        return pool.submit(fn, x).result()
    except FuturesTimeout:
        if on_timeout is None or not isinstance(pool, Pool):
            raise
        pool.restart()
        return on_timeout(x)
    except Exception as exc:
        _restart_if_broken(pool, exc)
        return on_error(x, exc)


def ordered_map(pool: Executor, fn: Callable[[T], R], inputs: Iterable[T], window: int,
                deadline: float | None = None, on_timeout: Callable[[T], R] | None = None,
                on_error: OnError[T, R] | None = None) -> Iterator[tuple[T, R]]:
    """``(input, fn(input))`` in input order with at most ``window`` tasks in flight.

    With a ``deadline`` (CPU seconds the oldest task may use once a worker started it: ``Pool.result_within``)
    and ``on_timeout``, an overrunning task gets ``on_timeout(input)`` as its result, the pool restarts
    and the other tasks are resubmitted.
    With ``on_error``, a task that fails (a worker died, a result that cannot cross back) is run
    again alone (after a restart if the pool broke) and gets ``on_error(input, exc)`` if it fails again.
    """
    pending: deque[tuple[T, Future[R]]] = deque()
    timed = isinstance(pool, Pool) and deadline is not None and on_timeout is not None

    def send(x: T) -> Future[R]:
        return pool.submit_timed(fn, x) if timed and isinstance(pool, Pool) else pool.submit(fn, x)

    def resubmit() -> None:
        again = [x for x, _ in pending]
        pending.clear()
        pending.extend((x, send(x)) for x in again)

    def take() -> tuple[T, R]:
        first, future = pending.popleft()
        try:
            return first, (pool.result_within(future, deadline) if timed and isinstance(pool, Pool)
                           else future.result())
        except FuturesTimeout:
            if on_timeout is None or not isinstance(pool, Pool):
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
        pending.append((x, send(x)))
        if len(pending) >= window:
            yield take()
    while pending:
        yield take()


def unordered_map(pool: Executor, fn: Callable[[T], R], inputs: Iterable[T], window: int,
                  on_error: OnError[T, R] | None = None, deadline: Callable[[T], float | None] | None = None,
                  on_timeout: Callable[[T], R] | None = None) -> Iterator[R]:
    """``fn(input)`` as each finishes, at most ``window`` in flight (a slow task holds back no other).

    With ``on_error``, failed tasks (and, when the pool broke, every task then in flight) are run
    again one at a time through ``alone``. With ``deadline`` (the CPU seconds a task of that input
    may use once a worker started it: ``Pool.overran``) and ``on_timeout``, an overrunning task gets
    ``on_timeout(input)`` as its result: the pool restarts first, and the tasks then in flight are
    submitted again after it (waiting for a worker and a worker's start-up never count).
    """
    running: dict[Future[R], T] = {}
    timed = isinstance(pool, Pool) and deadline is not None and on_timeout is not None

    def send(x: T) -> Future[R]:
        return pool.submit_timed(fn, x) if timed and isinstance(pool, Pool) else pool.submit(fn, x)

    def limits(x: T) -> tuple[float | None, Callable[[T], R] | None]:
        return (deadline(x), on_timeout) if timed and deadline is not None else (None, None)

    def settle(done: set[Future[R]]) -> Iterator[R]:
        failed: list[T] = []
        broken = False
        for f in done:
            x = running.pop(f)
            if isinstance(pool, Pool):
                pool.forget(f)
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
            if isinstance(pool, Pool):
                pool.restart()
        for x in failed:
            assert on_error is not None
            yield alone(pool, fn, x, on_error, *limits(x))

    def overrun() -> Future[R] | None:
        for f, x in running.items():
            limit = deadline(x) if deadline is not None else None
            if limit is not None and isinstance(pool, Pool) and not f.done() and pool.overran(f, limit):
                return f
        return None

    def step() -> Iterator[R]:
        done, _ = wait(running, timeout=_POLL if timed else None, return_when=FIRST_COMPLETED)
        if done:
            yield from settle(done)
            return
        late = overrun()
        if late is None or on_timeout is None or not isinstance(pool, Pool):
            return
        x = running.pop(late)
        pool.forget(late)
        others = list(running.values())
        running.clear()
        pool.restart()  # kills the overrunning worker and every other: what they ran is sent again below
        yield on_timeout(x)
        for y in others:
            running[send(y)] = y

    for x in inputs:
        running[send(x)] = x
        while len(running) >= window:
            yield from step()
    while running:
        yield from step()
