"""Coverage windows: which places and period each origin covers, and the events two origins both report.

Input: the store (via Query). Output: ``Window`` records (origin, source, country or "*" for
everywhere, first and last day) and the questions analyses ask of them. Declines nothing.

Where windows come from:
- an imported file records one window per country it names, spanning the whole file's first to
  last event day (a GED or ACLED file covers those countries for that period: a month with no row
  there is a quiet month, not a gap in the data);
- an imported origin whose file predates this table gets the same from its stored events;
- news coded here covers every country ("*") from its first to its last article (by publication
  day, else by event day): thin, but the only claim a news corpus can make.

Judging: "new theatre", "quiet" and "onset" need the place to have been watched (a month counts as watched
when a window covers at least 15 of its days). A unit's first
event is new only if the origin that reported it covered the unit for at least ``lead_days``
before it (so a governorate whose first event is its origin's coverage start is never new); a
return after a quiet spell counts only if one window covers the whole spell.

Linked events: an event that an origin of higher rank (UCDP, then ACLED, then news coded here)
also reports on the same day, in the same country and ADM1 unit (or either has no ADM1), with the
same type, is linked to it and not counted again (``link_sql``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spillwatch.analysis import Query

EVERYWHERE = "*"
ORIGIN_RANK = {"ucdp": 3, "acled": 2, "spillwatch": 1}
NEWS_SOURCE = "news coded by spillwatch"


@dataclass(frozen=True, slots=True)
class Window:
    origin: str
    source: str
    country_iso3: str  # "*" = every country
    date_from: date
    date_to: date

    def covers(self, country: str | None, day: date) -> bool:
        return self.country_iso3 in (EVERYWHERE, country) and self.date_from <= day <= self.date_to

    def describe(self) -> str:
        where = "all countries" if self.country_iso3 == EVERYWHERE else self.country_iso3
        return f"{self.origin} {where} {self.date_from}..{self.date_to}"


def _rank_sql(alias: str) -> str:
    cases = " ".join(f"WHEN '{o}' THEN {r}" for o, r in ORIGIN_RANK.items())
    return f"(CASE {alias}.origin {cases} ELSE 0 END)"


def link_sql(alias: str = "e") -> str:
    """A condition true for events that a higher-ranked origin also reports (they are linked, not counted)."""
    return (f"EXISTS (SELECT 1 FROM events o WHERE o.date_start = {alias}.date_start"
            f" AND o.country_iso3 = {alias}.country_iso3 AND o.type = {alias}.type"
            f" AND (o.adm1_code IS NULL OR {alias}.adm1_code IS NULL OR o.adm1_code = {alias}.adm1_code)"
            f" AND {_rank_sql('o')} > {_rank_sql(alias)})")


def links(query: Query, limit: int = 1000) -> list[dict[str, Any]]:
    """Pairs (event, the higher-ranked event it is linked to) of the same day, place and type."""
    sql = (f"SELECT e.id AS event_id, e.origin, o.id AS linked_to, o.origin AS linked_origin, e.date_start,"
           f" e.country_iso3, coalesce(o.adm1_code, e.adm1_code) AS adm1_code, e.type FROM events e"
           f" JOIN events o ON o.date_start = e.date_start AND o.country_iso3 = e.country_iso3 AND o.type = e.type"
           f" AND (o.adm1_code IS NULL OR e.adm1_code IS NULL OR o.adm1_code = e.adm1_code)"
           f" AND {_rank_sql('o')} > {_rank_sql('e')} ORDER BY e.date_start, e.id, o.id LIMIT ?")
    return query(sql, [limit])


def file_windows(origin: str, source: str, days: Mapping[str, tuple[date, date]]) -> list[Window]:
    """One window per country a file names, each spanning the whole file's first to last day."""
    if not days:
        return []
    first = min(a for a, _ in days.values())
    last = max(b for _, b in days.values())
    return [Window(origin, source, c, first, last) for c in sorted(days)]


def note_event(days: dict[str, tuple[date, date]], country: str | None, start: date | None) -> None:
    """Widen a file's per-country (first, last) days with one event."""
    if country and start:
        a, b = days.get(country, (start, start))
        days[country] = (min(a, start), max(b, start))


def windows(query: Query) -> list[Window]:
    """Every origin's windows: recorded at import, derived for older imports, and the news window."""
    out = [Window(r["origin"], r["source"], r["country_iso3"], r["date_from"], r["date_to"])
           for r in query("SELECT * FROM coverage ORDER BY origin, source, country_iso3", [])]
    recorded = {w.origin for w in out}
    spans = query("SELECT origin, country_iso3, min(date_start) AS a, max(date_start) AS b FROM events"
                  " WHERE origin <> 'spillwatch' AND date_start IS NOT NULL AND country_iso3 IS NOT NULL"
                  " GROUP BY origin, country_iso3", [])
    derived: dict[str, dict[str, tuple[date, date]]] = defaultdict(dict)
    for r in spans:
        if r["origin"] not in recorded:
            derived[r["origin"]][r["country_iso3"]] = (r["a"], r["b"])
    for origin, days in sorted(derived.items()):
        out += file_windows(origin, f"{origin} events in the store", days)
    news = _news_span(query)
    if news:
        out.append(Window("spillwatch", NEWS_SOURCE, EVERYWHERE, *news))
    return out


def _news_span(query: Query) -> tuple[date, date] | None:
    row = query("SELECT min(published) AS a, max(published) AS b FROM articles WHERE coded", [])
    if row and row[0]["a"] is not None:
        return row[0]["a"], row[0]["b"]
    row = query("SELECT min(date_start) AS a, max(date_start) AS b FROM events WHERE origin = 'spillwatch'", [])
    return (row[0]["a"], row[0]["b"]) if row and row[0]["a"] is not None else None


def covering(ws: Iterable[Window], country: str | None, day: date, origin: str | None = None) -> list[Window]:
    return [w for w in ws if w.covers(country, day) and (origin is None or w.origin == origin)]


def watched_before(ws: Sequence[Window], country: str | None, day: date, origin: str, lead_days: int
                   ) -> Window | None:
    """The window of ``origin`` that covered the place for ``lead_days`` before ``day`` (and on it), if any."""
    start = day - timedelta(days=lead_days)
    found = [w for w in ws if w.origin == origin and w.covers(country, day) and w.date_from <= start]
    return min(found, key=lambda w: w.date_from) if found else None


def covered_span(ws: Sequence[Window], country: str | None, first: date, last: date) -> Window | None:
    """A window that covers the place over the whole span ``first``..``last``, if any."""
    found = [w for w in ws if w.covers(country, first) and w.covers(country, last)]
    return min(found, key=lambda w: (w.date_from, w.origin)) if found else None


COVERED_DAYS = 15


def month_covered(ws: Sequence[Window], country: str | None, month_start: date, month_end: date) -> bool:
    """Some window covers the place for at least ``COVERED_DAYS`` days of the month (a file or corpus that ends on
    the 22nd still watched that month; one that ends on the 3rd did not)."""
    need = min(COVERED_DAYS, (month_end - month_start).days + 1)
    for w in ws:
        if w.country_iso3 in (EVERYWHERE, country):
            overlap = (min(w.date_to, month_end) - max(w.date_from, month_start)).days + 1
            if overlap >= need:
                return True
    return False
