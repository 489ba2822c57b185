"""Arrow record batches -> CSV, Parquet, GeoParquet, GeoJSON, GeoPackage, one batch at a time.

Parquet and GeoParquet: pyarrow's ParquetWriter (GeoParquet 1.1: WKB points made by shapely, the
``geo`` schema metadata, CRS left out so it is OGC:CRS84, longitude/latitude). GeoJSON and
GeoPackage: GDAL through pyogrio's Arrow stream writer (GeoJSON per RFC 7946). CSV: the shared
CSV writer in ``export.csvsafe`` (so its cell rules apply), several values joined by the
profile's separator. An event without coordinates has no geometry. Memory stays bounded by
one batch; the count of rows written is returned.

A file is written under a hidden temporary name beside the target (``.NAME.PID-RANDOM.part.EXT``),
flushed to disk and renamed to the target only when every row is in it: an export that fails or is
killed leaves no file under the target's name (an earlier file there stays as it was), never a
partial file that looks whole. The next export to the same name removes the part files that
exports killed before it left behind (those whose process is gone).
"""

from __future__ import annotations

import glob
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from spillwatch.errors import SpillwatchError
from spillwatch.export.csvsafe import to_csv

GEOMETRY = "geometry"
GEO_METADATA = {"version": "1.1.0", "primary_column": GEOMETRY,
                "columns": {GEOMETRY: {"encoding": "WKB", "geometry_types": ["Point"]}}}
Sink = str | Path | IO[bytes]


class _Counter:
    def __init__(self, batches: Iterable[pa.RecordBatch]) -> None:
        self.batches, self.rows = batches, 0

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        for batch in self.batches:
            self.rows += batch.num_rows
            yield batch


def write(batches: Iterable[pa.RecordBatch], schema: pa.Schema, fmt: str, sink: Sink, list_sep: str = "|") -> int:
    """Write every batch (all in ``schema``) to ``sink`` as ``fmt``; returns the number of rows.

    A file that cannot be written raises SpillwatchError naming it.
    """
    if fmt not in ("csv", "parquet", "geoparquet", "geojson", "gpkg"):
        raise SpillwatchError(f"unknown export format {fmt!r}")
    if fmt in ("geojson", "gpkg") and not isinstance(sink, str | Path):
        raise SpillwatchError(f"{fmt} is written to a file path, not a stream")
    counted = _Counter(batches)
    name = sink if isinstance(sink, str | Path) else getattr(sink, "name", "output")
    try:
        if isinstance(sink, str | Path) and _plain_file(Path(sink)):
            with atomic_path(Path(sink)) as part:
                _dispatch(counted, schema, fmt, part, list_sep, name)
        else:
            _dispatch(counted, schema, fmt, sink, list_sep, name)
    except OSError as exc:
        raise SpillwatchError(f"{name}: cannot write: {exc.strerror or exc}") from exc
    return counted.rows


def _dispatch(batches: Iterable[pa.RecordBatch], schema: pa.Schema, fmt: str, sink: Sink, list_sep: str,
              name: object) -> None:
    if fmt == "csv":
        _csv(batches, schema, sink, list_sep)
    elif fmt in ("parquet", "geoparquet"):
        _parquet(batches, schema, sink, geo=fmt == "geoparquet")
    else:
        assert isinstance(sink, str | Path)
        _ogr(batches, schema, Path(sink), "GeoJSON" if fmt == "geojson" else "GPKG", name)


def _sweep(target: Path) -> None:
    """Remove the part files of earlier exports to ``target`` whose process no longer runs (killed ones)."""
    for old in target.parent.glob(f".{glob.escape(target.name)}.*-*.part{glob.escape(target.suffix)}"):
        pid = old.name[len(target.name) + 2:].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            old.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it runs
        return True
    return True


