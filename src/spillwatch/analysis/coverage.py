"""Coverage windows: which places and period each origin covers, and the events two origins both report.

Input: the store (via Query). Output: ``Window`` records (origin, source, country or "*" for
everywhere, first and last day) and the questions analyses ask of them. Declines nothing.

Where windows come from:
- an imported file records one window per country it names, spanning the whole file's first to
  last event day (a GED or ACLED file covers those countries for that period: a month with no row
  there is a quiet month, not a gap in the data);
- an imported origin whose file predates this table gets the same from its stored events;
- news coded here watches a country in the months its coded articles report on it (a place in the country
  other than a dateline or a demonym, or an event there), one window per country and month whose source says
  the share: "news coded by spillwatch: 3 of 12 articles that month (25%)"; and an ADM1 unit in the months its
  articles report on a place in that unit (or an event there), one window per unit and month with its own share
  ("... 2 of 12 articles that month report on Nineveh (17%)"). An article that names only the country ("Syria")
  watches the country, not each of its governorates: ADM1 analyses judge a unit by its own windows, by the
  windows of imported files (a GED or ACLED file covers every unit of its countries) and by "*" windows.
  An article's month is its publication day's, else the latest day its events name (a story is dated no
  earlier than that). An article also watches a country (or unit) in an earlier month it reports an event there in
  (day or month precision): "the Brussels bombings of March 2016" in a July story watches Belgium in 2016-03, a
  window known only from that story's day (``Window.known``: an analysis as of 2016-04 does not see it), so that a
  known event is never left out of the months its rate is judged on. A country no article of a month reports on
  is not watched that month: no rate is judged there. Events stored without
  their articles (tests, old stores) fall back to one window over every country ("*") from the first to the
  last such event.

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
NEWS_ORIGIN = "spillwatch"
ORIGIN_RANK = {"ucdp": 3, "acled": 2, "spillwatch": 1}
NEWS_SOURCE = "news coded by spillwatch"


@dataclass(frozen=True, slots=True)
class Window:
    origin: str
    source: str
    country_iso3: str  # "*" = every country
    date_from: date
    date_to: date
    adm1_code: str | None = None  # a news window of one ADM1 unit (ISO 3166-2); None: the whole country
    known: date | None = None  # the day it became known, if after its month (a later article's report); None: then

    @property
    def key(self) -> str:
        """'SYR' or 'SYR:SY-HL' (the unit keys of ``activity.unit_key``)."""
        return f"{self.country_iso3}:{self.adm1_code}" if self.adm1_code else self.country_iso3

    def watches(self, place: str | None) -> bool:
        """Whether the window watches a country ('SYR') or an ADM1 unit ('SYR:SY-HL'): a window of a unit watches
        that unit only; a country's window watches the country, and each of its units too unless it is news coded
        here (an article naming Syria does not watch Homs); "*" watches everything."""
        if self.country_iso3 == EVERYWHERE:
            return True
        country, _, adm1 = (place or "").partition(":")
        if self.country_iso3 != country:
            return False
        if self.adm1_code is not None:
            return adm1 == self.adm1_code
        return not adm1 or self.origin != NEWS_ORIGIN

    def covers(self, place: str | None, day: date) -> bool:
        return self.watches(place) and self.date_from <= day <= self.date_to

    def describe(self) -> str:
        where = "all countries" if self.country_iso3 == EVERYWHERE else self.key
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
    news = news_windows(query)
    if not news:
        row = query("SELECT min(date_start) AS a, max(date_start) AS b FROM events WHERE origin = 'spillwatch'", [])
        if row and row[0]["a"] is not None:
            news = [Window("spillwatch", f"{NEWS_SOURCE} (events without their articles)", EVERYWHERE,
                           row[0]["a"], row[0]["b"])]
    return out + news


NEWS_MONTHS_SQL = """
WITH art AS (SELECT a.id, coalesce(a.published, (SELECT max(m.date_start) FROM event_mentions m
                                                 WHERE m.article_id = a.id)) AS day
             FROM articles a WHERE a.coded),
mon AS (SELECT id, CAST(date_trunc('month', day) AS DATE) AS month FROM art WHERE day IS NOT NULL),
about AS (SELECT article_id, country_iso3 FROM places
          WHERE country_iso3 IS NOT NULL AND role NOT IN ('dateline', 'demonym')
          UNION SELECT article_id, country_iso3 FROM event_mentions WHERE country_iso3 IS NOT NULL),
