"""``ordered_map``'s deadline on a pool: CPU seconds a task used once a worker started it, never waiting time."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from concurrent.futures import Executor, Future
from typing import Any

import pytest

from spillwatch.run import executors
from spillwatch.run.workers import Meter, process_cpu
from spillwatch.settings import load_settings


class _Scripted(Executor):
    """Completes every task at once except "hang" and "late", which a scripted CPU meter settles."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.open: dict[str, Future[Any]] = {}

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.log.append(args[0])
        future: Future[Any] = Future()
        if args[0] in ("hang", "late"):
            self.open[args[0]] = future
        else:
            future.set_result(fn(*args))
        return future


class _ScriptedWorkers(executors.Pool):
    """A pool whose "hang" task runs forever on the CPU and whose "late" task waits for a worker
    (its meter says "not started") three looks long, then finishes."""

    def __init__(self) -> None:
        self.starts = 0
        self.looks = 0
        super().__init__(2, load_settings())

    def _start(self) -> Executor:
        self.starts += 1
        self.scripted = _Scripted()
        return self.scripted

    def spent(self, future: Future[Any]) -> float | None:
        if future is self.scripted.open.get("hang"):
            return math.inf
        self.looks += 1
        if self.looks == 3:
            future.set_result("LATE")
        return None  # not started: however long it waits, nothing is charged


def test_an_overrunning_task_is_timed_out_and_the_workers_restarted() -> None:
    pool = _ScriptedWorkers()
    out = list(executors.ordered_map(pool, str.upper, ["a", "hang", "b", "c"], window=3, deadline=0.05,
                                    on_timeout=lambda x: "TIMEOUT"))
    assert out == [("a", "A"), ("hang", "TIMEOUT"), ("b", "B"), ("c", "C")]
    assert pool.starts == 2  # killed and started again once
    assert pool.scripted.log == ["b", "c"]  # what was in flight was submitted again to the new workers


def test_a_task_no_worker_has_started_is_never_timed_out() -> None:
    pool = _ScriptedWorkers()
    out = list(executors.ordered_map(pool, str.upper, ["a", "late", "b"], window=3, deadline=0.0,
                                    on_timeout=lambda x: "TIMEOUT"))
    assert out == [("a", "A"), ("late", "LATE"), ("b", "B")]
    assert pool.starts == 1 and pool.looks == 3


class _Posts:
    def __init__(self, *posts: tuple[int, int, float]) -> None:
        self.posts = list(posts)

    def put(self, obj: Any, /) -> None:
        self.posts.append(obj)

    def get(self) -> Any:
        return self.posts.pop(0)

    def empty(self) -> bool:
        return not self.posts


@pytest.mark.skipif(process_cpu(os.getpid()) is None, reason="needs /proc")
def test_the_meter_charges_cpu_from_the_start_and_a_worker_that_uses_none_for_stall_seconds() -> None:
    meter = Meter(_Posts((1, os.getpid(), 0.0)), stall=3600)
    assert meter.spent(0) is None  # never started
    used = meter.spent(1)
    assert used is not None and 0 < used < math.inf  # this process has used CPU since "0.0"
    # A worker blocked on a read uses no CPU: once it has used none for ``stall`` seconds, it is stuck.
    blocked = subprocess.Popen([sys.executable, "-c", "import sys; print('ready', flush=True); sys.stdin.read()"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert blocked.stdout is not None and blocked.stdout.readline().strip() == "ready"
        cpu = process_cpu(blocked.pid)
        assert cpu is not None
        stuck = Meter(_Posts((7, blocked.pid, cpu)), stall=0.0)
        verdicts = [stuck.spent(7) for _ in range(50)]
        assert math.inf in verdicts  # the first look after its last CPU tick sees it quiet
    finally:
        blocked.kill()
        blocked.wait()
