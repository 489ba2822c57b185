"""Compressed pages, texts, JSON Lines and WARCs in files and folders (issue 17), with the bomb guard."""

from __future__ import annotations

import bz2
import gzip
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard
from ingest_support import Route, make_settings, make_warc, serve

from conftest import CORPUS
from spillwatch.ingest.compressed import codec_of_bytes, split_suffix
from spillwatch.ingest.files import format_of_name
from spillwatch.ingest.sources import iter_items
from spillwatch.records import Quarantined, RawItem

COMPRESS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
}
PAGE = CORPUS / "html" / "sm-sirte-retaken.html"
TEXT = CORPUS / "txt" / "bc-reina-claim.txt"
JSONL = CORPUS / "jsonl" / "cedar-post-feed.jsonl"


def _items(*sources: str, **overrides: object) -> list[RawItem | Quarantined]:
    return list(iter_items(list(sources), make_settings(**overrides)))


@pytest.mark.parametrize("suffix", list(COMPRESS))
def test_compressed_page_text_and_jsonl_read_as_the_plain_files(tmp_path: Path, suffix: str) -> None:
    for plain in (PAGE, TEXT, JSONL):
        (tmp_path / (plain.name + suffix)).write_bytes(COMPRESS[suffix](plain.read_bytes()))
    packed = _items(str(tmp_path))
    plain_items = _items(str(PAGE), str(TEXT), str(JSONL))
    assert all(isinstance(i, RawItem) for i in packed) and len(packed) == len(plain_items)
    assert sorted(i.data for i in packed if isinstance(i, RawItem)) == sorted(
        i.data for i in plain_items if isinstance(i, RawItem))
    kinds = {Path(i.source.split("#")[0]).name: i.kind for i in packed if isinstance(i, RawItem)}
    assert kinds[PAGE.name + suffix] == "html" and kinds[TEXT.name + suffix] == "text"


def test_compressed_warc_other_than_warc_gz(tmp_path: Path) -> None:
    warc = make_warc(tmp_path / "a.warc", [("http://example.org/a", PAGE.read_bytes())])
    (tmp_path / "a.warc.xz").write_bytes(lzma.compress(warc.read_bytes()))
    warc.unlink()
    items = _items(str(tmp_path / "a.warc.xz"))
    assert len(items) == 1 and isinstance(items[0], RawItem) and items[0].url == "http://example.org/a"


def test_a_decompression_bomb_is_quarantined_with_the_cap_and_the_next_file_read(tmp_path: Path) -> None:
    (tmp_path / "a_bomb.txt.gz").write_bytes(gzip.compress(b"a" * 5_000_000))  # 5 MB from about 5 kB
    (tmp_path / "b_bomb.jsonl.xz").write_bytes(lzma.compress(b"\n" * 5_000_000))
    (tmp_path / "c.txt.bz2").write_bytes(bz2.compress(TEXT.read_bytes()))
    results = _items(str(tmp_path), max_bytes=1_000_000, max_decompressed_bytes=2_000_000)
    assert [type(r).__name__ for r in results] == ["Quarantined", "Quarantined", "RawItem"]
    for bad in results[:2]:
        assert isinstance(bad, Quarantined) and bad.reason == "decompression-cap" and "cap" in bad.detail


@pytest.mark.parametrize("name, data", [
    ("bad.html.gz", b"\x1f\x8bnot gzip at all"),
    ("cut.txt.xz", lzma.compress(TEXT.read_bytes())[:60]),
    ("plain.txt.bz2", b"this was never compressed"),
    ("cut.jsonl.zst", zstandard.ZstdCompressor().compress(JSONL.read_bytes())[:-40]),
])
def test_damaged_compressed_data_is_quarantined(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    results = _items(str(tmp_path / name))
    assert results and isinstance(results[-1], Quarantined) and results[-1].reason == "bad-compression"


def test_an_empty_compressed_file_is_empty(tmp_path: Path) -> None:
    (tmp_path / "e.txt.gz").write_bytes(gzip.compress(b"  \n"))
    [bad] = _items(str(tmp_path / "e.txt.gz"))
    assert isinstance(bad, Quarantined) and bad.reason == "empty"


def test_names_and_magic() -> None:
    assert format_of_name("a.HTML.gz") == "html" and format_of_name("a.warc.gz") == "warc"
    assert format_of_name("a.jsonl.zst") == "jsonl" and format_of_name("a.gz") == "unknown"
    assert split_suffix("page.htm.bz2") == ("page.htm", "bz2") and split_suffix("a.txt") == ("a.txt", None)
    assert [codec_of_bytes(f(b"x")) for f in COMPRESS.values()] == ["gzip", "bz2", "xz", "zstd"]


def test_a_fetched_html_gz_body_is_decompressed() -> None:
    body = gzip.compress(PAGE.read_bytes())
    with serve({"/story.html.gz": Route(body, content_type="application/gzip")}) as server:
        [item] = _items(server.url("/story.html.gz"))
    assert isinstance(item, RawItem) and item.kind == "html" and item.data == PAGE.read_bytes()
