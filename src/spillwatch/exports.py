"""Event rows -> CSV, GeoJSON, Parquet bytes (the same for every backend)."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from spillwatch import csvsafe

FORMATS = ("csv", "geojson", "parquet", "json")
MEDIA_TYPES = {"csv": "text/csv", "geojson": "application/geo+json", "parquet": "application/vnd.apache.parquet",
               "json": "application/json"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


def _csv_value(value: Any) -> Any:
    return "" if value is None else _plain(value)


def to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    if rows:
        csvsafe.write_rows(buf, list(rows[0]), rows, render=_csv_value)
    return buf.getvalue().encode("utf-8")


def to_geojson(rows: Sequence[dict[str, Any]]) -> bytes:
    features = []
    for r in rows:
        if r.get("lat") is None or r.get("lon") is None:
            geometry = None
        else:
            geometry = {"type": "Point", "coordinates": [float(r["lon"]), float(r["lat"])]}
        props = {k: _plain(v) for k, v in r.items() if k not in {"lat", "lon"}}
        features.append({"type": "Feature", "id": r.get("id"), "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def to_parquet(rows: Sequence[dict[str, Any]]) -> bytes:
    import pyarrow as pa  # only here: pyarrow takes a third of a second to import
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([{k: _plain(v) for k, v in r.items()} for r in rows])
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def to_json(rows: Sequence[dict[str, Any]]) -> bytes:
    return json.dumps([{k: _plain(v) for k, v in r.items()} for r in rows], ensure_ascii=False).encode("utf-8")


def render(rows: Sequence[dict[str, Any]], fmt: str) -> bytes:
    return {"csv": to_csv, "geojson": to_geojson, "parquet": to_parquet, "json": to_json}[fmt](rows)
