"""Map layers, continuous months, points and marks from facet rows and analysis results."""

from __future__ import annotations

from datetime import date
from typing import Any

from spillwatch.analysis.spread import Theatre
from spillwatch.geo.adm1keys import adm1_keys
from spillwatch.geo.choropleth import continuous_months, map_layers, map_marks, map_points


def _unit(iso3: str | None, code: str | None, name: str | None, events: int, deaths: int = 0) -> dict[str, Any]:
    return {"country_iso3": iso3, "adm1_code": code, "adm1_name": name, "events": events, "fatalities": deaths}


def test_layers_sum_codes_and_names_into_one_iso_unit() -> None:
    rows = [_unit("SYR", "SY.04", "Ar Raqqah", 3, 10),           # gazetteer code
            _unit("SYR", None, "Ar Raqqah Governorate", 2, 5),   # UCDP name
            _unit("SYR", "SY.07", "Dayr az Zawr", 1, 0),
            _unit("SYR", None, None, 4, 1),                      # country level only
            _unit("SYR", "SY.99", "Atlantis", 1, 0),              # no polygon
            _unit("IRQ", None, "Nineveh Governorate", 5, 7)]
    layers = map_layers(rows, adm1_keys(), {"SYR": "Syria"})
    adm1 = {u.key: (u.events, u.fatalities, u.country_iso3) for u in layers.adm1}
    assert adm1 == {"SY-RA": (5, 15, "SYR"), "SY-DY": (1, 0, "SYR"), "IQ-NI": (5, 7, "IRQ")}
    assert {u.key: (u.events, u.name) for u in layers.countries} == {"SYR": (11, "Syria"), "IRQ": (5, None)}
    assert (layers.events, layers.fatalities, layers.adm1_missing, layers.adm1_unkeyed) == (16, 23, 4, 1)
    assert sum(u.events for u in layers.adm1) + layers.adm1_missing + layers.adm1_unkeyed == layers.events


def test_months_are_continuous_with_empty_ones_at_zero() -> None:
    rows = [{"month": "2016-11", "events": 2, "fatalities": 3}, {"month": "2017-02", "events": 1, "fatalities": 0}]
    months = continuous_months(rows)
    assert [(m.month, m.events) for m in months] == [("2016-11", 2), ("2016-12", 0), ("2017-01", 0), ("2017-02", 1)]
    assert months[0].fatalities == 3
    wider = continuous_months(rows, "2016-10-15", "2017-03-31")
    assert (wider[0].month, wider[-1].month, len(wider)) == ("2016-10", "2017-03", 6)
    assert continuous_months([]) == ()
    assert continuous_months(rows, "2018-01-01", "2017-01-01") == ()


def test_points_keep_rows_with_coordinates() -> None:
    rows: list[dict[str, Any]] = [
            {"id": "a", "date_start": date(2016, 1, 2), "type": "ASSAULT", "place_name": "Raqqa", "country_iso3": "SYR",
             "lat": 35.95, "lon": 39.01, "where_prec": 1, "fatalities_best": 2.0, "n_mentions": 3},
            {"id": "b", "date_start": None, "type": "ASSAULT", "lat": None, "lon": None, "n_mentions": 1}]
    points = map_points(rows)
    assert [(p.id, p.date, p.lat, p.fatalities, p.reports) for p in points] == [("a", "2016-01-02", 35.95, 2, 3)]


def _theatre(level: str, iso3: str, code: str | None, origin: bool) -> Theatre:
    return Theatre(level=level, unit=f"{iso3}:{code}" if code else iso3, country_iso3=iso3, adm1_code=code,  # type: ignore[arg-type]
                   adm1_name=None, first_date=date(2016, 1, 1), first_event_id="e", first_event_type="ASSAULT",
                   first_place=None, first_sources="", events=1, origin=origin, diffused_from=())


def test_marks_name_new_theatres_and_quiet_countries_at_risk() -> None:
    theatres = [_theatre("country", "SYR", None, True), _theatre("country", "LBN", None, False),
                _theatre("adm1", "SYR", "SY.04", True), _theatre("adm1", "SYR", "SY.07", False),
                _theatre("adm1", "SYR", "SY.99", False)]
    risk = [{"unit": "JOR", "risk": 0.7, "own_3": 0.0, "drivers": "nb_3=4"},
            {"unit": "IRQ", "risk": 0.9, "own_3": 12.0, "drivers": "own_3=12"},  # already fighting: not a mark
            {"unit": "TUR", "risk": 0.2, "own_3": 0.0, "drivers": ""}]
    marks = map_marks("Islamic State", theatres, risk, adm1_keys(), 0.5)
    assert marks.new_countries == ("LBN",)
    assert marks.new_adm1 == ("SY-DY",)
    assert [(r.country_iso3, r.risk) for r in marks.at_risk] == [("JOR", 0.7)]
    assert map_marks("x", [], risk, adm1_keys(), 0.1).at_risk[-1].country_iso3 == "TUR"
