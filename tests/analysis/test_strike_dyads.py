"""A strike by a side at war with the group, where the group had not acted (issue 26: one role model for every origin).

UCDP codes a state's strike on IS as state-based violence of that state's conflict with IS wherever it falls (GED
Syria holds 64 events of "Government of Iraq - IS" in Syria): both sides parties. ACLED and coded news code the strike
as remote violence with IS the target. So that the three origins give the same threat, a strike counts as a month of
the group's fighting where the striking side had fought the group in the 12 months up to it (here: the United States,
whose strike in Iraq fell in the Mosul battle), and still for nothing where neither the group acted nor the striker
had fought it (Egypt's strike at Arish)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from spillwatch.analysis import strikes
from spillwatch.analysis.activity import Scope
from spillwatch.analysis.service import Insight, Who
from spillwatch.importers import acled, ucdp
from spillwatch.records import Event, Place, Span
from spillwatch.settings import load_settings
from spillwatch.store import open_store
from tests.analysis.events_fixture import ISL
from tests.analysis.test_strike_origins import ACLED, ACLED_ROWS, GED, UCDP_ROWS, USA_MIL, _news, insight_of

RAQQA = {"country": "Syria", "iso": "760", "admin1": "Ar Raqqa", "location": "Raqqa", "latitude": "35.95",
         "longitude": "39.01"}
SYRIA_ACLED = {**ACLED, **RAQQA, "event_id_cnty": "SYR1", "event_date": "2016-12-20",
               "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
               "actor1": "Military Forces of the United States", "inter1": "8"}
SYRIA_GED = {**GED, "id": "3", "country": "Syria", "adm_1": "Ar Raqqa governorate", "latitude": "35.95",
             "longitude": "39.01", "where_coordinates": "Raqqa town", "date_start": "2016-12-20",
             "date_end": "2016-12-20", "side_a": "Government of United States of America"}


def _news_syria() -> list[Event]:
    strike = _news()[1]
    raqqa = Place(Span(0, 5), "Raqqa", name="Raqqa", country_iso3="SYR", adm1_code="SY.04", adm1_name="Raqqa",
                  lat=35.95, lon=39.01, precision=1)
    return [*_news(), replace(strike, id="n4", sources=(USA_MIL,), targets=(ISL,), place=raqqa,
                              date_start=date(2016, 12, 20), date_end=date(2016, 12, 20))]


ORIGINS = {"acled": lambda: [acled.event_from_row(r, f"t#row{i}") for i, r in
                             enumerate([*ACLED_ROWS, SYRIA_ACLED], 1)],
           "ucdp": lambda: [ucdp.event_from_row(r, f"t#row{i}") for i, r in enumerate([*UCDP_ROWS, SYRIA_GED], 1)],
           "news": _news_syria}


@pytest.fixture(params=sorted(ORIGINS))
def told(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Insight]]:
    for insight in insight_of(ORIGINS[request.param](), ("IRQ", "EGY", "SYR"), monkeypatch):
        yield request.param, insight


def test_a_strike_by_a_side_at_war_with_the_group_counts_the_same_from_every_origin(told: tuple[str, Insight]
                                                                                     ) -> None:
    origin, insight = told
    rows = {r.country_iso3: r for r in insight.gaps(Who("ISL"), as_of=date(2016, 12, 1), watch=["IRQ", "EGY", "SYR"])}
    assert "an event in 1 of the last 12 covered months" in rows["SYR"].basis, (origin, rows["SYR"].basis)
    assert rows["SYR"].threat == pytest.approx(2 / 14, abs=1e-4)
    assert "an event in 2 of the last 12 covered months" in rows["IRQ"].basis, origin  # unchanged
    if origin != "ucdp":
        assert "an event in 0 of the last 12 covered months" in rows["EGY"].basis  # Egypt never fought it: nothing


def test_the_risk_panel_counts_the_same_strikes(told: tuple[str, Insight]) -> None:
    origin, insight = told
    panel, _ = insight.panel(Who("ISL"), "country", 2016 * 12 + 11)  # as of 2016-12
    dec = 2016 * 12 + 11 - panel.first
    counts = {u: int(panel.counts[i, dec]) for i, u in enumerate(panel.units)}
    assert counts["SYR"] == 1 and counts.get("EGY", 0) == 0, origin


def test_why_each_strike_counts_and_no_chains() -> None:
    store = open_store(":memory:")
    try:
        store.put_events(_news_syria())
        side = Insight(store, load_settings(db=":memory:")).side()
        found = strikes.counted_strikes(store.query, Scope(actor_ids=("ISL",)), "country", side)
        alone = strikes.counted_strikes(store.query, Scope(actor_ids=("ISL",)))  # each actor id its own side
    finally:
        store.close()
    assert [(s.unit, s.why) for s in found] == [("IRQ", "theatre"), ("SYR", "dyad USA")]  # not Egypt's
    assert [(s.unit, s.why) for s in alone] == [("IRQ", "theatre"), ("SYR", "dyad USA_MIL")]
    assert side("USA_GOV") == side("USA_MIL") == "USA" and side("ISL") == "ISL"
