"""Read endpoints: articles, events (filters, paging, sort), one event with its evidence, actors, exports."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from typing import Any

from fastapi import Depends, FastAPI, Query
from fastapi.responses import Response, StreamingResponse

from spillwatch import api

# Dates and countries are read by the API (a day, a month such as 2016-05, a year or A..B; ISO3 in any case or
# a name), so these only bound the length; a value the API cannot read is a 400 naming it and the closest names.
COUNTRY = Query(None, max_length=100, description="ISO3 in any case, or a country name")

ROLE_ANY = Query([], description="Roles of the actor that count: perpetrator, party, target or any (repeat or "
                 "comma-separate); default any role.")

def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    parts = text.split(",")
    if len(parts) != 4:
        raise api.SpillwatchError("bbox must be min_lon,min_lat,max_lon,max_lat")
    try:
        a, b, c, d = (float(p) for p in parts)
    except ValueError as exc:
        raise api.SpillwatchError("bbox values must be numbers") from exc
    if not (-180 <= a <= c <= 180 and -90 <= b <= d <= 90):
        raise api.SpillwatchError("bbox out of range")
    return a, b, c, d


def install(app: FastAPI, sw: api.Spillwatch, settings: api.Settings, read: Any, write: Any) -> None:
    max_page = settings.max_page_size

    def event_filter(actor: str | None = Query(None, max_length=200),
                     type: str | None = Query(None, pattern=r"^[A-Za-z_]{2,20}$"),
                     mode: str | None = Query(None, max_length=60),
                     acled_type: str | None = Query(None, max_length=120),
                     country: str | None = COUNTRY,
                     adm1: str | None = Query(None, max_length=60),
                     date_from: str | None = Query(None, alias="from", max_length=40),
                     date_to: str | None = Query(None, alias="to", max_length=40),
                     bbox: str | None = Query(None, max_length=120),
                     q: str | None = Query(None, max_length=200),
                     origin: str | None = Query(None, pattern=r"^(spillwatch|ucdp|acled)$"),
                     sort: str = Query("date_start", pattern=r"^(date_start|date_end|type|country_iso3|n_mentions|"
                                       r"fatalities_best|id)$"),
                     order: str = Query("desc", pattern=r"^(asc|desc)$"),
                     limit: int = Query(50, ge=1, le=max_page),
                     offset: int = Query(0, ge=0, le=10_000_000),
                     role: list[str] = ROLE_ANY) -> api.EventFilter:
        chosen = api.parse_roles(role, default=api.ROLES)
        return api.EventFilter(actor=actor, roles=() if chosen == api.ROLES else chosen, type=type, mode=mode,
                               acled_type=acled_type, country=country,
                               adm1=adm1, date_from=date_from, date_to=date_to, bbox=_bbox(bbox), text=q,
                               origin=origin, sort=sort, descending=order == "desc", limit=limit, offset=offset)

    flt_dep = Depends(event_filter)

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/articles", dependencies=[read], tags=["articles"])
    def articles(limit: int = Query(50, ge=1, le=max_page), offset: int = Query(0, ge=0, le=10_000_000)
                 ) -> list[dict[str, Any]]:
        return [api.dump(r) for r in sw.articles(limit=limit, offset=offset)]

    @app.get("/api/articles/{article_id}", dependencies=[read], tags=["articles"])
    def article(article_id: str) -> dict[str, Any]:
        a = sw.article(_id(article_id))
        return {"id": a.id, "title": a.title, "text": a.text, "url": a.url, "outlet": a.outlet,
                "published": a.published.value, "published_method": a.published.method,
                "blocks": [{"role": b.role, "text": b.text} for b in a.blocks],
                "related": [r.text for r in a.related]}

    @app.get("/api/events", dependencies=[read], tags=["events"])
    def events(flt: api.EventFilter = flt_dep) -> dict[str, Any]:
        return {"total": sw.count_events(flt), "limit": flt.limit, "offset": flt.offset,
                "items": api.dump(sw.events(flt))}

    @app.get("/api/events/facets", dependencies=[read], tags=["events"])
    def facets(flt: api.EventFilter = flt_dep) -> dict[str, Any]:
        found = sw.event_facets(flt)
        return {"per_country": {c.key: c.n for c in found.per_country},
                "per_type": {c.key: c.n for c in found.per_type},
                "per_month": [{"month": c.key, "n": c.n} for c in found.per_month]}

    @app.get("/api/geo/countries", dependencies=[read], tags=["map"])
    def countries() -> Response:
        """Natural Earth country outlines (world-atlas TopoJSON) with ISO3 codes."""
        return Response(sw.map_countries(), media_type="application/json")

    @app.get("/api/geo/adm1", dependencies=[read], tags=["map"])
    def adm1() -> Response:
        """Natural Earth 1:10m ADM1 polygons (TopoJSON, object ``adm1``, ids ISO 3166-2)."""
        return Response(api.map_adm1(), media_type="application/json")

    @app.get("/api/map/layers", dependencies=[read], tags=["map"])
    def layers(flt: api.EventFilter = flt_dep) -> dict[str, Any]:
        """Events and deaths per country (ISO3) and ADM1 unit (ISO 3166-2) of the filtered events."""
        return dict(api.dump(sw.map_layers(flt)))

    @app.get("/api/map/timeline", dependencies=[read], tags=["map"])
    def timeline(flt: api.EventFilter = flt_dep) -> dict[str, Any]:
        """Events and deaths per month, every month from the first to the last (or from/to) present."""
        return {"items": api.dump(sw.timeline(flt))}

    @app.get("/api/map/points", dependencies=[read], tags=["map"])
    def points(flt: api.EventFilter = flt_dep, n: int = Query(1000, ge=1, le=5000)) -> dict[str, Any]:
        """Events placed at or near a town (precision 1-2), most deaths first, at most ``n``."""
        return dict(api.dump(sw.map_points(flt, n)))

    @app.get("/api/events/{event_id}", dependencies=[read], tags=["events"])
    def event(event_id: str) -> dict[str, Any]:
        detail = sw.event(_id(event_id))
        return {"event": api.dump(detail.event), "mentions": [_mention(m) for m in detail.mentions],
                "joins": [api.dump(j) for j in detail.joins]}

    @app.get("/api/actors", dependencies=[read], tags=["actors"])
    def actors(limit: int = Query(200, ge=1, le=max_page), q: str | None = Query(None, max_length=200),
               min_events: int = Query(1, ge=0)) -> list[dict[str, Any]]:
        """Actors with ids, aliases, country, sector and event counts (most events first); ``q`` searches."""
        return [api.dump(r) for r in sw.actor_directory(q) if r.events >= min_events][:limit]

    @app.get("/api/export/events.{fmt}", dependencies=[read], tags=["exports"])
    def export(fmt: str, flt: api.EventFilter = flt_dep,
               profile: str = Query("spillwatch", pattern=r"^(spillwatch|acled|ucdp)$")) -> StreamingResponse:
        """Every matching event (no row cap: limit and offset do not apply), streamed as csv, parquet,
        geoparquet, geojson or gpkg in spillwatch's, ACLED's or UCDP's columns."""
        if fmt not in api.EXPORT_FORMATS:
            raise api.SpillwatchError(f"unknown export format {fmt!r}; use one of {api.EXPORT_FORMATS}")
        headers = {"Content-Disposition": f'attachment; filename="events.{api.EXPORT_EXTENSIONS[fmt]}"'}
        if fmt == "csv":
            chunks: Iterator[bytes] = sw.export_csv(flt, profile)
        else:  # written by its library to a temporary file, then streamed from disk
            handle, path = tempfile.mkstemp(prefix="spillwatch-export-", suffix=f".{api.EXPORT_EXTENSIONS[fmt]}")
            os.close(handle)
            try:
                sw.export(flt, fmt, path, profile)
            except BaseException:
                os.unlink(path)
                raise
            chunks = _file_chunks(path)
        return StreamingResponse(chunks, media_type=api.EXPORT_MEDIA_TYPES[fmt], headers=headers)

    _ = (health, articles, article, events, facets, countries, adm1, layers, timeline, points, event, actors, export)


def _file_chunks(path: str, size: int = 1 << 20) -> Iterator[bytes]:
    """A file's bytes in chunks; the file is removed once sent (or when the client goes away)."""
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(size):
                yield chunk
    finally:
        os.unlink(path)


def _id(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9:_\-.]{1,120}", value):
        raise api.NotFoundError(f"no record {value[:40]!r}")
    return value


def _mention(m: api.MentionRow) -> dict[str, Any]:
    """A mention with its article text and the character spans to highlight (rendered as text by the UI)."""
    record = api.loads_json(m.record_json)
    spans = [{"role": "trigger", "start": m.trigger_start, "end": m.trigger_end}]
    spans += [{"role": a["role"], "start": a["span"]["start"], "end": a["span"]["end"]}
              for a in record.get("arguments", [])]
    return {"id": m.id, "article_id": m.article_id, "title": m.title, "outlet": m.outlet,
            "url": m.url, "text": m.body, "sentence": [m.sentence_start, m.sentence_end],
            "spans": spans, "type": m.type, "modality": m.modality, "quoted": m.quoted,
            "place_text": m.place_text, "date_start": m.date_start}
