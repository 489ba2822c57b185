"""Ingest entry point: turn source names (files, folders, URLs, feeds, WARCs, URL lists) into RawItems.

Input: source strings — a file or folder (walked recursively), an http(s) URL, a feed URL, or a
text file whose every non-comment line is a URL. Output: RawItem per document, or Quarantined
(stage "ingest") with a reason for every document or source that cannot be read; nothing is
dropped silently. File formats go by extension (.txt, .html/.htm, .json/.jsonl, .warc(.gz),
.xml/.rss/.atom), under a .gz/.bz2/.xz/.zst suffix too (read through compressed.py, size-capped);
fetched bodies by Content-Type, then URL extension, then content sniffing.
Declines (quarantined): missing paths ("not-found"), unknown file types ("unsupported-type"),
symbolic links to folders met inside a walk ("not-followed": no loops, no escaping the folder),
and everything files.py, compressed.py, jsonl.py, warc.py, feeds.py and fetch.py refuse. Each file,
URL and feed entry is read in isolation (failures.py): any exception, a library's included, becomes
one Quarantined row for that input and the next input is read. A 304 Not Modified
answer yields nothing (the document was ingested before); a URL met twice in one run is fetched once.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Protocol

import httpx

from spillwatch.errors import SourceError
from spillwatch.ingest import compressed
from spillwatch.ingest.compressed import codec_of_bytes, split_suffix
from spillwatch.ingest.failures import isolated
from spillwatch.ingest.feeds import Feed, FeedEntry, parse_feed
from spillwatch.ingest.fetch import Fetched, Fetcher
from spillwatch.ingest.files import (
    Format,
    document_item,
    format_of_media_type,
    format_of_name,
    read_capped,
    sniff,
    text_encoding,
    url_lines,
    walk,
)
from spillwatch.ingest.jsonl import iter_json_document, iter_json_lines
from spillwatch.ingest.state import FetchState
from spillwatch.ingest.warc import iter_warc
from spillwatch.records import Quarantined, RawItem
from spillwatch.settings import Settings

STAGE = "ingest"
Result = RawItem | Quarantined
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_PAGE_FORMATS: frozenset[Format] = frozenset({"html", "text"})
# Types that say little: the URL's extension and the bytes decide instead.
_GENERIC_TYPES = frozenset(
    {"", "text/plain", "application/octet-stream", "binary/octet-stream", "application/gzip", "application/x-gzip"}
)


class FetchStateStore(Protocol):
    """The part of a store that keeps HTTP validators per URL (spillwatch.store.base.Store has it)."""

    def get_fetch_state(self, url: str) -> tuple[str | None, str | None]: ...

    def put_fetch_state(self, url: str, etag: str | None, last_modified: str | None) -> None: ...


def iter_items(
    sources: Sequence[str],
    settings: Settings,
    *,
    state: FetchState | None = None,
    store: FetchStateStore | None = None,
) -> Generator[Result, None, None]:
    """Every document in ``sources``, in order; fetches share one client and ``state``'s validators.

    Without ``state``, validators are read from ``store`` when one is given. With a ``store``, the
    validators that changed are written back to it once every item has been consumed; an iteration
    stopped early writes nothing, so a feed is never marked seen while some of its entries were not
    taken. A caller keeping a ``state`` file saves it itself (``state.save()``) after a complete run.
    """
    if state is None:
        state = FetchState(lookup=store.get_fetch_state if store is not None else None)
    run = _Run(settings, state)
    try:
        for source in sources:
            yield from run.source(source)
    finally:
        run.close()
    if store is not None:
        for url, kept in state.changed():
            store.put_fetch_state(url, kept.etag, kept.last_modified)


class _Run:
    """One ingest run: the fetcher (created on first URL), its state and the URLs already seen."""

    def __init__(self, settings: Settings, state: FetchState) -> None:
        self.settings = settings
        self.state = state
        self._fetcher: Fetcher | None = None
        self._seen_urls: set[str] = set()
        self._file_readers: dict[Format, Callable[[Path], Iterator[Result]]] = {
            "text": self._text_file,
            "html": self._html_file,
            "json": self._json_file,
            "jsonl": self._jsonl_file,
            "warc": self._warc_file,
            "feed": self._feed_file,
        }

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings, self.state)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def source(self, source: str) -> Iterator[Result]:
        if _SCHEME.match(source):
            yield from self.url(source)
            return
        path = Path(source)
        if not path.exists():
            yield Quarantined(source=source, reason="not-found", stage=STAGE, detail="no such file or folder")
            return
        for file in walk(path):
            yield from self.file(file)

    # ------------------------------------------------------------------ files
    def file(self, file: Path) -> Iterator[Result]:
        if file.is_dir():
            detail = "a symbolic link to a folder inside a walk is not followed; name it as a source"
            yield Quarantined(source=str(file), reason="not-followed", stage=STAGE, detail=detail)
            return
        fmt = format_of_name(file.name)
        reader = self._file_readers.get(fmt)
        if reader is None:
            detail = f"no reader for {file.suffix or 'files without an extension'}"
            yield Quarantined(source=str(file), reason="unsupported-type", stage=STAGE, detail=detail)
            return
        yield from isolated(reader(file), str(file))

    def _read(self, file: Path) -> bytes:
        """A document file's bytes (decompressed when its name says so), at most ``max_bytes``."""
        codec = split_suffix(file.name)[1]
        if codec is None:
            return read_capped(file, self.settings.max_bytes)
        return compressed.read_file(file, codec, self.settings.max_bytes)

    def _stream(self, file: Path) -> IO[bytes]:
        """A stream of a JSONL or WARC file; ``.warc.gz`` stays as it is (warcio reads its gzip members)."""
        codec = split_suffix(file.name)[1]
        if codec is None or file.name.lower().endswith(".warc.gz"):
            return _open(file)
        return compressed.open_stream(file, codec, self.settings.max_decompressed_bytes)

    def _text_file(self, file: Path) -> Iterator[Result]:
        data = self._read(file)
        listed = url_lines(data.decode(text_encoding(data, str(file))))
        if listed is None:
            yield document_item(data, str(file), "text")
            return
        for number, url in listed:
            yield from self.url(url, note=f"listed at {file}:{number}")

    def _html_file(self, file: Path) -> Iterator[Result]:
        yield document_item(self._read(file), str(file), "html")

    def _json_file(self, file: Path) -> Iterator[Result]:
        yield from iter_json_document(self._read(file), str(file))

    def _jsonl_file(self, file: Path) -> Iterator[Result]:
        with self._stream(file) as stream:
            yield from iter_json_lines(stream, str(file), max_bytes=self.settings.max_bytes)

    def _warc_file(self, file: Path) -> Iterator[Result]:
        with self._stream(file) as stream:
            yield from iter_warc(stream, str(file), max_bytes=self.settings.max_bytes)

    def _feed_file(self, file: Path) -> Iterator[Result]:
        data = self._read(file)
        yield from self.feed(parse_feed(data, str(file)), str(file))

    # ------------------------------------------------------------------ URLs
    def url(self, url: str, *, pages_only: bool = False, note: str = "") -> Iterator[Result]:
        """Fetch ``url`` once per run; 304 yields nothing, failures are quarantined."""
        if url in self._seen_urls:
            return
        self._seen_urls.add(url)
        yield from isolated(self._url_results(url, pages_only), url, note)

    def _url_results(self, url: str, pages_only: bool) -> Iterator[Result]:
        fetched = self.fetcher.get(url)
        if fetched is None:
            self.state.note_not_modified(url)
        else:
            yield from self.fetched(fetched, pages_only=pages_only)

    def fetched(self, got: Fetched, *, pages_only: bool) -> Iterator[Result]:
        got = self._inflated(got)
        fmt = _fetched_format(got)
        if pages_only and fmt not in _PAGE_FORMATS:
            raise SourceError(got.url, f"a feed entry link gave {fmt} content", reason="unsupported-content-type")
        if fmt in _PAGE_FORMATS:
            item = document_item(got.data, got.url, "html" if fmt == "html" else "text", declared=got.charset)
            yield replace(item, url=got.final_url, fetched_at=got.fetched_at)
        elif fmt in ("json", "jsonl"):
            for result in iter_json_document(got.data, got.url):
                yield replace(result, fetched_at=got.fetched_at) if isinstance(result, RawItem) else result
        elif fmt == "warc":
            yield from iter_warc(io.BytesIO(got.data), got.url, max_bytes=self.settings.max_bytes)
        elif fmt == "feed":
            yield from self.feed(parse_feed(got.data, got.url, base_url=got.final_url), got.url)
        else:
            detail = f"content type {got.content_type or 'none'!r} is not a document"
            raise SourceError(got.url, detail, reason="unsupported-content-type")

    def _inflated(self, got: Fetched) -> Fetched:
        """A body named ``.html.gz`` (etc.) and holding such bytes, decompressed (within ``max_bytes``)."""
        path = httpx.URL(got.final_url).path.lower()
        codec = split_suffix(path)[1]
        if codec is None or path.endswith(".warc.gz") or codec_of_bytes(got.data) != codec:
            return got
        return replace(got, data=compressed.decompress(got.data, codec, got.url, self.settings.max_bytes))

    # ------------------------------------------------------------------ feeds
    def feed(self, feed: Feed, source: str) -> Iterator[Result]:
        if not feed.entries:
            yield Quarantined(source=source, reason="empty", stage=STAGE, detail="feed has no entries")
        for entry in feed.entries:
            yield from isolated(self._entry(entry, feed, source), f"{source}#entry-{entry.index}")

    def _entry(self, entry: FeedEntry, feed: Feed, source: str) -> Iterator[Result]:
        if entry.link:
            yield from self._entry_page(entry, feed, source)
        elif entry.content:
            yield _inline_entry(entry, feed, f"{source}#entry-{entry.index}")
        else:
            where = f"{source}#entry-{entry.index}"
            yield Quarantined(source=where, reason="no-link", stage=STAGE, detail="entry has no link or content")

    def _entry_page(self, entry: FeedEntry, feed: Feed, source: str) -> Iterator[Result]:
        """The linked page; when it cannot be fetched and the feed carries the full text, that text instead."""
        assert entry.link is not None
        for result in self.url(entry.link, pages_only=True):
            if isinstance(result, RawItem):
                result = replace(result, declared_date=entry.published, declared_title=entry.title, outlet=feed.title)
            elif entry.content:
                inline = _inline_entry(entry, feed, f"{source}#entry-{entry.index}")
                result = replace(inline, url=entry.link)
            yield result


def _inline_entry(entry: FeedEntry, feed: Feed, source: str) -> RawItem:
    assert entry.content is not None
    return RawItem(
        source=source,
        data=entry.content.encode("utf-8"),
        kind="html",
        outlet=feed.title,
        declared_date=entry.published,
        declared_title=entry.title,
        encoding="utf-8",
    )


def _fetched_format(got: Fetched) -> Format:
    """Content-Type first; for generic types the URL's extension, then the bytes themselves."""
    fmt = format_of_media_type(got.content_type)
    if got.content_type not in _GENERIC_TYPES:
        return fmt
    by_name = format_of_name(httpx.URL(got.final_url).path)
    if by_name != "unknown":
        return by_name
    sniffed = sniff(got.data)
    if got.content_type == "text/plain":  # plain text unless it is plainly a feed or an archive
        return sniffed if sniffed in ("feed", "warc") else "text"
    return sniffed


def _open(file: Path) -> io.BufferedReader:
    try:
        return file.open("rb")
    except OSError as exc:
        raise SourceError(str(file), f"cannot open: {exc.strerror or exc}") from exc
