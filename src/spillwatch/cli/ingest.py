"""Commands that fill the store: ``ingest`` (in this process, or ``--workers N`` over a process pool),
``import`` (UCDP GED, ACLED), ``spark-run`` (the Spark job over WARC files) and ``spark-load`` (its
output merged into a store)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from spillwatch import codec
from spillwatch.api import Spillwatch, run_spark
from spillwatch.cli.common import DB_HELP, check_sources, echo_reasons, echo_summary, exit_if_nothing_stored
from spillwatch.cli.params import WORKERS
from spillwatch.errors import SpillwatchError
from spillwatch.settings import load_settings


def _no_gate(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:  # through the environment, so worker processes see it too
        os.environ["SPILLWATCH_RELEVANCE_GATE"] = "0"
    return value


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--allow-private", is_flag=True, help="Allow fetching loopback/private/link-local URLs.")
@click.option("--no-gate", is_flag=True, expose_value=False, callback=_no_gate,
              help="Run the NLP stages on every article, and on those the relevance gate skipped before.")
@click.option("--retry-quarantined", is_flag=True,
              help="Try again every document quarantined by earlier runs (they are never retried otherwise).")
@click.option("--workers", type=WORKERS, default=1, show_default=True,
              help="Worker processes for cleaning and NLP (>= 2: parallel runner).")
def ingest(sources: Sequence[str], db: str | None, allow_private: bool, retry_quarantined: bool, workers: int) -> None:
    """Ingest files, folders, URLs, feeds or WARC files into the store, then code and merge."""
    check_sources(sources)
    settings = load_settings(db=db, allow_private_urls=allow_private or None)
    from spillwatch.cli import progress  # rich: loaded by the commands that show progress only

    with Spillwatch(settings=settings) as sw, progress.counting(("read", "code"), "documents") as advance:
        summary = sw.ingest(list(sources), progress=advance, retry_quarantined=retry_quarantined, workers=workers)
    echo_summary(summary)
    exit_if_nothing_stored(summary)


@click.command(name="import")
@click.argument("kind", type=click.Choice(["ucdp", "acled"]))
@click.argument("file")
@click.option("--db", default=None, help=DB_HELP)
def import_(kind: str, file: str, db: str | None) -> None:
    """Import hand-coded events (UCDP GED or ACLED CSV, plain or gzipped) into the store."""
    if not Path(file).is_file():
        raise SpillwatchError(f"{file}: no such file" if not Path(file).exists() else f"{file}: not a file")
    from spillwatch.cli import progress

    with Spillwatch(db) as sw, progress.counting(("import",), "rows") as advance:
        summary = sw.import_events(kind, file, progress=lambda n: advance("import", n))
    click.echo(f"read {summary.read} rows, imported {summary.stored} events, quarantined {summary.quarantined}")
    echo_reasons(summary)
    if summary.stored == 0:
        sys.exit(1)


@click.command("spark-run")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True,
              help="Output folder for the Parquet datasets: a path every executor reaches, or an hdfs://, s3:// or "
                   "gs:// URI.")
@click.option("--master", default="local[2]", show_default=True, help="Spark master URL.")
@click.option("--partitions", type=int, default=None, help="Spark partitions (default: one per WARC file).")
def spark_run(inputs: Sequence[str], out: str, master: str, partitions: int | None) -> None:
    """Run the pipeline over WARC files (CC-NEWS layout), folders of them or path-list files with Spark."""
    counts = run_spark(list(inputs), out, master=master, partitions=partitions, settings=load_settings())
    click.echo(", ".join(f"{k} {v}" for k, v in codec.fields(counts).items() if v is not None) + f" -> {out}")


@click.command("spark-load")
@click.argument("folder")
@click.option("--db", default=None, help=DB_HELP)
def spark_load(folder: str, db: str | None) -> None:
    """Merge a spark-run output folder into the store and cluster the new mentions into events."""
    from spillwatch.cli import progress

    with Spillwatch(db) as sw, progress.counting(("load", "cluster"), "articles") as advance:
        summary = sw.load_spark(folder, progress=advance)
    echo_summary(summary)


COMMANDS = (ingest, import_, spark_run, spark_load)
