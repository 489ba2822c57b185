"""Spread. Input: dated, placed events of an actor (rows from the store) and a neighbour graph. Output: new
theatres (first appearance in a unit after the actor's origin window), re-emergence after a quiet period,
diffusion links (a new theatre bordering units active earlier) and the monthly centre of gravity.
Declines: events without a unit at the requested level or without a date.

Thresholds (``SpreadConfig``): ``origin_days`` (default 30): units active within this many days of the
actor's first event in scope are its origin, not new theatres; ``quiet_days`` (default 180): a unit with no
event for at least this long and then a new one has re-emerged; ``min_events`` (default 1): events a unit
needs before it counts as a theatre; ``lead_days`` (default 180): how long the origin that reported a unit's
first event must have covered the unit before it for that event to be new (``analysis.coverage``).

Statuses: "origin" (active in the actor's first ``origin_days``), "new" (a new theatre, judged inside a
coverage window, shown beside it), "coverage start" (first seen too soon after its origin began covering
the place to tell new from already there: never reported as new). A re-emergence counts only when one
window covers the whole quiet spell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from spillwatch.analysis import Query
from spillwatch.analysis.activity import Counting, Level, Scope, scope_sql
from spillwatch.analysis.coverage import Window, covered_span, covering, watched_before


@dataclass(frozen=True, slots=True)
class SpreadConfig:
    origin_days: int = 30
    quiet_days: int = 180
    min_events: int = 1
    lead_days: int = 180


@dataclass(frozen=True, slots=True)
class Theatre:
    level: Level
    unit: str
    country_iso3: str
    adm1_code: str | None
    adm1_name: str | None
    first_date: date
    first_event_id: str
    first_event_type: str
    first_place: str | None
    first_sources: str
    events: int
    origin: bool
    diffused_from: tuple[str, ...]
    status: str = "new"  # origin, new, coverage start
    window: str | None = None  # the coverage window the judgement was made in
    first_origin: str = "spillwatch"
    first_precision: str | None = None  # how precisely first_date is known (day, month, year...)

    @property
    def new(self) -> bool:
        return self.status == "new"


@dataclass(frozen=True, slots=True)
class Reemergence:
    """A unit where activity resumed after a quiet gap one coverage window holds whole: the event it resumed with."""

    unit: str
    quiet_since: date
    resumed: date
    gap_days: int
    event_id: str
    type: str
    place: str | None
    window: str | None


@dataclass(frozen=True, slots=True)
class Centre:
    """The mean position of one month's located events."""

    month: date
    events: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Spread:
    """New theatres, re-emergence and the centre of gravity of what ``counted`` counts, judged with what was known
    at the end of ``as_of``'s month (``as_of_label`` says why that month), inside the coverage ``windows``."""

    counted: Counting
    level: str
    theatres: tuple[Theatre, ...]
    windows: tuple[Window, ...]
    as_of: date
    as_of_label: str
    reemergence: tuple[Reemergence, ...]
    centre: tuple[Centre, ...]


def event_points(query: Query, scope: Scope) -> list[dict[str, Any]]:
    """The events in scope with date, place and reporting outlets, oldest first."""
    where, params = scope_sql(scope)
    sql = ("SELECT e.id, e.type, e.origin, e.date_start, e.date_precision, e.country_iso3,"
           " coalesce(e.adm1_code, e.adm1_name) AS adm1_code, e.adm1_name, e.place_name, e.lat, e.lon,"
           " e.outlets, e.n_mentions, e.headline, e.fatalities_best"
           f" FROM events e{where} AND e.country_iso3 IS NOT NULL ORDER BY e.date_start, e.id")
    return query(sql, params)


def _unit(row: Mapping[str, Any], level: Level) -> str | None:
    if level == "country":
        return row["country_iso3"]
    return f"{row['country_iso3']}:{row['adm1_code']}" if row.get("adm1_code") else None


