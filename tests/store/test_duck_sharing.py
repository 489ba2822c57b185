"""A DuckDB store holds its file only while it uses it; a blocked open waits a bounded time, then says so."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from spillwatch.errors import StoreLockedError
from spillwatch.store import EventFilter
from spillwatch.store.duck import DuckDBStore

# Exit 0 when the file could be opened read-write, 3 when another process holds it.
TRY_OPEN = ("import sys, duckdb\ntry:\n    duckdb.connect(sys.argv[1]).close()\nexcept duckdb.Error as e:\n"
            "    sys.exit(3 if 'lock' in str(e).lower() else 4)\n")
# Holds the file for argv[2] seconds, or until its stdin closes when argv[2] is "stdin".
HOLD = ("import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1])\nprint('held', flush=True)\n"
        "sys.stdin.read() if sys.argv[2] == 'stdin' else time.sleep(float(sys.argv[2]))\ncon.close()\n")


def _soon_free(path: Path) -> bool:
    """True once another process can open the file (the store lets it go after ``linger``, however
    slowly a loaded machine runs its timer); False if that never happens within a generous bound."""
    give_up = time.monotonic() + 120
    while not _other_process_can_open(path):
        if time.monotonic() > give_up:
            return False
        time.sleep(0.05)
    return True


def _other_process_can_open(path: Path) -> bool:
    code = subprocess.run([sys.executable, "-c", TRY_OPEN, str(path)], timeout=60).returncode
    assert code in (0, 3)
    return code == 0


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """Another process that holds a fresh store's file until the test ends."""
    path = tmp_path / "s.duckdb"
    DuckDBStore(str(path)).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), "stdin"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield path, proc
    proc.kill()
    proc.wait()


def test_idle_store_lets_the_file_go_and_a_transaction_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    store = DuckDBStore(str(path), linger=0.05)
    try:
        assert store.count_events(EventFilter()) == 0
        assert _soon_free(path)
        with store.transaction():
            store.count_events(EventFilter())
            assert not _other_process_can_open(path)
        assert _soon_free(path)
        assert store.count_events(EventFilter()) == 0  # and the store opens it again when asked
    finally:
        store.close()


def test_streaming_export_holds_the_file_until_the_last_batch(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    store = DuckDBStore(str(path), linger=0.0)
    try:
        batches = store.record_batches("SELECT range AS i FROM range(10)", size=4)
        assert next(batches).num_rows == 4
        assert not _other_process_can_open(path)
        assert sum(b.num_rows for b in batches) == 6
        assert _other_process_can_open(path)
    finally:
        store.close()


def test_open_gives_up_after_lock_wait_with_one_line(holder: tuple[Path, subprocess.Popen[str]]) -> None:
    path, _ = holder
    started = time.monotonic()
    with pytest.raises(StoreLockedError) as err:
        DuckDBStore(str(path), lock_wait=0.5)
    assert time.monotonic() - started >= 0.5
    message = str(err.value)
    assert "\n" not in message and str(path) in message and "another process holds the store" in message


def test_open_waits_for_a_writer_that_finishes(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    DuckDBStore(str(path)).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), "1.0"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        store = DuckDBStore(str(path), lock_wait=60)
        assert store.count_events(EventFilter()) == 0
        store.close()
    finally:
        proc.kill()
        proc.wait()
