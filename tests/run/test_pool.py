"""The pool's deadlines count CPU seconds from the moment a worker starts a task; workers die with their parent."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faults import slow_start, with_fault
from spillwatch.ingest.sources import iter_items
from spillwatch.records import Article, RawItem
from spillwatch.run import phases
from spillwatch.run.pipeline import clean_item
from spillwatch.settings import load_settings
from spillwatch.store import open_store
from store_snapshot import snapshot

REPO = Path(__file__).resolve().parents[2]
TXT = [str(REPO / "corpus" / "txt")]


def _ingest(db: str, workers: int, **kwargs: object) -> tuple[phases.StageStats, dict[str, list[tuple[object, ...]]]]:
    store = open_store(db)
    try:
        stats = phases.ingest(TXT, store, load_settings(db=db), workers=workers, **kwargs)  # type: ignore[arg-type]
        return stats, snapshot(store)
    finally:
        store.close()


@pytest.mark.slow
def test_workers_whose_start_up_outlasts_the_deadline_quarantine_nothing_healthy(tmp_path: Path) -> None:
    # Every worker's start-up (spaCy, the warm-up article, and here 3 CPU seconds more) takes longer
    # than the 1 s cleaning deadline; the old pool counted it against the first page, restarted,
    # and did so again for every page. The deadline now starts when a worker starts the page.
    _, inline = _ingest(str(tmp_path / "inline.duckdb"), 1)
    stats, pooled = _ingest(str(tmp_path / "pool.duckdb"), 2, deadline=1.0, stages=slow_start(3.0))
    assert stats.quarantined == 0, stats.reasons
    assert pooled == inline


@pytest.mark.slow
def test_a_document_stuck_where_no_budget_reaches_is_quarantined_by_the_code_deadline(tmp_path: Path) -> None:
    # The events stage of one article enters a C call that never returns (a backtracking regular
    # expression): the document's own time budget cannot interrupt it, so without a pool deadline
    # the run would never end. The coding deadline (CPU seconds per article of a batch, counted
    # from the moment a worker starts it) kills the worker; the batch's articles are run again
    # alone, the stuck one is quarantined "timeout" in stage "code", and the rest are stored as
    # an inline run stores them when that article fails outright.
    settings = load_settings()
    item = next(iter(iter_items([str(REPO / "corpus" / "txt" / "bc-ankara-twin-bombings.txt")], settings)))
    assert isinstance(item, RawItem)
    article = clean_item(item, settings)
    assert isinstance(article, Article)
    stats, inline = _ingest(str(tmp_path / "inline.duckdb"), 1, stages=with_fault("events", article.id, "raise"))
    assert stats.quarantined == 1
    stats, pooled = _ingest(str(tmp_path / "pool.duckdb"), 2, batch=4, code_deadline=10.0,
                            stages=with_fault("events", article.id, "stuck"))
    store = open_store(str(tmp_path / "pool.duckdb"))
    try:
        rows = store.query("SELECT stage, reason, article_id FROM quarantine")
    finally:
        store.close()
    assert [(r["stage"], r["reason"], r["article_id"]) for r in rows] == [("code", "timeout", article.id)]
    assert {k: v for k, v in pooled.items() if k != "quarantine"} == {k: v for k, v in inline.items()
                                                                       if k != "quarantine"}


DRIVER = """
import sys
from spillwatch.ingest.sources import iter_items
from spillwatch.records import Article, RawItem
from spillwatch.run import phases
from spillwatch.run.pipeline import clean_item
from spillwatch.settings import load_settings
from spillwatch.store import open_store
db, *sources = sys.argv[1:]
def progress(phase, n):
    print(phase, flush=True)
    sys.stdin.readline()  # the test answers once it has seen the workers: the run waits here
if __name__ == "__main__":
    phases.ingest(sources, open_store(db), load_settings(db=db), workers=2, progress=progress)
