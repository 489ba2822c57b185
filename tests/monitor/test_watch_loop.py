"""The schedule around the cycles (issue 27): a cycle that fails for a reason outside the input (the store held by
another process) is reported, kept in the status and tried again next cycle; the stop event ends the loop after
the running cycle; the status then says stopped."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from spillwatch.api import Spillwatch
from spillwatch.errors import StoreLockedError
from spillwatch.monitor import loop
from spillwatch.monitor.records import CycleResult
from spillwatch.run import phases
from spillwatch.settings import Settings


def test_a_failed_cycle_is_reported_and_the_next_one_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday and approved the budget for the new harbour wall.\n")
    real, calls = phases.ingest, []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise StoreLockedError("w.duckdb: another process holds the store (pid 1); gave up after 30 s")
        return real(*args, **kwargs)

    monkeypatch.setattr(phases, "ingest", flaky)
    monkeypatch.setattr(loop, "_wait", lambda *args: None)  # no sleeping between cycles in a test
    stop, errors, done = threading.Event(), [], []
    seen_error: list[str | None] = []

    def on_cycle(result: CycleResult) -> None:
        done.append(result)
        stop.set()

    def on_error(text: str) -> None:
        errors.append(text)
        seen_error.append(sw.watch_status().last_error)

    with Spillwatch(settings=Settings(db=str(tmp_path / "w.duckdb"))) as sw:
        plan = sw.watch_plan([str(folder)], [], [], "1h")
        last = loop.run(loop.Watcher(sw.store, sw.settings, plan), stop, on_cycle, on_error)
        status = sw.watch_status()
    assert len(errors) == 1 and "cycle 1 failed" in errors[0] and "another process holds the store" in errors[0]
    assert seen_error == [errors[0]]
    assert last is not None and done == [last] and last.cycle == 1 and last.new == 1
    assert status.state == "stopped" and status.last_error is None and status.cycles == 1
