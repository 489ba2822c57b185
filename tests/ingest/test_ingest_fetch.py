"""The fetcher: address guard (every redirect hop), size cap, statuses, politeness, User-Agent, timeouts.

All traffic stays on 127.0.0.1 or inside an httpx.MockTransport: nothing leaves the machine.
"""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from ingest_support import Route, make_settings, self_signed_cert, serve

from spillwatch.errors import BlockedAddressError, FetchError
from spillwatch.ingest.fetch import Fetcher
from spillwatch.ingest.netguard import IPAddress, forbidden_reason, with_timeout
from spillwatch.ingest.sources import iter_items
from spillwatch.ingest.state import FetchState
from spillwatch.records import Quarantined, RawItem

PAGE = b"<html><body><p>Lantern makers in Orrin Bay doubled output this winter.</p></body></html>"
PUBLIC = ipaddress.ip_address("93.184.216.34")


def _guarded(**overrides: object) -> Fetcher:
    return Fetcher(make_settings(allow_private_urls=False, **overrides))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/page",
        "http://localhost:{port}/page",
        "http://[::1]:{port}/page",
        "http://10.20.30.40/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0:{port}/page",
        "http://[::ffff:127.0.0.1]:{port}/page",
        "http://2130706433:{port}/page",  # 127.0.0.1 written as one number
        "http://224.0.0.1/",
        "http://100.64.0.1/",  # shared address space: not global
    ],
)
def test_private_addresses_are_refused_when_the_flag_is_off(url: str) -> None:
    with serve({"/page": Route(PAGE)}) as srv, _guarded() as fetcher:
        with pytest.raises(BlockedAddressError) as caught:
            fetcher.get(url.format(port=srv.port))
        assert caught.value.reason == "blocked-address"
        assert srv.seen == []


def test_the_same_loopback_url_is_fetched_when_allowed() -> None:
    with serve({"/page": Route(PAGE)}) as srv, Fetcher(make_settings()) as fetcher:
        got = fetcher.get(srv.url("/page", host="localhost"))
    assert got is not None and got.data == PAGE and got.content_type == "text/html"
    assert srv.seen[0].headers["Host"] == f"localhost:{srv.port}"


