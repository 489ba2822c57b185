"""Store part for the event table's filtered reads: the rows of a page, the count, the facets the map and
the timeline draw, and the export's Arrow batches, all under one ``EventFilter`` -> WHERE translation.

Mixed into ``SqlStore``: both backends share this SQL; every value travels as a parameter, and the
sort column comes only from ``_SORTABLE``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from spillwatch.store import exportsql
from spillwatch.store.analysisrows import role_sql
from spillwatch.store.base import EventFilter

if TYPE_CHECKING:
    import pyarrow as pa

# An actor among an event's stored source/target ids (DuckDB list functions; PostgresStore renames them).
ACTOR_IN_SOURCES = "list_has_any(string_split(source_ids, '|'), ?)"
ACTOR_IN_TARGETS = "list_has_any(string_split(target_ids, '|'), ?)"
_SORTABLE = {"date_start", "date_end", "type", "country_iso3", "n_mentions", "fatalities_best", "id"}


def like_escape(text: str) -> str:
    """``text`` matched literally inside a LIKE pattern written with ``ESCAPE '\\'`` (no wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class EventQueries(ABC):
    @abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """A query's rows (``SqlStore``'s, placeholders translated)."""

    def _where(self, f: EventFilter) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            parts.append(clause)
            params.extend(values)

        if f.actor and f.roles:
            add("(" + " OR ".join(role_sql(r) for r in f.roles) + ")", *([f.actor] for _ in f.roles))
        elif f.actor:  # the stored id lists, not a semi-join on event_actors: one cheap scan on 1M events
            add(f"({ACTOR_IN_SOURCES} OR {ACTOR_IN_TARGETS})", [f.actor], [f.actor])
        for col, val in (("type", f.type), ("acled_type", f.acled_type), ("country_iso3", f.country),
                         ("adm1_code", f.adm1), ("origin", f.origin)):
            if val:
                add(f"{col} = ?", val)
        if f.mode:
            add("('|' || modes || '|') LIKE ? ESCAPE '\\'", f"%|{like_escape(f.mode)}|%")
        if f.date_from:
            add("date_start >= CAST(? AS DATE)", f.date_from)
        if f.date_to:
            add("date_start <= CAST(? AS DATE)", f.date_to)
        if f.where_prec_max is not None:
            add("where_prec <= ?", f.where_prec_max)
        if f.bbox:
            add("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?", f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3])
        if f.text:
            like = f"%{like_escape(f.text.lower())}%"
            add("(lower(coalesce(headline, '')) LIKE ? ESCAPE '\\' OR lower(source_names) LIKE ? ESCAPE '\\'"
                " OR lower(target_names) LIKE ? ESCAPE '\\' OR lower(coalesce(place_name, '')) LIKE ? ESCAPE '\\')",
                like, like, like, like)
        return (" WHERE " + " AND ".join(parts)) if parts else "", params

    def event_rows(self, flt: EventFilter) -> list[dict[str, Any]]:
        where, params = self._where(flt)
        sort = flt.sort if flt.sort in _SORTABLE else "date_start"
        order = "DESC" if flt.descending else "ASC"
        sql = (f"SELECT * EXCLUDE (record_json) FROM events{where} ORDER BY {sort} {order} NULLS LAST, id"
               " LIMIT ? OFFSET ?")
        return self._rows(self._select_all(sql), [*params, flt.limit, flt.offset])

    def _select_all(self, sql: str) -> str:
        return sql

    def export_batches(self, flt: EventFilter, size: int = 10_000, *, with_record: bool = False
                       ) -> Iterator[pa.RecordBatch]:
        """Every event matching ``flt`` (its paging ignored) with its evidence sentence, as Arrow batches."""
        where, params = self._where(flt)
        return self.record_batches(exportsql.events_sql(where, with_record=with_record), params, size)

    @abstractmethod
    def record_batches(self, sql: str, params: Sequence[Any] = (), size: int = 10_000
                       ) -> Iterator[pa.RecordBatch]:
        """A query's rows as Arrow record batches of ``size`` rows, streamed."""

    def count_events(self, flt: EventFilter) -> int:
        where, params = self._where(flt)
        return int(self._rows(f"SELECT count(*) AS n FROM events{where}", params)[0]["n"])

    def event_facets(self, flt: EventFilter) -> dict[str, Any]:
        """Counts of the filtered events per country, per month and per type (the map and timeline layers)."""
        where, params = self._where(flt)
        per_country = self._rows(f"SELECT country_iso3 AS k, count(*) AS n FROM events{where} GROUP BY 1", params)
        per_type = self._rows(f"SELECT type AS k, count(*) AS n FROM events{where} GROUP BY 1 ORDER BY 1", params)
        per_month = self._rows(f"SELECT {_MONTH} AS k, count(*) AS n FROM events{where} GROUP BY 1 ORDER BY 1", params)
        return {"per_country": {r["k"]: int(r["n"]) for r in per_country if r["k"]},
                "per_type": {r["k"]: int(r["n"]) for r in per_type},
                "per_month": [{"month": f"{r['k'] // 100:04d}-{r['k'] % 100:02d}", "n": int(r["n"])}
                              for r in per_month if r["k"] is not None]}

    def unit_facets(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events and deaths per (country, ADM1 code, ADM1 name) of the filtered events: the map's choropleth."""
        where, params = self._where(flt)
        rows = self._rows(f"SELECT country_iso3, adm1_code, adm1_name, count(*) AS events, {_DEATHS} AS fatalities"
                          f" FROM events{where} GROUP BY 1, 2, 3", params)
        return [{**r, **_counts(r)} for r in rows]

    def month_facets(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Events and deaths per month (YYYY-MM, months with events only) of the filtered events: the time axis."""
        where, params = self._where(flt)
        rows = self._rows(f"SELECT {_MONTH} AS k, count(*) AS events, {_DEATHS} AS fatalities"
                          f" FROM events{where} GROUP BY 1 ORDER BY 1", params)
        return [{"month": f"{r['k'] // 100:04d}-{r['k'] % 100:02d}", **_counts(r)} for r in rows if r["k"] is not None]

_MONTH = "CAST(EXTRACT(YEAR FROM date_start) * 100 + EXTRACT(MONTH FROM date_start) AS INTEGER)"  # not text
_DEATHS = "sum(coalesce(fatalities_best, fatalities_low, 0))"


def _counts(row: dict[str, Any]) -> dict[str, int]:
    return {"events": int(row["events"]), "fatalities": round(float(row["fatalities"] or 0))}
