"""Bytes to text: BOMs, declared and meta charsets, wrong declarations, junk, empty and oversize input."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spillwatch.errors import DecodeError, ExtractError, SourceError
from spillwatch.extract.decode import decode
from spillwatch.records import RawItem, SourceKind
from spillwatch.settings import Settings

SETTINGS = Settings()
PAGE = "<html><head>{meta}</head><body><p>Le café de la place a rouvert à Mossoul.</p></body></html>"


def _item(data: bytes, kind: SourceKind = "html", encoding: str | None = None) -> RawItem:
    return RawItem(source="feed.xml#item-3", data=data, kind=kind, encoding=encoding)


def test_utf8_plain() -> None:
    assert decode(_item("Attaque à Kirkouk".encode(), kind="text"), SETTINGS) == "Attaque à Kirkouk"


def test_meta_charset_latin1_is_honoured() -> None:
    page = PAGE.format(meta='<meta charset="iso-8859-1">')
    assert decode(_item(page.encode("latin-1")), SETTINGS) == page


def test_http_equiv_windows_1252_with_curly_quotes() -> None:
    page = PAGE.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    page = page.replace("Le café", "“Le café”")
    assert decode(_item(page.encode("cp1252")), SETTINGS) == page


def test_declared_latin1_but_bytes_are_utf8() -> None:
    page = PAGE.format(meta='<meta charset="iso-8859-1">')
    assert decode(_item(page.encode("utf-8")), SETTINGS) == page
    assert decode(_item(page.encode("utf-8"), encoding="latin-1"), SETTINGS) == page


def test_declared_utf8_but_bytes_are_cp1252() -> None:
    page = PAGE.format(meta='<meta charset="utf-8">')
    assert decode(_item(page.encode("cp1252")), SETTINGS) == page


def test_transport_encoding_beats_meta() -> None:
    page = PAGE.format(meta='<meta charset="utf-8">').replace("café", "кафе").replace("à", "a")
    assert decode(_item(page.encode("koi8-r"), encoding="koi8-r"), SETTINGS) == page


def test_unknown_encoding_label_is_skipped() -> None:
    assert decode(_item(b"plain words", kind="text", encoding="no-such-codec"), SETTINGS) == "plain words"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_byte_order_marks(bom: bytes, codec: str) -> None:
    text = "Sinjar — ﺱﻥﺝﺍﺭ"
    assert decode(_item(bom + text.encode(codec), kind="text"), SETTINGS) == text


def test_undecodable_bytes_name_the_source() -> None:
    data = b"caf\xc3 \x81\x8d\x8f\x90\x9d and more words"  # bad UTF-8 and bytes cp1252 leaves undefined
    with pytest.raises(DecodeError) as err:
        decode(_item(data, kind="text"), SETTINGS)
    assert "feed.xml#item-3" in str(err.value)
    assert err.value.reason == "undecodable"


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode(_item(b"GIF89a\x01\x00\x01\x00\x00\x00\x00\xff\xff\xff"), SETTINGS)


def test_many_control_characters_are_binary() -> None:
    data = bytes(range(1, 9)) * 50 + b"some text"
    with pytest.raises(DecodeError, match="control"):
        decode(_item(data, kind="text"), SETTINGS)


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", codecs.BOM_UTF8])
def test_empty_is_extract_error(data: bytes) -> None:
    with pytest.raises(ExtractError):
        decode(_item(data), SETTINGS)


def test_over_the_cap_is_too_large() -> None:
    with pytest.raises(SourceError) as err:
        decode(_item(b"<p>" + b"x" * 2000 + b"</p>"), Settings(max_bytes=1000))
    assert err.value.reason == "too-large"
    assert not isinstance(err.value, DecodeError | ExtractError)


_PROSE = st.text(
    alphabet=st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\ufeff"),
    min_size=1,
    max_size=300,
).filter(lambda s: s.strip() != "")


@given(_PROSE)
def test_utf8_round_trip(text: str) -> None:
    assert decode(_item(text.encode("utf-8"), kind="text"), SETTINGS) == text


@given(st.binary(max_size=400))
def test_random_bytes_decode_or_raise_a_source_error(data: bytes) -> None:
    try:
        out = decode(_item(data, kind="text"), SETTINGS)
    except SourceError:
        return
    assert out.strip()
