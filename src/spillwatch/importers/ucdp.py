"""UCDP GED CSV (the columns of GED 19.1 and later) -> ``records.Event``.

Input: a GED CSV file, plain or gzip. Output: one ``Event`` per readable row (origin "ucdp",
id "ucdp-<GED id>", external_id the GED id), and one ``Quarantined`` (source
"<file>#row<n>", n counting data rows from 1) for every row it cannot read, in file order.
Declines: a file without the GED columns raises ``SourceError`` (reason "wrong-format").

Mapping: type_of_violence 1 (state-based) and 2 (non-state) -> PLOVER ASSAULT with the ACLED
view Battles / Armed clash; 3 (one-sided) -> ASSAULT, Violence against civilians / Attack.
Actors: side names split on ", " and resolved through the actor table (IS -> ISL,
"Government of Syria" -> SYR_GOV; others kept by name, unresolved); as PLOVER codes two-sided
violence, for types 1 and 2 both sides are sources, for type 3 side_a is the source and side_b
the target. Roles: types 1 and 2 make both sides parties; type 3 makes side_a the perpetrator and
side_b (civilians) the target. Place: where_coordinates, latitude/longitude, adm_1 (ADM1 name; UCDP gives no
code), precision = where_prec. Dates: date_start/date_end, precision from date_prec
(1 day, 2 range, 3 week, 4 month, 5 year). Fatalities: low/best/high. Headline: the
source_headline field with HTML entities decoded.

The report side (for the clustering evaluation): ``reports`` splits a row's source_date and
source_office on ";" (their counts equal number_of_sources in GED) and pairs the headlines
with them when the headline split gives the same count (headlines may contain ";").
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spillwatch.errors import ImportRowError
from spillwatch.geo import adm1
from spillwatch.importers.common import (
    country_iso3,
    field,
    import_rows,
    iso_date,
    numbered_rows,
    opt_float,
    resolve_actor,
)
from spillwatch.records import Actor, DatePrecision, Estimate, Event, Place, Quarantined, Span

STAGE = "import-ucdp"
REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "country")
_VIOLENCE = {
    "1": ("Battles", "Armed clash"),
    "2": ("Battles", "Armed clash"),
    "3": ("Violence against civilians", "Attack"),
}
_DATE_PREC: dict[str, DatePrecision] = {"1": "day", "2": "range", "3": "week", "4": "month", "5": "year"}


@dataclass(frozen=True, slots=True)
class Report:
    """One source of a GED event: its headline (when it can be paired), date and office."""

    index: int
    headline: str | None
    date: date | None
    office: str | None


def _sides(raw: str, country: str | None) -> tuple[Actor, ...]:
    names = [n.strip() for n in raw.split(", ") if n.strip()]
    sector = "CVL" if raw.strip().lower() == "civilians" else None
    return tuple(resolve_actor(n, sector, country if sector else None) for n in names)


def _place(row: dict[str, str], country: str | None, source: str) -> Place:
    prec = (row.get("where_prec") or "").strip()
    if prec and not prec.isdigit():
        raise ImportRowError(source, f"where_prec is not a number: {prec!r}")
    text = (row.get("where_coordinates") or row.get("adm_1") or row.get("country") or "").strip()
    return Place(
        span=Span(0, 0),
        text=text,
        name=text or None,
        country_iso3=country,
        adm1_code=adm1.from_name(country, row.get("adm_1")),
        adm1_name=(row.get("adm_1") or "").strip() or None,
        lat=opt_float(row, "latitude", source),
        lon=opt_float(row, "longitude", source),
        precision=int(prec) if prec else None,
    )


def _dates(row: dict[str, str], source: str) -> tuple[date, date, DatePrecision]:
    start = iso_date(field(row, "date_start", source), "date_start", source)
    end = iso_date(row.get("date_end") or "", "date_end", source) if row.get("date_end") else start
    if end < start:
        raise ImportRowError(source, f"date_end {end} before date_start {start}")
    precision = _DATE_PREC.get((row.get("date_prec") or "1").strip())
    if precision is None:
        raise ImportRowError(source, f"unknown date_prec {row.get('date_prec')!r}")
    if precision == "day" and end != start:
        precision = "range"
    return start, end, precision


def _fatalities(row: dict[str, str], source: str) -> Estimate | None:
    low, best, high = (opt_float(row, k, source) for k in ("low", "best", "high"))
    if low is None and best is None and high is None:
        return None
    return Estimate(low, best, high)


def event_from_row(row: dict[str, str], source: str) -> Event:
    """One GED row as an Event; raises ImportRowError for a row it cannot read."""
    ged_id = field(row, "id", source)
    kind = field(row, "type_of_violence", source)
    if kind not in _VIOLENCE:
        raise ImportRowError(source, f"unknown type_of_violence {kind!r}")
    country = country_iso3(field(row, "country", source))
    side_a = _sides(field(row, "side_a", source), country)
    side_b = _sides(field(row, "side_b", source), country)
    start, end, precision = _dates(row, source)
    acled_type, acled_subtype = _VIOLENCE[kind]
    headline = html.unescape(row.get("source_headline") or "").strip()
    return Event(
        id=f"ucdp-{ged_id}",
        type="ASSAULT",
        modes=(),
        sources=side_a if kind == "3" else side_a + side_b,
        targets=side_b if kind == "3" else (),
        parties=() if kind == "3" else side_a + side_b,
        date_start=start,
        date_end=end,
        date_precision=precision,
        place=_place(row, country, source),
        fatalities=_fatalities(row, source),
        acled_type=acled_type,
        acled_subtype=acled_subtype,
        origin="ucdp",
        external_id=ged_id,
        headline=headline or None,
        outlets=tuple(sorted({o.strip() for o in (row.get("source_office") or "").split(";") if o.strip()})),
    )


def iter_rows(path: str | Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Numbered raw rows of a GED file (for evaluations that need the source columns)."""
    return numbered_rows(path, REQUIRED)


def import_ucdp(path: str | Path) -> Iterator[Event | Quarantined]:
    """Every row of a GED CSV as an Event, or Quarantined with its row number and reason."""
    return import_rows(path, REQUIRED, STAGE, event_from_row)


def _split(raw: str | None) -> list[str]:
    return [part.strip() for part in (raw or "").split(";")] if raw and raw.strip() else []


def reports(row: dict[str, str]) -> tuple[Report, ...]:
    """The row's sources, one per source_date entry (headline None when it cannot be paired)."""
    dates, offices = _split(row.get("source_date")), _split(row.get("source_office"))
    whole = html.unescape(row.get("source_headline") or "").strip()
    heads = [h for h in _split(whole) if h]
    count = max(len(dates), 1)
    out = []
    for i in range(count):
        raw_date = dates[i] if i < len(dates) else ""
        try:
            when: date | None = date.fromisoformat(raw_date[:10]) if raw_date else None
        except ValueError:
            when = None
        head = (whole or None) if count == 1 else heads[i] if len(heads) == count else None
        office = offices[i] if len(offices) == count else None
        out.append(Report(i, head, when, office))
    return tuple(out)