def test_blocked_url_is_quarantined_by_iter_items() -> None:
    results = list(iter_items(["http://10.0.0.8/news"], make_settings(allow_private_urls=False)))
    assert [(type(r), r.reason) for r in results if isinstance(r, Quarantined)] == [(Quarantined, "blocked-address")]
    assert len(results) == 1


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"])
def test_global_addresses_pass_the_guard(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


def _fake_dns(table: dict[str, str]) -> Callable[[str, int], list[IPAddress]]:
    def resolve(host: str, port: int) -> list[IPAddress]:
        if host in table:
            return [ipaddress.ip_address(table[host])]
        return [ipaddress.ip_address(host)]

    return resolve


@pytest.mark.parametrize(
    "location",
    ["http://127.0.0.1/admin", "http://inside.example/secret", "http://[::1]/x", "http://localhost:8080/x"],
)
def test_a_redirect_to_a_private_address_is_refused(location: str) -> None:
    """First hop resolves to a public address; the redirect target must be re-checked and refused."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.headers["Host"] == "news.example":
            return httpx.Response(302, headers={"Location": location})
        return httpx.Response(200, content=PAGE)

    dns = _fake_dns({"news.example": str(PUBLIC), "inside.example": "10.0.0.7", "localhost": "127.0.0.1"})
    fetcher = Fetcher(make_settings(allow_private_urls=False), transport=httpx.MockTransport(handler), resolver=dns)
    with fetcher, pytest.raises(BlockedAddressError):
        fetcher.get("http://news.example/story")
    assert len(seen) == 1
    assert seen[0].url.host == str(PUBLIC)  # connected to the address that was checked


def test_redirects_are_followed_to_the_final_url() -> None:
    routes = {
        "/old": Route(b"", status=301, location="/mid"),
        "/mid": Route(b"", status=302, location="/new"),
        "/new": Route(PAGE),
    }
    with serve(routes) as srv:
        items = list(iter_items([srv.url("/old")], make_settings()))
    assert [(type(i), getattr(i, "url", None), i.source) for i in items] == [
        (RawItem, srv.url("/new"), srv.url("/old"))
    ]


def test_redirect_loops_stop() -> None:
    loop = {"/a": Route(b"", status=302, location="/b"), "/b": Route(b"", status=302, location="/a")}
    with serve(loop) as srv, Fetcher(make_settings()) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(srv.url("/a"))
    assert caught.value.reason == "too-many-redirects"


@pytest.mark.parametrize(
    "route",
    [
        Route(b"x" * 5000),  # Content-Length announces too much
        Route(b"x" * 5000, send_length=False),  # streamed until close, no length
        Route(b"x" * 50_000, gzip=True),  # small on the wire, over the cap once decoded
    ],
    ids=["content-length", "streamed", "gzip"],
)
def test_the_size_cap_is_enforced(route: Route) -> None:
    with (
        serve({"/big": route}) as srv,
        Fetcher(make_settings(max_bytes=1000)) as fetcher,
        pytest.raises(FetchError) as caught,
    ):
        fetcher.get(srv.url("/big"))
    assert caught.value.reason == "too-large"


def test_a_body_under_the_cap_is_read_whole_without_content_length() -> None:
    with serve({"/ok": Route(b"y" * 900, send_length=False)}) as srv, Fetcher(make_settings(max_bytes=1000)) as f:
        got = f.get(srv.url("/ok"))
    assert got is not None and got.data == b"y" * 900


def test_http_errors_and_the_user_agent() -> None:
    routes = {"/boom": Route(b"no", status=500), "/ok": Route(PAGE), "/odd": Route(b"", status=304)}
    with serve(routes) as srv, Fetcher(make_settings(user_agent="spillwatch-test/9")) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.get(srv.url("/boom"))
        with pytest.raises(FetchError) as odd:  # 304 to a request that asked nothing conditional
            fetcher.get(srv.url("/odd"))
        fetcher.get(srv.url("/ok"))
    assert caught.value.reason == "http-500" and odd.value.reason == "http-304"
    assert {s.headers["User-Agent"] for s in srv.seen} == {"spillwatch-test/9"}


def test_connection_refused_is_a_fetch_error() -> None:
    with serve({}) as srv:
        port = srv.port
    with Fetcher(make_settings()) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(f"http://127.0.0.1:{port}/gone")
    assert caught.value.reason == "fetch-failed"


def test_a_slow_server_times_out() -> None:
    with (
        serve({"/slow": Route(PAGE, delay=2.0)}) as srv,
        Fetcher(make_settings(fetch_timeout=0.3)) as fetcher,
        pytest.raises(FetchError) as caught,
    ):
        fetcher.get(srv.url("/slow"))
    assert caught.value.reason == "timeout"


def test_politeness_waits_between_requests_to_one_host() -> None:
    waits: list[float] = []
    with (
        serve({"/a": Route(PAGE), "/b": Route(PAGE)}) as srv,
        Fetcher(make_settings(per_host_delay=5.0), sleep=waits.append) as fetcher,
    ):
        fetcher.get(srv.url("/a"))
        fetcher.get(srv.url("/a", host="localhost"))  # another host name: no wait
        fetcher.get(srv.url("/b"))
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_https_connects_to_the_checked_address_and_still_verifies_the_host_name(tmp_path: Path) -> None:
    """The fetcher dials the resolved IP itself; TLS must still check the certificate against the name."""
    cert, key = self_signed_cert(tmp_path, "localhost")
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    trust = ssl.create_default_context(cafile=str(cert))
    with serve({"/page": Route(PAGE)}, tls=server_tls) as srv:
        with Fetcher(make_settings(), transport=httpx.HTTPTransport(verify=trust)) as fetcher:
            got = fetcher.get(f"https://localhost:{srv.port}/page")
        # same trusted certificate, but it names "localhost" only: asking for the bare IP must fail
        with (
            Fetcher(make_settings(), transport=httpx.HTTPTransport(verify=trust)) as fetcher,
            pytest.raises(FetchError),
        ):
            fetcher.get(f"https://127.0.0.1:{srv.port}/page")
    assert got is not None and got.data == PAGE and got.final_url == f"https://localhost:{srv.port}/page"
    assert srv.seen[0].headers["Host"] == f"localhost:{srv.port}"
    assert srv.seen[0].headers["Connection"] == "close"  # a TLS connection is never shared by names


def test_content_type_decides_and_generic_types_fall_back_to_the_url_and_bytes() -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>One</title><description>x</description></item></channel></rss>"
    )
    routes = {
        "/plain-feed": Route(feed, content_type="text/plain"),  # raw-file hosts serve feeds as text/plain
        "/notes": Route(b"Harbour notes for Tuesday.", content_type="text/plain; charset=utf-8"),
        "/page.html": Route(PAGE, content_type="application/octet-stream"),
        "/logo": Route(b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        "/dump": Route(
            b'{"text": "Ferry resumed.", "url": "https://x.example/f"}\n{"text": "Mill shut."}\n',
            content_type="application/x-ndjson",
        ),
    }
    with serve(routes) as srv:
        results = list(iter_items([srv.url(p) for p in routes], make_settings()))
    summary = [(r.source.rsplit("/", 1)[1], getattr(r, "kind", None) or r.reason) for r in results]  # type: ignore[union-attr]
    assert summary == [
        ("plain-feed#entry-0", "no-link"),
        ("notes", "text"),
        ("page.html", "html"),
        ("logo", "unsupported-content-type"),
        ("dump#L1", "text"),
        ("dump#L2", "text"),
    ]
    dumped = [r for r in results if isinstance(r, RawItem) and "#L" in r.source]
    assert [r.url for r in dumped] == ["https://x.example/f", None] and all(r.fetched_at for r in dumped)


def test_a_page_fetched_again_with_the_same_state_is_not_modified() -> None:
    state = FetchState()
    routes = {"/story": Route(PAGE, etag='W/"s1"', last_modified="Wed, 04 Mar 2026 10:00:00 GMT")}
    with serve(routes) as srv:
        first = list(iter_items([srv.url("/story")], make_settings(), state=state))
        second = list(iter_items([srv.url("/story")], make_settings(), state=state))
    assert [type(r) for r in first] == [RawItem] and second == []
    again = srv.seen[1].headers
    assert again["If-None-Match"] == 'W/"s1"' and again["If-Modified-Since"] == "Wed, 04 Mar 2026 10:00:00 GMT"
    assert [s.status for s in srv.seen] == [200, 304]


def test_a_hanging_name_lookup_times_out() -> None:
    release = threading.Event()

    def stuck(host: str, port: int) -> list[IPAddress]:
        release.wait()  # hangs until the test is done, however slowly the machine runs
        return [PUBLIC]

    def unknown(host: str, port: int) -> list[IPAddress]:
        raise FetchError(host, "no such host", reason="dns-failed")

    try:
        with pytest.raises(FetchError) as caught:
            with_timeout(stuck, 0.1)("slow.example", 80)
    finally:
        release.set()
    assert caught.value.reason == "timeout"
    with pytest.raises(FetchError) as missing:
        with_timeout(unknown, 60.0)("nowhere.example", 80)  # answers at once; the bound only guards a hang
    assert missing.value.reason == "dns-failed"
    assert with_timeout(lambda h, p: [PUBLIC], 60.0)("news.example", 80) == [PUBLIC]
