"""Fuzzing harness: real seeds, byte- and field-level mutations, and a tally of inputs and crashes.

Seeds are the project's own samples (corpus text, HTML, feed and JSON Lines; WARC records written
with warcio from corpus pages; the UCDP and ACLED fixture rows; date strings as feeds and pages
write them). A mutation is a short list of edits (flip a byte, insert a token that broke a parser
somewhere, delete, repeat or cut a span) that hypothesis draws and shrinks.

``call(parser, fn, ...)`` runs one input: a SourceError (or a returned Quarantined) is a clean
refusal; any other exception is a crash, recorded with its site (the innermost frame) and
re-raised so hypothesis shrinks it. An input slower than ``HANG_SECONDS`` counts as a hang.
CI runs each parser with a small budget; ``SPILLWATCH_FUZZ_EXAMPLES`` (``make fuzz``) sets many.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from spillwatch.errors import SourceError
from spillwatch.records import Quarantined

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
FIXTURES = REPO / "tests" / "importers" / "fixtures"
HANG_SECONDS = float(os.environ.get("SPILLWATCH_FUZZ_HANG_SECONDS", "15"))
_EXAMPLES = os.environ.get("SPILLWATCH_FUZZ_EXAMPLES")


def budget(ci_examples: int) -> settings:
    """Hypothesis settings: ``ci_examples`` in the suite, ``SPILLWATCH_FUZZ_EXAMPLES`` under ``make fuzz``."""
    return settings(
        max_examples=int(_EXAMPLES) if _EXAMPLES else ci_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        print_blob=True,
    )


# ---------------------------------------------------------------- the tally
@dataclass
class Tally:
    inputs: int = 0
    refused: int = 0  # SourceError or a Quarantined result: the parser declined, cleanly
    crashes: int = 0
    sites: dict[str, str] = field(default_factory=dict)  # site -> first crashing input (repr, cut)
    slowest: float = 0.0
    translated: dict[str, str] = field(default_factory=dict)  # foreign errors a boundary turned into refusals


TALLY: dict[str, Tally] = defaultdict(Tally)


class Hang(AssertionError):
    """An input took longer than HANG_SECONDS."""


def _site(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = frames[-1] if frames else None
    if where is None:
        return type(exc).__name__
    path = where.filename.split("site-packages/")[-1].split("/src/")[-1]
    return f"{type(exc).__name__} at {path}:{where.lineno} ({where.name})"


def call(parser: str, fn: Callable[..., T], *args: Any, sample: object = None, **kwargs: Any) -> T | None:
    """``fn(*args, **kwargs)`` as one fuzz input of ``parser``; None when it refused with a SourceError."""
    tally = TALLY[parser]
    tally.inputs += 1
    start = time.perf_counter()
    try:
        result = fn(*args, **kwargs)
    except SourceError as exc:
        tally.refused += 1
        if exc.message.startswith(_TRANSLATED):  # the HTML cleaner's boundary caught a library's error
            tally.translated.setdefault(exc.message[:160], repr(sample if sample is not None else args)[:200])
        return None
    except Exception as exc:
        tally.crashes += 1
        tally.sites.setdefault(_site(exc), repr(sample if sample is not None else args)[:300])
        raise
    finally:
        elapsed = time.perf_counter() - start
        tally.slowest = max(tally.slowest, elapsed)
    for row in _rows(result):
        if isinstance(row, Quarantined) and _foreign(row.detail):
            tally.crashes += 1
            site = f"caught foreign error: {row.detail.split(':', 2)[1].strip()} ({row.reason})"
            tally.sites.setdefault(site, repr(sample if sample is not None else args)[:300])
            raise AssertionError(f"{parser}: a foreign exception reached the isolation boundary: {row.detail}")
    if elapsed > HANG_SECONDS:
        tally.crashes += 1
        tally.sites.setdefault(f"hang over {HANG_SECONDS:g} s", repr(sample if sample is not None else args)[:300])
        raise Hang(f"{parser} took {elapsed:.1f} s")
    return result


def _rows(result: object) -> list[object]:
    return list(result) if isinstance(result, list | tuple) else [result]


# Quarantine details written where a foreign exception was caught by an isolation boundary: still a
# crash for the fuzzer (the row is right for the run, the parser still has a bug to fix).
_FOREIGN_PREFIXES = ("reader failed:", "row could not be read:")
_TRANSLATED = ("extractor failed:", "page too deeply nested")


def _foreign(detail: str) -> bool:
    return detail.startswith(_FOREIGN_PREFIXES)


def report_lines() -> list[str]:
    lines = [f"{'parser':<16}{'inputs':>9}{'refused':>9}{'crashes':>9}{'sites':>7}{'slowest s':>11}"]
    for name in sorted(TALLY):
        t = TALLY[name]
        lines.append(f"{name:<16}{t.inputs:>9}{t.refused:>9}{t.crashes:>9}{len(t.sites):>7}{t.slowest:>11.2f}")
        lines.extend(f"    {site}: {sample}" for site, sample in t.sites.items())
        lines.extend(f"    (refused, translated at the boundary) {msg}" for msg in t.translated)
    total = sum(t.inputs for t in TALLY.values())
    lines.append(f"total inputs {total}, crashes {sum(t.crashes for t in TALLY.values())}, "
                 f"distinct sites {sum(len(t.sites) for t in TALLY.values())}")
    return lines


def write_report(path: str) -> None:
    data = {name: {"inputs": t.inputs, "refused": t.refused, "crashes": t.crashes, "sites": t.sites,
                   "slowest_seconds": round(t.slowest, 3),
                   "translated": t.translated} for name, t in sorted(TALLY.items())}
    Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- the properties beside "no crash"
def assert_storable(value: object) -> None:
    """Every string in a record encodes as UTF-8 (a lone surrogate would fail later, in the store)."""
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, tuple | list):
        for part in value:
            assert_storable(part)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            assert_storable(getattr(value, f.name))


# ---------------------------------------------------------------- seeds
def _files(folder: Path, pattern: str) -> list[bytes]:
    return [p.read_bytes() for p in sorted(folder.glob(pattern))]


def _warc(pages: list[tuple[str, bytes, str]], *, gzipped: bool = False) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("seed.warc", {"software": "fuzz-seed"}))
    for url, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype), ("Last-Modified", "Tue, 03 Mar 2026")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        writer.write_record(writer.create_warc_record(url, "resource", payload=io.BytesIO(body),
                                                      warc_content_type=ctype.split(";")[0]))
    return buf.getvalue()


HTML = _files(CORPUS / "html", "*.html") + _files(REPO / "tests" / "extract" / "html_pages", "*.html")
TEXT = _files(CORPUS / "txt", "*.txt") + _files(REPO / "tests" / "extract" / "pages", "*.txt")
FEEDS = _files(CORPUS / "feeds", "*.xml")
JSONL = _files(CORPUS / "jsonl", "*.jsonl")
JSON_DOCS = [json.dumps([json.loads(line) for line in doc.splitlines()[:3]]).encode() for doc in JSONL]
WARCS = [
    _warc([("http://example.org/a", HTML[0], "text/html; charset=utf-8"),
           ("http://example.org/b", TEXT[0], "text/plain; charset=cp1252")]),
    _warc([("http://example.org/c", HTML[1], "text/html")], gzipped=True),
]
UCDP_CSV = (FIXTURES / "ucdp_sample.csv").read_bytes()
ACLED_CSV = (FIXTURES / "acled_sample.csv").read_bytes()
DATES = [
    "Mon, 10 Jul 2017 20:00:00 +0300", "2014-06-10T18:00:00+00:00", "2016-12-10", "Dec. 10, 2016",
    "10 December 2016", "23/05/2017", "05/23/2017", "10.12.2016", "Published: June 3, 2017 11:03 PM",
    "Posted on 3rd of May, 2019", "Updated 2019-05-03T10:00Z", "Tue, 10 Jan 2011 10:00:00 GMT",
    "2017-02-30", "yesterday", "3 hours ago", "",
]
CHARSETS = ["utf-8", "UTF8", "cp1252", "windows-1256", "iso-8859-1", "latin1", "utf-16", "utf-32", "ascii",
            "koi8-r", "shift_jis", "gb2312", "base64", "rot13", "undefined", "idna", "utf-7", "x-unknown",
            "utf\x00-8", "", " utf-8 ", '"utf-8"']

# Tokens that broke a parser somewhere: huge numbers, NULs, BOMs, surrogate escapes, deep nesting,
# markup fragments, compression and WARC magic, charset declarations, overflowing dates.
TOKENS: list[bytes] = [
    b"\x00", b"99999999999999999999", b"-1", b"1e999", b"NaN", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",
    b"\xff\xfe\x00\x00", b"&#xd800;", b"&#0;", b"\\ud800", b"\\u0000", b"<", b">", b"]]>", b"<![CDATA[",
    b"<!--", b"[" * 64, b"{" * 64, b'"', b"\\", b",", b";", b"\r\n", b"\n\n", b"\r", b"\t",
    b"charset=utf\x00-8", b"charset=base64", b"charset=undefined", b"Content-Length: 99999999999999999999",
    b"Content-Length: -5", b"Tue, 10 Jan 20111111111117 10:00:00 +0000", b"<!DOCTYPE html>", b"<html>",
    b"<script>", b"</body>", b"<meta charset=utf-16>", b"\x1f\x8b\x08", b"BZh9", b"\xfd7zXZ\x00", b"WARC/1.0\r\n",
    b"HTTP/1.1 200 OK\r\n", b"9" * 400, "\u202e\u0645\u0648\u0635\u0644".encode(), "é".encode("cp1252"),
]


# What a number or a word is replaced with: values at and past the limits of C integers and dates,
# and names that are almost, or not at all, charsets and codes.
NUMBERS: list[bytes] = [b"99999999999999999999", b"20111111111117", b"4294967296", b"2147483648", b"-1", b"0",
                        b"00", b"9" * 400, b"1e999", b"-0", b"1.5", b"", b"\x00"]
WORDS: list[bytes] = [c.encode("utf-8") for c in CHARSETS] + [b"", b"NaN", b"null", b"true", b"\x00", b"A" * 300]
_FIELD = re.compile(rb"[0-9]+|[A-Za-z][A-Za-z0-9_-]*")
_HEADER = re.compile(rb"(?m)^[A-Za-z][A-Za-z0-9-]*: ?([^\r\n]*)")


def _replacement(value: bytes) -> st.SearchStrategy[bytes]:
    """A number for a number (the limits that overflow), else a word or any token."""
    if value.strip().isdigit():
        return st.sampled_from(NUMBERS)
    return st.sampled_from(WORDS) | st.sampled_from(TOKENS)


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes], max_edits: int = 6) -> bytes:
    """A seed with a few edits; hypothesis shrinks towards the unedited seed.

    Edits: replace a header line's value, or a number or word, with a token (the edit that finds
    overflowing lengths, years and charset names); flip a byte; insert a token or random bytes;
    delete, repeat or cut a span.
    """
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, max_edits))):
        op = draw(st.sampled_from(["header", "header", "replace", "replace", "flip", "insert", "insert", "delete",
                                   "repeat", "cut"]))
        at = draw(st.integers(0, max(len(data), 1) * 4)) % (len(data) + 1)
        headers = list(_HEADER.finditer(data)) if op == "header" else []
        if headers:  # a "Name: value" line (WARC, HTTP) gets a number or a word in place of its value
            hit = headers[draw(st.integers(0, len(headers) - 1))]
            data[hit.start(1) : hit.end(1)] = draw(_replacement(hit.group(1)))
        elif op == "replace":  # a number or word (a header value, a year, a charset name) becomes a token
            fields = list(_FIELD.finditer(data))
            if fields:
                hit = fields[draw(st.integers(0, len(fields) - 1))]
                data[hit.start() : hit.end()] = draw(_replacement(hit.group(0)))
        elif op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=12))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif op == "repeat":
            span = bytes(data[at : at + draw(st.integers(1, 300))])
            data[at:at] = span * draw(st.integers(1, 20))
        elif op == "cut":
            del data[at:]
    return bytes(data)


def as_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)
