"""What every command module shares: the ``--db`` and ``--format`` options, the read-only API handle,
the source check before a run and the run's summary lines."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from spillwatch.api import Spillwatch
from spillwatch.cli import output
from spillwatch.errors import SpillwatchError

if TYPE_CHECKING:
    from spillwatch.api import RunSummary

DB_HELP = "DuckDB file (default spillwatch.duckdb) or postgresql:// URL"
fmt_option = click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="table")


def reader(db: str | None) -> Spillwatch:
    """The API on an existing store: read commands never create one (a missing --db is an error naming it)."""
    return Spillwatch(db, create=False)


def check_sources(sources: Sequence[str]) -> None:
    """Refuse, before any store is opened, a local source that does not exist or a folder with no files."""
    for source in sources:
        if "://" in source:
            continue
        path = Path(source)
        if not path.exists():
            raise SpillwatchError(f"{source}: no such file or folder")
        if path.is_dir() and not any(p.is_file() for p in path.rglob("*")):
            raise SpillwatchError(f"{source}: nothing to ingest: the folder holds no files")


def echo_summary(summary: RunSummary) -> None:
    """The run's counts on one line (saying so when nothing was new), then one line per quarantine reason."""
    line = (f"read {summary.read}, stored {summary.stored}, duplicates {summary.duplicates}, "
            f"near-duplicates {summary.near_duplicates}, quarantined {summary.quarantined}, "
            f"event mentions {summary.mentions}, events {summary.events}")
    if summary.not_modified:
        line += f", not modified {summary.not_modified}"
    if summary.held:
        line += f", held back {summary.held} (quarantined before: --retry-quarantined tries them again)"
    if nothing_new(summary):
        line += " (nothing new)"
    click.echo(line)
    echo_reasons(summary)


def nothing_new(summary: RunSummary) -> bool:
    """Nothing stored and nothing failed: every source answered 304 or held only what the store has."""
    return summary.stored + summary.near_duplicates + summary.quarantined == 0


def echo_reasons(summary: RunSummary) -> None:
    for reason, n in sorted(summary.reasons):
        click.echo(f"  quarantined ({reason}): {n}")


def exit_if_nothing_stored(summary: RunSummary) -> None:
    """Exit code 1 when a run stored nothing at all (not even a copy of something stored before) and something
    failed; nothing new (304 Not Modified, documents stored or quarantined before) is a success (exit 0)."""
    if summary.stored + summary.duplicates + summary.near_duplicates == 0 and summary.quarantined > 0:
        sys.exit(1)
