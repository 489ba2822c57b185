"""How the Spark job plans its tasks: needs neither Spark nor Java."""

from __future__ import annotations

from pathlib import Path

import pytest

from spillwatch.errors import ConfigError
from spillwatch.spark import job, shards


def test_largest_files_run_first_and_keep_their_input_index(tmp_path: Path) -> None:
    sizes = {"a.warc.gz": 10, "b.warc.gz": 300, "c.warc.gz": 50}
    paths = []
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
        paths.append(str(tmp_path / name))
    remote = "hdfs://cluster/cc-news/d.warc.gz"
    planned = job.largest_first([*paths, remote])
    assert planned == [(1, paths[1]), (2, paths[2]), (0, paths[0]), (3, remote)]


def test_datasets_share_no_column_name_with_two_types_and_partitioned_ones_have_a_month() -> None:
    kinds: dict[str, str] = {}
    for columns in job.DATASETS.values():
        for name, kind in columns:
            assert kinds.setdefault(name, kind) == kind, name
    assert set(job.PARTITIONED) <= set(job.DATASETS)
    assert all(("month", "string") in job.DATASETS[name] for name in job.PARTITIONED)


def test_an_output_that_cannot_be_written_is_a_config_error_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = str(blocker / "out")
    with pytest.raises(ConfigError, match="a-file/out"):
        shards.prepare(out, job.DATASETS)
