"""REST API: reads, filters, problem details, token checks, upload limits, exports."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from spillwatch.records import (
    Actor,
    Argument,
    Article,
    Block,
    DateInfo,
    Event,
    EventMention,
    Place,
    RawItem,
    Span,
)
from spillwatch.serve.app import create_app
from spillwatch.settings import load_settings
from spillwatch.store import open_store

TOKEN = "s3cret-token"
ISL = Actor("ISL", "Islamic State", "IMG", "REB")
LBN = Actor("LBN_MIL", "Lebanon military", "LBN", "MIL")
PAYLOAD = 'Attack <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> in Qaa.'


def _seed(db: Path) -> str:
    store = open_store(str(db))
    art = Article(raw_id="r1", source="t.txt", blocks=(Block("title", "Qaa attack"), Block("body", PAYLOAD)),
                  published=DateInfo(date(2016, 6, 27), "metadata"), outlet="Test Wire")
    store.put_article(art, RawItem(source="t.txt", data=PAYLOAD.encode(), kind="text"))
    body_start = len("Qaa attack\n\n")
    m = EventMention(article_id=art.id, type="ASSAULT", trigger=Span(body_start, body_start + 6), trigger_text="Attack",
                     sentence=Span(body_start, len(art.text)), sources=(ISL,), targets=(LBN,),
                     arguments=(Argument("place", Span(len(art.text) - 4, len(art.text) - 1), "Qaa"),),
                     place=Place(Span(0, 3), "Qaa", name="Al Qaa", country_iso3="LBN", lat=34.35, lon=36.47),
                     place_text="Qaa")
    store.put_mentions([m])
    ev = Event(id="ev1", type="ASSAULT", modes=("suicide-attack",), sources=(ISL,), targets=(LBN,),
               date_start=date(2016, 6, 27), date_end=date(2016, 6, 27), date_precision="day", place=m.place,
               fatalities=None, acled_type="Explosions/Remote violence", acled_subtype="Suicide bomb",
               mention_ids=(m.id,), article_ids=(art.id,), outlets=("Test Wire",))
    store.put_events([ev])
    store.close()
    return art.id


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "t.duckdb"
    _seed(db)
    app = create_app(load_settings(db=str(db), api_token=TOKEN, max_upload_bytes=2000, open_reads=True))
    with TestClient(app) as c:
        yield c


def test_events_filters_and_paging(client: TestClient) -> None:
    body = client.get("/api/events", params={"actor": "ISL", "country": "LBN"}).json()
    assert body["total"] == 1 and body["items"][0]["id"] == "ev1"
    assert client.get("/api/events", params={"country": "JOR"}).json()["total"] == 0
    assert client.get("/api/events", params={"bbox": "30,30,40,40", "from": "2016-06-01"}).json()["total"] == 1


def test_event_detail_has_text_and_spans(client: TestClient) -> None:
    body = client.get("/api/events/ev1").json()
    m = body["mentions"][0]
    assert m["text"].endswith(PAYLOAD)  # stored verbatim; the UI renders it as text
    roles = {s["role"] for s in m["spans"]}
    assert roles == {"trigger", "place"}
    assert m["text"][m["spans"][0]["start"]:m["spans"][0]["end"]] == "Attack"
    (join,) = body["joins"]  # one mention: it joined nothing
    assert join["mention_id"] == m["id"] and join["rule"] == "alone" and join["partner_id"] is None


def test_problem_details(client: TestClient) -> None:
    r = client.get("/api/events/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    r = client.get("/api/events", params={"limit": 100000})
    assert r.status_code == 422 and r.json()["status"] == 422
    r = client.get("/api/events", params={"bbox": "1,2,3"})
    assert r.status_code == 400


def test_sql_injection_is_inert(client: TestClient) -> None:
    r = client.get("/api/events", params={"q": "'; DROP TABLE events; --", "country": "LBN"})
    assert r.status_code == 200 and r.json()["total"] == 0
    r = client.get("/api/events", params={"actor": "x' OR '1'='1"})  # an unknown actor: refused, naming it
    assert r.status_code == 400 and "unknown actor" in r.json()["detail"]
    assert client.get("/api/events").json()["total"] == 1


def test_write_needs_token(client: TestClient) -> None:
    files = {"files": ("a.txt", b"Some text.", "text/plain")}
    assert client.post("/api/ingest", files=files).status_code == 401
    assert client.post("/api/ingest", files=files, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_upload_size_limit(client: TestClient) -> None:
    files = {"files": ("a.txt", b"x" * 5000, "text/plain")}
    r = client.post("/api/ingest", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413


def test_writes_disabled_without_configured_token(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    _seed(db)
    with TestClient(create_app(load_settings(db=str(db)))) as c:
        r = c.post("/api/ingest", data={"url": "https://example.org/"}, headers={"Authorization": "Bearer "})
        assert r.status_code == 403


def test_reads_can_require_token(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    _seed(db)
    app = create_app(load_settings(db=str(db), api_token=TOKEN, read_token_required=True))
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_exports(client: TestClient, tmp_path: Path) -> None:
    geo = client.get("/api/export/events.geojson").json()
    assert geo["features"][0]["geometry"]["coordinates"] == [36.47, 34.35]
    csv_text = client.get("/api/export/events.csv").text
    assert csv_text.splitlines()[0].startswith("id,") and "ev1" in csv_text
    pq_path = tmp_path / "e.parquet"
    pq_path.write_bytes(client.get("/api/export/events.parquet").content)
    assert pq.read_table(pq_path).num_rows == 1
    assert client.get("/api/export/events.xlsx").status_code == 400


def test_openapi_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"]
    assert json.dumps(spec)
