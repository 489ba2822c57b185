"""One damaged input never stops the others: the crashes of issue 13 item 3, each a regression test.

The three inputs fuzzing found (a WARC record with a 20-digit Content-Length, a charset holding a
NUL, a declared date with a 14-digit year) each ended a whole `spillwatch ingest` with a traceback.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_support import make_settings
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import CORPUS
from spillwatch.api import Spillwatch
from spillwatch.cli import main
from spillwatch.extract.decode import text_codec
from spillwatch.ingest import sources
from spillwatch.ingest.files import document_item, text_encoding
from spillwatch.ingest.jsonl import iter_json_lines
from spillwatch.ingest.sources import iter_items
from spillwatch.records import Quarantined, RawItem
from spillwatch.settings import load_settings

HUGE_DATE = "Tue, 10 Jan 20111111111117 10:00:00 +0000"
BIG_LENGTH_WARC = (
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/\r\n"
    b"Content-Type: application/http; msgtype=response\r\nContent-Length: 99999999999999999999\r\n\r\n"
    b"HTTP/1.1 200 OK\r\n\r\nhi\r\n\r\n"
)
NUL_CHARSET = "text/plain; charset=utf\x00-8"


def nul_charset_warc(body: bytes) -> bytes:
    """A WARC response whose HTTP Content-Type charset holds a NUL."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", NUL_CHARSET)], protocol="HTTP/1.1")
    record = writer.create_warc_record("http://example.org/n", "response", payload=io.BytesIO(body),
                                       http_headers=headers)
    writer.write_record(record)
    return buf.getvalue()


def _article_text(name: str) -> str:
    return (CORPUS / "txt" / name).read_text(encoding="utf-8")


def test_folder_with_the_three_fuzz_inputs_between_two_good_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(_article_text("bc-ankara-twin-bombings.txt"), encoding="utf-8")
    (folder / "b_content_length.warc").write_bytes(BIG_LENGTH_WARC)
    (folder / "c_nul_charset.warc").write_bytes(nul_charset_warc(b"Short note."))
    dated = json.dumps({"text": _article_text("bc-reina-claim.txt"), "date": HUGE_DATE})
    (folder / "d_huge_date.jsonl").write_text(f'{dated}\n{{"text": "cut", "date": "{HUGE_DATE[:20]}\n',
                                              encoding="utf-8")
    good = CORPUS / "html" / "sm-sirte-retaken.html"
    (folder / "z_good.html").write_bytes(good.read_bytes())
    db = str(tmp_path / "t.duckdb")

    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])

    assert result.exit_code == 0, result.output
    with Spillwatch(settings=load_settings(db=db)) as sw:
        articles = {Path(r.source).name.split("#")[0]: r for r in sw.articles()}
        rows = sw.quarantine()
        uncoded = list(sw.store.uncoded_articles())
    assert uncoded == []
    assert {"a_good.txt", "z_good.html", "d_huge_date.jsonl"} <= set(articles)
    assert articles["a_good.txt"].mentions > 0 and articles["z_good.html"].mentions > 0
    assert articles["d_huge_date.jsonl"].published_method != "metadata"  # the bad date is ignored
    by_file = {Path(r.source).name.split("#")[0]: r for r in rows}
    assert len(rows) == 3 and set(by_file) == {"b_content_length.warc", "c_nul_charset.warc", "d_huge_date.jsonl"}
    assert (by_file["b_content_length.warc"].reason, by_file["b_content_length.warc"].stage) == (
        "bad-warc", "ingest")
    assert "OverflowError" in (by_file["b_content_length.warc"].detail or "")
    assert by_file["c_nul_charset.warc"].reason == "no-article"  # read, then refused by the cleaner
    assert by_file["d_huge_date.jsonl"].reason == "bad-json"  # the cut line; the article line was coded


def test_no_article_is_left_uncoded_after_the_fuzz_folder(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.warc").write_bytes(BIG_LENGTH_WARC)
    (folder / "c.txt").write_text(_article_text("bc-ataturk-airport-attack.txt"), encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    assert CliRunner().invoke(main, ["ingest", str(folder), "--db", db]).exit_code == 0
    with Spillwatch(settings=load_settings(db=db)) as sw:
        assert list(sw.store.uncoded_articles()) == []
        assert len(sw.articles()) == 1


@pytest.mark.parametrize("label", ["utf\x00-8", "base64", "rot13", "undefined", "idna", "no-such-codec", "x" * 300])
def test_charset_labels_that_name_no_text_encoding_are_ignored(label: str) -> None:
    assert text_codec(label) is None
    assert text_encoding(b"plain words", "t.txt", declared=label) == "utf-8"
    assert document_item(b"<p>plain words</p>", "p.html", "html", declared=label).encoding is None


def test_real_charset_labels_still_count() -> None:
    assert text_codec("Windows-1256") == "cp1256" and text_codec(' "UTF-8" ') == "utf_8"
    assert text_encoding("café".encode("cp1252"), "t.txt", declared="iso-8859-1") == "iso8859-1"


def test_nul_charset_on_a_good_warc_page_reads_it_as_utf8(tmp_path: Path) -> None:
    warc = tmp_path / "n.warc"
    warc.write_bytes(nul_charset_warc(_article_text("bc-reina-claim.txt").encode("utf-8")))
    items = list(iter_items([str(warc)], make_settings()))
    assert len(items) == 1 and isinstance(items[0], RawItem) and items[0].encoding == "utf-8"


def test_a_foreign_exception_in_a_reader_quarantines_that_file_and_reads_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(stream: object, source: str, *, max_bytes: int) -> Iterator[RawItem | Quarantined]:
        raise ZeroDivisionError("a reader bug")
        yield  # pragma: no cover

    monkeypatch.setattr(sources, "iter_warc", boom)
    (tmp_path / "a.warc").write_bytes(b"WARC/1.0\r\n")
    (tmp_path / "b.txt").write_text(_article_text("bc-reina-claim.txt"), encoding="utf-8")
    results = list(iter_items([str(tmp_path)], make_settings()))
    assert [type(r).__name__ for r in results] == ["Quarantined", "RawItem"]
    bad = results[0]
    assert isinstance(bad, Quarantined)
    assert (bad.reason, bad.stage) == ("reader-error", "ingest") and "ZeroDivisionError: a reader bug" in bad.detail


def test_a_record_failing_inside_a_jsonl_file_is_one_row(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "first story here"}), "[" * 100_000, '{"text": "\\ud800 lone surrogate"}',
             json.dumps({"text": "last story here"})]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(iter_items([str(path)], make_settings()))
    assert [type(r).__name__ for r in results] == ["RawItem", "Quarantined", "RawItem", "RawItem"]
    assert isinstance(results[1], Quarantined) and results[1].reason == "bad-json"
    third = results[2]
    assert isinstance(third, RawItem) and third.data.decode("utf-8") == "? lone surrogate"


class _NoIteration(io.BytesIO):
    def __iter__(self) -> Iterator[bytes]:  # iterating a file reads a line whole, however long
        raise AssertionError("a JSONL file was iterated line by line without a cap")


def test_jsonl_from_a_file_object_reads_capped_lines() -> None:
    """Regression: a file object is an Iterator, so it took the uncapped path (a 3 GB line in memory)."""
    stream = _NoIteration(b'{"text": "short story"}\n' + b"x" * 5000 + b"\n" + b'{"text": "another"}\n')
    results = list(iter_json_lines(stream, "s.jsonl", max_bytes=1000))
    assert [getattr(r, "reason", "item") for r in results] == ["item", "too-large", "item"]
