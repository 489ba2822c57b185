"""REST security (issue 13 items 4-6, issue 17 item 4): no server paths, closed reads, names, CSV formulas."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spillwatch.api import EventFilter, Spillwatch
from spillwatch.serve.app import create_app
from spillwatch.settings import load_settings
from spillwatch.store import open_store
from tests.analysis.events_fixture import attack
from tests.serve.test_rest import TOKEN, _seed

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "t.duckdb"
    _seed(path)
    return str(path)


@pytest.mark.parametrize("url", ["/etc", "/etc/passwd", "file:///etc/passwd", "./", "corpus/txt", "~/x.html",
                                 "ftp://example.org/a.txt", "C:\\Windows\\win.ini"])
def test_ingest_refuses_server_paths(db: str, tmp_path: Path, url: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("BEIRUT, June 27 - A server-side secret that must never be read.", encoding="utf-8")
    for target in (url, str(secret), str(tmp_path)):
        with TestClient(create_app(load_settings(db=db, api_token=TOKEN))) as c:
            r = c.post("/api/ingest", data={"url": target}, headers=AUTH)
            assert r.status_code == 400 and "http(s)" in r.json()["detail"], r.text
            assert all("secret" not in a["title"] for a in c.get("/api/articles", headers=AUTH).json())
    store = open_store(db)
    assert len(store.article_rows()) == 1  # the seeded one only
    store.close()


def test_reads_need_the_token_once_one_is_set(db: str) -> None:
    with TestClient(create_app(load_settings(db=db, api_token=TOKEN))) as c:
        for path in ("/api/events", "/api/articles", "/api/actors", "/api/export/events.csv", "/api/activity"):
            assert c.get(path).status_code == 401, path
            assert c.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401, path
            assert c.get(path, headers=AUTH).status_code == 200, path
        assert c.get("/api/health").status_code == 200
    with TestClient(create_app(load_settings(db=db, api_token=TOKEN, open_reads=True))) as c:  # the opt-out
        assert c.get("/api/events").status_code == 200
        assert c.post("/api/ingest", data={"url": "https://example.org/"}).status_code == 401
    with TestClient(create_app(load_settings(db=db))) as c:  # no token: reads open, writes closed
        assert c.get("/api/events").status_code == 200


def test_filters_take_aliases_names_and_months(db: str) -> None:
    with TestClient(create_app(load_settings(db=db))) as c:
        for params in ({"actor": "ISIS"}, {"actor": "Daesh"}, {"country": "lbn"}, {"country": "Lebanon"},
                       {"from": "2016-06", "to": "2016-06"}, {"from": "2016"}):
            assert c.get("/api/events", params=params).json()["total"] == 1, params
        assert c.get("/api/events", params={"to": "2016-05"}).json()["total"] == 0
        for params, says in (({"actor": "Daesj"}, "did you mean Daesh"), ({"country": "Lebanno"}, "Lebanon"),
                             ({"from": "2017-02-30"}, "day is out of range")):
            r = c.get("/api/events", params=params)
            assert r.status_code == 400 and says in r.json()["detail"], r.text


def test_export_csv_neutralises_formulas(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "f.duckdb"))
    evil = attack("evil", "LBN", date(2016, 6, 27))
    assert evil.place is not None
    store.import_events([replace(evil, place=replace(evil.place, name='=HYPERLINK("http://x","click")'))])
    store.close()
    with TestClient(create_app(load_settings(db=str(tmp_path / "f.duckdb")))) as c:
        rows = list(csv.DictReader(io.StringIO(c.get("/api/export/events.csv").text)))
        acled = list(csv.DictReader(io.StringIO(c.get("/api/export/events.csv", params={"profile": "acled"}).text)))
    assert rows[0]["place_name"] == '\'=HYPERLINK("http://x","click")' and rows[0]["longitude"] == "36.47"
    assert acled[0]["location"] == '\'=HYPERLINK("http://x","click")'
    with Spillwatch(str(tmp_path / "f.duckdb")) as sw:  # `spillwatch export` writes through the same code
        sw.export(EventFilter(), "csv", tmp_path / "out.csv")
    assert '\'=HYPERLINK' in (tmp_path / "out.csv").read_text(encoding="utf-8")
