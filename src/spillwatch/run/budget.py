"""A per-document time budget in CPU seconds: a block of code that overruns it is interrupted with ``Overrun``.

The budget is the CPU time of the thread that entered ``limit`` (its ``pthread_getcpuclockid``
clock; wall time where the system has none), so a machine busy with other work slows a document
without making it overrun. A watchdog thread raises ``Overrun`` asynchronously in that thread
(CPython's ``PyThreadState_SetAsyncExc``), so it works in any thread and in worker processes alike. The
exception arrives as soon as the thread runs Python code again: a stage stuck inside one long C
call is interrupted when that call returns (the pool's worker deadline is the backstop).
``Overrun`` is a ``BaseException`` so that a stage's own ``except Exception`` cannot swallow it.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_MIN_WAIT = 0.005  # seconds: the watchdog never polls the clock more often than this


class Overrun(BaseException):
    """The time budget ran out inside a ``limit`` block."""


class _Watch:
    def __init__(self, ident: int) -> None:
        self.ident = ident
        self.lock = threading.Lock()
        self.active = True
        self.fired = False

    def fire(self) -> None:
        with self.lock:
            if self.active:
                self.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.ident), ctypes.py_object(Overrun))

    def stop(self) -> bool:
        """End the watch; True if it fired (any exception it left pending is cleared)."""
        with self.lock:
            self.active = False
            if self.fired:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.ident), None)
            return self.fired


def thread_clock(ident: int | None = None) -> Callable[[], float]:
    """CPU seconds used by thread ``ident`` (default: this one), read from any thread; wall time if unknown."""
    try:
        clock = time.pthread_getcpuclockid(threading.get_ident() if ident is None else ident)
        time.clock_gettime(clock)
    except (AttributeError, OSError):  # pragma: no cover - a system without per-thread CPU clocks
        return time.monotonic
    return lambda: time.clock_gettime(clock)


def _watchdog(watch: _Watch, clock: Callable[[], float], until: float, done: threading.Event) -> None:
    while True:
        try:
            left = until - clock()
        except OSError:  # the watched thread is gone
            return
        if left <= 0:
            watch.fire()
            return
        if done.wait(max(left, _MIN_WAIT)):  # CPU time never runs faster than the wall clock
            return


@contextmanager
def limit(seconds: float | None) -> Iterator[None]:
    """Run the block with at most ``seconds`` of this thread's CPU time (``None``: no limit); ``Overrun`` if over."""
    if seconds is None or seconds == float("inf"):
        yield
        return
    if seconds <= 0:
        raise Overrun
    watch = _Watch(threading.get_ident())
    clock = thread_clock()
    done = threading.Event()
    dog = threading.Thread(target=_watchdog, args=(watch, clock, clock() + seconds, done), daemon=True,
                           name="time-budget")
    dog.start()
    try:
        yield
    finally:
        done.set()
        fired = watch.stop()
    if fired:  # the budget ran out just as the block finished: still an overrun
        raise Overrun
