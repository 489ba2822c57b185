"""Address guard: resolve a URL's host and refuse addresses that are not on the public internet.

Input: an http(s) URL. Output: the resolved addresses the fetcher may connect to (it connects
to exactly these, so a second DNS answer cannot swap in another address).
Declines: other schemes, hosts that do not resolve (or not within the timeout), and (unless
private URLs are allowed) private, loopback, link-local, multicast, reserved, unspecified or
otherwise non-global addresses, by raising FetchError / BlockedAddressError.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable

import httpx

from spillwatch.errors import BlockedAddressError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[IPAddress]]
ALLOWED_SCHEMES = ("http", "https")


def parse_url(url: str) -> httpx.URL:
    """A checked httpx.URL: http(s) with a host, else FetchError."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        raise FetchError(url, f"not a valid URL: {exc}", reason="bad-url") from exc
    if not parsed.scheme:
        raise FetchError(url, "relative URL with nothing to resolve it against", reason="bad-url")
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(url, f"scheme {parsed.scheme!r} is not fetched", reason="unsupported-scheme")
    if not parsed.raw_host:
        raise FetchError(url, "URL has no host", reason="bad-url")
    return parsed


def host_of(url: httpx.URL) -> str:
    """The ASCII (IDNA) host name, without IPv6 brackets."""
    return url.raw_host.decode("ascii").strip("[]").lower()


def port_of(url: httpx.URL) -> int:
    return url.port or (443 if url.scheme == "https" else 80)


def system_resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the system resolver gives for ``host`` (deduplicated, in its order)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(host, f"cannot resolve host: {exc}", reason="dns-failed") from exc
    out: list[IPAddress] = []
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if addr not in out:
            out.append(addr)
    return out


def with_timeout(resolve: Resolver, timeout: float) -> Resolver:
    """``resolve`` bounded by ``timeout`` seconds (getaddrinfo itself has no timeout)."""

    def bounded(host: str, port: int) -> list[IPAddress]:
        box: list[list[IPAddress] | FetchError] = []

        def work() -> None:
            try:
                box.append(resolve(host, port))
            except FetchError as exc:
                box.append(exc)

        worker = threading.Thread(target=work, name=f"resolve {host}", daemon=True)
        worker.start()
        worker.join(timeout)
        if not box:
            raise FetchError(host, f"name lookup took over {timeout:g} s", reason="timeout")
        if isinstance(box[0], FetchError):
            raise box[0]
        return box[0]

    return bounded


def forbidden_reason(addr: IPAddress) -> str | None:
    """Why ``addr`` may not be fetched, or None when it is a global unicast address."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return forbidden_reason(addr.ipv4_mapped)
    checks = (
        ("unspecified", addr.is_unspecified),
        ("loopback", addr.is_loopback),
        ("link-local", addr.is_link_local),
        ("multicast", addr.is_multicast),
        ("private", addr.is_private),
        ("reserved", addr.is_reserved),
        ("not global", not addr.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


def checked_addresses(url: httpx.URL, *, allow_private: bool, resolve: Resolver) -> list[IPAddress]:
    """Resolve ``url``'s host; refuse the URL if any address is forbidden (unless allowed)."""
    host = host_of(url)
    addresses = resolve(host, port_of(url))
    if not addresses:
        raise FetchError(str(url), "host resolved to no address", reason="dns-failed")
    if allow_private:
        return addresses
    for addr in addresses:
        why = forbidden_reason(addr)
        if why is not None:
            raise BlockedAddressError(str(url), f"{host} resolves to {why} address {addr}")
    return addresses
