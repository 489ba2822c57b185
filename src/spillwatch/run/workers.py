"""A worker process's life seen from both sides: it dies with its parent, and it says when a task starts.

``start_worker`` is every pool worker's initializer: it calls ``die_with_parent`` before anything heavy
is imported, then the stages' own initializer. ``die_with_parent`` asks the kernel to kill the worker when the
process that started it dies (Linux ``PR_SET_PDEATHSIG``), and watches ``getppid()`` as well (other
systems, or a parent that died before the request): a ``kill -9`` of ``ingest`` leaves no worker behind.

``tracked`` runs a task and first posts ``(key, pid, CPU seconds used so far)`` to the pool's queue;
``Meter`` reads those posts in the parent and tells how many CPU seconds a running task has used
since it started (``/proc/PID/stat``). A task that has not started costs nothing, so a worker's
start-up (loading spaCy, the warm-up article) and the time a task waits for a free worker never
count against its deadline, and a machine busy with other work slows a task without making it
overrun. A task whose worker uses no CPU at all for ``stall`` wall seconds (blocked, say, on a lock
that is never released) is reported as overrunning too, so an unattended run never hangs.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

_PR_SET_PDEATHSIG = 1
_PARENT_POLL = 0.5  # seconds between the watcher thread's looks at the parent


class StartQueue(Protocol):
    def put(self, obj: Any, /) -> None: ...

    def get(self) -> Any: ...

    def empty(self) -> bool: ...


_STARTED: StartQueue | None = None


def start_worker(parent: int, started: StartQueue | None, init: bytes) -> None:
    """A pool worker's initializer: tied to ``parent`` and reporting task starts on ``started``, then
    ``init`` (a pickled ``(function, arguments)``) called.

    This module imports nothing heavy, and ``init`` is unpickled only here: the stage modules and spaCy,
    which take seconds to import on a busy machine, load after the worker is tied to its parent, so a
    parent killed during its workers' start-up leaves none of them running.
    """
    die_with_parent(parent)
    report_starts(started)
    fn, args = pickle.loads(init)  # bytes pickled by the parent process that started this one
    fn(*args)


def die_with_parent(parent: int) -> None:
    """End this process as soon as ``parent`` (the pid that started it) ends."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # no prctl: the watcher below still works
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL)
    os._exit(1)


def report_starts(queue: StartQueue | None) -> None:
    """Post every task's start to ``queue`` (the pool's; ``None``: not tracked)."""
    global _STARTED
    _STARTED = queue


def tracked(key: int, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)``, after posting ``(key, pid, CPU seconds so far)`` so the parent can meter the task."""
    if _STARTED is not None:
        _STARTED.put((key, os.getpid(), time.process_time()))
    return fn(*args)


def process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) process ``pid`` has used; ``None`` when unknown (gone, or no ``/proc``)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    fields = data[data.rindex(b")") + 2:].split()  # fields from the third (state) on
    if fields[0] in (b"Z", b"X"):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(slots=True)
class _Begun:
    pid: int
    cpu: float  # the worker's CPU seconds when the task started
    last_cpu: float  # its CPU seconds when last read
    quiet_since: float  # monotonic time since which the worker has used no CPU


class Meter:
    """The parent's reading of the posts: CPU seconds each tracked task has used since it started."""

    def __init__(self, queue: StartQueue, stall: float) -> None:
        self.queue, self.stall = queue, stall
        self._begun: dict[int, _Begun] = {}

    def _drain(self) -> None:
        while not self.queue.empty():
            key, pid, cpu = self.queue.get()
            self._begun[key] = _Begun(pid, cpu, cpu, time.monotonic())

    def spent(self, key: int) -> float | None:
        """CPU seconds task ``key`` has used (``inf`` once its worker stalled); ``None`` before it starts."""
        self._drain()
        begun = self._begun.get(key)
        if begun is None:
            return None
        cpu = process_cpu(begun.pid)
        now = time.monotonic()
        if cpu is None:  # the worker is gone (its future fails soon) or no /proc: nothing to charge
            return 0.0
        if cpu > begun.last_cpu:
            begun.last_cpu, begun.quiet_since = cpu, now
        elif now - begun.quiet_since > self.stall:
            return float("inf")
        return max(0.0, cpu - begun.cpu)

    def forget(self, key: int) -> None:
        self._begun.pop(key, None)
