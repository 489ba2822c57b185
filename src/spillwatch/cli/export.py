"""`spillwatch export`: every event, or a filter of them, to a file (a thin shell over spillwatch.api)."""

from __future__ import annotations

import sys

import click

from spillwatch.api import ROLES, EventFilter, Spillwatch, parse_roles
from spillwatch.cli.common import DB_HELP
from spillwatch.errors import SpillwatchError
from spillwatch.export import EXTENSIONS, FORMATS, PROFILES


@click.command(name="export")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option("--profile", type=click.Choice(PROFILES), default="spillwatch", show_default=True,
              help="Column names and codes: spillwatch's own, ACLED's or UCDP GED's.")
@click.option("-o", "--output", default=None,
              help="File to write (default events.<ext>); '-' writes csv, parquet or geoparquet to stdout.")
@click.option("--actor", default=None, help="Actor id, e.g. ISL")
@click.option("--role", "roles", multiple=True, metavar="perpetrator|party|target|any",
              help="Keep events where --actor has one of these roles (repeat or comma-separate; default any: "
              "the same words as the analyses, README 'Roles').")
@click.option("--country", default=None, help="ISO3")
@click.option("--adm1", default=None, help="ADM1 code")
@click.option("--from", "date_from", default=None, help="First day, YYYY-MM-DD")
@click.option("--to", "date_to", default=None, help="Last day, YYYY-MM-DD")
@click.option("--origin", type=click.Choice(["spillwatch", "ucdp", "acled"]), default=None)
@click.option("--type", "etype", default=None, help="PLOVER type, e.g. ASSAULT")
@click.option("--batch-size", default=10_000, show_default=True, help="Rows held in memory at once.")
def export_(db: str | None, fmt: str, profile: str, output: str | None, actor: str | None, roles: tuple[str, ...],
            country: str | None, adm1: str | None, date_from: str | None, date_to: str | None, origin: str | None,
            etype: str | None, batch_size: int) -> None:
    """Write every matching event (no row cap) with coordinates, precisions, source counts and evidence."""
    chosen = parse_roles(roles, default=ROLES)
    if chosen != ROLES and not actor:
        raise click.BadParameter("--role needs --actor", param_hint="--role")
    flt = EventFilter(actor=actor, roles=() if chosen == ROLES else chosen, country=country, adm1=adm1,
                      date_from=date_from, date_to=date_to, origin=origin, type=etype)
    target = output or f"events.{EXTENSIONS[fmt]}"
    if target == "-" and fmt in ("geojson", "gpkg"):
        raise click.BadParameter(f"{fmt} needs a file name, not '-'", param_hint="--output")
    try:
        with Spillwatch(db, read_only=True) as sw:
            n = sw.export(flt, fmt, sys.stdout.buffer if target == "-" else target, profile, batch_size)
    except SpillwatchError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    where = "stdout" if target == "-" else target
    click.echo(f"wrote {n:,} events to {where} ({fmt}, {profile} columns)", err=True)


COMMANDS = (export_,)
