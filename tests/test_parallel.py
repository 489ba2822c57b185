"""The parallel runner: same store as one process, and kill -9 at any point loses and doubles nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from faults import failing_everywhere, plan_every_stage
from spillwatch.run import executors, phases
from spillwatch.settings import load_settings
from spillwatch.store import open_store
from store_snapshot import snapshot

REPO = Path(__file__).resolve().parents[1]
SOURCES = ["corpus/txt", "corpus/html"]

# The run under test, as a subprocess: prints each progress step, pausing PACE seconds after it, so a
# kill lands in the store phase or the code phase (the pause only slows the writer; nothing is skipped).
DRIVER = """
import sys, time
from spillwatch.run import phases
from spillwatch.run import executors
from spillwatch.settings import load_settings
from spillwatch.store import open_store
db, pace, *sources = sys.argv[1:]
def progress(phase, n):
    print(phase, flush=True)
    time.sleep(float(pace))
if __name__ == "__main__":
    store = open_store(db)
    phases.ingest(sources, store, load_settings(db=db), workers=2, progress=progress)
    store.close()
    print("done", flush=True)
"""
CLI = "from spillwatch.cli import main\nmain()"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    """A clean run in one process (``phases.ingest``, workers=1) over the same sources."""
    db = str(tmp_path_factory.mktemp("ref") / "ref.duckdb")
    store = open_store(db)
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        summary = phases.ingest(SOURCES, store, load_settings(db=db))
    finally:
        os.chdir(cwd)
    assert summary.stored > 10 and summary.mentions > 10 and summary.events > 5
    snap = snapshot(store)
    store.close()
    return snap


def _run_until(db: str, marker: str | None, count: int, pace: float) -> list[str]:
    """Start the driver; SIGKILL its whole process group once ``marker`` was printed ``count`` times."""
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, db, str(pace), *SOURCES], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    seen: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        seen.append(line.strip())
        if marker is not None and seen.count(marker) >= count:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=120)
    proc.stdout.close()
    if marker is not None:
        assert proc.returncode == -signal.SIGKILL
    return seen


def _counts(db: str) -> dict[str, int]:
    store = open_store(db, read_only=True)
    try:
        return {k: int(store.query(f"SELECT count(*) AS n FROM {k}")[0]["n"]) for k in ("articles", "events")} | {
            "coded": int(store.query("SELECT count(*) AS n FROM articles WHERE coded")[0]["n"])}
    finally:
        store.close()


@pytest.mark.slow
def test_kill_9_twice_then_finish_equals_clean_run(tmp_path: Path, reference: dict[str, Any]) -> None:
    db = str(tmp_path / "killed.duckdb")
    total = len(reference["articles"])

    _run_until(db, "read", 8, pace=0.05)  # killed while storing
    first = _counts(db)
    assert 0 < first["articles"] < total and first["events"] == 0

    _run_until(db, "code", 2, pace=0.05)  # killed while coding (a "code" line per written batch)
    second = _counts(db)
    assert second["articles"] == total and 0 < second["coded"] < total and second["events"] == 0

    assert _run_until(db, None, 0, pace=0)[-1] == "done"
    store = open_store(db, read_only=True)
    try:
        assert snapshot(store) == reference
    finally:
        store.close()


def test_cli_ingest_workers_matches_reference(tmp_path: Path, reference: dict[str, Any]) -> None:
    db = str(tmp_path / "cli.duckdb")
    done = subprocess.run([sys.executable, "-c", CLI, "ingest", *SOURCES, "--db", db, "--workers", "2"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "event mentions" in done.stdout
    store = open_store(db, read_only=True)
    try:
        assert snapshot(store) == reference
    finally:
        store.close()


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("SPILLWATCH_TEST_PG"), reason="SPILLWATCH_TEST_PG not set")
def test_postgres_store_gets_the_same_rows(reference: dict[str, Any]) -> None:
    import psycopg

    url = os.environ["SPILLWATCH_TEST_PG"]
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP SCHEMA public CASCADE")
        con.execute("CREATE SCHEMA public")
    store = open_store(url)
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        phases.ingest(SOURCES, store, load_settings(db=url), workers=1)
        assert snapshot(store) == reference
    finally:
        os.chdir(cwd)
        store.close()


def test_ordered_map_keeps_input_order_with_a_small_window() -> None:
    class Delayed(executors.Inline):
        def __init__(self) -> None:
            self.submitted: list[int] = []

        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            self.submitted.append(args[0])
            future: Future[Any] = Future()
            future.set_result(fn(*args))
            return future

    pool = Delayed()
    out = []
    for x, y in executors.ordered_map(pool, lambda v: v * v, range(10), window=3):
        out.append((x, y))
        assert len(pool.submitted) - len(out) < 3  # never more than the window in flight
    assert out == [(i, i * i) for i in range(10)]


def test_inline_and_pool_give_the_same_store_with_a_fault_in_every_stage(tmp_path: Path,
                                                                        reference: dict[str, Any]) -> None:
    # Each stage fails on its own document: the run goes on; both runners store the same rows, the
    # failed documents as quarantine rows naming their stage, every other article as in a clean run.
    plan = plan_every_stage([str(REPO / s) for s in SOURCES], load_settings(), reference)
    stages = failing_everywhere(plan)
    snaps = []
    for workers in (1, 2):
        db = str(tmp_path / f"faults{workers}.duckdb")
        store = open_store(db)
        try:
            summary = phases.ingest([str(REPO / s) for s in SOURCES], store, load_settings(db=db),
                                      workers=workers, stages=stages)
            assert set(summary.stages) == set(plan) and summary.events > 0
            snaps.append(snapshot(store))
        finally:
            store.close()
    assert snaps[0] == snaps[1]
    failed = set(plan.values())
    kept = [row for row in reference["articles"] if row[0] not in failed and row[1] not in failed]
    assert [row for row in snaps[0]["articles"] if row[0] not in failed and row[1] not in failed] == kept
