"""REST API and dashboard: a thin FastAPI shell over ``spillwatch.api`` (its only import from the package).

Every write needs ``Authorization: Bearer <api_token>`` and is refused outright when no token is
configured. Once a token is set, reads need it too, unless the user opts out with ``open_reads``
(``read_token_required`` closes reads even without a token). ``POST /api/ingest`` takes uploaded
files and http(s) URLs only, never a path on the server; an uploaded compressed file may expand to
``max_upload_decompressed_bytes`` at most (lower than a local file's cap), each record within it to
``max_bytes``. Errors are RFC 9457 problem details. SIGTERM (or Ctrl-C) stops the server: requests
still running after ``SHUTDOWN_GRACE`` seconds are abandoned (an ingest resumes where it stopped).
"""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Form, Header, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders

from spillwatch import api

STATIC = Path(__file__).with_name("static")
SERVE_LINGER = 0.05  # seconds the DuckDB file stays held after a burst of requests (the CLI may write between)
PROBLEM = "application/problem+json"
SHUTDOWN_GRACE = 10  # seconds running requests get to finish once the server is asked to stop
_NAME_CHARS = 120  # an uploaded file's name is kept to this many characters (its suffixes kept whole)


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str = "") -> None:
        super().__init__(detail or title)
        self.status, self.title, self.detail = status, title, detail


def _problem(status: int, title: str, detail: str, instance: str) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": instance}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _token_ok(given: str | None, expected: str | None) -> bool:
    if not expected or not given or not given.startswith("Bearer "):
        return False
    return secrets.compare_digest(given.removeprefix("Bearer ").encode(), expected.encode())


def create_app(settings: api.Settings | None = None) -> FastAPI:
    settings = settings or api.load_settings()
    settings = replace(settings, max_decompressed_bytes=min(settings.max_decompressed_bytes,
                                                            settings.max_upload_decompressed_bytes))
    sw = api.Spillwatch(settings=settings, linger=SERVE_LINGER)  # no lock held between requests
    app = FastAPI(title="spillwatch", version="0.1.0", description="Where an armed group's violence is spreading.")
    app.state.sw = sw
    _errors(app)

    reads_closed = settings.read_token_required or (bool(settings.api_token) and not settings.open_reads)

    def read_access(authorization: Annotated[str | None, Header()] = None) -> None:
        if reads_closed and not _token_ok(authorization, settings.api_token):
            raise Problem(401, "Unauthorized", "a valid bearer token is required to read")

    def write_access(authorization: Annotated[str | None, Header()] = None) -> None:
        if not settings.api_token:
            raise Problem(403, "Forbidden", "writes are disabled: no api_token is configured")
        if not _token_ok(authorization, settings.api_token):
            raise Problem(401, "Unauthorized", "a valid bearer token is required to write")

    from spillwatch.serve import analysis_routes, routes

    routes.install(app, sw, settings, Depends(read_access), Depends(write_access))
    analysis_routes.install(app, sw, Depends(read_access))
    _uploads(app, sw, settings, Depends(write_access))
    if STATIC.exists():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(STATIC / "index.html", headers=_SECURITY_HEADERS)

    app.add_middleware(_SecurityHeaders)
    return app


class _SecurityHeaders:
    """The security headers on every response, as plain ASGI: a streamed export that fails half-way
    then breaks the connection (the client sees an incomplete transfer), where Starlette's
    ``BaseHTTPMiddleware`` ended the body cleanly and a partial CSV looked whole."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in _SECURITY_HEADERS.items():
                    headers.setdefault(k, v)
            await send(message)

        await self.app(scope, receive, send_with_headers)


_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _errors(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def problem(request: Request, exc: Problem) -> JSONResponse:
        return _problem(exc.status, exc.title, exc.detail, request.url.path)

    @app.exception_handler(api.StoreLockedError)
    async def store_busy(request: Request, exc: api.StoreLockedError) -> JSONResponse:
        return _problem(503, "Service Unavailable", str(exc), request.url.path)

    @app.exception_handler(api.NotFoundError)
    async def not_found(request: Request, exc: api.NotFoundError) -> JSONResponse:
        return _problem(404, "Not Found", str(exc), request.url.path)

    @app.exception_handler(api.SpillwatchError)
    async def bad_request(request: Request, exc: api.SpillwatchError) -> JSONResponse:
        return _problem(400, "Bad Request", str(exc), request.url.path)

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return _problem(422, "Unprocessable Content", detail, request.url.path)


def _uploads(app: FastAPI, sw: api.Spillwatch, settings: api.Settings, write: Any) -> None:
    @app.post("/api/ingest", dependencies=[write], tags=["write"])
    def ingest(files: Annotated[list[UploadFile] | None, File()] = None,
               url: Annotated[str | None, Form(max_length=2000)] = None) -> dict[str, Any]:
        """Ingest uploaded files and/or one URL (needs the write token)."""
        if not files and not url:
            raise Problem(400, "Bad Request", "send files or a url")
        if url:
            _web_url(url)
        with tempfile.TemporaryDirectory(prefix="spillwatch-upload-") as tmp:
            sources = _save_uploads(files or [], Path(tmp), settings.max_upload_bytes)
            summary = sw.ingest(sources + ([url] if url else []))
        return {"read": summary.read, "stored": summary.stored, "duplicates": summary.duplicates,
                "near_duplicates": summary.near_duplicates, "quarantined": summary.quarantined,
                "held": summary.held,  # quarantined by an earlier run: not tried again
                "events": summary.events, "reasons": dict(summary.reasons)}

    _ = ingest


def _web_url(url: str) -> None:
    """Only an http(s) URL may be ingested by URL: a server path or file:// URL would read the server's files."""
    try:
        api.check_web_url(url)
    except api.SpillwatchError as exc:
        raise Problem(400, "Bad Request", f"url must be an http(s) URL: {exc}") from exc


def _save_uploads(files: list[UploadFile], folder: Path, cap: int) -> list[str]:
    total, paths = 0, []
    for i, upload in enumerate(files):
        data = upload.file.read(cap + 1)
        total += len(data)
        if total > cap:
            raise Problem(413, "Content Too Large", f"uploads exceed {cap} bytes")
        target = folder / f"{i:03d}-{_upload_name(upload.filename, i)}"
        target.write_bytes(data)
        paths.append(str(target))
    return paths


def _upload_name(filename: str | None, i: int) -> str:
    """The upload's own file name (no folders), cut to ``_NAME_CHARS`` with its suffixes (``.jsonl.zst``) kept."""
    name = Path(filename or "").name or f"upload-{i}.txt"
    if len(name) <= _NAME_CHARS:
        return name
    suffix = "".join(Path(name).suffixes[-2:])[-40:]
    return name[: _NAME_CHARS - len(suffix)] + suffix


def server_config(settings: api.Settings, host: str = "127.0.0.1", port: int = 8000) -> Any:
    """The uvicorn configuration ``run`` serves (requests running ``SHUTDOWN_GRACE`` s after SIGTERM are dropped)."""
    import uvicorn

    return uvicorn.Config(create_app(settings), host=host, port=port, log_level="info",
                          timeout_graceful_shutdown=SHUTDOWN_GRACE)


def run(settings: api.Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    uvicorn.Server(server_config(settings, host, port)).run()
