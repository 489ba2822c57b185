"""REST /api/watch (issue 27): the watch's state, last cycle per source and deliveries per sink, as the store
keeps them; a store no watch ran on says so."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from spillwatch import codec
from spillwatch.monitor.records import CycleResult, SourceCycle, WatchStatus
from spillwatch.serve.app import create_app
from spillwatch.settings import load_settings
from spillwatch.store import open_store

CYCLE = CycleResult(cycle=3, started_at="2026-04-15T08:00:00+00:00", cpu_seconds=0.1, wall_seconds=0.2,
                    sources=(SourceCycle("https://example.org/feed.xml", 4, 1, 0, 0, 1, ("http-503: 1",)),),
                    mentions=2, events=9, alerts_checked=True, alerts_new=1, delivered=1, failed=1, pending=1)


def test_watch_route(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    store = open_store(db)
    store.close()
    app = create_app(load_settings(db=db, open_reads=True))
    with TestClient(app) as client:
        assert client.get("/api/watch").json()["state"] == "never-run"
    store = open_store(db)
    store.put_alert(("a1", "new-theatre", "JOR", "Islamic State", date(2026, 4, 14), None, "New theatre.", None))
    store.queue_delivery("a1", ["file:/tmp/x.jsonl", "webhook:https://example.org/h"], 0.0)
    store.mark_delivered("a1", "file:/tmp/x.jsonl")
    store.mark_failed("a1", "webhook:https://example.org/h", 1_800_000_030.0, "webhook: HTTP status 503")
    status = WatchStatus("default", "running", os.getpid(), 900.0, 3, CYCLE, "2026-04-15T08:15:00+00:00")
    store.put_watch_status("default", codec.dumps(status))
    store.close()
    with TestClient(app) as client:
        got = client.get("/api/watch").json()
        assert client.get("/api/watch", params={"name": "x" * 201}).status_code in (400, 422)
    assert got["state"] == "running" and got["last_cycle"]["sources"][0]["errors"] == ["http-503: 1"]
    assert got["next_cycle_at"] == "2026-04-15T08:15:00+00:00"
    sinks = {s["sink"]: s for s in got["sinks"]}
    assert sinks["file:/tmp/x.jsonl"]["delivered"] == 1 and sinks["file:/tmp/x.jsonl"]["pending"] == 0
    hook = sinks["webhook:https://example.org/h"]
    assert hook["pending"] == 1 and hook["next_try"] == "2027-01-15T08:00:30+00:00" and "503" in hook["last_error"]
