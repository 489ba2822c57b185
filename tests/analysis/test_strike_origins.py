"""A strike on the group's fighters, told by ACLED, UCDP and coded news (README "Roles", issue 26).

ACLED's users count an actor's events as those where it is actor1 OR actor2 (here: ``--role any``); an air strike on
IS is ACLED "Explosions/Remote violence" with IS as actor2, and coded news codes it the same way: IS is the target
(issue 16: what was done to it is not its violence, and an actor only ever bombed has no activity and no alerts).
UCDP codes a strike on IS inside the conflict it fights as state-based violence, both sides parties. So that the three
origins give the same threat, a strike on the group counts as a month of its fighting where it acted or fought in
the 12 months up to the strike (UCDP's view of a dyad's year), and for nothing where it did not."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date

import pytest

from spillwatch.analysis import coverage as cv
from spillwatch.analysis.service import Insight, Who
from spillwatch.importers import acled, ucdp
from spillwatch.records import Actor, Event
from spillwatch.settings import load_settings
from spillwatch.store import open_store
from tests.analysis.events_fixture import ISL, attack

IRQ_MIL = Actor("IRQ_MIL", "Iraq military", "IRQ", "MIL")
USA_MIL = Actor("USA_MIL", "United States military", "USA", "MIL")
EGY_MIL = Actor("EGY_MIL", "Egypt military", "EGY", "MIL")
ACLED = {"time_precision": "1", "geo_precision": "1", "inter2": "2", "actor2": "Islamic State (Iraq)"}
MOSUL = {"country": "Iraq", "iso": "368", "admin1": "Ninewa", "location": "Mosul", "latitude": "36.34",
         "longitude": "43.13"}
ARISH = {"country": "Egypt", "iso": "818", "admin1": "North Sinai", "location": "Arish", "latitude": "31.13",
         "longitude": "33.80"}
ACLED_ROWS = [
    {**ACLED, **MOSUL, "event_id_cnty": "IRQ1", "event_date": "2016-10-17", "event_type": "Battles",
     "sub_event_type": "Armed clash", "actor1": "Military Forces of Iraq (2014-)", "inter1": "1"},
    {**ACLED, **MOSUL, "event_id_cnty": "IRQ2", "event_date": "2016-12-10", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Air/drone strike", "actor1": "Military Forces of the United States", "inter1": "8"},
    {**ACLED, **ARISH, "event_id_cnty": "EGY1", "event_date": "2016-12-11", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Air/drone strike", "actor1": "Military Forces of Egypt (2014-)", "inter1": "1"}]
GED = {"country": "Iraq", "date_prec": "1", "adm_1": "Nineveh governorate", "where_prec": "1", "latitude": "36.34",
       "longitude": "43.13", "where_coordinates": "Mosul town", "type_of_violence": "1", "side_a": "Government of Iraq",
       "side_b": "IS"}
UCDP_ROWS = [{**GED, "id": "1", "date_start": "2016-10-17", "date_end": "2016-10-17"},
             {**GED, "id": "2", "date_start": "2016-12-10", "date_end": "2016-12-10"}]  # the strike, as UCDP codes it


def _news() -> list[Event]:
    """The same three events as the coder codes them: a clash with an armed side is a battle, an air strike remote
    violence with IS as the target."""
    battle = replace(attack("n1", "IRQ", date(2016, 10, 17), actor=IRQ_MIL), targets=(ISL,), modes=("small-arms",),
                     acled_type="Battles", acled_subtype="Armed clash")
    strike = replace(attack("n2", "IRQ", date(2016, 12, 10), actor=USA_MIL), targets=(ISL,), modes=("aerial",),
                     acled_type="Explosions/Remote violence", acled_subtype="Air/drone strike")
    arish = attack("x", "EGY", date(2016, 12, 11)).place
    return [battle, strike, replace(strike, id="n3", sources=(EGY_MIL,), place=arish, date_start=date(2016, 12, 11),
                                    date_end=date(2016, 12, 11))]


ORIGINS = {"acled": lambda: [acled.event_from_row(r, f"t#row{i}") for i, r in enumerate(ACLED_ROWS, 1)],
           "ucdp": lambda: [ucdp.event_from_row(r, f"t#row{i}") for i, r in enumerate(UCDP_ROWS, 1)],
           "news": _news}


def insight_of(events: list[Event], countries: Sequence[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[Insight]:
    """A store of ``events`` whose countries a file covers through 2016."""
    store = open_store(":memory:")
    store.put_events(events)
    windows = [cv.Window("test", "a file covering 2016", c, date(2016, 1, 1), date(2016, 12, 31)) for c in countries]
    monkeypatch.setattr(cv, "windows", lambda query: windows)
    yield Insight(store, load_settings(db=":memory:"))
    store.close()


@pytest.fixture(params=sorted(ORIGINS))
def told(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Insight]]:
    for insight in insight_of(ORIGINS[request.param](), ("IRQ", "EGY"), monkeypatch):
        yield request.param, insight


def test_a_strike_where_the_group_fights_counts_the_same_from_every_origin(told: tuple[str, Insight]) -> None:
    origin, insight = told
    rows = {r.country_iso3: r for r in insight.gaps(Who("ISL"), as_of=date(2016, 12, 1), watch=["IRQ", "EGY"])}
    assert "an event in 2 of the last 12 covered months" in rows["IRQ"].basis, origin
    assert rows["IRQ"].threat == pytest.approx(3 / 14, abs=1e-4)
    if origin != "ucdp":  # a strike where it never acted or fought: nothing (UCDP has no such row: a party or none)
        assert "an event in 0 of the last 12 covered months" in rows["EGY"].basis
        assert [r.country_iso3 for r in insight.activity(Who("ISL"))] == ["IRQ"]  # its violence: the battle only
        assert sum(r.events for r in insight.activity(Who("ISL", roles=("perpetrator", "party", "target")))) == 3


def test_the_struck_side_is_a_target_and_any_role_is_actor1_or_actor2() -> None:
    strike = acled.event_from_row(ACLED_ROWS[1], "t#row2")
    assert [a.id for a in strike.actors_in("target")] == ["ISL"] and strike.actors_in("party") == ()
    news = _news()[1]
    assert [a.id for a in news.actors_in("target")] == ["ISL"] and news.actors_in("party") == ()
