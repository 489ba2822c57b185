"""The hot read paths rewritten for the 1M-event benchmark give the same answers on both backends.

The actor filter reads the events' stored source/target id lists instead of a semi-join on
event_actors; it must still match whole ids only (ISL never matches ISL_SIN), by role in analysis
scopes. Month facets are computed as integers; activity scopes take a country and a date range.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from tests.store.test_store import BACKENDS, _fresh_pg

from spillwatch.analysis import activity as act
from spillwatch.analysis.spread import event_points
from spillwatch.records import Actor, Event, Place, Span
from spillwatch.store import EventFilter, Store, open_store

ISL = Actor("ISL", "Islamic State", "IMG", "REB")
SIN = Actor("ISL_SIN", "Islamic State Sinai Province", "EGY", "REB")
SYR = Actor("SYR_GOV", "Government of Syria", "SYR", "GOV")


def _event(eid: str, day: date, iso3: str, sources: tuple[Actor, ...], targets: tuple[Actor, ...] = ()) -> Event:
    place = Place(Span(0, 4), "Town", name="Town", country_iso3=iso3, adm1_code=f"{iso3}.01", adm1_name="One",
                  lat=35.0, lon=38.0, precision=1)
    return Event(id=eid, type="ASSAULT", modes=(), sources=sources, targets=targets, date_start=day, date_end=day,
                 date_precision="day", place=place, fatalities=None, acled_type="Explosions/Remote violence",
                 acled_subtype=None, mention_ids=(), article_ids=(), outlets=())


EVENTS = [
    _event("e1", date(2016, 1, 5), "SYR", (ISL,)),
    _event("e2", date(2016, 1, 20), "SYR", (SYR,), (ISL,)),
    _event("e3", date(2016, 2, 3), "IRQ", (ISL, SYR)),
    _event("e4", date(2016, 2, 9), "EGY", (SIN,)),
    _event("e5", date(2017, 12, 30), "SYR", (SYR,)),
]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    s = open_store(":memory:") if request.param == "duckdb" else _fresh_pg(os.environ["SPILLWATCH_TEST_PG"])
    s.put_events(EVENTS)
    yield s
    s.close()


def _ids(store: Store, flt: EventFilter) -> list[str]:
    return sorted(r["id"] for r in store.event_rows(flt))


def test_actor_filter_matches_whole_ids_as_source_or_target(store: Store) -> None:
    assert _ids(store, EventFilter(actor="ISL")) == ["e1", "e2", "e3"]
    assert store.count_events(EventFilter(actor="ISL")) == 3
    assert _ids(store, EventFilter(actor="ISL_SIN")) == ["e4"]
    assert _ids(store, EventFilter(actor="IS")) == []
    assert _ids(store, EventFilter(actor="ISL|SYR_GOV")) == []  # the separator is never a wildcard
    assert _ids(store, EventFilter(actor="ISL", country="SYR", date_to="2016-01-10")) == ["e1"]


def test_month_facets_are_zero_padded_and_ordered(store: Store) -> None:
    facets = store.event_facets(EventFilter(actor="ISL"))
    assert facets["per_month"] == [{"month": "2016-01", "n": 2}, {"month": "2016-02", "n": 1}]
    assert facets["per_country"] == {"SYR": 2, "IRQ": 1}


def test_scope_roles_country_and_dates(store: Store) -> None:
    def events(scope: act.Scope) -> int:
        return sum(r["events"] for r in act.activity(store.query, scope, "country", "month"))

    assert events(act.Scope(actor_ids=("ISL",))) == 2  # perpetrator or party: never what was done to it
    assert events(act.Scope(actor_ids=("ISL",), roles=("perpetrator", "party", "target"))) == 3
    assert events(act.Scope(actor_ids=("ISL",), roles=("perpetrator",))) == 2
    assert events(act.Scope(actor_ids=("ISL",), roles=("target",))) == 1
    assert events(act.Scope(actor_ids=("ISL", "ISL_SIN"))) == 3
    assert events(act.Scope(actor_ids=("ISL",), country="SYR")) == 1
    assert events(act.Scope(actor_ids=("ISL",), roles=act.ROLES, country="SYR")) == 2
    assert events(act.Scope(actor_ids=("ISL",), roles=act.ROLES, date_from="2016-01-10", date_to="2016-02-03")) == 2
    assert events(act.Scope(actor_ids=("SYR_GOV",), date_from="2017-12-30")) == 1
    assert [p["id"] for p in event_points(store.query, act.Scope(actor_ids=("ISL_SIN",)))] == ["e4"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_actor_event_counts_count_each_event_once(backend: str, tmp_path: Path) -> None:
    from spillwatch.api import Spillwatch

    url = str(tmp_path / "a.duckdb") if backend == "duckdb" else os.environ["SPILLWATCH_TEST_PG"]
    if backend == "postgres":
        _fresh_pg(url).close()
    self_target = _event("e6", date(2016, 3, 1), "SYR", (SYR,), (SYR,))  # counted once, not twice
    with Spillwatch(url) as sw:
        sw.store.put_events([*EVENTS, self_target])
        counts = {r.id: int(r.events) for r in sw.actors(50)}
    assert counts == {"ISL": 3, "SYR_GOV": 4, "ISL_SIN": 1}
