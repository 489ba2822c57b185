"""The map's REST endpoints: ADM1 polygons, choropleth layers, continuous timeline, precise points, marks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from spillwatch.serve.app import create_app
from spillwatch.settings import load_settings
from tests.serve.map_seed import seed_map_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("map") / "m.duckdb"
    seed_map_store(db)
    with TestClient(create_app(load_settings(db=str(db)))) as c:
        yield c


def test_adm1_polygons_are_served_as_topojson(client: TestClient) -> None:
    r = client.get("/api/geo/adm1")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    topo = r.json()
    assert topo["type"] == "Topology"
    ids = {g["id"] for g in topo["objects"]["adm1"]["geometries"]}
    assert {"SY-RA", "SY-DY", "IQ-NI", "LB-BA"} <= ids


def test_layers_key_units_by_iso_and_add_up(client: TestClient) -> None:
    body = client.get("/api/map/layers").json()
    adm1 = {u["key"]: (u["events"], u["fatalities"]) for u in body["adm1"]}
    assert adm1 == {"SY-RA": (3, 6), "SY-DY": (2, 4), "IQ-NI": (1, 5)}
    assert {u["key"]: u["events"] for u in body["countries"]} == {"SYR": 5, "IRQ": 1, "LBN": 1}
    total = client.get("/api/events").json()["total"]
    assert body["events"] == total == 7
    assert body["fatalities"] == 15
    assert body["adm1_missing"] == 1 and body["adm1_unkeyed"] == 0
    dated = client.get("/api/map/layers", params={"from": "2016-03-01", "to": "2016-03-31"}).json()
    assert {u["key"]: u["events"] for u in dated["adm1"]} == {"SY-DY": 2}


def test_timeline_is_continuous_with_empty_months_at_zero(client: TestClient) -> None:
    items = client.get("/api/map/timeline").json()["items"]
    assert [(m["month"], m["events"]) for m in items] == [
        ("2016-01", 3), ("2016-02", 0), ("2016-03", 2), ("2016-04", 0), ("2016-05", 0), ("2016-06", 2)]
    assert [m["fatalities"] for m in items] == [6, 0, 4, 0, 0, 5]
    iraq = client.get("/api/map/timeline", params={"country": "IRQ", "from": "2016-05-01", "to": "2016-08-31"}).json()
    assert [(m["month"], m["events"]) for m in iraq["items"]] == [
        ("2016-05", 0), ("2016-06", 1), ("2016-07", 0), ("2016-08", 0)]


def test_points_are_only_the_precisely_placed_events(client: TestClient) -> None:
    body = client.get("/api/map/points").json()
    items = body["items"]
    assert body["total"] == 4
    assert [p["id"] for p in items] == ["m4", "m3", "m2", "m1"]  # most deaths first; m5, m6 are ADM1-level
    assert all(p["precision"] <= 2 for p in items)
    two = client.get("/api/map/points", params={"n": 2}).json()
    assert [p["id"] for p in two["items"]] == ["m4", "m3"] and two["total"] == 4
    assert client.get("/api/map/points", params={"n": 0}).status_code == 422


def test_marks_list_theatres_and_risk(client: TestClient) -> None:
    body = client.get("/api/map/marks", params={"actor": "ISL"}).json()
    assert body["actor"] == "Islamic State" and body["threshold"] == 0.5
    assert set(body["new_countries"]) <= {"IRQ", "LBN"}
    assert "IRQ" in body["new_countries"]  # first seen in June, months after the origin window
    assert set(body["new_adm1"]) == {"SY-DY", "IQ-NI"}
    assert all(r["risk"] >= 0.5 for r in body["at_risk"])
    assert client.get("/api/map/marks", params={"threshold": 2}).status_code == 422