def new_theatres(points: Sequence[Mapping[str, Any]], level: Level, neighbours: Mapping[str, frozenset[str]],
                 config: SpreadConfig = SpreadConfig(), windows: Sequence[Window] | None = None) -> list[Theatre]:
    """First appearance per unit; units first seen after the origin window, inside a coverage window
    (``windows``; None = judge without coverage, as if every place had always been watched), are new."""
    by_unit: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for p in points:
        unit = _unit(p, level)
        if unit:
            by_unit[unit].append(p)
    if not by_unit:
        return []
    start = min(rows[0]["date_start"] for rows in by_unit.values())
    origin_end = start + timedelta(days=config.origin_days)
    firsts = {u: rows[0]["date_start"] for u, rows in by_unit.items() if len(rows) >= config.min_events}
    out = [_judge(_theatre(u, by_unit[u], level, firsts, neighbours, origin_end), windows, config) for u in firsts]
    return sorted(out, key=lambda t: (t.first_date, t.unit))


def _judge(t: Theatre, windows: Sequence[Window] | None, config: SpreadConfig) -> Theatre:
    if t.origin:
        return replace(t, status="origin")
    if windows is None:
        return t
    w = watched_before(windows, t.unit, t.first_date, t.first_origin, config.lead_days)
    if w is None:
        seen = covering(windows, t.unit, t.first_date, t.first_origin)
        return replace(t, status="coverage start", window=seen[0].describe() if seen else None)
    return replace(t, window=w.describe())


def _theatre(unit: str, rows: Sequence[Mapping[str, Any]], level: Level, firsts: Mapping[str, date],
             neighbours: Mapping[str, frozenset[str]], origin_end: date) -> Theatre:
    first = rows[0]
    earlier = tuple(sorted(n for n in neighbours.get(unit, frozenset()) if n in firsts and firsts[n] < firsts[unit]))
    return Theatre(level=level, unit=unit, country_iso3=first["country_iso3"], adm1_code=first.get("adm1_code"),
                   adm1_name=first.get("adm1_name"), first_date=first["date_start"], first_event_id=first["id"],
                   first_event_type=first["type"], first_place=first.get("place_name"),
                   first_sources=first.get("outlets") or "", events=len(rows),
                   origin=first["date_start"] <= origin_end, diffused_from=earlier,
                   first_origin=first.get("origin") or "spillwatch", first_precision=first.get("date_precision"))


def reemergence(points: Sequence[Mapping[str, Any]], level: Level,
                config: SpreadConfig = SpreadConfig(), windows: Sequence[Window] | None = None) -> list[Reemergence]:
    """Units where activity resumed after a gap of at least ``quiet_days`` that one window covers whole."""
    last: dict[str, date] = {}
    out: list[Reemergence] = []
    for p in points:
        unit = _unit(p, level)
        if not unit:
            continue
        day = p["date_start"]
        w = covered_span(windows, unit, last[unit], day) if windows is not None and unit in last else None
        if unit in last and (day - last[unit]).days >= config.quiet_days and (windows is None or w is not None):
            out.append(Reemergence(unit, last[unit], day, (day - last[unit]).days, p["id"], p["type"],
                                   p.get("place_name"), w.describe() if w else None))
        last[unit] = day
    return out


def centre_of_gravity(points: Sequence[Mapping[str, Any]]) -> list[Centre]:
    """Mean position of the month's located events (a planar mean; fine at regional scale)."""
    months: dict[date, list[tuple[float, float]]] = defaultdict(list)
    for p in points:
        if p.get("lat") is not None and p.get("lon") is not None:
            months[p["date_start"].replace(day=1)].append((float(p["lat"]), float(p["lon"])))
    return [Centre(m, len(v), round(sum(a for a, _ in v) / len(v), 4), round(sum(b for _, b in v) / len(v), 4))
            for m, v in sorted(months.items())]
