"""Fetcher: one HTTP client with timeouts, a size cap, politeness, guarded redirects and conditional GET.

Input: http(s) URLs. Output: ``Fetched`` (final URL, media type, body bytes, fetch time), or None
when the server answers 304 Not Modified to the validators kept in a ``FetchState``.
Declines (raises FetchError and subclasses, the only place httpx errors are translated): other
schemes, addresses refused by the address guard on any redirect hop (BlockedAddressError),
bodies over ``settings.max_bytes`` ("too-large"), slow responses ("timeout"), HTTP error statuses
("http-<code>"), too many redirects, and network failures ("fetch-failed").
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType

import httpx

from spillwatch.errors import FetchError
from spillwatch.ingest.netguard import (
    Resolver,
    checked_addresses,
    host_of,
    parse_url,
    system_resolve,
    with_timeout,
)
from spillwatch.ingest.state import FetchState, Validators
from spillwatch.settings import Settings

MAX_REDIRECTS = 10
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Fetched:
    """One successful response body."""

    url: str  # as requested
    final_url: str  # after redirects
    content_type: str  # media type, lower case, without parameters ("" if none)
    charset: str | None
    data: bytes
    fetched_at: datetime


class Fetcher:
    """Fetch URLs politely through one ``httpx.Client``. Use as a context manager, or call close().

    ``transport`` and ``resolver`` are seams for tests (an httpx.MockTransport, a fake DNS).
    """

    def __init__(
        self,
        settings: Settings,
        state: FetchState | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.state = state if state is not None else FetchState()
        self._resolve: Resolver = resolver or with_timeout(system_resolve, settings.fetch_timeout)
        self._sleep = sleep
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(settings.fetch_timeout),
            headers={"User-Agent": settings.user_agent},
            follow_redirects=False,
            trust_env=False,
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> Fetched | None:
        """Fetch ``url`` following redirects (each hop re-checked); None on 304 Not Modified."""
        try:
            return self._follow(url)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out: {exc}", reason="timeout") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc

    def post_json(self, url: str, payload: object) -> int:
        """POST ``payload`` as JSON through the same address guard (redirects are not followed); the status."""
        body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
        try:
            response = self._open(parse_url(url), method="POST", content=body)
            response.close()
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out: {exc}", reason="timeout") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc
        if not 200 <= response.status_code < 300:
            status = response.status_code
            raise FetchError(url, f"answered HTTP status {status}", reason=f"http-{status}")
        return response.status_code

    # ------------------------------------------------------------------ internals
    def _follow(self, url: str) -> Fetched | None:
        current = parse_url(url)
        for _hop in range(MAX_REDIRECTS + 1):
            response = self._open(current)
            try:
                if response.status_code not in REDIRECT_STATUSES:
                    return self._answer(url, current, response)
                current = _redirect_target(current, response)
            finally:
                response.close()
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects", reason="too-many-redirects")

    def _answer(self, requested: str, current: httpx.URL, response: httpx.Response) -> Fetched | None:
        """The final (non-redirect) response: None on 304 to a conditional GET, Fetched on 2xx, else FetchError."""
        conditional = any(h in response.request.headers for h in ("If-None-Match", "If-Modified-Since"))
        if response.status_code == 304 and conditional:
            return None
        if not 200 <= response.status_code < 300:
            status = response.status_code
            raise FetchError(str(current), f"HTTP status {status}", reason=f"http-{status}")
        return self._finish(requested, current, response, self._read_body(response, str(current)))

    def _open(self, url: httpx.URL, method: str = "GET", content: bytes | None = None) -> httpx.Response:
        """Send GET (or a JSON POST) to one checked address of ``url`` (the next one if a connect fails)."""
        addresses = checked_addresses(url, allow_private=self.settings.allow_private_urls, resolve=self._resolve)
        self._wait_turn(host_of(url))
        headers = {"Host": url.netloc.decode("ascii")}
        headers.update(self._conditional_headers(url) if method == "GET" else {"Content-Type": "application/json"})
        extensions: dict[str, str] = {}
        if url.scheme == "https":
            # TLS checks the certificate against the name, while we dial the checked IP; the pool is
            # keyed by IP, so never leave a connection open for another host name to reuse.
            extensions["sni_hostname"] = host_of(url)
            headers["Connection"] = "close"
        last_error: httpx.ConnectError | None = None
        for addr in addresses:
            request = self._client.build_request(
                method, url.copy_with(host=str(addr)), headers=headers, extensions=extensions, content=content
            )
            try:
                return self._client.send(request, stream=True)
            except httpx.ConnectError as exc:
                last_error = exc
        assert last_error is not None  # addresses is never empty
        raise last_error

    def _conditional_headers(self, url: httpx.URL) -> dict[str, str]:
        known = self.state.get(str(url))
        return known.headers() if known is not None else {}

    def _wait_turn(self, host: str) -> None:
        """Politeness: keep ``per_host_delay`` seconds between requests to one host."""
        last = self._last_request.get(host)
        if last is not None:
            wait = self.settings.per_host_delay - (time.monotonic() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = time.monotonic()

    def _read_body(self, response: httpx.Response, source: str) -> bytes:
        """Stream the body, aborting once it passes the size cap or the time budget."""
        cap = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(source, f"Content-Length {declared} > cap {cap}", reason="too-large")
        deadline = time.monotonic() + self.settings.fetch_timeout
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > cap:
                raise FetchError(source, f"body passed the cap of {cap} bytes", reason="too-large")
            if time.monotonic() > deadline:
                raise FetchError(source, "body took longer than the fetch timeout", reason="timeout")
        return bytes(body)

    def _finish(self, requested: str, final: httpx.URL, response: httpx.Response, data: bytes) -> Fetched:
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        self.state.update(str(final), Validators(etag=etag, last_modified=modified))
        media = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        return Fetched(
            url=requested,
            final_url=str(final),
            content_type=media,
            charset=response.charset_encoding,
            data=data,
            fetched_at=datetime.now(UTC),
        )


def _redirect_target(current: httpx.URL, response: httpx.Response) -> httpx.URL:
    location = response.headers.get("Location")
    if not location:
        raise FetchError(str(current), f"redirect {response.status_code} without Location", reason="bad-redirect")
    try:
        target = current.join(location)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(str(current), f"bad redirect Location {location!r}", reason="bad-redirect") from exc
    return parse_url(str(target))
