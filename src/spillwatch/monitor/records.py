"""The watch loop's frozen records: what it is asked to do (``WatchPlan``), what one cycle did (``CycleResult``,
with one ``SourceCycle`` per source) and its status (``WatchStatus``, with one ``SinkStatus`` per sink), kept in the
store as JSON (``codec``) for ``watch --status``, REST ``/api/watch`` and the dashboard header."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class WatchPlan:
    """Sources as ``ingest`` takes them, actor ids (resolved), sink specs, the interval in seconds, the alert
    threshold and, for a back-fill, the first day of news to read (older dated items are skipped)."""

    sources: tuple[str, ...]
    actors: tuple[str, ...]
    sinks: tuple[str, ...]
    every: float = 900.0
    threshold: float = 0.5
    since: date | None = None
    name: str = "default"


@dataclass(frozen=True, slots=True)
class SourceCycle:
    source: str
    seen: int  # items read (documents and refusals)
    new: int  # stored (near-duplicates included)
    not_modified: int  # URLs answering 304
    older: int  # items dated before --since, skipped
    quarantined: int
    errors: tuple[str, ...]  # "reason: n" for this cycle's refusals


@dataclass(frozen=True, slots=True)
class CycleResult:
    cycle: int
    started_at: str  # ISO, UTC
    cpu_seconds: float
    wall_seconds: float
    sources: tuple[SourceCycle, ...]
    mentions: int
    events: int  # events in the store after the cycle (coded news)
    alerts_checked: bool  # the alert rules ran (something new, or the first cycle of this process)
    alerts_new: int
    delivered: int
    failed: int  # delivery attempts that failed (retried with back-off)
    pending: int  # deliveries still pending after the cycle

    @property
    def new(self) -> int:
        return sum(s.new for s in self.sources)

    def line(self) -> str:
        """The cycle's one summary line."""
        seen = sum(s.seen for s in self.sources)
        quarantined = sum(s.quarantined for s in self.sources)
        not_modified = sum(s.not_modified for s in self.sources)
        older = sum(s.older for s in self.sources)
        what = "nothing new" if self.new == 0 else f"{self.new} new"
        alerts = f"{self.alerts_new} new alerts" if self.alerts_checked else "alerts not re-run"
        extra = f", {older} older than --since" if older else ""
        return (f"{self.started_at} cycle {self.cycle}: {what} (seen {seen}, not modified {not_modified}, "
                f"quarantined {quarantined}{extra}), mentions {self.mentions}, events {self.events}; {alerts}, "
                f"delivered {self.delivered}, failed {self.failed}, pending {self.pending}; "
                f"{self.cpu_seconds:.2f} s CPU")


@dataclass(frozen=True, slots=True)
class SinkStatus:
    sink: str
    delivered: int
    pending: int
    next_try: str | None  # ISO, UTC: when the earliest pending delivery is tried again
    last_error: str | None


@dataclass(frozen=True, slots=True)
class WatchStatus:
    name: str
    state: str  # never-run, running, stopped
    pid: int | None
    every: float | None
    cycles: int  # cycles run by the process that last ran
    last_cycle: CycleResult | None
    next_cycle_at: str | None  # ISO, UTC
    sinks: tuple[SinkStatus, ...] = ()
    updated_at: str | None = None
    last_error: str | None = None  # the last cycle that failed (store locked, disk full), until a cycle succeeds
