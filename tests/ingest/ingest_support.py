"""Test helpers for the ingest stage: a WARC builder and a small local HTTP server that counts requests."""

from __future__ import annotations

import gzip
import io
import socketserver
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from spillwatch.settings import Settings


def make_settings(**overrides: object) -> Settings:
    """Settings for tests: loopback allowed, no politeness delay, short timeout."""
    values: dict[str, object] = {"allow_private_urls": True, "per_host_delay": 0.0, "fetch_timeout": 5.0}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def make_warc(
    path: Path,
    records: list[tuple[str, bytes]],
    *,
    content_type: str = "text/html; charset=utf-8",
    extra: Sequence[tuple[str, bytes, str, str]] = (),
) -> Path:
    """Write a WARC (gzipped when ``path`` ends in .gz) with one response record per (url, html).

    ``extra`` adds (url, body, content type, HTTP status line) responses, e.g. an image or a 404.
    A request record precedes each response, as crawlers write them.
    """
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        rows = [(url, body, content_type, "200 OK") for url, body in records] + list(extra)
        for url, body, ctype, status in rows:
            _write_pair(writer, url, body, ctype, status)
    return path


def _write_pair(writer: WARCWriter, url: str, body: bytes, ctype: str, status: str) -> None:
    req_headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=req_headers))
    headers = StatusAndHeaders(
        status,
        [("Content-Type", ctype), ("Last-Modified", "Tue, 03 Mar 2026 08:00:00 GMT")],
        protocol="HTTP/1.1",
    )
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    send_length: bool = True
    gzip: bool = False
    delay: float = 0.0  # seconds to wait before answering


@dataclass
class SeenRequest:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class LocalServer:
    routes: dict[str, Route]
    seen: list[SeenRequest] = field(default_factory=list)
    port: int = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def count(self, path: str, status: int | None = None) -> int:
        return sum(1 for s in self.seen if s.path == path and (status is None or s.status == status))


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def do_GET(self) -> None:
            route = server.routes.get(self.path)
            if route is not None and route.delay:
                time.sleep(route.delay)
            status = self._status(route)
            server.seen.append(SeenRequest(self.path, dict(self.headers.items()), status))
            self.send_response(status)
            if route is None or status == 304:
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._send_route(route)

        def _status(self, route: Route | None) -> int:
            if route is None:
                return 404
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                return 304
            if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                return 304
            return route.status

        def _send_route(self, route: Route) -> None:
            body = gzip.compress(route.body) if route.gzip else route.body
            self.send_header("Content-Type", route.content_type)
            for name, value in (
                ("ETag", route.etag),
                ("Last-Modified", route.last_modified),
                ("Location", route.location),
            ):
                if value:
                    self.send_header(name, value)
            if route.gzip:
                self.send_header("Content-Encoding", "gzip")
            if route.send_length:
                self.send_header("Content-Length", str(len(body)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (size cap, timeout)
                self.close_connection = True

    return Handler


@contextmanager
def serve(routes: dict[str, Route], tls: ssl.SSLContext | None = None) -> Iterator[LocalServer]:
    """Serve ``routes`` on 127.0.0.1 at a random port in a thread (HTTPS when ``tls`` is given)."""
    state = LocalServer(routes)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(state))
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    with running(httpd) as port:
        state.port = port
        yield state


@contextmanager
def running(httpd: socketserver.TCPServer) -> Iterator[int]:
    """Serve ``httpd`` in a thread while the block runs; its port."""
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield int(httpd.server_address[1])
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def self_signed_cert(folder: Path, host: str) -> tuple[Path, Path]:
    """(certificate, key) for ``host``, made with the openssl command line tool."""
    cert, key = folder / f"{host}.crt", folder / f"{host}.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={host}",
            "-addext",
            f"subjectAltName=DNS:{host}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
