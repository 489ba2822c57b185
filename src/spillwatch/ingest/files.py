"""Local files: walk folders, tell formats apart, read text and HTML files into RawItems.

Input: paths (files or folders) and raw bytes. Output: the format of a file or response
(``Format``), RawItems for plain text and HTML documents, and URL lists found in text files.
Declines (SourceError subclasses with a reason): unreadable files ("unreadable"), empty files
("empty"), files over the size cap ("too-large"), binary junk or text in no accepted encoding
("undecodable"). A compressed file (``.gz``, ``.bz2``, ``.xz``, ``.zst``) has the format its name
has under the suffix (compressed.py reads it). Hidden files and folders (names starting with ".")
are not visited in a walk.
"""

from __future__ import annotations

import codecs
import os
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from spillwatch.errors import DecodeError, SourceError
from spillwatch.extract.decode import text_codec
from spillwatch.ingest.compressed import split_suffix
from spillwatch.records import RawItem

Format = Literal["text", "html", "json", "jsonl", "warc", "feed", "unknown"]

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_MEDIA_TYPES: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/warc": "warc",
    "application/x-warc": "warc",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
}
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_URL_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
# Control characters that text rarely holds (everything below 0x20 but tab, LF, FF, CR).
_JUNK_CONTROLS = frozenset(range(32)) - {9, 10, 12, 13}


def format_of_name(name: str) -> Format:
    """Format from a file name or URL path extension, under any compression suffix (``a.html.gz`` is html)."""
    inner, _ = split_suffix(name.lower().rsplit("?", 1)[0])
    return _EXTENSIONS.get(os.path.splitext(inner)[1], "unknown")


def format_of_media_type(media_type: str) -> Format:
    return _MEDIA_TYPES.get(media_type.lower(), "unknown")


def sniff(data: bytes) -> Format:
    """A best guess from the first bytes, for responses without a useful type."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\x1f\x8b"):
        return "warc" if _gunzip_head(data).startswith(b"WARC/") else "unknown"
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"<?xml") or b"<rss" in head or b"<feed" in head:
        return "feed"
    if head.startswith((b"{", b"[")):
        return "json"
    return "unknown"


def _gunzip_head(data: bytes) -> bytes:
    """The first few decompressed bytes of gzip data (b"" when it is not gzip)."""
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data[:65536], 64)
    except zlib.error:
        return b""


def walk(path: Path) -> Iterator[Path]:
    """Files under ``path`` (or ``path`` itself), sorted, skipping hidden names.

    Symbolic links to folders are yielded as they are (not entered), so the caller can report them.
    """
    if not path.is_dir():
        yield path
        return
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        linked = [d for d in dirs if os.path.islink(os.path.join(root, d))]  # os.walk does not enter these
        for name in sorted(files + linked):
            if not name.startswith("."):
                yield Path(root) / name


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; SourceError when unreadable, empty or over the cap."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(str(path), f"{size} bytes > cap {max_bytes}", reason="too-large")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise SourceError(str(path), "file is empty", reason="empty")
    return data


def text_encoding(data: bytes, source: str, declared: str | None = None) -> str:
    """The encoding plain text is in: a BOM, a declared charset, UTF-8, else cp1252; junk raises."""
    bom = _bom_encoding(data)
    if bom is not None:
        return bom
    for candidate in (_charset(declared), "utf-8", "cp1252"):
        if candidate and _decodes_cleanly(data, candidate):
            return candidate
    raise DecodeError(source, "bytes are not text in UTF-8 or cp1252 (binary file?)")


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _charset(label: str | None) -> str | None:
    """Python's name for a declared charset ("utf-8", "cp1256"), or None when it names no text encoding."""
    name = text_codec(label)
    return codecs.lookup(name).name if name else None


def _decodes_cleanly(data: bytes, encoding: str) -> bool:
    try:
        text = data.decode(encoding)
    except (ValueError, LookupError):  # UnicodeError is a ValueError
        return False
    sample = text[:100_000]
    if "\x00" in sample:
        return False
    junk = sum(1 for ch in sample if ord(ch) in _JUNK_CONTROLS)
    return junk <= len(sample) // 100  # a stray escape or vertical tab is scraped text; more is binary


def html_encoding(data: bytes, source: str, declared: str | None = None) -> str | None:
    """An HTML file's encoding when it can be told (BOM, header, meta charset); None leaves it to the cleaner.

    Raises DecodeError for bytes that look binary (NUL bytes without a UTF-16/32 BOM).
    """
    bom = _bom_encoding(data)
    if bom is not None:
        return bom
    if b"\x00" in data[:100_000]:
        raise DecodeError(source, "NUL bytes in an HTML document (binary file?)")
    found = _META_CHARSET.search(data[:4096])
    for candidate in (declared, found.group(1).decode("ascii", "replace") if found else None):
        if name := _charset(candidate):
            return name
    return None


def url_lines(text: str) -> list[tuple[int, str]] | None:
    """(line number, URL) pairs when every non-blank, non-# line is a URL; None otherwise."""
    found: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not _URL_LINE.match(line):
            return None
        found.append((number, line))
    return found or None


def document_item(data: bytes, source: str, kind: Literal["text", "html"], declared: str | None = None) -> RawItem:
    """A RawItem for one text or HTML document (encoding checked; DecodeError for junk)."""
    if not data.strip():
        raise SourceError(source, "document is empty", reason="empty")
    if kind == "text":
        return RawItem(source=source, data=data, kind="text", encoding=text_encoding(data, source, declared))
    return RawItem(source=source, data=data, kind="html", encoding=html_encoding(data, source, declared))
