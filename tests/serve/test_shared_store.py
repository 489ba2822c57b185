"""Several users of one DuckDB file: a real `spillwatch serve` process, the CLI and the Python API at once."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from spillwatch.api import EventFilter, Spillwatch
from spillwatch.settings import load_settings

REPO = Path(__file__).resolve().parents[2]
UCDP = REPO / "tests" / "importers" / "fixtures" / "ucdp_sample.csv"
NEW_DOCUMENT = REPO / "corpus" / "txt" / "bc-ankara-twin-bombings.txt"
CLI = "import sys; from spillwatch.cli import main; sys.argv[0] = 'spillwatch'; main()"
pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CLI, *args], env=_env(), capture_output=True, text=True,
                          timeout=300)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    db = str(tmp_path / "shared.duckdb")
    with Spillwatch(settings=load_settings(db=db)) as sw:
        sw.import_events("ucdp", str(UCDP))
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", CLI, "serve", "--db", db, "--port", str(port)], env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        give_up = time.monotonic() + 300  # a loaded machine starts the server slowly; only a dead one waits this out
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=30).status_code == 200:
                    break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() > give_up:
                    pytest.fail("spillwatch serve did not start")
                time.sleep(0.2)
        yield base, db
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_cli_ingest_and_api_work_while_serve_runs(served: tuple[str, str]) -> None:
    base, db = served
    before = httpx.get(f"{base}/api/events").json()["total"]
    failures: list[int] = []
    stop = threading.Event()

    def dashboard() -> None:  # a user reloading the dashboard the whole time
        while not stop.is_set():
            status = httpx.get(f"{base}/api/events", timeout=60).status_code
            if status != 200:
                failures.append(status)
            stop.wait(0.5)

    poller = threading.Thread(target=dashboard)
    poller.start()
    try:
        listed = _cli("events", "--db", db, "--format", "json")
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == before
        ingested = _cli("ingest", str(NEW_DOCUMENT), "--db", db)
        assert ingested.returncode == 0, ingested.stderr
        with Spillwatch(settings=load_settings(db=db)) as sw:  # a notebook on the same file
            after = sw.count_events(EventFilter())
    finally:
        stop.set()
        poller.join()
    assert after > before
    assert failures == []
    assert httpx.get(f"{base}/api/events").json()["total"] == after  # the dashboard shows them on reload
