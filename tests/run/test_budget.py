"""The per-document time budget in CPU seconds: a block that overruns is interrupted, one within it is left alone."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest

from spillwatch.run.budget import Overrun, limit


def _busy(seconds: float) -> None:
    """``seconds`` of this thread's CPU time."""
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def _forever() -> None:
    while True:
        pass


def test_an_overrunning_block_is_interrupted() -> None:
    with pytest.raises(Overrun), limit(0.2):
        _forever()
    assert True  # reached: the endless block was interrupted, however slowly the machine ran it


def test_time_the_thread_spends_waiting_is_not_charged() -> None:
    # Wall time passes (a machine busy with other work, a wait) while the thread uses no CPU: the
    # old wall-clock budget interrupted this block, a CPU budget leaves it alone.
    with limit(0.05):
        threading.Event().wait(0.5)


def test_a_block_within_its_budget_is_untouched_and_nothing_fires_later() -> None:
    with limit(1.0):
        _busy(0.01)
    _busy(1.2)  # the cancelled timer never interrupts code after the block


def test_no_budget_and_a_spent_budget() -> None:
    with limit(None):
        _busy(0.01)
    with pytest.raises(Overrun), limit(0):
        pass


def test_a_stage_catching_exception_cannot_swallow_the_overrun() -> None:
    with pytest.raises(Overrun), limit(0.2), contextlib.suppress(Exception):  # a stage's own broad handler
        _forever()
