"""Bytes to text for the clean stage.

Input: a ``RawItem`` and ``Settings``. Output: the document as one ``str``. Declines (raises):
items over ``settings.max_bytes`` (``SourceError`` reason "too-large"), empty items
(``ExtractError``), binary junk and bytes no accepted encoding reads (``DecodeError``).

The encoding is taken from, in order: a byte-order mark, the transport's declaration
(``RawItem.encoding``), an HTML ``<meta charset>``, then UTF-8 and Windows-1252. A declared
single-byte Latin encoding loses to UTF-8 when the bytes are valid, non-ASCII UTF-8: that is the
commonest wrong declaration on the web. Latin-1 is never a silent last resort (it reads any
bytes), so undecodable input is reported, not turned into mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from spillwatch.errors import DecodeError, ExtractError, SourceError
from spillwatch.records import RawItem
from spillwatch.settings import Settings

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf_32_le"),
    (codecs.BOM_UTF32_BE, "utf_32_be"),
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16_le"),
    (codecs.BOM_UTF16_BE, "utf_16_be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_LATIN = {"latin_1", "iso8859_1", "cp1252", "iso8859_15", "ascii"}
_SNIFF = 8192  # bytes looked at for NULs and meta charset
_MAX_CONTROL_RATIO = 0.05


def decode(item: RawItem, settings: Settings) -> str:
    """The item's text, or a ``SourceError`` subclass naming ``item.source``."""
    data = item.data
    if len(data) > settings.max_bytes:
        raise SourceError(item.source, f"{len(data)} bytes is over the cap of {settings.max_bytes}", reason="too-large")
    bom, body = _strip_bom(data)
    if not body.strip():
        raise ExtractError(item.source, "empty document")
    names = _candidates(item, body, bom)
    if not names[0].startswith(("utf_16", "utf_32")) and b"\x00" in body[:_SNIFF]:
        raise DecodeError(item.source, "binary data (NUL bytes)")
    text = _decode_first(item.source, body, names)
    if not text.strip():
        raise ExtractError(item.source, "empty document")
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise DecodeError(item.source, "binary data (control characters)")
    return text


def _strip_bom(data: bytes) -> tuple[str | None, bytes]:
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name, data[len(mark) :]
    return None, data


# Text codecs Python knows that no web page is written in: they fail on any bytes or decode escapes.
_NOT_CHARSETS = frozenset({"undefined", "unicode_escape", "raw_unicode_escape", "idna", "punycode"})


def text_codec(label: str | None) -> str | None:
    """Python's codec name for a declared charset label, or ``None`` unless it names a text encoding.

    Labels come from HTTP headers, WARC records and ``<meta>`` tags: unknown names, names holding
    a NUL (``codecs.lookup`` raises ValueError for those), byte-to-byte codecs such as base64 and
    codecs that cannot read documents all give ``None``, so the caller falls back to sniffing.
    """
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError, TypeError):
        return None
    name = info.name.replace("-", "_")
    if not getattr(info, "_is_text_encoding", True) or name in _NOT_CHARSETS:
        return None
    return name


def _candidates(item: RawItem, body: bytes, bom: str | None) -> list[str]:
    if bom is not None:
        return [bom]
    found = _META_CHARSET.search(body[:_SNIFF]) if item.kind == "html" or body.lstrip()[:1] == b"<" else None
    meta = found.group(1).decode("ascii", "ignore") if found else None
    out: list[str] = []
    for label in (item.encoding, meta):
        name = text_codec(label)
        if name is None:
            continue
        if name in _LATIN and _is_non_ascii_utf8(body):
            name = "utf_8"
        out.append(name)
    out += ["utf_8", "cp1252"]
    return list(dict.fromkeys(out))


def _is_non_ascii_utf8(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_first(source: str, body: bytes, names: list[str]) -> str:
    for name in names:
        try:
            return body.decode(name)
        except (ValueError, LookupError):  # UnicodeError is a ValueError
            continue
    raise DecodeError(source, f"bytes are not text in any of {', '.join(names)}")


def _control_ratio(text: str) -> float:
    """Share of characters that are control/unassigned/replacement: junk, not prose."""
    sample = text[:_SNIFF]
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) in {"Cc", "Cn", "Co", "Cs"} and ch not in "\t\n\r\f")
    )
    return bad / max(1, len(sample))
