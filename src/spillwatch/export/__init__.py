"""Export stored events, streamed in batches, to CSV, Parquet, GeoParquet, GeoJSON or GeoPackage.

``stream.write_events(store, flt, fmt, sink, profile)`` reads the filtered events through the store's
Arrow batches (``Store.export_batches``: no row cap, memory bounded by one batch), converts each
batch to the profile's columns (``profiles.py``: spillwatch's own, ``acled`` or ``ucdp`` names and
codes) and writes it (``writers.py``). This module only names the formats and profiles, so the CLI
imports it cheaply; pyarrow comes with ``stream``, shapely and pyogrio with the geographic formats.
"""

from __future__ import annotations

FORMATS = ("csv", "parquet", "geoparquet", "geojson", "gpkg")
PROFILES = ("spillwatch", "acled", "ucdp")
EXTENSIONS = {"csv": "csv", "parquet": "parquet", "geoparquet": "parquet", "geojson": "geojson", "gpkg": "gpkg"}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet",
               "geoparquet": "application/vnd.apache.parquet", "geojson": "application/geo+json",
               "gpkg": "application/geopackage+sqlite3"}
