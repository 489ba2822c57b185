"""One watch cycle and the schedule around it.

A cycle reads every source as ``ingest`` does (``run.phases.ingest``: conditional GETs, documents stored before
skipped by their content hash, only new ones cleaned and coded, clustering over the unassigned mentions only), one
source at a time so that its counts and refusals are its own; then, when something new was stored (or on the
first cycle of a process, which also finishes what a killed one left), the alert rules for each actor: new alerts
are stored and queued for every sink in one transaction; then every due delivery is handed to its sink. The models
load on the first new document (their loaders are cached) and stay loaded for later cycles. A kill at any point
loses and doubles nothing: the run is resumable, an alert and its queue rows commit together, and a delivery is
marked done only after its sink took it (a restart may send it again, with the same alert id).

Between cycles the loop sleeps, waking for deliveries whose back-off ran out; ``stop`` (set on SIGTERM) lets the
running cycle finish, then the loop ends. Errors that are not about the input (the store locked by another
process, a disk full) are reported and the next cycle tries again; a ``ConfigError`` stops the loop.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from spillwatch import codec
from spillwatch.errors import ConfigError, SpillwatchError
from spillwatch.monitor import outbox
from spillwatch.monitor.records import CycleResult, SinkStatus, SourceCycle, WatchPlan, WatchStatus
from spillwatch.monitor.sinks import Sink, check_sink, parse_sink
from spillwatch.records import RawItem
from spillwatch.settings import Settings
from spillwatch.store import Store

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'15m', '1h', '90s', '2d' or plain seconds; ConfigError for anything else or under a second."""
    found = _EVERY.match(text)
    if not found or float(found.group(1)) * _UNIT[found.group(2)] < 1:
        raise ConfigError(f"interval {text!r}: write it as 90s, 15m, 1h or 1d (at least 1 s)")
    return float(found.group(1)) * _UNIT[found.group(2)]


def item_day(item: RawItem) -> date | None:
    """The day a feed or file declares for an item (RFC 822 or ISO), or None when it declares none readable."""
    text = (item.declared_date or "").strip()
    if not text:
        return None
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _iso(t: float | None) -> str | None:
    return None if t is None else datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds")


class Watcher:
    """The cycles of one watch over one store; ``clock`` (epoch seconds) is a seam for tests."""

    def __init__(self, store: Store, settings: Settings, plan: WatchPlan,
                 clock: Callable[[], float] = time.time) -> None:
        self.store, self.settings, self.plan, self.clock = store, settings, plan, clock
        self.sinks: tuple[Sink, ...] = tuple(parse_sink(s) for s in plan.sinks)
        self.cycles = 0
        self.last: CycleResult | None = None
        self.error: str | None = None

    def check(self) -> None:
        """Refuse at start-up what would fail every cycle: a web sink the address guard refuses, a file sink's
        missing folder."""
        for sink in self.sinks:
            check_sink(sink, self.settings)

    # ---------------------------------------------------------------- one cycle
    def cycle(self) -> CycleResult:
        from spillwatch.run import phases

        wall, cpu = time.monotonic(), time.process_time()
        started = self.clock()
        sources: list[SourceCycle] = []
        mentions = events = 0
        for source in self.plan.sources:
            older = [0]
            stats = phases.ingest([source], self.store, self.settings, keep=self._keeper(older))
            mentions += stats.mentions
            events = stats.events
            sources.append(SourceCycle(source, stats.read + older[0], stats.stored + stats.near_duplicates,
                                       stats.not_modified, older[0], stats.quarantined,
                                       tuple(f"{r}: {n}" for r, n in sorted(stats.reasons.items()))))
        checked = self.cycles == 0 or mentions > 0 or any(s.new for s in sources)
        fresh = self.run_rules() if checked else 0
        done = outbox.deliver_due(self.store, self.sinks, self.settings, self.clock())
        self.cycles += 1
        self.last = CycleResult(
            cycle=self.cycles, started_at=_iso(started) or "", cpu_seconds=round(time.process_time() - cpu, 3),
            wall_seconds=round(time.monotonic() - wall, 3), sources=tuple(sources), mentions=mentions,
            events=events, alerts_checked=checked, alerts_new=fresh, delivered=done.delivered, failed=done.failed,
            pending=self.pending())
        self.error = None
        self.save_status("running", started + self.plan.every)
        return self.last

    def _keeper(self, older: list[int]) -> Callable[[RawItem], bool] | None:
        since = self.plan.since
        if since is None:
            return None

        def keep(item: RawItem) -> bool:
            day = item_day(item)
            if day is not None and day < since:
                older[0] += 1
                return False
            return True

        return keep

    def run_rules(self) -> int:
        """The alert rules for every actor: new alerts stored and queued for every sink, one transaction each."""
        from spillwatch.analysis.service import Insight, Who

        insight, fresh = Insight(self.store, self.settings), 0
        for actor in self.plan.actors:
            with self.store.transaction():
                found = insight.alerts(Who(actor, (), False, None), self.plan.threshold)
                outbox.queue(self.store, found, self.sinks, self.clock())
            fresh += len(found)
        return fresh

    def retry(self) -> outbox.Round:
        """Deliveries whose back-off ran out, between cycles."""
        return outbox.deliver_due(self.store, self.sinks, self.settings, self.clock())

    def pending(self) -> int:
        specs = {s.spec for s in self.sinks}
        return sum(int(r["pending"] or 0) for r in self.store.delivery_counts() if r["sink"] in specs)

    def next_retry(self) -> float | None:
        return self.store.next_delivery_due([s.spec for s in self.sinks])

    # ---------------------------------------------------------------- status
    def save_status(self, state: str, next_at: float | None) -> None:
        status = WatchStatus(name=self.plan.name, state=state, pid=os.getpid(), every=self.plan.every,
                             cycles=self.cycles, last_cycle=self.last, next_cycle_at=_iso(next_at),
                             updated_at=_iso(self.clock()), last_error=self.error)
        self.store.put_watch_status(self.plan.name, codec.dumps(status))


