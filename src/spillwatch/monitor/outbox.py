"""At-least-once delivery: alerts are queued per sink in the same transaction that stores them, then handed to
each sink when due; a sink that fails is tried again with back-off (30 s, doubling, at most an hour) and the
alert stays queued until it is taken. Delivered alerts are remembered in the store (``alert_deliveries``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spillwatch.analysis.alerts import Alert
from spillwatch.monitor.sinks import DeliveryError, Sink, deliver
from spillwatch.settings import Settings
from spillwatch.store import Store

BACKOFF_FIRST = 30.0
BACKOFF_MAX = 3600.0


def backoff(failures: int) -> float:
    """Seconds to wait after the ``failures``-th failed attempt in a row."""
    return min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, failures - 1))


@dataclass(frozen=True, slots=True)
class Round:
    delivered: int
    failed: int


def queue(store: Store, alerts: Sequence[Alert], sinks: Sequence[Sink], now: float) -> None:
    """Queue each alert for every sink (call inside the transaction that stores the alerts)."""
    specs = [s.spec for s in sinks]
    for alert in alerts:
        store.queue_delivery(alert.id, specs, now)


def deliver_due(store: Store, sinks: Sequence[Sink], settings: Settings, now: float) -> Round:
    """Hand every due delivery to its sink; a sink that fails is left alone for the rest of the round and its
    queue waits out the back-off."""
    by_spec = {s.spec: s for s in sinks}
    down: set[str] = set()
    delivered = failed = 0
    for row in store.due_deliveries(list(by_spec), now):
        spec, attempts = str(row.pop("sink")), int(row.pop("attempts"))
        if spec in down:
            continue
        alert = Alert(**row)
        try:
            deliver(by_spec[spec], alert, settings)
        except DeliveryError as exc:
            failed += 1
            down.add(spec)
            store.mark_failed(alert.id, spec, now + backoff(attempts + 1), str(exc))
            store.defer_sink(spec, now + backoff(attempts + 1))
        else:
            delivered += 1
            store.mark_delivered(alert.id, spec)
    return Round(delivered, failed)