def _plain_file(path: Path) -> bool:
    """A regular file or none yet (written atomically); a device or pipe (``/dev/stdout``) is written in place."""
    try:
        return path.is_file() or not path.exists()
    except OSError:
        return True


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A hidden temporary path beside ``target``, synced and renamed to ``target`` once the block
    succeeds; removed (``target`` untouched) when it fails or is interrupted."""
    _sweep(target)
    part = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.part{target.suffix}")
    try:
        yield part
        with open(part, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    try:  # the rename itself on disk (not every file system lets a folder be synced)
        folder = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


def _opened(sink: Sink, write_to: Callable[[IO[bytes]], None]) -> None:
    if isinstance(sink, str | Path):
        with open(sink, "wb") as handle:
            write_to(handle)
    else:
        write_to(sink)


def csv_chunks(batches: Iterable[pa.RecordBatch], schema: pa.Schema, list_sep: str = "|") -> Iterator[bytes]:
    """The CSV text, header first, one chunk per batch."""
    header = True
    for batch in batches:
        rows = [{k: list_sep.join(v) if isinstance(v, list) else v for k, v in r.items()} for r in batch.to_pylist()]
        if not rows:
            continue
        text = to_csv(rows)
        yield text if header else text.split(b"\n", 1)[1]
        header = False
    if header:  # no rows: the header alone
        yield to_csv([dict.fromkeys(schema.names)]).split(b"\n", 1)[0] + b"\n"


def _csv(batches: Iterable[pa.RecordBatch], schema: pa.Schema, sink: Sink, list_sep: str) -> None:
    def write_to(handle: IO[bytes]) -> None:
        for chunk in csv_chunks(batches, schema, list_sep):
            handle.write(chunk)

    _opened(sink, write_to)


def with_geometry(batch: pa.RecordBatch) -> pa.RecordBatch:
    """The batch with a WKB point per row from longitude/latitude (null where either is missing)."""
    import numpy as np
    import shapely

    lat = batch.column("latitude").to_numpy(zero_copy_only=False).astype(float)
    lon = batch.column("longitude").to_numpy(zero_copy_only=False).astype(float)
    points = shapely.points(lon, lat)
    points[np.isnan(lat) | np.isnan(lon)] = None
    return batch.append_column(GEOMETRY, pa.array(shapely.to_wkb(points), type=pa.binary()))


def geo_schema(schema: pa.Schema) -> pa.Schema:
    return schema.append(pa.field(GEOMETRY, pa.binary()))


def _parquet(batches: Iterable[pa.RecordBatch], schema: pa.Schema, sink: Sink, *, geo: bool) -> None:
    if geo:
        schema = geo_schema(schema).with_metadata({b"geo": json.dumps(GEO_METADATA).encode()})

    def write_to(handle: IO[bytes]) -> None:
        with pq.ParquetWriter(handle, schema, compression="zstd") as writer:
            for batch in batches:
                writer.write_batch(pa.RecordBatch.from_arrays(
                    (with_geometry(batch) if geo else batch).columns, schema=schema))

    _opened(sink, write_to)


def _ogr(batches: Iterable[pa.RecordBatch], schema: pa.Schema, path: Path, driver: str, name: object) -> None:
    import pyogrio

    options: dict[str, Any] = {"RFC7946": "YES"} if driver == "GeoJSON" else {}
    failed: list[BaseException] = []

    def geo_batches() -> Iterator[pa.RecordBatch]:
        try:
            for batch in batches:
                yield with_geometry(batch)
        except BaseException as exc:  # GDAL reports only "error while accessing batch": keep the cause
            failed.append(exc)
            raise

    reader = pa.RecordBatchReader.from_batches(geo_schema(schema), geo_batches())
    if path.exists():
        path.unlink()  # GDAL refuses to overwrite some formats in place
    try:
        pyogrio.write_arrow(reader, str(path), layer="events", driver=driver, geometry_name=GEOMETRY,
                            geometry_type="Point", crs="EPSG:4326", layer_options=options)
    except (pyogrio.errors.DataSourceError, RuntimeError) as exc:
        if failed:
            raise failed[0] from None
        if not isinstance(exc, pyogrio.errors.DataSourceError):
            raise
        raise SpillwatchError(f"{name}: cannot write: {str(exc).replace(str(path), str(name))}") from exc
