"""Exports are whole or absent: a failed or killed export leaves nothing under the file's name."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest

from spillwatch.errors import SpillwatchError
from spillwatch.export import writers
from spillwatch.export.profiles import PROFILES

SCHEMA = PROFILES["spillwatch"].schema
EXT = {"csv": "csv", "parquet": "parquet", "geoparquet": "parquet", "geojson": "geojson", "gpkg": "gpkg"}


def _batch(n: int = 3) -> pa.RecordBatch:
    columns = {f.name: pa.nulls(n, f.type) for f in SCHEMA}
    columns["id"] = pa.array([f"ev{i}" for i in range(n)], SCHEMA.field("id").type)
    return pa.RecordBatch.from_pydict(columns, schema=SCHEMA)


def _failing() -> Iterator[pa.RecordBatch]:
    yield _batch()
    raise OSError(5, "Input/output error")  # the store (or the disk) fails half-way


@pytest.mark.parametrize("fmt", list(EXT))
def test_a_failed_export_leaves_no_file_and_an_earlier_one_untouched(fmt: str, tmp_path: Path) -> None:
    fresh, kept = tmp_path / f"new.{EXT[fmt]}", tmp_path / f"old.{EXT[fmt]}"
    kept.write_bytes(b"the previous export")
    for target in (fresh, kept):
        with pytest.raises(SpillwatchError, match=target.name):
            writers.write(_failing(), SCHEMA, fmt, target)
    assert not fresh.exists() and kept.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [kept.name]  # no temporary file left either


@pytest.mark.parametrize("fmt", list(EXT))
def test_a_whole_export_replaces_the_file(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"events.{EXT[fmt]}"
    target.write_bytes(b"stale")
    assert writers.write(iter([_batch(), _batch(2)]), SCHEMA, fmt, target) == 5
    assert target.read_bytes() != b"stale"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


KILLED = """
import sys
import pyarrow as pa
from spillwatch.export import writers
from spillwatch.export.profiles import PROFILES
schema = PROFILES["spillwatch"].schema
def batches():
    for i in range(1000):
        columns = {f.name: pa.nulls(1000, f.type) for f in schema}
        yield pa.RecordBatch.from_pydict(columns, schema=schema)
        if i == 3:
            print("writing", flush=True)
            sys.stdin.readline()  # held here, mid-file, until the test kills it
writers.write(batches(), schema, sys.argv[1], sys.argv[2])
"""


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_kill_9_during_an_export_leaves_nothing_under_its_name(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"events.{EXT[fmt]}"
    proc = subprocess.Popen([sys.executable, "-c", KILLED, fmt, str(target)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdin is not None
    try:
        assert proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        proc.stdin.close()
        proc.stdout.close()
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".events.")]  # only the hidden part file
    assert writers.write(iter([_batch()]), SCHEMA, fmt, target) == 3  # the next export sweeps it away
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_device_is_written_in_place() -> None:
    assert writers.write(iter([_batch()]), SCHEMA, "csv", os.devnull) == 3
