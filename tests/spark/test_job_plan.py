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


def test_mention_rows_carry_their_articles_input_position() -> None:
    from spillwatch import codec
    from spillwatch.records import EventMention, Span

    mention = EventMention(article_id="a1", type="ASSAULT", trigger=Span(0, 4), trigger_text="shot",
                           sentence=Span(0, 10))
    article = {"month": "2017-01", "file_index": 3, "item_index": 9, "mentions_json": codec.dumps((mention,))}
    (found,) = job.mention_rows(article)
    assert (found["file_index"], found["item_index"], found["article_id"]) == (3, 9, "a1")
    assert {name for name, _ in job.MENTION_COLUMNS} <= set(found)


def test_a_failed_task_is_reported_by_its_python_exception_line() -> None:
    message = ("org.apache.spark.SparkException: Job aborted: Lost task 0.0: org.apache.spark.api.python."
               "PythonException: Traceback (most recent call last):\n"
               '  File "/x/job.py", line 10, in run_file\n    raise ConfigError("no model")\n'
               "spillwatch.errors.ConfigError: spaCy pipeline 'xx' is not installed\n"
               "\tat org.apache.spark.api.python.BasePythonRunner.handle(PythonRunner.scala:1)\n"
               "Driver stacktrace:\n")
    assert job._last_error_line(message) == "spillwatch.errors.ConfigError: spaCy pipeline 'xx' is not installed"
    assert job._last_error_line("java.lang.OutOfMemoryError: heap\n\tat x") == "java.lang.OutOfMemoryError: heap"
