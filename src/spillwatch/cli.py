"""The `spillwatch` command: a thin shell over spillwatch.api.

Errors go through one handler (``cli_errors.SpillwatchGroup``: one ``error:`` line, exit 2); option
values are checked at the boundary (``cli_params``); heavy libraries load only in the commands that
use them (``import spillwatch.cli`` loads neither scikit-learn nor spaCy nor pyarrow).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import click

from spillwatch import output
from spillwatch.api import EventFilter, Spillwatch, clean_path, code_path, geocode_path
from spillwatch.cli_errors import SpillwatchGroup
from spillwatch.cli_params import DATE_FROM, DATE_SPAN, DATE_TO, PORT
from spillwatch.datespec import DateSpan
from spillwatch.errors import SpillwatchError
from spillwatch.settings import load_settings

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


@click.group(cls=SpillwatchGroup)
@click.version_option(package_name="spillwatch")
def main() -> None:
    """spillwatch: from raw news to where an armed group's violence is spreading."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json")
def clean(files: Sequence[str], fmt: str) -> None:
    """Print the cleaned Article of each FILE as JSON."""
    settings = load_settings()
    failed = 0
    for path in files:
        try:
            article = clean_path(path, settings)
        except SpillwatchError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        click.echo(output.to_json(_article_view(article), indent=None if fmt == "jsonl" else 2))
    if failed == len(files):
        sys.exit(2)  # each file's one error line is printed above


def _article_view(article: object) -> dict[str, object]:
    from spillwatch import codec
    from spillwatch.records import Article

    assert isinstance(article, Article)
    view = {"id": article.id, "title": article.title, "dateline": article.dateline,
            "byline": article.byline, "published": codec.dump(article.published),
            "modified": codec.dump(article.modified), "paragraphs": list(article.paragraphs),
            "captions": list(article.captions), "credits": list(article.credits)}
    view.update(related=codec.dump(article.related), dropped=codec.dump(article.dropped),
                url=article.url, outlet=article.outlet, source=article.source, extractor=article.extractor)
    return view


def _no_gate(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:  # through the environment, so worker processes see it too
        os.environ["SPILLWATCH_RELEVANCE_GATE"] = "0"
    return value


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--allow-private", is_flag=True, help="Allow fetching loopback/private/link-local URLs.")
@click.option("--no-gate", is_flag=True, expose_value=False, callback=_no_gate,
              help="Run the NLP stages on every article, and on those the relevance gate skipped before.")
@click.option("--retry-quarantined", is_flag=True,
              help="Try again every document quarantined by earlier runs (they are never retried otherwise).")
def ingest(sources: Sequence[str], db: str | None, allow_private: bool, retry_quarantined: bool = False) -> None:
    """Ingest files, folders, URLs, feeds or WARC files into the store, then code and merge."""
    check_sources(sources)
    settings = load_settings(db=db, allow_private_urls=allow_private or None)
    from spillwatch import cli_progress  # rich: loaded by the commands that show progress only

    with Spillwatch(settings=settings) as sw, cli_progress.counting(("read", "code"), "documents") as advance:
        summary = sw.ingest(list(sources), progress=advance, retry_quarantined=retry_quarantined)
    click.echo(f"read {summary.read}, stored {summary.stored}, duplicates {summary.duplicates}, "
               f"near-duplicates {summary.near_duplicates}, quarantined {summary.quarantined}, "
               f"event mentions {summary.mentions}, events {summary.events}")
    for reason, n in sorted(summary.reasons.items()):
        click.echo(f"  quarantined ({reason}): {n}")
    if summary.stored + summary.duplicates + summary.near_duplicates == 0:
        sys.exit(1)


@main.command()
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


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@fmt_option
@click.option("--limit", default=100, show_default=True)
def quarantine(db: str | None, fmt: str, limit: int) -> None:
    """List quarantined documents with the reason."""
    with reader(db) as sw:
        click.echo(output.render_rows(sw.quarantine(limit), fmt, title="quarantine"))


@main.command()
@click.argument("file")
def code(file: str) -> None:
    """Print events, quotes and actors for one document as JSON."""
    result = code_path(file)
    ann = result.coded.annotated
    view = {"article": _article_view(result.article), "events": result.coded.mentions,
            "quotes": ann.quotes, "actors": ann.actors, "dates": ann.dates, "quantities": ann.quantities,
            "places": ann.places}
    click.echo(output.to_json(view))


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json")
def geocode(files: Sequence[str], fmt: str) -> None:
    """Print every place mention with span, resolution and precision."""
    failed = 0
    for path in files:
        try:
            places = geocode_path(path)
        except SpillwatchError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        if fmt == "jsonl":
            for p in places:
                click.echo(output.to_json({"file": path, **output.codec.dump(p)}, indent=None))
        else:
            click.echo(output.to_json({"file": path, "places": places}))
    if failed == len(files):
        sys.exit(2)


EVENT_COLS = ["id", "date_start", "type", "modes", "source_names", "target_names", "place_name", "country_iso3",
              "adm1_name", "fatalities_best", "acled_subtype", "n_mentions", "n_articles", "outlets"]


@main.command()
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
    click.echo(output.render_rows(rows, fmt, columns=EVENT_COLS, title="events"))


@main.command()
@click.argument("event_id")
@click.option("--db", default=None, help=DB_HELP)
def event(event_id: str, db: str | None) -> None:
    """Show one event with all its mentions (article, sentence, trigger)."""
    with reader(db) as sw:
        detail = sw.event(event_id)
    mentions = [{k: v for k, v in m.items() if k not in {"record_json", "body"}}
                | {"sentence": m["body"][m["sentence_start"]:m["sentence_end"]]} for m in detail.mentions]
    click.echo(output.to_json({"event": detail.event, "mentions": mentions}))


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback by default.")
@click.option("--port", type=PORT, default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """Serve the REST API (OpenAPI schema at /openapi.json) and the dashboard at /."""
    from spillwatch.serve.app import run

    settings = load_settings(db=db)
    with reader(settings.db) as sw:
        sw.store.schema_version()  # a missing or unreadable store is refused before the server starts
    run(settings, host=host, port=port)


@main.command(name="import")
@click.argument("kind", type=click.Choice(["ucdp", "acled"]))
@click.argument("file")
@click.option("--db", default=None, help=DB_HELP)
def import_(kind: str, file: str, db: str | None) -> None:
    """Import hand-coded events (UCDP GED or ACLED CSV, plain or gzipped) into the store."""
    if not Path(file).is_file():
        raise SpillwatchError(f"{file}: no such file" if not Path(file).exists() else f"{file}: not a file")
    from spillwatch import cli_progress

    with Spillwatch(db) as sw, cli_progress.counting(("import",), "rows") as advance:
        summary = sw.import_events(kind, file, progress=lambda n: advance("import", n))
    click.echo(f"read {summary.read} rows, imported {summary.stored} events, quarantined {summary.quarantined}")
    for reason, n in sorted(summary.reasons.items()):
        click.echo(f"  quarantined ({reason}): {n}")
    if summary.stored == 0:
        sys.exit(1)


# Register the analysis commands, `actors`, `export`, `train` and --workers/spark-run/spark-load on `main`.
from spillwatch import cli_actors, cli_analysis, cli_events, cli_export, cli_scale  # noqa: E402,F401
