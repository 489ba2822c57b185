"""Strikes on an actor count as its fighting only where it fights (issue 26).

The seed's French artillery on Islamic State positions at Qayyarah (2016-12-10), in the Mosul battle, is coded as
remote violence with IS as the target, so Iraq's December 2016 read as a quiet month of IS; UCDP codes such strikes
as state-based violence, IS a party. A strike on the actor now counts as a month of its fighting in a country where
it acted or fought in the 12 months up to the strike (or, ``tests/analysis/test_strike_dyads.py``, by a side that
fought it in that year); where neither holds (an actor only bombed there, by a side it never fought), it counts for
nothing, as before (``tests/analysis/test_roles.py``: a struck-only actor has no activity and no alerts)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from spillwatch.analysis import activity as act
from spillwatch.analysis import coverage as cv
from spillwatch.analysis.service import Insight, Who
from spillwatch.records import Actor, Event
from spillwatch.settings import load_settings
from spillwatch.store import Store, open_store
from tests.analysis.events_fixture import ISL, attack

FRA = Actor("FRA_MIL", "French military", "FRA", "MIL")
EGY = Actor("EGY_MIL", "Egyptian military", "EGY", "MIL")
DEC = 2016 * 12 + 11


def _strike(eid: str, iso3: str, day: date, by: Actor = FRA) -> Event:
    return replace(attack(eid, iso3, day, actor=by), targets=(ISL,), modes=("heavy-weapons",),
                   acled_type=act.REMOTE, acled_subtype="Shelling/artillery/missile attack")


def test_theatre_months_need_own_fighting_in_the_year_up_to_the_strike() -> None:
    assert act.theatre_months({2016 * 12 + 9}, {DEC, 2018 * 12}) == {DEC}
    assert act.theatre_months(set(), {DEC}) == set()
    assert act.theatre_months({DEC - 12}, {DEC}) == set()  # a year and a month before: no longer its theatre


@pytest.fixture
def insight() -> Iterator[Insight]:
    store: Store = open_store(":memory:")
    store.put_events([attack("a1", "IRQ", date(2016, 10, 17)), _strike("s1", "IRQ", date(2016, 12, 10)),
                      _strike("s2", "EGY", date(2016, 12, 11), EGY)])
    found = Insight(store, load_settings(db=":memory:"))
    windows = [cv.Window("ucdp", "ged.csv", c, date(2016, 1, 1), date(2016, 12, 31)) for c in ("IRQ", "EGY")]
    found.windows = lambda: windows  # type: ignore[method-assign]
    yield found
    store.close()


def test_a_strike_where_the_actor_fights_is_a_month_of_its_fighting(insight: Insight) -> None:
    rows = {r.country_iso3: r for r in insight.gaps(Who("ISL"), as_of=date(2016, 12, 1), watch=["IRQ", "EGY"])}
    assert "an event in 2 of the last 12 covered months" in rows["IRQ"].basis
    assert "struck where it fights: 2016-12" in rows["IRQ"].basis
    assert "an event in 0 of the last 12 covered months" in rows["EGY"].basis  # only bombed there: nothing
    panel, _ = insight.panel(Who("ISL"), "country", DEC)
    counts = {u: panel.counts[i, -1] for i, u in enumerate(panel.units)}
    assert counts["IRQ"] == 1 and counts.get("EGY", 0) == 0


def test_asked_roles_decide(insight: Insight) -> None:
    only = {r.country_iso3: r for r in insight.gaps(Who("ISL", roles=("perpetrator",)), as_of=date(2016, 12, 1),
                                                    watch=["IRQ"])}
    assert "an event in 1 of the last 12 covered months" in only["IRQ"].basis  # perpetrator alone: no strikes
    assert sum(r.events for r in insight.activity(Who("ISL"))) == 1  # activity counts what it did or fought in