"""


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes()
            except OSError:
                continue
            if int(stat[stat.rindex(b")") + 2:].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return stat[stat.rindex(b")") + 2:].split()[0] not in (b"Z", b"X")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_kill_9_of_the_parent_leaves_no_worker(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(tmp_path / "orphans.duckdb"), *TXT], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            start_new_session=True)
    assert proc.stdout is not None and proc.stdin is not None
    try:
        assert proc.stdout.readline().strip() == "read"  # a page was cleaned: the workers are up
        workers = [pid for pid in _children(proc.pid) if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(workers) >= 2, workers
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone, as the OOM killer or an operator would
        proc.wait()
        give_up = time.monotonic() + 120  # a bound only a failing run reaches: dead workers end the wait at once
        while any(_alive(pid) for pid in workers) and time.monotonic() < give_up:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # whatever this test started and is still there
        proc.stdout.close()
        proc.stdin.close()


GATED_DRIVER = """
import os, sys
os.environ["SPILLWATCH_TEST_IMPORT_GATE_OWNER"] = str(os.getpid())
import import_gate
from spillwatch.run import phases
from spillwatch.settings import load_settings
from spillwatch.store import open_store
db, *sources = sys.argv[1:]
if __name__ == "__main__":
    phases.ingest(sources, open_store(db), load_settings(db=db), workers=2, stages=import_gate.gated())
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_kill_9_of_the_parent_during_the_workers_imports_leaves_no_worker(tmp_path: Path) -> None:
    # A starting worker imports spaCy and the stage modules (seconds on a busy machine) when it
    # unpickles its initializer's arguments; the worker used to tie itself to its parent only after
    # that, so a parent killed meanwhile left its workers running until their imports were done.
    # Here those imports wait (tests/import_gate.py) until the test opens the gate after the kill.
    gate = tmp_path / "gate"
    gate.mkdir()
    env = dict(os.environ, SPILLWATCH_TEST_IMPORT_GATE=str(gate),
               PYTHONPATH=os.pathsep.join([str(REPO / "tests"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-c", GATED_DRIVER, str(tmp_path / "gated.duckdb"), *TXT], cwd=REPO,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        give_up = time.monotonic() + 600  # bounds only a failing run: the workers start as fast as the machine allows
        while len(list(gate.glob("reached-*"))) < 2 and proc.poll() is None and time.monotonic() < give_up:
            time.sleep(0.1)
        workers = [int(p.name.removeprefix("reached-")) for p in gate.glob("reached-*")]
        assert len(workers) == 2, (workers, proc.poll())
        os.kill(proc.pid, signal.SIGKILL)  # the parent alone, while both workers are still importing
        proc.wait()
        give_up = time.monotonic() + 120
        while any(_alive(pid) for pid in workers) and time.monotonic() < give_up:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        (gate / "open").touch()  # a worker still waiting goes on (and, its parent gone, ends)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def test_the_worker_module_imports_nothing_heavy() -> None:
    # start_worker ties a worker to its parent before the stages are unpickled: what runs before it
    # (this module's own imports) must stay light, or the window in which a kill leaves it running grows.
    code = ("import sys, spillwatch.run.workers; "
            "print(sorted(m for m in ('spacy', 'numpy', 'duckdb', 'spillwatch.stages', 'spillwatch.records')"
            " if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert done.stdout.strip() == "[]"


def test_a_worker_whose_parent_is_gone_ends_before_its_initializer_is_unpickled(tmp_path: Path) -> None:
    marker = tmp_path / "initialised"
    code = ("import os, pickle, sys; from spillwatch.run import workers; "
            "workers.start_worker(os.getppid() + 1_000_000, None, pickle.dumps((os.mkdir, (sys.argv[1],))))")
    done = subprocess.run([sys.executable, "-c", code, str(marker)], cwd=REPO, check=False)
    assert done.returncode == 1 and not marker.exists()
