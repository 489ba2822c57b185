"""One document at a time, no store: read, clean, code and geocode a file as the run would; the URL check of
a webhook; the Spark job over WARC files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spillwatch.errors import SourceError
from spillwatch.records import Article, Place, Quarantined, RawItem
from spillwatch.settings import Settings, load_settings

if TYPE_CHECKING:  # the stages import spaCy: loaded on first use
    from spillwatch.api.rows import SparkCounts
    from spillwatch.stages import Coded


@dataclass(frozen=True, slots=True)
class CodeResult:
    article: Article
    coded: Coded


def check_web_url(url: str, settings: Settings | None = None) -> None:
    """FetchError unless ``url`` is an absolute http(s) URL with a host; with ``settings``, also unless its
    host resolves to addresses the address guard allows (it checks again when the request is sent)."""
    from spillwatch.ingest.netguard import checked_addresses, parse_url, system_resolve, with_timeout

    parsed = parse_url(url)
    if settings is not None:
        checked_addresses(parsed, allow_private=settings.allow_private_urls,
                          resolve=with_timeout(system_resolve, settings.fetch_timeout))


def run_spark(inputs: Sequence[str], out: str, *, master: str | None = None, partitions: int | None = None,
              settings: Settings | None = None) -> SparkCounts:
    """The Spark job over WARC files (or folders, or path lists): Parquet datasets under ``out``; row counts."""
    from spillwatch.api.rows import SparkCounts
    from spillwatch.spark import job

    return SparkCounts(**job.run(list(inputs), out, master=master, partitions=partitions, settings=settings))


def read_path(path: str | Path, settings: Settings) -> RawItem:
    """The first document in a file, as the ingest stage reads it (errors name the file)."""
    from spillwatch.ingest.sources import iter_items

    for item in iter_items([str(path)], settings):
        if isinstance(item, Quarantined):
            raise SourceError(item.source, item.detail or item.reason, reason=item.reason)
        return item
    raise SourceError(str(path), "no document found")


def clean_path(path: str | Path, settings: Settings | None = None) -> Article:
    from spillwatch.run import pipeline

    settings = settings or load_settings()
    cleaned = pipeline.clean_item(read_path(path, settings), settings)
    if isinstance(cleaned, Quarantined):
        raise SourceError(cleaned.source, cleaned.detail or cleaned.reason, reason=cleaned.reason)
    return cleaned


def code_path(path: str | Path, settings: Settings | None = None) -> CodeResult:
    from spillwatch.run import pipeline

    settings = settings or load_settings()
    article = clean_path(path, settings)
    coded = next(pipeline.understand([article], settings))
    if isinstance(coded, Quarantined):
        raise SourceError(coded.source, f"{coded.stage}: {coded.detail or coded.reason}", reason=coded.reason)
    return CodeResult(article, coded)


def geocode_path(path: str | Path, settings: Settings | None = None) -> tuple[Place, ...]:
    from spillwatch.run import pipeline

    settings = settings or load_settings()
    article = clean_path(path, settings)
    return pipeline.annotate_only(article, settings).places
