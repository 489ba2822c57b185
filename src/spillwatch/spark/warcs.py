"""Write web pages into WARC files named like CC-NEWS (for tests, benchmarks and small local archives).

Input: (url, HTML bytes) pairs. Output: gzipped WARC files of ``response`` records named
``CC-NEWS-YYYYMMDDHHMMSS-NNNNN.warc.gz``, split into ``files`` archives of near-equal size.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def cc_news_name(when: datetime, serial: int) -> str:
    return f"CC-NEWS-{when:%Y%m%d%H%M%S}-{serial:05d}.warc.gz"


def write_warc(path: Path, pages: Sequence[tuple[str, bytes]], when: datetime) -> Path:
    """One gzipped WARC of HTTP 200 ``text/html`` response records, in the order given."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, (url, body) in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            stamp = (when + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": stamp})
            writer.write_record(record)
    return path


def write_cc_news(folder: Path, pages: Sequence[tuple[str, bytes]], files: int = 2,
                  start: datetime = datetime(2017, 1, 1, tzinfo=UTC)) -> list[Path]:
    """``pages`` dealt round-robin into ``files`` CC-NEWS-named archives under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(files):
        when = start + timedelta(hours=n)
        written.append(write_warc(folder / cc_news_name(when, n), pages[n::files], when))
    return written
