"""WARC ingest: files and served archives, plain and gzipped, built here with warcio's WARCWriter."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from ingest_support import Route, make_settings, make_warc, serve

from spillwatch.ingest.sources import iter_items
from spillwatch.records import Quarantined, RawItem

PAGES = [
    ("https://ledger.example/2026/03/ferry", b"<html><body><p>The Kestrel Sound ferry sailed again.</p></body></html>"),
    (
        "https://ledger.example/2026/03/mill",
        b"<html><body><p>Crews in Dunmere contained a mill fire.</p></body></html>",
    ),
]
EXTRA = [
    ("https://ledger.example/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png", "200 OK"),
    ("https://ledger.example/missing", b"<html>gone</html>", "text/html", "404 Not Found"),
    ("https://ledger.example/notes.txt", b"Tide tables for the week.", "text/plain; charset=utf-8", "200 OK"),
]


def _build(tmp_path: Path, name: str) -> Path:
    return make_warc(tmp_path / name, PAGES, extra=EXTRA)


def _check(results: list[RawItem | Quarantined], source: str) -> None:
    items = [r for r in results if isinstance(r, RawItem)]
    bad = [r for r in results if isinstance(r, Quarantined)]
    assert [(i.kind, i.url, i.data) for i in items] == [
        ("html", PAGES[0][0], PAGES[0][1]),
        ("html", PAGES[1][0], PAGES[1][1]),
        ("text", EXTRA[2][0], EXTRA[2][1]),
    ]
    assert all(i.source.startswith(source + "#") for i in items)
    assert len({i.source for i in items}) == 3  # each record named by its own offset
    assert all(isinstance(i.fetched_at, datetime) for i in items)
    assert {i.declared_date for i in items} == {None}  # capture time is fetched_at, not a publication date
    assert items[0].encoding == "utf-8"
    assert [q.reason for q in bad] == ["unsupported-content-type", "http-404"]
    assert all(q.source.startswith(source + "#") for q in bad)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_file(tmp_path: Path, name: str) -> None:
    path = _build(tmp_path, name)
    _check(list(iter_items([str(path)], make_settings())), str(path))


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("crawl.warc", "application/warc"),
        ("crawl.warc.gz", "application/warc"),
        ("crawl.warc.gz", "application/octet-stream"),
        ("dump", "application/octet-stream"),
    ],
)
def test_warc_served_over_http(tmp_path: Path, name: str, content_type: str) -> None:
    data = _build(tmp_path, name + ".gz" if name == "dump" else name).read_bytes()
    with serve({f"/archive/{name}": Route(data, content_type=content_type)}) as srv:
        url = srv.url(f"/archive/{name}")
        results = list(iter_items([url], make_settings()))
    _check(results, url)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_truncated_archive_keeps_the_records_before_the_damage(tmp_path: Path, name: str) -> None:
    pages = [(url, body * 20) for url, body in PAGES]
    whole = make_warc(tmp_path / name, pages).read_bytes()
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(whole[:-300])  # inside the second page's payload
    results = list(iter_items([str(cut)], make_settings()))
    assert [type(r) for r in results] == [RawItem, Quarantined]
    first, damaged = results
    assert isinstance(first, RawItem) and first.url == PAGES[0][0]
    assert isinstance(damaged, Quarantined) and damaged.reason == "bad-warc"
    assert damaged.source.startswith(f"{cut}#")


def test_not_a_warc_is_quarantined(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc.gz"
    fake.write_bytes(b"this is not gzip and not a WARC")
    results = list(iter_items([str(fake)], make_settings()))
    assert [(type(r), getattr(r, "reason", "")) for r in results] == [(Quarantined, "bad-warc")]


def test_payload_over_the_cap_is_quarantined(tmp_path: Path) -> None:
    path = make_warc(tmp_path / "big.warc", [("https://x.example/", b"<p>" + b"a" * 5000 + b"</p>")])
    results = list(iter_items([str(path)], make_settings(max_bytes=1000)))
    assert [(type(r), getattr(r, "reason", "")) for r in results] == [(Quarantined, "too-large")]
