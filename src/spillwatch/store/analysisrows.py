"""Store part for the analyses (``analysis/service.py``): coverage windows, the support ledger's own rows,
alerts, events by type and actors by event count.

Mixed into ``SqlStore``: both backends share this SQL; every value travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from spillwatch import codec
from spillwatch.records import Event

SUPPORT_COLUMNS = ("id", "donor", "donor_country", "recipient", "recipient_country", "force_name", "kind", "amount",
                   "currency", "item", "item_count", "status", "commit_date", "source")
ALERT_COLUMNS = ("id", "kind", "unit", "actor", "alert_date", "score", "message", "event_id")
# An alert read back, with how precise its date is: its event's date_precision (a new theatre), "month" for a risk
# (the month it is for); the alert table keeps no copy, so the event's current precision is what is said.
ALERT_SELECT = (", ".join(f"a.{c}" for c in ALERT_COLUMNS)
                + ", CASE WHEN a.kind = 'risk' THEN 'month' ELSE ae.date_precision END AS date_precision")
ALERT_EVENT = "LEFT JOIN events ae ON ae.id = a.event_id"


def role_sql(role: str, alias: str = "") -> str:
    """A condition true where an actor (one ``?``: a list of ids) has ``role`` in an event (the one role model,
    ``records.Event.actors_in``): perpetrator and party from their stored id lists, target from the stored
    targets of events that are no battle (a news-coded battle keeps the attacked side among its targets: it fought)."""
    dot = f"{alias}." if alias else ""
    if role == "perpetrator":
        return f"list_has_any(string_split({dot}perpetrator_ids, '|'), ?)"
    if role == "party":
        return f"list_has_any(string_split({dot}party_ids, '|'), ?)"
    if role == "target":
        return (f"(list_has_any(string_split({dot}target_ids, '|'), ?) AND coalesce({dot}acled_type, '') <> 'Battles')")
    raise ValueError(f"unknown role {role!r}")


class _Sql(Protocol):
    def _run(self, sql: str, params: Sequence[Any] = ()) -> None: ...
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...


class AnalysisRows:
    def put_coverage(self: _Sql, windows: Iterable[tuple[str, str, str, date, date]]) -> None:
        """Coverage windows (origin, source, country ISO3, first day, last day); one already stored is kept."""
        for window in windows:
            self._run("INSERT INTO coverage (origin, source, country_iso3, date_from, date_to) VALUES (?, ?, ?, ?, ?)"
                      " ON CONFLICT DO NOTHING", list(window))

    def events_of_type(self: _Sql, etype: str) -> list[Event]:
        """Every stored event of one type, by id."""
        found = self._rows("SELECT record_json FROM events WHERE type = ? ORDER BY id", [etype])
        return [codec.loads(Event, r["record_json"]) for r in found]

    def manual_support_rows(self: _Sql) -> list[dict[str, Any]]:
        """The support ledger rows users added from CSV, oldest commitment first."""
        return self._rows("SELECT * FROM support_manual ORDER BY commit_date, id")

    def put_manual_support(self: _Sql, rows: Sequence[Sequence[Any]]) -> None:
        """Ledger rows in ``SUPPORT_COLUMNS`` order; a row whose id is stored already is kept as it was."""
        cols = ", ".join(SUPPORT_COLUMNS)
        marks = ", ".join("?" for _ in SUPPORT_COLUMNS)
        for row in rows:
            self._run(f"INSERT INTO support_manual ({cols}, added_at) VALUES ({marks}, CURRENT_TIMESTAMP)"
                      " ON CONFLICT DO NOTHING", list(row))

    def put_alert(self: _Sql, alert: Sequence[Any]) -> bool:
        """One alert in ``ALERT_COLUMNS`` order; False (nothing written) if its id is stored already."""
        if self._rows("SELECT 1 AS x FROM alerts WHERE id = ?", [alert[0]]):
            return False
        cols = ", ".join(ALERT_COLUMNS)
        marks = ", ".join("?" for _ in ALERT_COLUMNS)
        self._run(f"INSERT INTO alerts ({cols}, created_at) VALUES ({marks}, CURRENT_TIMESTAMP)", list(alert))
        return True

    def alert_rows(self: _Sql, limit: int = 500) -> list[dict[str, Any]]:
        """Stored alerts, newest first."""
        return self._rows(f"SELECT {ALERT_SELECT} FROM alerts a {ALERT_EVENT} ORDER BY a.alert_date DESC, a.id LIMIT ?",
                          [limit])

    def latest_events(self: _Sql, countries: Sequence[str], until: str, types: Sequence[str]
                      ) -> list[dict[str, Any]]:
        """Each country's latest dated event of ``types`` up to the ISO day ``until``, whoever it was by (id, date,
        type, place, source names)."""
        if not countries or not types:
            return []
        marks = ", ".join("?" for _ in countries)
        kinds = ", ".join("?" for _ in types)
        return self._rows(
            "SELECT id, date_start, date_precision, type, place_name, country_iso3, source_ids, source_names FROM ("
            " SELECT id, date_start, date_precision, type, place_name, country_iso3, source_ids, source_names,"
            " row_number() OVER (PARTITION BY country_iso3 ORDER BY date_start DESC, id) AS rn FROM events"
            f" WHERE country_iso3 IN ({marks}) AND type IN ({kinds}) AND date_start IS NOT NULL"
            " AND date_start <= CAST(? AS DATE)) t WHERE rn = 1 ORDER BY country_iso3",
            [*countries, *types, until])

    def actor_counts(self: _Sql, limit: int = 500) -> list[dict[str, Any]]:
        """Actors named by stored events (id, name, country, sector) with how many events name them, most first."""
        # events per actor = its (event, role) rows less the events naming it as both source and target:
        # exact, and several times cheaper than count(DISTINCT event_id) over millions of rows
        return self._rows(
            "SELECT r.actor_id AS id, coalesce(a.name, r.actor_id) AS name, a.country, a.sector,"
            " r.n - coalesce(b.n, 0) AS events"
            " FROM (SELECT actor_id, count(*) AS n FROM event_actors GROUP BY actor_id) r"
            " LEFT JOIN (SELECT s.actor_id, count(*) AS n FROM event_actors s JOIN event_actors t"
            " ON t.event_id = s.event_id AND t.actor_id = s.actor_id AND t.role = 'target'"
            " WHERE s.role = 'source' GROUP BY s.actor_id) b ON b.actor_id = r.actor_id"
            " LEFT JOIN actors a ON a.id = r.actor_id ORDER BY events DESC, id LIMIT ?", [limit])
