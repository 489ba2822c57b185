"""Coverage windows per origin, judging only inside them, and events two origins both report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spillwatch.analysis import coverage as cv
from spillwatch.analysis.service import Who
from spillwatch.api import Spillwatch
from spillwatch.geo import adm1
from spillwatch.records import Event
from spillwatch.settings import load_settings
from tests.analysis.events_fixture import attack, place

GED_COLUMNS = ("id,type_of_violence,side_a,side_b,date_start,date_end,date_prec,country,adm_1,"
               "where_coordinates,latitude,longitude,where_prec,best")


def _ged(tmp_path: object, rows: list[str]) -> str:
    path = f"{tmp_path}/ged.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(GED_COLUMNS + "\n" + "\n".join(rows) + "\n")
    return path


def _row(n: int, day: date, gov: str) -> str:
    return f"{n},3,IS,Civilians,{day},{day},1,Syria,{gov} Governorate,a village,35.0,38.0,1,2"


def test_import_records_the_files_window_and_spread_never_calls_its_start_new(tmp_path: object) -> None:
    start = date(2016, 1, 1)
    rows = [_row(1, start, "Aleppo"), _row(2, start + timedelta(days=3), "Homs"),
            _row(3, date(2016, 9, 1), "Aleppo"), _row(4, date(2017, 5, 2), "Daraa"),
            _row(5, date(2017, 6, 30), "Idlib")]
    with Spillwatch(settings=load_settings(db=":memory:")) as sw:
        sw.import_events("ucdp", _ged(tmp_path, rows))
        assert [(w.origin, w.country_iso3, w.date_from, w.date_to) for w in sw.coverage()] == [
            ("ucdp", "SYR", date(2016, 1, 1), date(2017, 6, 30))]
        theatres = {t.unit: t for t in sw.spread("ISL", "adm1", origin_days=0).theatres}
    assert theatres["SYR:SY-HL"].status == "origin"  # the actor's very first event
    assert theatres["SYR:SY-HI"].status == "coverage start"  # three days into the file: nothing to compare
    assert theatres["SYR:SY-DR"].new and theatres["SYR:SY-DR"].window == "ucdp SYR 2016-01-01..2017-06-30"
    assert theatres["SYR:SY-ID"].new


def _coded(eid: str, day: date, code: str | None) -> Event:
    return replace(attack(eid, "SYR", day), place=replace(place("SYR"), adm1_code=code))


def test_an_event_two_origins_report_is_linked_and_counted_once(tmp_path: object) -> None:
    day = date(2017, 3, 2)
    with Spillwatch(settings=load_settings(db=":memory:")) as sw:
        sw.import_events("ucdp", _ged(tmp_path, [_row(9, day, "Ar Raqqah")]))
        sw.store.put_events([_coded("same", day, adm1.from_geonames("SY.04")),  # the same attack, from the news
                             _coded("other-day", day + timedelta(days=1), "SY-RA"),
                             _coded("other-place", day, "SY-HL")])
        assert [(r.event_id, r.linked_to) for r in sw.links()] == [("same", "ucdp-9")]
        rows = sw.activity("ISL", "adm1")
        assert sum(r.events for r in rows) == 3
        by_unit = {r.adm1_code: r.events for r in rows}
        assert by_unit == {"SY-RA": 2, "SY-HL": 1}
        assert sum(r.events for r in sw.activity("ISL", "adm1", origin="spillwatch")) == 3  # one origin: all
        assert sw.insight.activity(Who("ISL"), "adm1") == rows


def test_quiet_spell_counts_only_when_covered() -> None:
    w = cv.Window("ucdp", "f", "SYR", date(2016, 1, 1), date(2016, 12, 31))
    assert cv.covered_span([w], "SYR", date(2016, 2, 1), date(2016, 11, 1)) == w
    assert cv.covered_span([w], "SYR", date(2015, 2, 1), date(2016, 11, 1)) is None
    assert cv.covered_span([w], "IRQ", date(2016, 2, 1), date(2016, 3, 1)) is None  # Iraq is not in the file
