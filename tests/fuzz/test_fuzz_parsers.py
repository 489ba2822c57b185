"""Every parser on mutated real samples: it returns, or refuses with a SourceError, and never hangs.

A crash here (any other exception, or a foreign one that reached an isolation boundary) is a bug:
hypothesis shrinks it to a small input, which then becomes a regression test beside the fix.
The budget in the suite is small; `make fuzz` runs the same tests with many examples each.
"""

from __future__ import annotations

import bz2
import csv
import io
import lzma
from pathlib import Path

import zstandard
from hypothesis import given
from hypothesis import strategies as st

from spillwatch.extract.clean import clean
from spillwatch.extract.decode import decode
from spillwatch.extract.html import clean_html
from spillwatch.extract.htmlmeta import parse_date
from spillwatch.extract.text import clean_text
from spillwatch.extract.textdates import estimate_published, find_dates, parse_declared
from spillwatch.importers.acled import import_acled
from spillwatch.importers.ucdp import import_ucdp
from spillwatch.ingest import compressed
from spillwatch.ingest.feeds import parse_feed
from spillwatch.ingest.files import document_item, text_encoding
from spillwatch.ingest.jsonl import iter_json_document, iter_json_lines
from spillwatch.ingest.sources import iter_items
from spillwatch.ingest.warc import iter_warc
from spillwatch.records import RawItem
from spillwatch.settings import Settings
from tests.fuzz.fuzz_support import (
    ACLED_CSV,
    CHARSETS,
    DATES,
    FEEDS,
    HTML,
    JSON_DOCS,
    JSONL,
    TEXT,
    TOKENS,
    UCDP_CSV,
    WARCS,
    as_text,
    assert_storable,
    budget,
    call,
    gz,
    mutated,
)

SETTINGS = Settings(extract_timeout=5.0, max_bytes=2_000_000, max_decompressed_bytes=5_000_000,
                    allow_private_urls=False, fetch_timeout=1.0)
charsets = st.sampled_from(CHARSETS) | st.text(max_size=12) | st.none()


@budget(100)
@given(data=mutated(HTML + TEXT), kind=st.sampled_from(["html", "text"]), charset=charsets)
def test_decode(data: bytes, kind: str, charset: str | None) -> None:
    item = RawItem(source="f", data=data, kind="html" if kind == "html" else "text", encoding=charset)
    call("decode", decode, item, SETTINGS, sample=(data[:120], charset))
    call("decode", document_item, data, "f", "html" if kind == "html" else "text", declared=charset, sample=charset)
    call("decode", text_encoding, data, "f", declared=charset, sample=charset)


@budget(100)
@given(data=mutated(TEXT))
def test_text_cleaner(data: bytes) -> None:
    article = call("text-cleaner", clean_text, as_text(data), source="f.txt", raw_id="r", sample=data[:200])
    assert_storable(article)


@budget(20)
@given(data=mutated(HTML, max_edits=4), date=st.sampled_from(DATES) | st.none())
def test_html_cleaner(data: bytes, date: str | None) -> None:
    call("html-cleaner", clean_html, as_text(data), source="f.html", raw_id="r", declared_date=date,
         timeout=SETTINGS.extract_timeout, sample=data[:200])


@budget(20)
@given(data=mutated(HTML + TEXT, max_edits=3), kind=st.sampled_from(["html", "text"]), charset=charsets,
       date=st.sampled_from(DATES + [t.decode("latin-1") for t in TOKENS]) | st.none())
def test_clean_stage(data: bytes, kind: str, charset: str | None, date: str | None) -> None:
    item = RawItem(source="f", data=data, kind="html" if kind == "html" else "text", encoding=charset,
                   declared_date=date)
    assert_storable(call("clean", clean, item, SETTINGS, sample=(data[:120], charset, date)))


@budget(80)
@given(data=mutated(FEEDS))
def test_feed_parser(data: bytes) -> None:
    assert_storable(call("feed", parse_feed, data, "f.xml", base_url="http://example.org/feed", sample=data[:200]))


@budget(200)
@given(data=mutated(WARCS))
def test_warc_reader(data: bytes) -> None:
    rows = call("warc", lambda: list(iter_warc(io.BytesIO(data), "f.warc", max_bytes=SETTINGS.max_bytes)),
                sample=data[:300])
    assert_storable(rows)


@budget(150)
@given(data=mutated(JSON_DOCS + JSONL))
def test_json_reader(data: bytes) -> None:
    assert_storable(call("json", lambda: list(iter_json_document(data, "f.json")), sample=data[:200]))


