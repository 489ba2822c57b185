"""Map and timeline layers: input the store's facet rows and analysis results, output typed counts.

``map_layers`` turns events and deaths per (country, ADM1 code, ADM1 name) into per-country and
per-ADM1 counts keyed by ISO3 and ISO 3166-2 (``adm1keys``), telling how many events had ADM1
information that could not be keyed. ``continuous_months`` gives every month of a span, empty
ones at zero, so a timeline's axis is time. ``map_points`` keeps the events placed at a town or
near one. ``map_marks`` names the new theatres (country and ADM1) and the quiet countries whose
next-month risk reaches a threshold. Declines: no weeks (months only), no ADM2.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spillwatch.geo.adm1keys import Adm1Keys


@dataclass(frozen=True, slots=True)
class UnitCount:
    key: str  # ISO3 for countries, ISO 3166-2 for ADM1
    name: str | None
    country_iso3: str | None
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: str  # YYYY-MM
    events: int
    fatalities: int


@dataclass(frozen=True, slots=True)
class MapLayers:
    """What the map's choropleth and legend show for one filter."""

    countries: tuple[UnitCount, ...]
    adm1: tuple[UnitCount, ...]
    events: int
    fatalities: int
    adm1_unkeyed: int  # events with an ADM1 code or name that no map unit matches
    adm1_missing: int  # events placed at country level or not at all


@dataclass(frozen=True, slots=True)
class MapPoint:
    """An event placed precisely enough to draw as a point."""

    id: str
    date: str | None
    type: str
    place: str | None
    country_iso3: str | None
    lat: float
    lon: float
    precision: int | None
    fatalities: int | None
    reports: int


@dataclass(frozen=True, slots=True)
class MapPoints:
    items: tuple[MapPoint, ...]
    total: int  # events that qualify (items holds at most the limit asked for)


@dataclass(frozen=True, slots=True)
class RiskMark:
    country_iso3: str
    risk: float
    drivers: str


@dataclass(frozen=True, slots=True)
class MapMarks:
    actor: str
    new_countries: tuple[str, ...]
    new_adm1: tuple[str, ...]  # ISO 3166-2
    at_risk: tuple[RiskMark, ...]
    threshold: float


def _add(acc: dict[str, list[int]], key: str, row: Mapping[str, Any]) -> None:
    acc[key][0] += int(row["events"])
    acc[key][1] += int(row["fatalities"])


def map_layers(units: Iterable[Mapping[str, Any]], keys: Adm1Keys,
               country_names: Mapping[str, str] | None = None) -> MapLayers:
    """Sum (country, ADM1 code, ADM1 name) rows into country and ISO 3166-2 units."""
    countries: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    adm1: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total, unkeyed, missing = [0, 0], 0, 0
    for row in units:
        total[0] += int(row["events"])
        total[1] += int(row["fatalities"])
        iso3 = row.get("country_iso3")
        if iso3:
            _add(countries, iso3, row)
        if not (row.get("adm1_code") or row.get("adm1_name")):
            missing += int(row["events"])
            continue
        key = keys.key(iso3, row.get("adm1_code"), row.get("adm1_name"))
        if key is None:
            unkeyed += int(row["events"])
            continue
        _add(adm1, key, row)
    names = country_names or {}
    country_rows = tuple(UnitCount(k, names.get(k), k, v[0], v[1]) for k, v in sorted(countries.items()))
    adm1_rows = []
    for k, v in sorted(adm1.items()):
        unit = keys.unit(k)
        adm1_rows.append(UnitCount(k, unit.name if unit else None, unit.iso3 if unit else None, v[0], v[1]))
    return MapLayers(country_rows, tuple(adm1_rows), total[0], total[1], unkeyed, missing)


def map_points(rows: Iterable[Mapping[str, Any]]) -> tuple[MapPoint, ...]:
    """Event rows with coordinates as points (rows without coordinates are left out)."""
    out = []
    for r in rows:
        if r.get("lat") is None or r.get("lon") is None:
            continue
        deaths = r.get("fatalities_best") if r.get("fatalities_best") is not None else r.get("fatalities_low")
        out.append(MapPoint(str(r["id"]), str(r["date_start"]) if r.get("date_start") else None, str(r["type"]),
                            r.get("place_name"), r.get("country_iso3"), float(r["lat"]), float(r["lon"]),
                            r.get("where_prec"), round(deaths) if deaths is not None else None,
                            int(r.get("n_mentions") or 0)))
    return tuple(out)


def _index(month: str) -> int:
    year, mon = month[:7].split("-")
    return int(year) * 12 + int(mon) - 1


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def continuous_months(rows: Sequence[Mapping[str, Any]], date_from: str | None = None,
                      date_to: str | None = None) -> tuple[MonthCount, ...]:
    """Every month from the first (or ``date_from``) to the last (or ``date_to``), empty months at zero."""
    seen = {r["month"]: r for r in rows}
    ends = [_index(m) for m in seen]
    lo = _index(date_from) if date_from else min(ends, default=None)
    hi = _index(date_to) if date_to else max(ends, default=None)
    if lo is None or hi is None or hi < lo:
        return ()
    out = []
    for i in range(lo, hi + 1):
        r = seen.get(_month(i))
        out.append(MonthCount(_month(i), int(r["events"]) if r else 0, int(r["fatalities"]) if r else 0))
    return tuple(out)


def map_marks(actor: str, theatres: Iterable[Any], risk_rows: Iterable[Mapping[str, Any]], keys: Adm1Keys,
              threshold: float) -> MapMarks:
    """New theatres (spread's non-origin units, country and ADM1) and quiet, at-risk countries.

    A country is marked at risk when its forecast risk reaches ``threshold`` (the alerts' default,
    0.5) and it had no event in the last three months (``own_3 == 0``), i.e. the risk comes from
    its neighbours and its past, not from fighting already there.
    """
    new_countries, new_adm1 = set(), set()
    for t in theatres:
        if t.origin:
            continue
        if t.level == "country":
            new_countries.add(t.country_iso3)
            continue
        key = keys.key(t.country_iso3, t.adm1_code, t.adm1_name)
        if key:
            new_adm1.add(key)
    at_risk = tuple(RiskMark(str(r["unit"]), float(r["risk"]), str(r.get("drivers", ""))) for r in risk_rows
                    if r.get("risk") is not None and float(r["risk"]) >= threshold
                    and not (r.get("log_own_3") or r.get("own_3")))  # the forecast's feature: log(1 + events)
    return MapMarks(actor, tuple(sorted(new_countries)), tuple(sorted(new_adm1)), at_risk, threshold)