total AS (SELECT month, count(*) AS n FROM mon GROUP BY month)
SELECT m.month, b.country_iso3, count(DISTINCT m.id) AS articles, t.n AS total
FROM mon m JOIN about b ON b.article_id = m.id JOIN total t ON t.month = m.month
GROUP BY m.month, b.country_iso3, t.n ORDER BY m.month, b.country_iso3"""

# The same per ADM1 unit: places and events with an ADM1 code (the unit's name said beside the share).
NEWS_ADM1_MONTHS_SQL = NEWS_MONTHS_SQL.split("about AS")[0] + """about AS (
  SELECT article_id, country_iso3, adm1_code, adm1_name FROM places
  WHERE country_iso3 IS NOT NULL AND adm1_code IS NOT NULL AND role NOT IN ('dateline', 'demonym')
  UNION SELECT article_id, country_iso3, adm1_code, adm1_name FROM event_mentions
  WHERE country_iso3 IS NOT NULL AND adm1_code IS NOT NULL),
total AS (SELECT month, count(*) AS n FROM mon GROUP BY month)
SELECT m.month, b.country_iso3, b.adm1_code, min(b.adm1_name) AS adm1_name, count(DISTINCT m.id) AS articles,
       t.n AS total
FROM mon m JOIN about b ON b.article_id = m.id JOIN total t ON t.month = m.month
GROUP BY m.month, b.country_iso3, b.adm1_code, t.n ORDER BY m.month, b.country_iso3, b.adm1_code"""


# Earlier months an article reports events in (its own month is the windows above): per country (and ADM1 unit), the
# month, how many articles report an event there then, and the first such article's day (when it became known).
NEWS_EVENT_MONTHS_SQL = NEWS_MONTHS_SQL.split("mon AS")[0] + """ev AS (
  SELECT m.article_id, m.country_iso3, m.adm1_code, m.adm1_name, art.day,
         CAST(date_trunc('month', m.date_start) AS DATE) AS month
  FROM event_mentions m JOIN art ON art.id = m.article_id
  WHERE m.country_iso3 IS NOT NULL AND m.date_start IS NOT NULL AND art.day IS NOT NULL
    AND coalesce(m.date_precision, 'day') IN ('day', 'month')
    AND date_trunc('month', m.date_start) < date_trunc('month', art.day))
SELECT month, country_iso3, NULL AS adm1_code, NULL AS adm1_name, count(DISTINCT article_id) AS articles,
       min(day) AS known FROM ev GROUP BY month, country_iso3
UNION ALL
SELECT month, country_iso3, adm1_code, min(adm1_name), count(DISTINCT article_id), min(day) FROM ev
WHERE adm1_code IS NOT NULL GROUP BY month, country_iso3, adm1_code
ORDER BY 1, 2, 3 NULLS FIRST"""


def news_windows(query: Query) -> list[Window]:
    """One window per country and month that coded articles report on, and one per ADM1 unit and month, each with
    the share of that month's articles; and one per earlier month an article reports an event in (``known``)."""
    out = []
    for r in query(NEWS_MONTHS_SQL, []):
        first, n, total = r["month"], int(r["articles"]), int(r["total"])
        source = f"{NEWS_SOURCE}: {n} of {total} articles that month ({n / total:.0%})"
        out.append(Window(NEWS_ORIGIN, source, r["country_iso3"], first, _month_end(first)))
    for r in query(NEWS_ADM1_MONTHS_SQL, []):
        first, n, total = r["month"], int(r["articles"]), int(r["total"])
        source = (f"{NEWS_SOURCE}: {n} of {total} articles that month report on {r['adm1_name'] or r['adm1_code']}"
                  f" ({n / total:.0%})")
        out.append(Window(NEWS_ORIGIN, source, r["country_iso3"], first, _month_end(first), r["adm1_code"]))
    seen = {(w.key, w.date_from) for w in out}
    for r in query(NEWS_EVENT_MONTHS_SQL, []):
        first, n, unit = r["month"], int(r["articles"]), r["adm1_name"] or r["adm1_code"]
        w = Window(NEWS_ORIGIN, f"{NEWS_SOURCE}: {n} later article{'s report' if n != 1 else ' reports'} an event"
                   + (f" in {unit}" if unit else "") + f" that month (first on {r['known']})", r["country_iso3"],
                   first, _month_end(first), r["adm1_code"], r["known"])
        if (w.key, first) not in seen:
            out.append(w)
    return out


def _month_end(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)


def _month(d: date) -> int:
    return d.year * 12 + d.month - 1