@budget(150)
@given(data=mutated(JSONL))
def test_jsonl_reader(data: bytes) -> None:
    rows = call("jsonl", lambda: list(iter_json_lines(io.BytesIO(data), "f.jsonl", max_bytes=50_000)),
                sample=data[:200])
    assert_storable(rows)


@budget(300)
@given(text=st.sampled_from(DATES).map(str.encode).flatmap(lambda d: mutated([d])).map(as_text)
       | st.text(max_size=40))
def test_date_parsing(text: str) -> None:
    call("dates", parse_declared, text, sample=text)
    call("dates", parse_date, text, sample=text)
    call("dates", lambda: list(find_dates(text)), sample=text)
    call("dates", estimate_published, text, [text], [text], sample=text)


def _csv_with_values(seed: bytes, edits: list[tuple[int, int, str]]) -> bytes:
    rows = list(csv.reader(io.StringIO(seed.decode("utf-8"))))
    for r, c, value in edits:
        row = rows[1 + r % (len(rows) - 1)]
        row[c % len(row)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


values = (st.sampled_from([t.decode("latin-1") for t in TOKENS] + DATES + ["", "NA", "1", "7", "0", "-3", "1.5"])
          | st.text(max_size=30))
cell_edits = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 60), values), max_size=6)


def _import(tmp: Path, name: str, data: bytes, importer: str) -> None:
    path = tmp / name
    path.write_bytes(data)
    fn = import_ucdp if importer == "ucdp" else import_acled
    assert_storable(call(importer, lambda: list(fn(path)), sample=data[:300]))


@budget(100)
@given(edits=cell_edits, raw=st.booleans(), data=st.data())
def test_ucdp_importer(tmp_path_factory_dir: Path, edits: list[tuple[int, int, str]], raw: bool,
                       data: st.DataObject) -> None:
    text = _csv_with_values(UCDP_CSV, edits)
    if raw:
        text = data.draw(mutated([text], max_edits=3))
    _import(tmp_path_factory_dir, "ucdp.csv", text, "ucdp")


@budget(100)
@given(edits=cell_edits, raw=st.booleans(), data=st.data())
def test_acled_importer(tmp_path_factory_dir: Path, edits: list[tuple[int, int, str]], raw: bool,
                        data: st.DataObject) -> None:
    text = _csv_with_values(ACLED_CSV, edits)
    if raw:
        text = data.draw(mutated([text], max_edits=3))
    _import(tmp_path_factory_dir, "acled.csv", text, "acled")


PACKED = {
    "gzip": [gz(HTML[0]), gz(JSONL[0])],
    "bz2": [bz2.compress(TEXT[0])],
    "xz": [lzma.compress(JSONL[1])],
    "zstd": [zstandard.ZstdCompressor().compress(HTML[1])],
}


@budget(100)
@given(codec=st.sampled_from(sorted(PACKED)), data=st.data())
def test_decompress(codec: compressed.Codec, data: st.DataObject) -> None:
    packed = data.draw(mutated(PACKED[codec], max_edits=3))
    call("decompress", compressed.decompress, packed, codec, "f", 1_000_000, sample=(codec, packed[:100]))


SUFFIXES = [".html", ".json", ".jsonl", ".warc", ".warc.gz", ".html.gz", ".jsonl.xz", ".txt.bz2", ".json.zst"]
PACK_FOR = {".gz": gz, ".xz": lzma.compress, ".bz2": bz2.compress,
            ".zst": lambda d: zstandard.ZstdCompressor().compress(d)}


@budget(60)
@given(suffix=st.sampled_from(SUFFIXES), data=st.data())
def test_ingest_files(tmp_path_factory_dir: Path, suffix: str, data: st.DataObject) -> None:
    """A whole file through the ingest entry point (the isolation boundary must see no foreign error)."""
    seeds = {".html": HTML, ".json": JSON_DOCS, ".jsonl": JSONL, ".txt": TEXT}.get(suffix.split(".")[1], WARCS)
    body = data.draw(mutated(seeds, max_edits=4))
    last = "." + suffix.rsplit(".", 1)[1]
    if last in PACK_FOR and suffix != ".warc.gz":
        body = PACK_FOR[last](body)
        if data.draw(st.booleans()):
            body = data.draw(mutated([body], max_edits=2))
    path = tmp_path_factory_dir / f"in{suffix}"
    path.write_bytes(body)
    assert_storable(call("ingest-files", lambda: list(iter_items([str(path)], SETTINGS)), sample=(suffix, body[:200])))
