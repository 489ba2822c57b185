"""Per-task Parquet parts: hive layout, atomic moves, a re-run replaces, readers skip unfinished parts."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

from spillwatch.errors import SourceError
from spillwatch.spark import shards

COLUMNS = (("month", "string"), ("id", "string"), ("n", "long"), ("blob", "binary"), ("x", "double"))
DATASETS = {"things": COLUMNS, "flat": (("id", "string"),)}


def row(i: int, month: str, tag: str = "t") -> dict[str, object]:
    return {"month": month, "id": f"{tag}{i}", "n": i, "blob": bytes([i % 256]), "x": i / 2}


def write(out: Path, part: int, rows: list[dict[str, object]]) -> dict[str, int]:
    writer = shards.ShardWriter(str(out), part, DATASETS, partitioned=["things"])
    for r in rows:
        writer.add("things", r)
    writer.add("flat", {"id": f"flat{part}"})
    return writer.close()


def things(out: Path) -> list[dict[str, object]]:
    return sorted(shards.read_table(str(out), "things", COLUMNS).to_pylist(), key=lambda r: str(r["id"]))


def test_parts_are_hive_partitioned_by_month_and_read_back_whole(tmp_path: Path) -> None:
    shards.prepare(str(tmp_path), DATASETS)
    rows = [row(i, "2017-01" if i % 3 else "unknown") for i in range(600)]  # more than one record batch
    assert write(tmp_path, 7, rows) == {"things": 600, "flat": 1}
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet")) == [
        "flat/part-00007.parquet", "things/month=2017-01/part-00007.parquet",
        "things/month=unknown/part-00007.parquet"]
    assert things(tmp_path) == sorted(rows, key=lambda r: str(r["id"]))


def test_a_retried_part_replaces_its_own_file_and_other_parts_stay(tmp_path: Path) -> None:
    shards.prepare(str(tmp_path), DATASETS)
    write(tmp_path, 1, [row(1, "2017-01", "first-try-")])
    write(tmp_path, 2, [row(2, "2017-01")])
    write(tmp_path, 1, [row(1, "2017-01", "retry-")])  # task 1 ran again, and this time wrote other rows
    assert [r["id"] for r in things(tmp_path)] == ["retry-1", "t2"]


def test_unfinished_parts_are_invisible_and_prepare_empties_a_previous_run(tmp_path: Path) -> None:
    shards.prepare(str(tmp_path), DATASETS)
    writer = shards.ShardWriter(str(tmp_path), 3, DATASETS, partitioned=["things"])
    for i in range(300):  # past one batch, so a temporary part exists on disk
        writer.add("things", row(i, "2017-02"))
    assert list((tmp_path / "things").rglob(".part-*")) and not list((tmp_path / "things").rglob("part-*"))
    assert things(tmp_path) == []
    writer.close()
    assert len(things(tmp_path)) == 300
    shards.prepare(str(tmp_path), DATASETS)
    assert things(tmp_path) == []


def test_an_aborted_task_leaves_no_file_behind(tmp_path: Path) -> None:
    shards.prepare(str(tmp_path), DATASETS)
    writer = shards.ShardWriter(str(tmp_path), 4, DATASETS, partitioned=["things"])
    for i in range(300):
        writer.add("things", row(i, "2017-03"))
    writer.abort()
    assert [p for p in (tmp_path / "things").rglob("*") if p.is_file()] == []


def test_an_empty_dataset_reads_as_an_empty_table_with_its_columns(tmp_path: Path) -> None:
    shards.prepare(str(tmp_path), DATASETS)
    table = shards.read_table(str(tmp_path), "things", COLUMNS, ["id", "n"])
    assert table.num_rows == 0 and table.column_names == ["id", "n"]


def test_rows_missing_a_column_or_of_an_unknown_dataset_are_refused(tmp_path: Path) -> None:
    writer = shards.ShardWriter(str(tmp_path), 0, DATASETS, partitioned=["things"])
    with pytest.raises(KeyError):
        writer.add("nope", {"id": "x"})
    writer.add("things", {"month": "2017-01", "id": "no-n"})
    with pytest.raises(KeyError):
        writer.close()


def test_only_a_finished_run_is_readable_as_complete(tmp_path: Path) -> None:
    shards.prepare(str(tmp_path), DATASETS)
    with pytest.raises(SourceError, match="no _SUCCESS"):
        shards.require_complete(str(tmp_path))
    shards.mark_complete(str(tmp_path))
    shards.require_complete(str(tmp_path))
    shards.prepare(str(tmp_path), DATASETS)  # a new run starts: the old mark goes
    with pytest.raises(SourceError):
        shards.require_complete(str(tmp_path))
    with pytest.raises(SourceError, match="no missing/"):
        shards.read_table(str(tmp_path), "missing", COLUMNS)
