"""The watch loop on a loopback feed that gains items between cycles (issue 27): the new-theatre alert reaches a
file sink and a webhook sink within one cycle, nothing is delivered twice without faults, a sink that is down
gets the alert once it is back, and a cycle with nothing new reads nothing and runs no alert rules."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.ingest_support import LocalServer, Route, serve
from monitor.watch_support import JORDAN, NEW_THEATRE, QUIET, SYRIA, Hook, hook, rss
from pg_support import BACKENDS, empty_pg
from spillwatch.api import Spillwatch
from spillwatch.monitor.loop import Watcher
from spillwatch.monitor.outbox import BACKOFF_FIRST
from spillwatch.settings import Settings


class Clock:
    """Epoch seconds that move only when the test says so (back-off is judged on it)."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def feed() -> Iterator[LocalServer]:
    with serve({"/feed.xml": Route(rss(SYRIA + JORDAN), "application/rss+xml", etag='"1"')}) as server:
        yield server


def publish(server: LocalServer, *extra: tuple[str, str, str], version: str) -> None:
    server.routes["/feed.xml"] = Route(rss(SYRIA + JORDAN + list(extra)), "application/rss+xml", etag=f'"{version}"')


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def watcher(sw: Spillwatch, feed: LocalServer, out: Path, receiver: Hook, clock: Clock) -> Watcher:
    plan = sw.watch_plan([feed.url("/feed.xml")], ["ISIS"], [f"file:{out}", f"webhook:{receiver.url}"], "15m")
    return Watcher(sw.store, sw.settings, plan, clock)


def store_for(backend: str, tmp_path: Path) -> str:
    """A fresh store on the backend (the watch tables are the store's: both drivers run them)."""
    return str(tmp_path / "w.duckdb") if backend == "duckdb" else empty_pg(os.environ["SPILLWATCH_TEST_PG"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_new_theatre_reaches_both_sinks_within_one_cycle_and_only_once(
    tmp_path: Path, feed: LocalServer, backend: str
) -> None:
    out, clock = tmp_path / "alerts.jsonl", Clock()
    settings = Settings(db=store_for(backend, tmp_path), allow_private_urls=True, per_host_delay=0.0)
    with hook() as receiver, Spillwatch(settings=settings) as sw:
        w = watcher(sw, feed, out, receiver, clock)
        first = w.cycle()  # the history: Syria is the origin, Jordan watched for months, no new theatre yet
        assert first.new == 10 and first.alerts_checked and first.alerts_new == 0
        assert lines(out) == [] and receiver.received == []
        quiet = w.cycle()  # the feed answers 304: nothing read, no alert rules
        assert quiet.new == 0 and quiet.sources[0].not_modified == 1 and not quiet.alerts_checked
        assert "nothing new" in quiet.line()
        publish(feed, NEW_THEATRE, version="2")
        news = w.cycle()
        assert news.new == 1 and news.alerts_new == 1 and news.delivered == 2 and news.pending == 0
        filed = lines(out)
        assert [(a["kind"], a["unit"]) for a in filed] == [("new-theatre", "JOR")]
        assert "watched 195 days before this event" in str(filed[0]["message"])  # from 2025-10-01 to 2026-04-14
        assert receiver.ids() == [filed[0]["id"]]
        assert receiver.received[0]["alerts"][0]["message"] == filed[0]["message"]
        publish(feed, NEW_THEATRE, QUIET, version="3")
        later = w.cycle()  # something new, rules run again: the same alert is not delivered again
        assert later.new == 1 and later.alerts_checked and later.delivered == 0
        clock.now += 10 * BACKOFF_FIRST
        w.cycle()
        assert len(lines(out)) == 1 and len(receiver.received) == 1
        status = sw.watch_status()
    assert status.state == "running" and status.last_cycle is not None and status.last_cycle.cycle == 5
    assert {(s.sink.split(":")[0], s.delivered, s.pending) for s in status.sinks} == {("file", 1, 0),
                                                                                     ("webhook", 1, 0)}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_sink_that_is_down_gets_the_alert_once_it_is_back(tmp_path: Path, feed: LocalServer, backend: str) -> None:
    out, clock = tmp_path / "alerts.jsonl", Clock()
    settings = Settings(db=store_for(backend, tmp_path), allow_private_urls=True, per_host_delay=0.0)
    publish(feed, NEW_THEATRE, version="2")
    with hook() as receiver, Spillwatch(settings=settings) as sw:
        receiver.up = False
        w = watcher(sw, feed, out, receiver, clock)
        down = w.cycle()
        assert down.alerts_new == 1 and down.delivered == 1 and down.failed == 1 and down.pending == 1
        assert len(lines(out)) == 1 and receiver.received == []
        status = sw.watch_status()
        hook_status = next(s for s in status.sinks if s.sink.startswith("webhook:"))
        assert hook_status.pending == 1 and hook_status.next_try is not None and "503" in (hook_status.last_error or "")
        receiver.up = True
        early = w.cycle()  # the back-off has not run out: not tried yet, still pending
        assert early.delivered == 0 and early.failed == 0 and early.pending == 1
        clock.now += BACKOFF_FIRST
        back = w.retry()
        assert back.delivered == 1 and w.pending() == 0
        assert receiver.ids() == [lines(out)[0]["id"]]
        assert len(lines(out)) == 1


def test_loopback_webhook_is_refused_unless_allowed(tmp_path: Path, feed: LocalServer) -> None:
    from spillwatch.errors import BlockedAddressError

    with hook() as receiver, Spillwatch(settings=Settings(db=str(tmp_path / "w.duckdb"))) as sw:
        plan = sw.watch_plan([feed.url("/feed.xml")], ["ISL"], [f"webhook:{receiver.url}"], "15m")
        with pytest.raises(BlockedAddressError, match="loopback"):
            Watcher(sw.store, sw.settings, plan).check()
    assert receiver.received == []
