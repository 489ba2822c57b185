"""Ingest from local files and folders: formats, junk quarantine, JSON records, URL lists."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_support import Route, make_settings, serve
from tests.conftest import shared_path

from spillwatch.ingest.files import format_of_name, sniff, url_lines
from spillwatch.ingest.sources import iter_items
from spillwatch.records import Quarantined, RawItem

STORY = (
    "Harbour town braces for river flood\n\n"
    "MARLOW FERRY – Volunteers stacked sandbags along the quay on Tuesday as the Venn river rose "
    "for a third day, the mayor said.\n\n"
    "Advertisement\n"
)
PAGE = (
    "<!doctype html><html><head><title>Orchard cooperative opens depot</title></head>"
    "<body><article><h1>Orchard cooperative opens depot</h1><p>The cooperative in Hollin Vale "
    "opened a cold-storage depot on Friday.</p></article></body></html>"
)


def _run(*sources: str, **overrides: object) -> list[RawItem | Quarantined]:
    return list(iter_items(list(sources), make_settings(**overrides)))


def _split(results: list[RawItem | Quarantined]) -> tuple[list[RawItem], list[Quarantined]]:
    items = [r for r in results if isinstance(r, RawItem)]
    bad = [r for r in results if isinstance(r, Quarantined)]
    assert len(items) + len(bad) == len(results)
    return items, bad


def _junk_folder(root: Path) -> Path:
    (root / "a").mkdir()
    (root / "b" / "nested").mkdir(parents=True)
    (root / "a" / "story.txt").write_text(STORY, encoding="utf-8")
    (root / "a" / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "b" / "nested" / "other.htm").write_text(PAGE.replace("Friday", "Monday"), encoding="utf-8")
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "b" / "blob.txt").write_bytes(b"\x00\x01\x02\x03\xfe\xff" * 40)
    (root / "b" / "binary.html").write_bytes(b"<html>\x00\x00\x00\x01</html>")
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not really a document")
    (root / "broken.txt").symlink_to(root / "missing-target.txt")
    (root / "b" / "loop").symlink_to(root, target_is_directory=True)
    (root / "whole.json").write_text('{"text": "unclosed', encoding="utf-8")
    lines = [
        json.dumps({"text": "Ferry service resumed after the storm, the operator said."}),
        '{"text": "this line is cut off',
        json.dumps({"html": PAGE, "url": "https://news.example/depot"}),
    ]
    (root / "b" / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / ".hidden.txt").write_text(STORY, encoding="utf-8")
    return root


def test_folder_with_junk_quarantines_junk_and_yields_the_rest(tmp_path: Path) -> None:
    root = _junk_folder(tmp_path)
    items, bad = _split(_run(str(root)))

    rel = {Path(i.source.split("#")[0]).relative_to(root).as_posix(): i for i in items}
    assert sorted(rel) == ["a/page.html", "a/story.txt", "b/nested/other.htm", "b/records.jsonl"]
    assert rel["a/story.txt"].kind == "text" and rel["a/story.txt"].encoding == "utf-8"
    assert rel["a/story.txt"].data == STORY.encode("utf-8")
    assert rel["a/page.html"].kind == "html"
    assert sorted(i.source.removeprefix(str(root)) for i in items if "records" in i.source) == [
        "/b/records.jsonl#L1",
        "/b/records.jsonl#L3",
    ]

    reasons = {q.source.removeprefix(str(root) + "/"): q.reason for q in bad}
    assert reasons == {
        "picture.png": "unsupported-type",
        "notes.docx": "unsupported-type",
        "b/blob.txt": "undecodable",
        "b/binary.html": "undecodable",
        "empty.txt": "empty",
        "broken.txt": "unreadable",
        "b/loop": "not-followed",
        "whole.json": "bad-json",
        "b/records.jsonl#L2": "bad-json",
    }
    assert all(q.stage == "ingest" and q.detail for q in bad)


def test_every_visible_file_is_accounted_for(tmp_path: Path) -> None:
    root = _junk_folder(tmp_path)
    results = _run(str(root))
    named = {r.source.split("#")[0] for r in results}
    visible = {str(p) for p in root.rglob("*") if (p.is_symlink() or not p.is_dir()) and not p.name.startswith(".")}
    assert named == visible


def test_jsonl_records_carry_url_date_source_and_title(tmp_path: Path) -> None:
    rows = [
        {
            "text": "Grain barges moved again.",
            "url": "https://a.example/1",
            "date": "2026-02-01",
            "source": "River Courier",
            "title": "Barges move",
        },
        {
            "html": PAGE,
            "text": "ignored when html is there",
            "link": "https://b.example/2",
            "published": "Mon, 02 Feb 2026 10:00:00 GMT",
            "outlet": "Vale Post",
            "headline": "Depot opens",
        },
        {"text": "No metadata at all."},
        {"title": "no body"},
        ["not", "an", "object"],
    ]
    path = tmp_path / "feed-dump.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    items, bad = _split(_run(str(path)))

    first, second, third = items
    assert (first.kind, first.url, first.declared_date, first.outlet, first.declared_title) == (
        "text",
        "https://a.example/1",
        "2026-02-01",
        "River Courier",
        "Barges move",
    )
    assert first.data == b"Grain barges moved again." and first.source == f"{path}#L1"
    assert (second.kind, second.url, second.outlet, second.declared_title) == (
        "html",
        "https://b.example/2",
        "Vale Post",
        "Depot opens",
    )
    assert second.declared_date == "Mon, 02 Feb 2026 10:00:00 GMT"
    assert (third.url, third.declared_date, third.outlet) == (None, None, None)
    assert [(q.source, q.reason) for q in bad] == [(f"{path}#L4", "bad-record"), (f"{path}#L5", "bad-record")]


def test_json_document_list_object_and_lines(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": "One."}, {"nope": 1}, {"text": "Two."}]))
    (tmp_path / "one.json").write_text(json.dumps({"html": PAGE, "url": "https://c.example/x"}))
    (tmp_path / "lines.json").write_text('{"text": "L1"}\n{"text": "L2"}\n')
    items, bad = _split(_run(str(tmp_path)))
    by_source = {i.source.removeprefix(str(tmp_path) + "/"): i.data for i in items}
    assert by_source == {
        "lines.json#L1": b"L1",
        "lines.json#L2": b"L2",
        "list.json#0": b"One.",
        "list.json#2": b"Two.",
        "one.json": PAGE.encode(),
    }
    assert [(q.source.removeprefix(str(tmp_path) + "/"), q.reason) for q in bad] == [("list.json#1", "bad-record")]


def test_encodings_are_detected(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners in Tr\xe8ves reopened.".encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    (tmp_path / "meta.html").write_bytes(b'<html><head><meta charset="windows-1252"></head><body>\xe9</body></html>')
    (tmp_path / "plain.html").write_bytes(PAGE.encode())
    (tmp_path / "stray.txt").write_bytes(STORY.encode() + b"\x1b[0m trailing escape from a terminal copy\n")
    (tmp_path / "nul.txt").write_bytes(STORY.encode() + b"\x00")
    items, bad = _split(_run(str(tmp_path)))
    assert [(Path(q.source).name, q.reason) for q in bad] == [("nul.txt", "undecodable")]
    enc = {Path(i.source).name: i.encoding for i in items}
    assert enc == {
        "latin.txt": "cp1252",
        "bom.txt": "utf-8-sig",
        "meta.html": "cp1252",
        "plain.html": None,
        "stray.txt": "utf-8",
    }


def test_size_cap_applies_to_files_and_json_lines(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("word " * 400)
    (tmp_path / "rows.jsonl").write_text(json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    items, bad = _split(_run(str(tmp_path), max_bytes=300))
    assert [i.data for i in items] == [b"ok"]
    assert sorted((Path(q.source).name, q.reason) for q in bad) == [
        ("big.txt", "too-large"),
        ("rows.jsonl#L1", "too-large"),
    ]


def test_missing_path_and_unsupported_scheme_are_quarantined(tmp_path: Path) -> None:
    results = _run(str(tmp_path / "nowhere"), "ftp://files.example/a.txt", "file:///etc/hostname")
    assert [(type(r).__name__, getattr(r, "reason", "")) for r in results] == [
        ("Quarantined", "not-found"),
        ("Quarantined", "unsupported-scheme"),
        ("Quarantined", "unsupported-scheme"),
    ]


def test_url_list_file_is_fetched(tmp_path: Path) -> None:
    routes = {"/one": Route(PAGE.encode()), "/two.txt": Route(STORY.encode(), content_type="text/plain")}
    with serve(routes) as srv:
        listing = tmp_path / "urls.txt"
        listing.write_text(
            f"# reading list\n\n{srv.url('/one')}\n  {srv.url('/two.txt')}\n{srv.url('/gone')}\n"
            f"gopher://old.example/x\n{srv.url('/one')}\n"
        )
        items, bad = _split(_run(str(listing)))
    assert [(i.kind, i.url, i.source) for i in items] == [
        ("html", srv.url("/one"), srv.url("/one")),
        ("text", srv.url("/two.txt"), srv.url("/two.txt")),
    ]
    assert all(i.fetched_at is not None for i in items)
    assert [(q.reason, q.detail.endswith(f"(listed at {listing}:{n})")) for q, n in zip(bad, (5, 6), strict=True)] == [
        ("http-404", True),
        ("unsupported-scheme", True),
    ]
    assert srv.count("/one") == 1  # listed twice, fetched once


def test_prose_mentioning_a_url_is_a_document(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Read the full report at https://ngo.example/report.pdf\nMore text here.\n")
    items, bad = _split(_run(str(path)))
    assert len(items) == 1 and not bad and items[0].kind == "text"


def test_format_detection_helpers() -> None:
    assert format_of_name("crawl.WARC.GZ") == "warc"
    assert format_of_name("x.tar.gz") == "unknown"
    assert format_of_name("/feeds/news.rss?x=1") == "feed"
    assert sniff(b"  <!DOCTYPE html><html>") == "html"
    assert sniff(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff(b"\x89PNG\r\n") == "unknown"
    assert url_lines("# c\nhttps://a.example/\n\nhttp://b.example/x?y=1\n") == [
        (2, "https://a.example/"),
        (4, "http://b.example/x?y=1"),
    ]
    assert url_lines("https://a.example/ and words") is None
    assert url_lines("# only a comment\n") is None


def test_files_without_any_document_are_reported_empty(tmp_path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    (tmp_path / "blank.jsonl").write_text("\n\n")
    (tmp_path / "none.json").write_text("[]")
    (tmp_path / "quiet.rss").write_text('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    with (tmp_path / "info-only.warc").open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warcinfo_record("info-only.warc", {"software": "test"}))
    results = _run(str(tmp_path))
    assert sorted((Path(r.source).name, getattr(r, "reason", "")) for r in results) == [
        ("blank.jsonl", "empty"),
        ("info-only.warc", "empty"),
        ("none.json", "empty"),
        ("quiet.rss", "empty"),
    ]


def test_the_seed_story_is_one_text_item() -> None:
    seed = shared_path("seed", "000_9b6fd5e0c168a157.txt")
    (item,) = iter_items([str(seed)], make_settings())
    assert isinstance(item, RawItem)
    assert (item.kind, item.encoding, item.source) == ("text", "utf-8", str(seed))
    assert item.data == seed.read_bytes()