class Coverage:
    """Which months (index year * 12 + month - 1) each country or ADM1 unit ('SYR', 'SYR:SY-HL') is watched in, at
    least ``COVERED_DAYS`` days of the month by one window (``month_covered``), and by which windows (``Window.
    watches``): built once, asked per unit and month."""

    def __init__(self, ws: Sequence[Window]) -> None:
        self.windows = list(ws)
        self._by: dict[str, dict[int, list[Window]]] = defaultdict(lambda: defaultdict(list))
        for w in self.windows:
            for m in range(_month(w.date_from), _month(w.date_to) + 1):
                start = date(m // 12, m % 12 + 1, 1)
                end = date((m + 1) // 12, (m + 1) % 12 + 1, 1) - timedelta(days=1)
                if month_covered([w], w.key, start, end):
                    self._by[w.key][m].append(w)

    def _keys(self, place: str | None) -> list[str]:
        country = (place or "").partition(":")[0]
        return [k for k in dict.fromkeys((place or "", country, EVERYWHERE)) if k in self._by]

    def by(self, place: str | None, m: int) -> list[Window]:
        """The windows that watch the country or ADM1 unit in month ``m``."""
        return [w for k in self._keys(place) for w in self._by[k].get(m, ()) if w.watches(place)]

    def covered(self, place: str | None, m: int) -> bool:
        return bool(self.by(place, m))

    def last_before(self, place: str | None, m: int) -> int | None:
        """The last month up to ``m`` (inclusive) the country or unit was watched in, if any."""
        months = [k for key in self._keys(place) for k, v in self._by[key].items()
                  if k <= m and any(w.watches(place) for w in v)]
        return max(months) if months else None

    def last_month(self) -> int | None:
        """The last month some origin watches anywhere (the default as-of month)."""
        months = [k for per in self._by.values() for k, v in per.items() if v]
        return max(months) if months else None

    def first_month(self) -> int | None:
        months = [k for per in self._by.values() for k, v in per.items() if v]
        return min(months) if months else None

    def describe(self, country: str | None, m: int) -> str:
        """'news coded by spillwatch: 3 of 12 articles that month (25%); ucdp SYR 2016-01-01..2019-12-31', or
        'not covered since 2016-10' / 'never covered' where no origin watches the country in month ``m``."""
        found = self.by(country, m)
        if found:
            return "; ".join(w.source if w.origin == NEWS_ORIGIN and w.country_iso3 != EVERYWHERE else w.describe()
                             for w in found)
        last = self.last_before(country, m)
        return f"not covered since {date(last // 12, last % 12 + 1, 1):%Y-%m}" if last is not None else "never covered"


def covering(ws: Iterable[Window], country: str | None, day: date, origin: str | None = None) -> list[Window]:
    return [w for w in ws if w.covers(country, day) and (origin is None or w.origin == origin)]


def watched_before(ws: Sequence[Window], country: str | None, day: date, origin: str, lead_days: int
                   ) -> Window | None:
    """The window of ``origin`` that covered the place for ``lead_days`` before ``day`` (and on it), if any.

    News coded here is watched one month at a time: consecutive windows of the origin with no day between them
    uncovered count as one (returned joined, its source naming how many were chained)."""
    start = day - timedelta(days=lead_days)
    found = [w for w in ws if w.origin == origin and w.covers(country, day) and w.date_from <= start]
    if found:
        return min(found, key=lambda w: w.date_from)
    return _chained(sorted((w for w in ws if w.origin == origin and w.watches(country)),
                           key=lambda w: w.date_from), day, start)


def _chained(ws: Sequence[Window], day: date, start: date) -> Window | None:
    """Windows (sorted by first day) that together cover every day from ``start`` to ``day``, joined; or None."""
    last = [w for w in ws if w.date_from <= day <= w.date_to]
    if not last:
        return None
    first, reach, used = min(w.date_from for w in last), max(w.date_to for w in last), len(last)
    while first > start:
        before = [w for w in ws if w.date_from < first <= w.date_to + timedelta(days=1)]
        if not before:
            return None
        first, used = min(w.date_from for w in before), used + 1
    return Window(last[0].origin, f"{last[0].source.split(':')[0]}: {used} windows chained", last[0].country_iso3,
                  first, reach, last[0].adm1_code)


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
        if w.watches(country):
            overlap = (min(w.date_to, month_end) - max(w.date_from, month_start)).days + 1
            if overlap >= need:
                return True
    return False
