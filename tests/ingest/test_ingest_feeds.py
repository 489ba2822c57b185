"""Feeds (RSS and Atom, as files and as URLs): entry links fetched, metadata carried, conditional GET."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_support import LocalServer, Route, make_settings, serve

from spillwatch.errors import SourceError
from spillwatch.ingest.feeds import parse_feed
from spillwatch.ingest.sources import iter_items
from spillwatch.ingest.state import FetchState
from spillwatch.records import Quarantined, RawItem

PAGE_A = b"<html><body><h1>Ferry link restored</h1><p>The Kestrel Sound ferry sailed again on Monday.</p></body></html>"
PAGE_B = b"<html><body><h1>Mill fire contained</h1><p>Crews in Dunmere held the fire to one shed.</p></body></html>"


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
 <channel>
  <title>Coastal Ledger</title><link>{base}/</link><description>Local news</description>
  <item><title>Ferry link restored</title><link>{base}/ferry</link>
        <pubDate>Mon, 02 Mar 2026 07:30:00 GMT</pubDate></item>
  <item><title>Mill fire contained</title><link>{base}/mill</link>
        <pubDate>Tue, 03 Mar 2026 18:05:00 GMT</pubDate></item>
  <item><title>Editorial, inline only</title><pubDate>Wed, 04 Mar 2026 06:00:00 GMT</pubDate>
        <content:encoded><![CDATA[<p>The council should publish its flood plan.</p>]]></content:encoded></item>
  <item><title>A teaser with nothing behind it</title><description>Soon.</description></item>
 </channel>
</rss>""".encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Upland Herald</title>
  <id>urn:uuid:5d0c7a34-0000-4000-8000-000000000001</id>
  <updated>2026-03-05T09:00:00Z</updated>
  <entry>
    <title>Ferry link restored</title>
    <link rel="alternate" href="ferry"/>
    <id>urn:uuid:5d0c7a34-0000-4000-8000-000000000002</id>
    <published>2026-03-02T07:30:00Z</published><updated>2026-03-02T08:00:00Z</updated>
  </entry>
  <entry>
    <title>Picture of the day</title>
    <link rel="alternate" href="/photo.jpg"/>
    <id>urn:uuid:5d0c7a34-0000-4000-8000-000000000003</id>
    <updated>2026-03-03T12:00:00Z</updated>
  </entry>
