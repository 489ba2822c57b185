"""Mixed origins share one ADM1 key: a governorate is one row whatever reported its events."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spillwatch.analysis.service import Insight, Who
from spillwatch.geo import adm1
from spillwatch.importers import ucdp
from spillwatch.settings import load_settings
from spillwatch.store import open_store
from tests.analysis.events_fixture import attack, place


def test_mixed_origin_activity_by_adm1_is_one_row_per_governorate() -> None:
    row = {"id": "7", "type_of_violence": "3", "side_a": "IS", "side_b": "Civilians", "date_start": "2017-03-02",
           "date_end": "2017-03-02", "country": "Syria", "date_prec": "1", "adm_1": "Ar Raqqah Governorate",
           "where_coordinates": "Raqqa town", "latitude": "35.95", "longitude": "39.01", "where_prec": "1"}
    imported = ucdp.event_from_row(row, "t#row1")
    coded_place = replace(place("SYR"), adm1_code=adm1.from_geonames("SY.04"), adm1_name="Raqqa")
    coded = replace(attack("c1", "SYR", date(2017, 3, 20)), place=coded_place)
    store = open_store(":memory:")
    store.put_events([coded])
    store.import_events([imported])
    rows = Insight(store, load_settings(db=":memory:")).activity(Who("ISL"), "adm1")
    assert [(r.adm1_code, r.events) for r in rows] == [("SY-RA", 2)]
    store.close()
