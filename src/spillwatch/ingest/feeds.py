"""RSS and Atom feeds: the entries a feed lists (link, title, published date, inline content).

Input: a feed document's bytes, the name of its source and, for fetched feeds, its URL (relative
entry links are resolved against it). Output: ``Feed`` with one ``FeedEntry`` per entry, in feed
order; fetching the linked pages is the caller's job (sources.py).
Declines: bytes that feedparser cannot read as any feed, raising SourceError("bad-feed").
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser

from spillwatch.errors import SourceError


@dataclass(frozen=True, slots=True)
class FeedEntry:
    index: int
    link: str | None
    title: str | None
    published: str | None  # the date string as the feed gives it (published, else updated)
    content: str | None  # full inline content (Atom content, RSS content:encoded), not the summary


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes, source: str, base_url: str | None = None) -> Feed:
    """Parse RSS 0.9x/1.0/2.0 or Atom bytes; SourceError("bad-feed") when it is not a feed."""
    headers = {"content-location": base_url} if base_url else None
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser wraps most faults in bozo, but not all
        raise SourceError(source, f"feed parser failed: {exc}", reason="bad-feed") from exc
    if not parsed.get("version") and not parsed.get("entries"):
        why = parsed.get("bozo_exception", "no RSS or Atom root element")
        raise SourceError(source, f"not a feed: {why}", reason="bad-feed")
    entries = tuple(_entry(i, e, base_url) for i, e in enumerate(parsed.get("entries", [])))
    return Feed(title=_text(parsed.get("feed", {}).get("title")), entries=entries)


def _entry(index: int, raw: Any, base_url: str | None) -> FeedEntry:
    link = _text(raw.get("link"))
    if link and base_url:
        link = urljoin(base_url, link)
    return FeedEntry(
        index=index,
        link=link,
        title=_text(raw.get("title")),
        published=_text(raw.get("published")) or _text(raw.get("updated")),
        content=_content(raw),
    )


def _content(raw: Any) -> str | None:
    for part in raw.get("content") or []:
        value = _text(part.get("value"))
        if value:
            return value
    return None


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
