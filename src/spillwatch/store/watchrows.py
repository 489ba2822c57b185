"""Store part for the watch loop (``monitor/``, migration 009): alerts queued per sink until delivered, and the
watch's status.

A delivery row is written in the same transaction as its alert, so an alert is never stored without being queued
for every sink of the watch; it is marked delivered only after the sink took it (at least once: a crash between
the two sends it again, with the same alert id). Mixed into ``SqlStore``; every value travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from spillwatch.store import rows
from spillwatch.store.analysisrows import ALERT_EVENT, ALERT_SELECT

PENDING, DELIVERED = "pending", "delivered"


class _Sql(Protocol):
    def _run(self, sql: str, params: Sequence[Any] = ()) -> None: ...
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...


class WatchRows:
    def queue_delivery(self: _Sql, alert_id: str, sinks: Sequence[str], now: float) -> None:
        """Queue ``alert_id`` for each sink (due at ``now``, epoch seconds); one queued or delivered before is kept."""
        for sink in sinks:
            self._run("INSERT INTO alert_deliveries (alert_id, sink, status, attempts, next_try, queued_at)"
                      " VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING",
                      [alert_id, sink, PENDING, now, rows.now()])

    def due_deliveries(self: _Sql, sinks: Sequence[str], now: float) -> list[dict[str, Any]]:
        """Pending deliveries to ``sinks`` due by ``now``, each with its alert's columns, oldest queued first."""
        if not sinks:
            return []
        marks = ", ".join("?" for _ in sinks)
        return self._rows(f"SELECT d.sink, d.attempts, {ALERT_SELECT} FROM alert_deliveries d JOIN alerts a"
                          f" ON a.id = d.alert_id {ALERT_EVENT}"
                          f" WHERE d.status = ? AND d.sink IN ({marks}) AND d.next_try <= ?"
                          " ORDER BY d.queued_at, a.alert_date, a.id, d.sink", [PENDING, *sinks, now])

    def mark_delivered(self: _Sql, alert_id: str, sink: str) -> None:
        self._run("UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, delivered_at = ?, last_error = NULL"
                  " WHERE alert_id = ? AND sink = ?", [DELIVERED, rows.now(), alert_id, sink])

    def mark_failed(self: _Sql, alert_id: str, sink: str, next_try: float, error: str) -> None:
        """One more failed attempt; the delivery stays pending, due again at ``next_try``."""
        self._run("UPDATE alert_deliveries SET attempts = attempts + 1, next_try = ?, last_error = ?"
                  " WHERE alert_id = ? AND sink = ?", [next_try, error[:500], alert_id, sink])

    def defer_sink(self: _Sql, sink: str, next_try: float) -> None:
        """Every pending delivery to ``sink`` due before ``next_try`` waits until then (the sink is down)."""
        self._run("UPDATE alert_deliveries SET next_try = ? WHERE sink = ? AND status = ? AND next_try < ?",
                  [next_try, sink, PENDING, next_try])

    def delivery_counts(self: _Sql) -> list[dict[str, Any]]:
        """Per sink: deliveries delivered and pending, the earliest retry due and the last error seen."""
        if not _has_watch_tables(self):  # a store opened read-only before its migration 009
            return []
        return self._rows("SELECT sink, sum(CASE WHEN status = 'delivered' THEN 1 ELSE 0 END) AS delivered,"
                          " sum(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,"
                          " min(CASE WHEN status = 'pending' THEN next_try END) AS next_try,"
                          " max(last_error) AS last_error FROM alert_deliveries GROUP BY sink ORDER BY sink")

    def next_delivery_due(self: _Sql, sinks: Sequence[str]) -> float | None:
        """When the earliest pending delivery to ``sinks`` is due (epoch seconds), or None."""
        if not sinks:
            return None
        marks = ", ".join("?" for _ in sinks)
        found = self._rows(f"SELECT min(next_try) AS t FROM alert_deliveries WHERE status = ? AND sink IN ({marks})",
                           [PENDING, *sinks])
        return float(found[0]["t"]) if found and found[0]["t"] is not None else None

    def put_watch_status(self: _Sql, name: str, status_json: str) -> None:
        self._run("INSERT INTO watch_status (name, status_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (name)"
                  " DO UPDATE SET status_json = excluded.status_json, updated_at = excluded.updated_at",
                  [name, status_json, rows.now()])

    def watch_status(self: _Sql, name: str) -> str | None:
        if not _has_watch_tables(self):
            return None
        found = self._rows("SELECT status_json FROM watch_status WHERE name = ?", [name])
        return str(found[0]["status_json"]) if found else None


def _has_watch_tables(store: _Sql) -> bool:
    return bool(store._rows("SELECT 1 AS x FROM information_schema.tables WHERE table_name = ?", ["watch_status"]))
