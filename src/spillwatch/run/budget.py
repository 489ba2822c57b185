"""A per-document time budget: a block of code that overruns it is interrupted with ``Overrun``.

A watchdog timer raises ``Overrun`` asynchronously in the thread that entered ``limit`` (CPython's
``PyThreadState_SetAsyncExc``), so it works in any thread and in worker processes alike. The
exception arrives as soon as the thread runs Python code again: a stage stuck inside one long C
call is interrupted when that call returns (the pool's worker deadline is the backstop).
``Overrun`` is a ``BaseException`` so that a stage's own ``except Exception`` cannot swallow it.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


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


@contextmanager
def limit(seconds: float | None) -> Iterator[None]:
    """Run the block with at most ``seconds`` (``None`` or ``<= 0``: no limit); ``Overrun`` when it overruns."""
    if seconds is None or seconds == float("inf"):
        yield
        return
    if seconds <= 0:
        raise Overrun
    watch = _Watch(threading.get_ident())
    timer = threading.Timer(seconds, watch.fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        fired = watch.stop()
    if fired:  # the budget ran out just as the block finished: still an overrun
        raise Overrun
