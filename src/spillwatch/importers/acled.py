"""ACLED CSV export -> ``records.Event``.

Input: a CSV with ACLED's export columns (event_id_cnty, event_date, time_precision,
event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2,
country, admin1, admin2, location, latitude, longitude, geo_precision, source, notes,
fatalities, iso, ...), plain or gzip. Output: one ``Event`` per readable row (origin "acled",
id "acled-<event_id_cnty>", external_id event_id_cnty, ACLED type and sub-type kept) and one
``Quarantined`` ("<file>#row<n>") per row it cannot read, in file order.
Declines: a file without the core columns raises ``SourceError`` (reason "wrong-format");
a row with an event type ACLED does not define is quarantined, not guessed.

Types: ``SUBTYPE_TO_PLOVER`` maps each sub-event type to a PLOVER type and modes (e.g. Air/drone
strike -> ASSAULT aerial, Arrests -> COERCE arrest, Peaceful protest -> PROTEST demo); a
sub-type missing from it falls back to its event type (``TYPE_TO_PLOVER``); Strategic
developments without a PLOVER counterpart (Change to group/activity, Other) get type "OTHER".
Actors: actor1 and its associated actors (";"-separated) are sources, actor2 and its
associates targets, except Battles, where PLOVER codes both sides as sources; roles: in Battles
both sides are parties, otherwise actor1's side is the perpetrator and actor2's the target (an
air strike's target is struck, never the one acting); names resolve
through the actor table, unresolved ones get a sector from inter1/inter2.
Dates: event_date (ISO "2019-05-03" or ACLED's older "03 May 2019"), precision from
time_precision (1 day, 2 week, 3 month). Place: location, admin1 (name), latitude/longitude,
geo_precision 1 -> 1 (exact), 2 -> 2 (near), 3 -> 4 (only the region is known).
Fatalities: the single figure as low = best = high. Headline: notes. Outlets: source.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from spillwatch.errors import ImportRowError
from spillwatch.geo import adm1
from spillwatch.importers.common import (
    country_iso3,
    field,
    import_rows,
    opt_float,
    resolve_actor,
)
from spillwatch.records import Actor, DatePrecision, Estimate, Event, Place, Quarantined, Span

STAGE = "import-acled"
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country")
SUBTYPE_TO_PLOVER: dict[str, tuple[str, tuple[str, ...]]] = {
    "Armed clash": ("ASSAULT", ("firearms",)),
    "Government regains territory": ("ASSAULT", ("occupy",)),
    "Non-state actor overtakes territory": ("ASSAULT", ("occupy",)),
    "Air/drone strike": ("ASSAULT", ("aerial",)),
    "Suicide bomb": ("ASSAULT", ("explosives", "suicide-attack")),
    "Shelling/artillery/missile attack": ("ASSAULT", ("heavy-weapons",)),
    "Remote explosive/landmine/IED": ("ASSAULT", ("explosives",)),
    "Grenade": ("ASSAULT", ("explosives",)),
    "Chemical weapon": ("ASSAULT", ("unconventional",)),
    "Attack": ("ASSAULT", ()),
    "Abduction/forced disappearance": ("ASSAULT", ("abduct",)),
    "Sexual violence": ("ASSAULT", ("sexual",)),
    "Peaceful protest": ("PROTEST", ("demo",)),
    "Protest with intervention": ("PROTEST", ("demo",)),
    "Excessive force against protesters": ("ASSAULT", ("crowd-control",)),
    "Violent demonstration": ("PROTEST", ("riot",)),
    "Mob violence": ("PROTEST", ("riot",)),
    "Agreement": ("AGREE", ()),
    "Arrests": ("COERCE", ("arrest",)),
    "Disrupted weapons use": ("COERCE", ("seize",)),
    "Headquarters or base established": ("MOBILIZE", ("troops",)),
    "Looting/property destruction": ("ASSAULT", ("destroy",)),
    "Non-violent transfer of territory": ("RETREAT", ("withdraw",)),
    "Change to group/activity": ("OTHER", ()),
    "Other": ("OTHER", ()),
}
TYPE_TO_PLOVER = {
    "Battles": "ASSAULT",
    "Explosions/Remote violence": "ASSAULT",
    "Violence against civilians": "ASSAULT",
    "Protests": "PROTEST",
    "Riots": "PROTEST",
    "Strategic developments": "OTHER",
}
# ACLED interaction codes -> PLOVER sector for actors the table does not know.
INTER_SECTOR = {"1": "MIL", "2": "REB", "3": "REB", "4": "REB", "5": "CVL", "6": "CVL", "7": "CVL", "8": "MIL"}
_TIME_PREC: dict[str, DatePrecision] = {"1": "day", "2": "week", "3": "month"}
_GEO_PREC = {"1": 1, "2": 2, "3": 4}


def plover_type(event_type: str, sub_event_type: str, source: str) -> tuple[str, tuple[str, ...]]:
    if event_type not in TYPE_TO_PLOVER:
        raise ImportRowError(source, f"unknown event_type {event_type!r}")
    return SUBTYPE_TO_PLOVER.get(sub_event_type, (TYPE_TO_PLOVER[event_type], ()))


def _date(raw: str, source: str) -> date:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw.strip()[:10] if fmt == "%Y-%m-%d" else raw.strip(), fmt).date()
        except ValueError:
            continue
    raise ImportRowError(source, f"event_date is not a date: {raw!r}")


def _actors(row: dict[str, str], n: str, country: str | None) -> tuple[Actor, ...]:
    sector = INTER_SECTOR.get((row.get(f"inter{n}") or "").strip())
    names = [(row.get(f"actor{n}") or "").strip()]
    names += [a.strip() for a in (row.get(f"assoc_actor_{n}") or "").split(";")]
    out: dict[str, Actor] = {}
    for name in names:
        if name:
            actor = resolve_actor(name, sector, country)
            out.setdefault(actor.id, actor)
    return tuple(out.values())


def _place(row: dict[str, str], country: str | None, source: str) -> Place:
    geo = (row.get("geo_precision") or "").strip()
    if geo and geo not in _GEO_PREC:
        raise ImportRowError(source, f"unknown geo_precision {geo!r}")
    text = (row.get("location") or row.get("admin1") or "").strip()
    return Place(
        span=Span(0, 0),
        text=text,
        name=text or None,
        country_iso3=country,
        adm1_code=adm1.from_name(country, row.get("admin1")),
        adm1_name=(row.get("admin1") or "").strip() or None,
        lat=opt_float(row, "latitude", source),
        lon=opt_float(row, "longitude", source),
        precision=_GEO_PREC.get(geo),
    )


def _country(row: dict[str, str], source: str) -> str | None:
    iso = (row.get("iso") or "").strip()
    return (country_iso3(iso) if iso else None) or country_iso3(field(row, "country", source))


def event_from_row(row: dict[str, str], source: str) -> Event:
    """One ACLED row as an Event; raises ImportRowError for a row it cannot read."""
    acled_id = field(row, "event_id_cnty", source)
    event_type, sub_type = field(row, "event_type", source), field(row, "sub_event_type", source)
    plover, modes = plover_type(event_type, sub_type, source)
    when = _date(field(row, "event_date", source), source)
    precision = _TIME_PREC.get((row.get("time_precision") or "1").strip())
    if precision is None:
        raise ImportRowError(source, f"unknown time_precision {row.get('time_precision')!r}")
    country = _country(row, source)
    side1, side2 = _actors(row, "1", country), _actors(row, "2", country)
    deaths = opt_float(row, "fatalities", source)
    return Event(
        id=f"acled-{acled_id}",
        type=plover,
        modes=modes,
        sources=side1 + side2 if event_type == "Battles" else side1,
        targets=() if event_type == "Battles" else side2,
        parties=side1 + side2 if event_type == "Battles" else (),
        date_start=when,
        date_end=when,
        date_precision=precision,
        place=_place(row, country, source),
        fatalities=Estimate(deaths, deaths, deaths) if deaths is not None else None,
        acled_type=event_type,
        acled_subtype=sub_type,
        origin="acled",
        external_id=acled_id,
        headline=(row.get("notes") or "").strip() or None,
        outlets=tuple(sorted({s.strip() for s in (row.get("source") or "").split(";") if s.strip()})),
    )


def import_acled(path: str | Path) -> Iterator[Event | Quarantined]:
    """Every row of an ACLED export as an Event, or Quarantined with its row number and reason."""
    return import_rows(path, REQUIRED, STAGE, event_from_row)