</feed>"""


def _routes() -> dict[str, Route]:
    return {
        "/ferry": Route(PAGE_A, etag='"ferry-v1"'),
        "/mill": Route(PAGE_B, last_modified="Tue, 03 Mar 2026 18:10:00 GMT"),
        "/news/ferry": Route(PAGE_A),
        "/photo.jpg": Route(b"\xff\xd8\xff\xe0 jpeg", content_type="image/jpeg"),
        "/news/atom.xml": Route(ATOM, content_type="application/atom+xml", etag='"atom-1"'),
    }


def test_rss_file_entries_are_fetched_with_feed_metadata(tmp_path: Path) -> None:
    with serve(_routes()) as srv:
        feed = tmp_path / "ledger.rss"
        feed.write_bytes(rss(srv.url("")))
        results = list(iter_items([str(feed)], make_settings()))
    items = [r for r in results if isinstance(r, RawItem)]
    assert [(i.source, i.url, i.declared_title, i.declared_date, i.outlet) for i in items] == [
        (
            srv.url("/ferry"),
            srv.url("/ferry"),
            "Ferry link restored",
            "Mon, 02 Mar 2026 07:30:00 GMT",
            "Coastal Ledger",
        ),
        (srv.url("/mill"), srv.url("/mill"), "Mill fire contained", "Tue, 03 Mar 2026 18:05:00 GMT", "Coastal Ledger"),
        (f"{feed}#entry-2", None, "Editorial, inline only", "Wed, 04 Mar 2026 06:00:00 GMT", "Coastal Ledger"),
    ]
    assert items[0].data == PAGE_A and items[0].kind == "html" and items[0].fetched_at is not None
    assert b"flood plan" in items[2].data
    bad = [r for r in results if isinstance(r, Quarantined)]
    assert [(q.source, q.reason) for q in bad] == [(f"{feed}#entry-3", "no-link")]


def _atom_run(srv: LocalServer, state: FetchState) -> list[RawItem | Quarantined]:
    return list(iter_items([srv.url("/news/atom.xml")], make_settings(), state=state))


def test_atom_url_resolves_relative_links_and_refuses_non_pages() -> None:
    with serve(_routes()) as srv:
        results = _atom_run(srv, FetchState())
    items = [r for r in results if isinstance(r, RawItem)]
    assert [(i.url, i.declared_title, i.declared_date, i.outlet) for i in items] == [
        (srv.url("/news/ferry"), "Ferry link restored", "2026-03-02T07:30:00Z", "Upland Herald")
    ]
    assert [(q.source, q.reason) for q in results if isinstance(q, Quarantined)] == [
        (srv.url("/photo.jpg"), "unsupported-content-type")
    ]


def test_second_run_with_the_same_state_gets_304_and_yields_nothing(tmp_path: Path) -> None:
    routes = _routes()
    with serve(routes) as srv:
        feed_url = srv.url("/feed.rss")
        routes["/feed.rss"] = Route(rss(srv.url("")), content_type="application/rss+xml", etag='"rss-7"')
        state = FetchState(tmp_path / "state.json")
        first = list(iter_items([feed_url], make_settings(), state=state))
        state.save()
        reloaded = FetchState.load(tmp_path / "state.json")
        second = list(iter_items([feed_url], make_settings(), state=reloaded))

        assert len([r for r in first if isinstance(r, RawItem)]) == 3
        assert [r for r in second if isinstance(r, RawItem)] == []
        assert second == []
        conditional = [s for s in srv.seen if s.path == "/feed.rss"][1]
        assert conditional.headers.get("If-None-Match") == '"rss-7"'
        assert srv.count("/feed.rss", status=304) == 1
        assert srv.count("/ferry") == 1  # the feed was unchanged: its entries were not fetched again


def test_unchanged_pages_are_not_yielded_again_when_the_feed_changes() -> None:
    routes = _routes()
    with serve(routes) as srv:
        routes["/feed.rss"] = Route(rss(srv.url("")), content_type="application/rss+xml", etag='"rss-7"')
        state = FetchState()
        list(iter_items([srv.url("/feed.rss")], make_settings(), state=state))
        routes["/feed.rss"] = Route(rss(srv.url("")) + b"\n", content_type="application/rss+xml", etag='"rss-8"')
        second = list(iter_items([srv.url("/feed.rss")], make_settings(), state=state))
        mill_requests = [s for s in srv.seen if s.path == "/mill"]
    # the feed changed (new ETag) so it is read again; its pages answer 304 and yield nothing new
    assert [r.source for r in second if isinstance(r, RawItem)] == [f"{srv.url('/feed.rss')}#entry-2"]
    assert mill_requests[1].headers.get("If-Modified-Since") == "Tue, 03 Mar 2026 18:10:00 GMT"
    assert [s.status for s in mill_requests] == [200, 304]


def test_not_a_feed_is_quarantined(tmp_path: Path) -> None:
    bad = tmp_path / "sitemap.xml"
    bad.write_bytes(b"<html><body>this is not a feed</body>")
    results = list(iter_items([str(bad)], make_settings()))
    assert [(type(r), getattr(r, "reason", "")) for r in results] == [(Quarantined, "bad-feed")]
    with pytest.raises(SourceError):
        parse_feed(b"\x00\x01 binary", "junk")


class DictStore:
    """Stands in for the store's fetch-state table."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str | None, str | None]] = {}

    def get_fetch_state(self, url: str) -> tuple[str | None, str | None]:
        return self.rows.get(url, (None, None))

    def put_fetch_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.rows[url] = (etag, last_modified)


def test_a_store_keeps_validators_between_runs_but_only_after_a_complete_run() -> None:
    routes = _routes()
    with serve(routes) as srv:
        routes["/feed.rss"] = Route(rss(srv.url("")), content_type="application/rss+xml", etag='"rss-7"')
        store = DictStore()
        partial = iter_items([srv.url("/feed.rss")], make_settings(), store=store)
        next(partial)
        partial.close()  # stopped after the first item: nothing may be marked as seen
        assert store.rows == {}
        first = list(iter_items([srv.url("/feed.rss")], make_settings(), store=store))
        second = list(iter_items([srv.url("/feed.rss")], make_settings(), store=store))
    assert len([r for r in first if isinstance(r, RawItem)]) == 3 and second == []
    assert store.rows == {
        srv.url("/feed.rss"): ('"rss-7"', None),
        srv.url("/ferry"): ('"ferry-v1"', None),
        srv.url("/mill"): (None, "Tue, 03 Mar 2026 18:10:00 GMT"),
    }
    assert srv.count("/feed.rss", status=304) == 1


def test_unfetchable_entry_falls_back_to_the_feed_full_text(tmp_path: Path) -> None:
    """Regression: an entry whose link cannot be fetched but whose feed carries content:encoded is not lost."""
    from spillwatch.ingest.sources import iter_items
    from spillwatch.records import RawItem
    from spillwatch.settings import load_settings

    feed = tmp_path / "full.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Test Feed</title><item><title>Harbour flood</title>"
        "<link>http://127.0.0.1:9/story</link><pubDate>Mon, 02 Jan 2017 10:00:00 GMT</pubDate>"
        "<description>Short.</description><content:encoded><![CDATA[<p>The harbour flooded on Monday "
        "after a storm, officials said.</p>]]></content:encoded></item></channel></rss>", encoding="utf-8")
    items = list(iter_items([str(feed)], load_settings(allow_private_urls=False, per_host_delay=0)))
    assert len(items) == 1 and isinstance(items[0], RawItem)
    assert items[0].url == "http://127.0.0.1:9/story" and b"harbour flooded" in items[0].data
    assert items[0].declared_title == "Harbour flood"
