"""A small store for the map's tests: events in Syrian and Iraqi provinces over months with gaps.

Jan 2016: 3 in Ar Raqqah (GeoNames code SY.04), precise; Feb: none; Mar: 2 in Dayr az Zawr (SY.07),
one precise; Jun: 1 in Nineveh given by name only (as UCDP writes it), at ADM1 precision; Jul: the
REST tests' Lebanese event (no ADM1). Deaths 1 + 2 + 3 + 4 + 0 + 5 = 15 in total. The first event's
place name is markup, as article text can carry: the map must show it as text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spillwatch.records import Estimate, Event, Place, Span
from spillwatch.store import open_store
from tests.serve.test_rest import ISL, _seed


def _event(eid: str, day: date, iso3: str, code: str | None, name: str, lat: float, lon: float, prec: int,
           deaths: int | None) -> Event:
    place = Place(Span(0, 4), name, name=name, country_iso3=iso3, adm1_code=code, adm1_name=name, lat=lat, lon=lon,
                  precision=prec)
    return Event(id=eid, type="ASSAULT", modes=(), sources=(ISL,), targets=(), date_start=day, date_end=day,
                 date_precision="day", place=place,
                 fatalities=Estimate(deaths, deaths, deaths) if deaths is not None else None, acled_type="Battles",
                 acled_subtype=None, mention_ids=(), article_ids=(), outlets=("Test Wire",))


PLACE_PAYLOAD = 'Raqqa <img src=x onerror="window.__pwned=3">'  # a place name from untrusted text
EVENTS = (
    _event("m1", date(2016, 1, 4), "SYR", "SY.04", PLACE_PAYLOAD, 35.95, 39.01, 1, 1),
    _event("m2", date(2016, 1, 9), "SYR", "SY.04", "Ar Raqqah", 35.93, 39.05, 1, 2),
    _event("m3", date(2016, 1, 21), "SYR", "SY.04", "Ar Raqqah", 35.80, 38.60, 2, 3),
    _event("m4", date(2016, 3, 2), "SYR", "SY.07", "Dayr az Zawr", 35.33, 40.14, 1, 4),
    _event("m5", date(2016, 3, 30), "SYR", "SY.07", "Dayr az Zawr", 35.0, 40.5, 4, 0),
    _event("m6", date(2016, 6, 5), "IRQ", None, "Nineveh Governorate", 36.2, 43.0, 4, 5),
)


def seed_map_store(db: Path) -> None:
    _seed(db)
    store = open_store(str(db))
    store.put_events(list(EVENTS))
    store.close()
