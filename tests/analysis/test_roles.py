"""Actor roles: an actor's violence counts what it did or fought in, never what was done to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest

from spillwatch.analysis import activity as act
from spillwatch.analysis.service import Insight, Who, actor_family
from spillwatch.errors import ConfigError
from spillwatch.importers import acled, ucdp
from spillwatch.records import Actor
from spillwatch.settings import load_settings
from spillwatch.store import Store, open_store
from tests.analysis.events_fixture import ISL, attack

USA = Actor("USA_MIL", "United States military", "USA", "MIL")
SITES = ("IRQ", "SYR", "TUR", "JOR", "LBN", "EGY")


def air_strike(eid: str, iso3: str, day: date) -> object:
    """The US strikes IS: IS is only the target."""
    return replace(attack(eid, iso3, day, actor=USA), targets=(ISL,), modes=("aerial",),
                   acled_type="Explosions/Remote violence", acled_subtype="Air/drone strike")


@pytest.fixture
def struck() -> Iterator[Store]:
    """A store where IS is only ever struck by air strikes: Iraq for 230 days, then six countries in turn."""
    s = open_store(":memory:")
    start = date(2016, 1, 5)
    s.put_events([air_strike(f"s{i}", SITES[0 if i < 10 else i % len(SITES)],  # type: ignore[misc]
                             start + timedelta(days=23 * i)) for i in range(30)])
    yield s
    s.close()


def _insight(store: Store) -> Insight:
    return Insight(store, load_settings(db=":memory:"))


def test_struck_only_actor_has_no_activity_and_no_alerts(struck: Store) -> None:
    insight = _insight(struck)
    assert insight.activity(Who("ISL")) == []
    assert insight.spread(Who("ISL")).theatres == ()
    assert insight.risk(Who("ISL")) == []
    assert insight.alerts(Who("ISL"), threshold=0.0) == []


def test_role_target_counts_every_strike(struck: Store) -> None:
    insight = _insight(struck)
    rows = insight.activity(Who("ISL", roles=("target",)))
    assert sum(r.events for r in rows) == 30
    assert {r.country_iso3 for r in rows} == set(SITES)
    alerts = insight.alerts(Who("ISL", roles=("target",)), threshold=1.1)
    assert alerts and all("as target" in a.message or "(target)" in a.message for a in alerts)
    assert sum(r.events for r in insight.activity(Who("USA_MIL"))) == 30  # the striker is the perpetrator


def test_roles_combine_and_any_means_all() -> None:
    assert act.parse_roles([]) == ("perpetrator", "party")
    assert act.parse_roles(["target", "party"]) == ("party", "target")
    assert act.parse_roles(["perpetrator,target"]) == ("perpetrator", "target")
    assert act.parse_roles(["any"]) == ("perpetrator", "party", "target")
    with pytest.raises(ConfigError, match="victim"):
        act.parse_roles(["victim"])


def test_ucdp_roles_by_type_of_violence() -> None:
    row = {"id": "1", "type_of_violence": "1", "side_a": "Government of Syria", "side_b": "IS",
           "date_start": "2017-01-02", "date_end": "2017-01-02", "country": "Syria", "date_prec": "1"}
    battle = ucdp.event_from_row(row, "t#row1")
    assert {a.id for a in battle.actors_in("party")} == {"SYR_GOV", "ISL"}
    assert battle.actors_in("perpetrator") == () and battle.actors_in("target") == ()
    one_sided = ucdp.event_from_row({**row, "type_of_violence": "3", "side_a": "IS", "side_b": "Civilians"}, "t#r2")
    assert [a.id for a in one_sided.actors_in("perpetrator")] == ["ISL"]
    assert [a.name for a in one_sided.actors_in("target")] == ["Civilians"] and one_sided.parties == ()


def test_acled_air_strike_target_is_struck_battle_sides_are_parties() -> None:
    row = {"event_id_cnty": "SYR1", "event_date": "2017-03-04", "event_type": "Explosions/Remote violence",
           "sub_event_type": "Air/drone strike", "actor1": "Military Forces of the United States",
           "actor2": "Islamic State (Iraq and the Levant)", "country": "Syria"}
    strike = acled.event_from_row(row, "t#row1")
    assert [a.id for a in strike.actors_in("target")] == ["ISL"] and strike.parties == ()
    battle = acled.event_from_row({**row, "event_type": "Battles", "sub_event_type": "Armed clash"}, "t#row2")
    assert "ISL" in {a.id for a in battle.actors_in("party")} and battle.actors_in("target") == ()


def test_store_keeps_roles_and_role_filter_is_sql(struck: Store) -> None:
    row = struck.query("SELECT perpetrator_ids, party_ids, target_ids FROM events WHERE id = 's0'")[0]
    assert row == {"perpetrator_ids": "USA_MIL", "party_ids": "", "target_ids": "ISL"}


def test_isis_is_the_islamic_state_alone_unless_affiliates_asked() -> None:
    settings = load_settings(db=":memory:")
    ids, name, family = actor_family(settings, "ISIS")
    assert ids == ("ISL",) and name == "Islamic State" and family == ()
    _, _, family = actor_family(settings, "ISIS", affiliates=True)
    held = {a.actor_id: (a.date_from, a.date_to) for a in family}
    assert held["ISL_WAP"][0] == "2015-03-07" and held["MAUTE"] == ("2015-04-01", "2017-10-23")
    assert all(a.date_from for a in family)  # every affiliation has the day it began


def test_affiliate_counts_only_while_affiliation_held() -> None:
    from tests.analysis.events_fixture import PROV

    s = open_store(":memory:")
    s.put_events([attack("before", "EGY", date(2013, 6, 1), actor=PROV), attack("after", "EGY", date(2017, 6, 1),
                                                                               actor=PROV)])
    insight = _insight(s)
    assert insight.activity(Who("ISL")) == []
    rows = insight.activity(Who("ISL", affiliates=True))
    assert [r.period for r in rows] == [date(2017, 6, 1)]  # Sinai Province pledged in November 2014
    s.close()
