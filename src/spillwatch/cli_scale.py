"""Scale-out commands registered onto ``spillwatch.cli.main``.

* ``spillwatch ingest ... --workers N``: the run (``spillwatch.run.phases``) over a pool of N worker
  processes; N <= 1 keeps it in this process.
* ``spillwatch spark-run INPUT... --out DIR [--master local[2]]``: the Spark job over WARC files.
* ``spillwatch spark-load DIR --db ...``: merge the job's Parquet into a store, then cluster.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from spillwatch.cli import DB_HELP, check_sources, main
from spillwatch.cli_params import WORKERS
from spillwatch.settings import load_settings
from spillwatch.store import RunSummary, open_store

if TYPE_CHECKING:
    from rich.progress import Progress


def _bar() -> Progress:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}"), TimeElapsedColumn())
    return Progress(*columns, transient=True)


def _advance(bar: Progress) -> Callable[[str, int], None]:
    tasks: dict[str, Any] = {}

    def advance(phase: str, n: int) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(phase, total=None)
        bar.advance(tasks[phase], n)

    return advance


def echo_summary(summary: RunSummary) -> None:
    click.echo(f"read {summary.read}, stored {summary.stored}, duplicates {summary.duplicates}, "
               f"near-duplicates {summary.near_duplicates}, quarantined {summary.quarantined}, "
               f"event mentions {summary.mentions}, events {summary.events}")
    for reason, n in sorted(summary.reasons.items()):
        click.echo(f"  quarantined ({reason}): {n}")


def parallel_ingest(sources: Sequence[str], db: str | None, allow_private: bool, workers: int,
                    retry_quarantined: bool = False) -> None:
    """``spillwatch ingest --workers N`` (N >= 2): the parallel runner with a progress bar."""
    from spillwatch.run import phases

    check_sources(sources)
    settings = load_settings(db=db, allow_private_urls=allow_private or None)
    store = open_store(settings.db)
    try:
        with _bar() as bar:
            summary = phases.ingest(list(sources), store, settings, workers=workers, progress=_advance(bar),
                                    retry_quarantined=retry_quarantined)
    finally:
        store.close()
    echo_summary(summary)
    if summary.stored + summary.duplicates + summary.near_duplicates == 0:
        sys.exit(1)


def _add_workers_option() -> None:
    """Give the existing ``ingest`` command a ``--workers`` option that routes to the parallel runner."""
    command = main.commands["ingest"]
    if any(p.name == "workers" for p in command.params):
        return
    command.params.append(click.Option(["--workers"], type=WORKERS, default=1, show_default=True,
                                       help="Worker processes for cleaning and NLP (>= 2: parallel runner)."))
    single = command.callback
    assert single is not None

    def callback(sources: Sequence[str], db: str | None, allow_private: bool, workers: int, **rest: Any) -> Any:
        if workers >= 2:
            return parallel_ingest(sources, db, allow_private, workers, bool(rest.get("retry_quarantined")))
        return single(sources=sources, db=db, allow_private=allow_private, **rest)

    command.callback = callback


_add_workers_option()


@main.command("spark-run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True,
              help="Output folder for the Parquet datasets: a path every executor reaches, or an hdfs://, s3:// or "
                   "gs:// URI.")
@click.option("--master", default="local[2]", show_default=True, help="Spark master URL.")
@click.option("--partitions", type=int, default=None, help="Spark partitions (default: one per WARC file).")
def spark_run(inputs: Sequence[str], out: str, master: str, partitions: int | None) -> None:
    """Run the pipeline over WARC files (CC-NEWS layout), folders of them or path-list files with Spark."""
    from spillwatch.spark import job

    counts = job.run(list(inputs), out, master=master, partitions=partitions, settings=load_settings())
    click.echo(", ".join(f"{k} {v}" for k, v in counts.items()) + f" -> {out}")


@main.command("spark-load")
@click.argument("folder")
@click.option("--db", default=None, help=DB_HELP)
def spark_load(folder: str, db: str | None) -> None:
    """Merge a spark-run output folder into the store and cluster the new mentions into events."""
    from spillwatch.spark import loader

    settings = load_settings(db=db)
    store = open_store(settings.db)
    try:
        with _bar() as bar:
            summary = loader.load(folder, store, settings, progress=_advance(bar))
    finally:
        store.close()
    echo_summary(summary)
