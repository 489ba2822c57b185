"""Parquet shards: each Spark task writes its own input file's rows; the driver reads back what it needs.

Input: row dicts (column name -> value) from the job's per-file stages, and column lists of
(name, kind) pairs. Output: hive-partitioned Parquet under an output root (a local path, or any URI
``pyarrow.fs`` opens: ``hdfs://``, ``s3://``, ``gs://``), one part per input file and month:
``{dataset}/month=YYYY-MM/part-NNNNN.parquet`` (``month`` lives in the folder name, not in the file,
as Spark's ``partitionBy`` writes it). Declines: rows of an unknown dataset (``KeyError``).

A part is written under a hidden temporary name (readers skip names starting with ".") and moved
into place when complete, so a retried task replaces its own part and no reader sees half a file.
Rows stream out in record batches: a task holds at most ``BATCH_ROWS`` rows per open part. A run
that finished writes ``_SUCCESS`` at the root (``mark_complete``); readers refuse a root without it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from spillwatch.errors import ConfigError, SourceError

Columns = Sequence[tuple[str, str]]
BATCH_ROWS = 256
PARTITION = "month"
KINDS = {"string": pa.string(), "long": pa.int64(), "binary": pa.binary(), "double": pa.float64()}
COMPLETE = "_SUCCESS"


def filesystem(out: str) -> tuple[pafs.FileSystem, str]:
    """The filesystem and base path of an output root (a plain path is local, made absolute)."""
    if "://" not in out:
        return pafs.LocalFileSystem(), os.path.abspath(out)
    fs, base = pafs.FileSystem.from_uri(out)
    return fs, base


def prepare(out: str, datasets: Iterable[str]) -> None:
    """Empty (or create) each dataset folder under ``out``: a run replaces what a previous run wrote.

    Raises ``ConfigError`` naming ``out`` when it cannot be opened or written.
    """
    try:
        fs, base = filesystem(out)
        if _exists(fs, f"{base}/{COMPLETE}"):
            fs.delete_file(f"{base}/{COMPLETE}")
        for name in datasets:
            path = f"{base}/{name}"
            if _exists(fs, path):
                fs.delete_dir(path)
            fs.create_dir(path, recursive=True)
    except (OSError, pa.ArrowException) as exc:
        raise ConfigError(f"{out}: cannot write the job's output there ({exc})") from exc


def _exists(fs: pafs.FileSystem, path: str) -> bool:
    return bool(fs.get_file_info(path).type != pafs.FileType.NotFound)


def mark_complete(out: str) -> None:
    """Mark ``out`` as the output of a run that finished (every part and ``events/`` written)."""
    fs, base = filesystem(out)
    with fs.open_output_stream(f"{base}/{COMPLETE}") as stream:
        stream.write(b"")


def require_complete(out: str) -> None:
    """``SourceError`` unless ``out`` is the output of a finished run (a failed job leaves some parts)."""
    fs, base = filesystem(out)
    if not _exists(fs, f"{base}/{COMPLETE}"):
        raise SourceError(out, f"not the output of a finished spark-run (no {COMPLETE})", reason="incomplete")


def file_schema(columns: Columns) -> pa.Schema:
    """The schema inside a part file: every column but the partition column."""
    return pa.schema([pa.field(name, KINDS[kind]) for name, kind in columns if name != PARTITION])


class ShardWriter:
    """Streams one task's rows into its part files: one Parquet writer per (dataset, month)."""

    def __init__(self, out: str, part: int, datasets: Mapping[str, Columns], partitioned: Iterable[str]) -> None:
        self.fs, self.base = filesystem(out)
        self.part, self.datasets, self.partitioned = part, datasets, set(partitioned)
        self.buffers: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.writers: dict[tuple[str, str], tuple[pq.ParquetWriter, str, str]] = {}
        self.counts = dict.fromkeys(datasets, 0)

    def add(self, dataset: str, row: dict[str, Any]) -> None:
        if dataset not in self.datasets:
            raise KeyError(f"unknown dataset {dataset!r}")
        key = (dataset, str(row[PARTITION]) if dataset in self.partitioned else "")
        buffer = self.buffers.setdefault(key, [])
        buffer.append(row)
        self.counts[dataset] += 1
        if len(buffer) >= BATCH_ROWS:
            self._flush(key)

    def abort(self) -> None:
        """Close and delete every unfinished part (a task that failed leaves nothing behind)."""
        for writer, temporary, _ in self.writers.values():
            try:
                writer.close()
            finally:
                self.fs.delete_file(temporary)
        self.writers.clear()
        self.buffers.clear()

    def close(self) -> dict[str, int]:
        """Flush, close and move every part into place; the number of rows per dataset."""
        for key in list(self.buffers):
            self._flush(key)
        for writer, temporary, final in self.writers.values():
            writer.close()
            self.fs.move(temporary, final)
        self.writers.clear()
        return dict(self.counts)

    def _flush(self, key: tuple[str, str]) -> None:
        rows = self.buffers.pop(key, [])
        if not rows:
            return
        schema = file_schema(self.datasets[key[0]])
        batch = pa.RecordBatch.from_pylist([{n: r[n] for n in schema.names} for r in rows], schema=schema)
        self._writer(key, schema).write_batch(batch)

    def _writer(self, key: tuple[str, str], schema: pa.Schema) -> pq.ParquetWriter:
        if key not in self.writers:
            dataset, month = key
            folder = f"{self.base}/{dataset}" + (f"/{PARTITION}={month}" if month else "")
            self.fs.create_dir(folder, recursive=True)
            final = f"{folder}/part-{self.part:05d}.parquet"
            temporary = f"{folder}/.part-{self.part:05d}.{uuid.uuid4().hex}.parquet"
            self.writers[key] = (pq.ParquetWriter(temporary, schema, filesystem=self.fs), temporary, final)
        return self.writers[key][0]


def read_table(out: str, dataset: str, columns: Columns, wanted: Sequence[str] | None = None) -> pa.Table:
    """One dataset under ``out`` with the schema ``columns`` (an empty dataset too), in no particular order."""
    fs, base = filesystem(out)
    path = f"{base}/{dataset}"
    if not _exists(fs, path):
        raise SourceError(out, f"not a spark-run output folder (no {dataset}/)", reason="not-found")
    schema = file_schema(columns)
    partitioning = None
    if any(name == PARTITION for name, _ in columns):
        schema = schema.append(pa.field(PARTITION, pa.string()))
        partitioning = ds.partitioning(pa.schema([pa.field(PARTITION, pa.string())]), flavor="hive")
    found = ds.dataset(path, filesystem=fs, format="parquet", partitioning=partitioning, schema=schema)
    return found.to_table(columns=list(wanted) if wanted is not None else None)
