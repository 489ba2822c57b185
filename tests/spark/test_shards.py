"""Per-task Parquet parts: hive layout, atomic moves, a re-run replaces, readers skip unfinished parts."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

from spillwatch.spark import shards

COLUMNS = (("month", "string"), ("id", "string"), ("n", "long"), ("blob", "binary"), ("x", "double"))
DATASETS = {"things": COLUMNS, "flat": (("id", "string"),)}


def row(i: int, month: str) -> dict[str, object]:
    return {"month": month, "id": f"t{i}", "n": i, "blob": bytes([i % 256]), "x": i / 2}


def write(out: Path, part: int, rows: list[dict[str, object]]) -> dict[str, int]:
    writer = shards.ShardWriter(str(out), part, DATASETS, partitioned=["things"])
    for r in rows:
        writer.add("things", r)
    writer.add("flat", {"id": f"flat{part}"})
    return writer.close()


def test_parts_are_hive_partitioned_by_month_and_read_back_whole(tmp_path: Path) -> None:
    shards.prepare(str(tmp_path), DATASETS)
    rows = [row(i, "2017-01" if i % 3 else "unknown") for i in range(600)]  # more than one record batch
    assert write(tmp_path, 7, rows) == {"things": 600, "flat": 1}
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet")) == [
        "flat/part-00007.parquet", "things/month=2017-01/part-00007.parquet",
        "things/month=unknown/part-00007.parquet"]
    back = shards.read_table(str(tmp_path), "things").to_pylist()
    assert sorted(back, key=lambda r: r["n"]) == rows


def test_a_retried_part_replaces_its_own_file_and_other_parts_stay(tmp_path: Path) -> None:
    shards.prepare(str(tmp_path), DATASETS)
    write(tmp_path, 1, [row(1, "2017-01")])
    write(tmp_path, 2, [row(2, "2017-01")])
    write(tmp_path, 1, [row(1, "2017-01")])  # task 1 ran again
    ids = sorted(r["id"] for r in shards.read_table(str(tmp_path), "things", ["id"]).to_pylist())
    assert ids == ["t1", "t2"]


def test_unfinished_parts_are_invisible_and_prepare_empties_a_previous_run(tmp_path: Path) -> None:
    shards.prepare(str(tmp_path), DATASETS)
    writer = shards.ShardWriter(str(tmp_path), 3, DATASETS, partitioned=["things"])
    for i in range(300):  # past one batch, so a temporary part exists on disk
        writer.add("things", row(i, "2017-02"))
    assert list((tmp_path / "things").rglob(".part-*")) and not list((tmp_path / "things").rglob("part-*"))
    assert shards.read_table(str(tmp_path), "things").num_rows == 0
    writer.close()
    assert shards.read_table(str(tmp_path), "things").num_rows == 300
    shards.prepare(str(tmp_path), DATASETS)
    assert shards.read_table(str(tmp_path), "things").num_rows == 0


def test_an_unknown_dataset_is_refused(tmp_path: Path) -> None:
    writer = shards.ShardWriter(str(tmp_path), 0, DATASETS, partitioned=["things"])
    with pytest.raises(KeyError):
        writer.add("nope", {"id": "x"})
