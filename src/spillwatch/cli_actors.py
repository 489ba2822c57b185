"""``spillwatch actors``: every actor with its id, aliases, country, sector and event count."""

from __future__ import annotations

import click

from spillwatch import output
from spillwatch.cli import DB_HELP, fmt_option, main, reader


@main.command()
@click.argument("search", required=False)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--min-events", type=click.IntRange(min=0), default=0, help="Only actors with this many events.")
@fmt_option
def actors(search: str | None, db: str | None, min_events: int, fmt: str) -> None:
    """Actors (the actor table and the store's) with ids, aliases, country, sector and events.

    SEARCH keeps actors whose id, name or an alias contains it, e.g. `spillwatch actors daesh`.
    Any id or alias listed here works wherever a command takes an actor.
    """
    with reader(db) as sw:
        rows = sw.actor_directory(search)
    rows = [r for r in rows if r["events"] >= min_events]
    if fmt in ("table", "csv"):  # lists stay lists in json/jsonl
        rows = [{**r, "aliases": (", " if fmt == "table" else "|").join(r["aliases"])} for r in rows]
    cols = ["id", "name", "aliases", "country", "sector", "affiliate_of", "events"]
    click.echo(output.render_rows(rows, fmt, columns=cols, title="actors"))