def read_status(store: Store, name: str = "default") -> WatchStatus:
    """The watch's last saved status with the store's delivery counts per sink; a 'running' watch whose process
    is gone (killed) says so."""
    text = store.watch_status(name)
    status = (codec.loads(WatchStatus, text) if text else
              WatchStatus(name=name, state="never-run", pid=None, every=None, cycles=0, last_cycle=None,
                          next_cycle_at=None))
    if status.state == "running" and status.pid is not None and not _alive(status.pid):
        status = replace(status, state=f"not running (process {status.pid} ended without stopping)")
    sinks = tuple(SinkStatus(str(r["sink"]), int(r["delivered"] or 0), int(r["pending"] or 0),
                             _iso(r["next_try"]) if r["pending"] else None, r["last_error"])
                  for r in store.delivery_counts())
    return replace(status, sinks=sinks)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---------------------------------------------------------------- the schedule
def run(watcher: Watcher, stop: threading.Event, on_cycle: Callable[[CycleResult], None],
        on_error: Callable[[str], None], *, once: bool = False) -> CycleResult | None:
    """Cycles every ``plan.every`` seconds until ``stop`` is set (the running cycle finishes first), or one."""
    watcher.check()
    try:
        while True:
            start = time.monotonic()
            try:
                on_cycle(watcher.cycle())
            except ConfigError:
                raise
            except Exception as exc:  # the store locked by another process, a disk full, a driver's error: the
                # loop is left running over a weekend, so it says what failed and tries again next cycle
                what = str(exc) if isinstance(exc, SpillwatchError) else f"{type(exc).__name__}: {exc}"
                watcher.error = f"{_iso(watcher.clock())} cycle {watcher.cycles + 1} failed: {what}"
                _keep_status(watcher)
                on_error(watcher.error)
            if once or stop.is_set():
                break
            _wait(watcher, stop, start + watcher.plan.every, on_error)
            if stop.is_set():
                break
    finally:
        watcher.save_status("stopped", None)
    return watcher.last


def _keep_status(watcher: Watcher) -> None:
    """Record the failed cycle's error in the status, if the store takes it."""
    with contextlib.suppress(Exception):  # the store may be what failed: the error is on stderr already
        watcher.save_status("running", watcher.clock() + watcher.plan.every)


def _wait(watcher: Watcher, stop: threading.Event, until: float, on_error: Callable[[str], None]) -> None:
    """Sleep until ``until`` (monotonic) or ``stop``, handing due deliveries to their sinks meanwhile."""
    while not stop.is_set() and time.monotonic() < until:
        due = watcher.next_retry()
        left = until - time.monotonic()
        if due is not None:
            left = min(left, max(0.0, due - watcher.clock()))
        stop.wait(max(0.0, left))
        if not stop.is_set() and due is not None and watcher.clock() >= due:
            try:
                watcher.retry()
            except SpillwatchError as exc:
                on_error(f"retrying deliveries failed: {exc}")
