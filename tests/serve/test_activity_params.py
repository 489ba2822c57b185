"""/api/activity takes the dashboard's country and date-range filters (it used to ignore them)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.serve.test_rest import client  # noqa: F401  (fixture: the seeded store, one ISL event in LBN)


def _events(client: TestClient, **params: str) -> int:  # noqa: F811
    body = client.get("/api/activity", params={"actor": "ISL", "level": "country", **params}).json()
    return sum(r["events"] for r in body["items"])


def test_activity_country_and_month_filters(client: TestClient) -> None:  # noqa: F811
    assert _events(client) == 1
    assert _events(client, country="LBN", **{"from": "2016-06-01", "to": "2016-06-30"}) == 1
    assert _events(client, country="SYR") == 0
    assert _events(client, **{"from": "2016-07-01"}) == 0
    assert _events(client, **{"to": "2016-06-26"}) == 0


def test_activity_reads_names_and_months_and_rejects_malformed_filters(client: TestClient) -> None:  # noqa: F811
    assert _events(client, country="lbn", **{"from": "2016-06", "to": "2016-06"}) == 1
    assert _events(client, country="Lebanon") == 1
    assert client.get("/api/activity", params={"from": "June 2016"}).status_code == 400
    assert client.get("/api/activity", params={"country": "Narnia"}).status_code == 400
