"""Reads of the store: ``articles``, ``quarantine``, ``events``, ``event`` and ``actors`` (every id or alias
listed there works wherever a command takes an actor)."""

from __future__ import annotations

from datetime import date

import click

from spillwatch import codec
from spillwatch.api import DateSpan, EventFilter
from spillwatch.cli import output
from spillwatch.cli.common import DB_HELP, fmt_option, reader
from spillwatch.cli.params import DATE_FROM, DATE_SPAN, DATE_TO
from spillwatch.records import dated


@click.command()
@click.option("--db", default=None, help=DB_HELP)
@fmt_option
@click.option("--limit", default=100, show_default=True)
@click.option("--skipped", is_flag=True, help="Only the articles the relevance gate skipped, with the reason.")
def articles(db: str | None, fmt: str, limit: int, skipped: bool) -> None:
    """List stored articles."""
    with reader(db) as sw:
        rows = sw.skipped(limit=limit) if skipped else sw.articles(limit=limit)
    cols = ["id", "published", "published_method", "outlet", "title", "copies", "mentions", "duplicate_of"]
    if skipped:
        cols = ["id", "published", "title", "score", "reason", "skipped_at"]
    click.echo(output.render_rows(rows, fmt, columns=cols, title="articles"))


@click.command()
@click.option("--db", default=None, help=DB_HELP)
@fmt_option
@click.option("--limit", default=100, show_default=True)
def quarantine(db: str | None, fmt: str, limit: int) -> None:
    """List quarantined documents with the reason."""
    with reader(db) as sw:
        click.echo(output.render_rows(sw.quarantine(limit), fmt, title="quarantine"))


EVENT_COLS = ["id", "date_start", "date_precision", "type", "modes", "source_names", "target_names", "place_name",
              "country_iso3", "adm1_name", "fatalities_best", "acled_subtype", "n_mentions", "n_articles", "outlets"]


@click.command()
@click.option("--db", default=None, help=DB_HELP)
@fmt_option
@click.option("--actor", default=None)
@click.option("--type", "etype", default=None)
@click.option("--country", default=None, help="ISO3 (any case) or a country name")
@click.option("--from", "date_from", type=DATE_FROM, default=None, help="YYYY-MM-DD, or YYYY-MM from its first day")
@click.option("--to", "date_to", type=DATE_TO, default=None, help="YYYY-MM-DD, or YYYY-MM to its last day")
@click.option("--during", type=DATE_SPAN, default=None, help="A day, month (2016-05), year or range (2016-05..2016-08)")
@click.option("--origin", type=click.Choice(["spillwatch", "ucdp", "acled"]), default=None)
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
def events(db: str | None, fmt: str, actor: str | None, etype: str | None, country: str | None,
           date_from: date | None, date_to: date | None, during: DateSpan | None, origin: str | None,
           limit: int) -> None:
    """List merged events with their cluster size and sources (actors by id or any alias, e.g. ISIS)."""
    first, last = (during.start, during.end) if during else (date_from, date_to)
    flt = EventFilter(actor=actor, type=etype, country=country, date_from=first.isoformat() if first else None,
                      date_to=last.isoformat() if last else None, origin=origin, limit=limit)
    with reader(db) as sw:
        rows = sw.events(flt)
    if fmt == "table":  # people read a date as precise as it is known ('2016-03 (month)'); data keep ISO + precision
        shown = [{**codec.fields(r), "date_start": dated(r.date_start, r.date_precision)} for r in rows]
        click.echo(output.render_rows(shown, fmt, columns=[c for c in EVENT_COLS if c != "date_precision"],
                                      title="events"))
        return
    click.echo(output.render_rows(rows, fmt, columns=EVENT_COLS, title="events"))


@click.command()
@click.argument("event_id")
@click.option("--db", default=None, help=DB_HELP)
def event(event_id: str, db: str | None) -> None:
    """Show one event with all its mentions (article, sentence, trigger) and why each joined it.

    ``joins``: for every mention, the member it agrees with best, the rule that scored the pair
    (same-article, dated-and-placed, open), the score, its mean score over the other members
    (merge level 0.78), the fields that agreed and those a side does not state.
    """
    with reader(db) as sw:
        detail = sw.event(event_id)
    mentions = [{k: v for k, v in codec.fields(m).items() if k not in {"record_json", "body"}}
                | {"sentence": m.sentence} for m in detail.mentions]
    click.echo(output.to_json({"event": detail.event, "mentions": mentions, "joins": detail.joins}))


@click.command()
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
        found = [r for r in sw.actor_directory(search) if r.events >= min_events]
    joined = fmt in ("table", "csv")  # lists stay lists in json/jsonl
    rows = [codec.fields(r) | ({"aliases": (", " if fmt == "table" else "|").join(r.aliases)} if joined else {})
            for r in found]
    cols = ["id", "name", "aliases", "country", "sector", "affiliate_of", "events"]
    click.echo(output.render_rows(rows, fmt, columns=cols, title="actors"))


COMMANDS = (articles, quarantine, events, event, actors)
