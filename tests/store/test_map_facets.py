"""The store's map facets (events and deaths per country/ADM1 and per month) and the precision filter, both backends."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
from tests.store.test_store import BACKENDS, _fresh_pg

from spillwatch.records import Estimate, Event, Place, Span
from spillwatch.store import EventFilter, Store, open_store


def _event(eid: str, day: date, code: str | None, prec: int | None, deaths: float | None) -> Event:
    place = Place(Span(0, 4), "Town", name="Town", country_iso3="SYR", adm1_code=code, adm1_name=None, lat=35.0,
                  lon=38.0, precision=prec)
    return Event(id=eid, type="ASSAULT", modes=(), sources=(), targets=(), date_start=day, date_end=day,
                 date_precision="day", place=place, fatalities=Estimate(None, deaths, None) if deaths else None,
                 acled_type=None, acled_subtype=None, mention_ids=(), article_ids=(), outlets=())


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    s = open_store(":memory:") if request.param == "duckdb" else _fresh_pg(os.environ["SPILLWATCH_TEST_PG"])
    s.put_events([_event("a", date(2016, 1, 2), "SY.04", 1, 2.0), _event("b", date(2016, 1, 3), "SY.04", 2, None),
                  _event("c", date(2016, 4, 1), None, 6, 1.5)])
    yield s
    s.close()


def test_units_and_months_count_events_and_deaths(store: Store) -> None:
    units = sorted((u["adm1_code"] or "", u["events"], u["fatalities"]) for u in store.unit_facets(EventFilter()))
    assert units == [("", 1, 2), ("SY.04", 2, 2)]  # 1.5 deaths round to 2
    assert store.month_facets(EventFilter()) == [{"month": "2016-01", "events": 2, "fatalities": 2},
                                                 {"month": "2016-04", "events": 1, "fatalities": 2}]
    assert store.month_facets(EventFilter(date_from="2016-02-01")) == [{"month": "2016-04", "events": 1,
                                                                         "fatalities": 2}]


def test_precision_filter_keeps_places_at_least_that_precise(store: Store) -> None:
    assert sorted(r["id"] for r in store.event_rows(EventFilter(where_prec_max=2))) == ["a", "b"]
    assert store.count_events(EventFilter(where_prec_max=1)) == 1
    assert store.count_events(EventFilter(where_prec_max=None)) == 3
