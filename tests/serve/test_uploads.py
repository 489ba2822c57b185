"""Uploads: long file names, a lower cap on what an upload may expand to, and a server that stops on SIGTERM."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import zstandard
from fastapi.testclient import TestClient

from spillwatch.serve.app import SHUTDOWN_GRACE, create_app, server_config
from spillwatch.settings import load_settings
from tests.serve.test_rest import TOKEN, _seed

AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = "BEIRUT, June 27 - Gunmen attacked an army checkpoint near Qaa on Monday, killing two soldiers."


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "t.duckdb"
    _seed(path)
    return str(path)


def test_a_300_character_file_name_is_stored_not_a_500(db: str) -> None:
    name = "a" * 290 + "-story.txt"
    with TestClient(create_app(load_settings(db=db, api_token=TOKEN))) as c:
        r = c.post("/api/ingest", files={"files": (name, STORY.encode(), "text/plain")}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == 1


def test_an_upload_quarantined_before_is_counted_as_held(db: str) -> None:
    page = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    with TestClient(create_app(load_settings(db=db, api_token=TOKEN))) as c:
        answers = [c.post("/api/ingest", files={"files": ("menu.html", page, "text/html")}, headers=AUTH).json()
                   for _ in range(2)]
    assert (answers[0]["quarantined"], answers[0]["held"]) == (1, 0), answers
    assert (answers[1]["quarantined"], answers[1]["held"]) == (0, 1), answers


def test_an_upload_expanding_past_the_upload_cap_is_quarantined(db: str) -> None:
    # 64 kB-class bombs: a few kB of zstd expanding far past the (here small) upload cap; a local
    # file keeps the larger max_decompressed_bytes, an upload gets max_upload_decompressed_bytes.
    record = json.dumps({"text": STORY, "source": "wire"}).encode() + b"\n"
    bomb = zstandard.ZstdCompressor(level=19).compress(record * 20_000)  # ~2.6 MB expanded
    assert len(bomb) < 20_000
    settings = load_settings(db=db, api_token=TOKEN, max_upload_decompressed_bytes=100_000)
    with TestClient(create_app(settings)) as c:
        r = c.post("/api/ingest", files={"files": ("feed.jsonl.zst", bomb, "application/zstd")}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json()["reasons"].get("decompression-cap") == 1, r.json()


def test_sigterm_stops_the_server_within_its_grace(db: str) -> None:
    config = server_config(load_settings(db=db, api_token=TOKEN), port=0)
    assert config.timeout_graceful_shutdown == SHUTDOWN_GRACE  # uvicorn's default waits for every request forever
