"""The per-document time budget: a block that overruns is interrupted, one that does not is left alone."""

from __future__ import annotations

import contextlib
import time

import pytest

from spillwatch.run.budget import Overrun, limit


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_an_overrunning_block_is_interrupted() -> None:
    start = time.monotonic()
    with pytest.raises(Overrun), limit(0.2):
        _busy(10)
    assert time.monotonic() - start < 5


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
        _busy(10)
