"""Commands over single documents, no store: ``clean``, ``code``, ``geocode`` (JSON on stdout)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from spillwatch import codec
from spillwatch.api import clean_path, code_path, geocode_path
from spillwatch.cli import output
from spillwatch.errors import SpillwatchError
from spillwatch.records import Article
from spillwatch.settings import load_settings


@click.command()
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


def _article_view(article: Article) -> dict[str, object]:
    view = {"id": article.id, "title": article.title, "dateline": article.dateline,
            "byline": article.byline, "published": codec.dump(article.published),
            "modified": codec.dump(article.modified), "paragraphs": list(article.paragraphs),
            "captions": list(article.captions), "credits": list(article.credits)}
    view.update(related=codec.dump(article.related), dropped=codec.dump(article.dropped),
                url=article.url, outlet=article.outlet, source=article.source, extractor=article.extractor)
    return view


@click.command()
@click.argument("file")
def code(file: str) -> None:
    """Print events, quotes and actors for one document as JSON."""
    result = code_path(file)
    ann = result.coded.annotated
    view = {"article": _article_view(result.article), "events": result.coded.mentions,
            "quotes": ann.quotes, "actors": ann.actors, "dates": ann.dates, "quantities": ann.quantities,
            "places": ann.places}
    click.echo(output.to_json(view))


@click.command()
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
                click.echo(output.to_json({"file": path, **codec.dump(p)}, indent=None))
        else:
            click.echo(output.to_json({"file": path, "places": places}))
    if failed == len(files):
        sys.exit(2)


COMMANDS = (clean, code, geocode)
