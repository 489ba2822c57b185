"""Analysis commands of the `spillwatch` CLI: activity, spread, risk, support, gaps, alerts, report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from spillwatch import output
from spillwatch.api import Spillwatch, SpillwatchError, check_web_url, dump
from spillwatch.cli import DB_HELP, fmt_option, main, reader
from spillwatch.cli_params import DATE_TO, SINK, Sink

DEFAULT_ACTOR = "ISL"
level_option = click.option("--level", type=click.Choice(["country", "adm1"]), default="country", show_default=True)
origin_option = click.option("--origin", type=click.Choice(["spillwatch", "ucdp", "acled"]), default=None,
                             help="Only events from this origin (coded here, or imported).")


@main.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@level_option
@click.option("--period", type=click.Choice(["month", "week"]), default="month", show_default=True)
@origin_option
@fmt_option
def activity(actor: str, db: str | None, level: str, period: str, origin: str | None, fmt: str) -> None:
    """Events and fatalities of ACTOR (and its affiliates) per unit and period."""
    with reader(db) as sw:
        rows = sw.activity(actor, level, period, origin)
    click.echo(output.render_rows(rows, fmt, title=f"activity of {actor}"))


@main.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@level_option
@click.option("--origin-days", default=30, show_default=True, help="Days after the first event that count as origin.")
@click.option("--quiet-days", default=180, show_default=True, help="Gap that makes a return a re-emergence.")
@click.option("--all", "show_all", is_flag=True, help="Include origin theatres.")
@origin_option
@fmt_option
def spread(actor: str, db: str | None, level: str, origin_days: int, quiet_days: int, show_all: bool,
           origin: str | None, fmt: str) -> None:
    """New theatres of ACTOR's violence (first event and its sources), re-emergence and diffusion."""
    with reader(db) as sw:
        result = sw.spread(actor, level, origin_days=origin_days, quiet_days=quiet_days, origin=origin)
    rows = [dump(t) for t in result["theatres"] if show_all or not t.origin]
    cols = ["unit", "adm1_name", "first_date", "first_event_type", "first_place", "first_sources", "events",
            "origin", "diffused_from", "first_event_id"]
    click.echo(output.render_rows(rows, fmt, columns=cols, title=f"new theatres of {result['actor']}"))
    if fmt == "table" and result["reemergence"]:
        click.echo(output.render_rows(result["reemergence"], fmt, title="re-emergence"))


@main.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@level_option
@origin_option
@click.option("--backtest", "train_until", type=DATE_TO, default=None, help="Train on targets up to this date "
              "(YYYY-MM-DD, or YYYY-MM to its last day), test on the rest, beside the naive baseline.")
@click.option("--test-until", type=DATE_TO, default=None)
@fmt_option
def risk(actor: str, db: str | None, level: str, origin: str | None, train_until: date | None,
         test_until: date | None, fmt: str) -> None:
    """Next-month spillover risk per unit (or a backtest with --backtest DATE)."""
    with reader(db) as sw:
        if train_until:
            result = sw.risk_backtest(actor, level, train_until, test_until, origin)
            click.echo(output.to_json(result))
            return
        rows = sw.risk(actor, level, origin)
    cols = ["unit", "month", "risk", "own_1", "own_12", "nb_3", "nb_active", "drivers"]
    click.echo(output.render_rows(rows, fmt, columns=cols, title=f"risk of {actor} violence next month"))


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--add", "csv_path", default=None, help="Add ledger rows from a CSV (donor, recipient, "
              "recipient_country, kind, amount, currency, item, count, status, date, source).")
@fmt_option
def support(db: str | None, csv_path: str | None, fmt: str) -> None:
    """The support ledger: every commitment of money, equipment, personnel or training."""
    with Spillwatch(db, create=csv_path is not None) as sw:
        if csv_path:
            click.echo(f"added {sw.add_support_csv(csv_path)} rows from {csv_path}", err=True)
        rows = sw.support()
    cols = ["date", "donor", "recipient", "recipient_country", "kind", "amount", "currency", "item", "count",
            "status", "sources"]
    click.echo(output.render_rows(rows, fmt, columns=cols, title="support ledger"))


@main.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@fmt_option
def gaps(actor: str, db: str | None, fmt: str) -> None:
    """Countries ranked by threat relative to committed support, with reasons."""
    with reader(db) as sw:
        rows = sw.gaps(actor)
    cols = ["country_iso3", "gap", "threat", "risk", "events", "commitments", "explanation"]
    click.echo(output.render_rows(rows, fmt, columns=cols, title=f"support gaps against {actor}"))


@main.command()
@click.argument("actor", required=False)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Risk that raises an alert.")
@click.option("--sink", "sinks", type=SINK, multiple=True,
              help="file:PATH (JSONL) or webhook:URL (http(s), through the address guard); receives new alerts.")
@fmt_option
def alerts(actor: str | None, db: str | None, threshold: float, sinks: tuple[Sink, ...], fmt: str) -> None:
    """Compute new alerts for ACTOR (new theatres, risk over threshold) and list all alerts."""
    from spillwatch.analysis import alerts as al

    with reader(db) as sw:
        for sink in sinks:
            if sink.kind == "webhook":  # refused before any work: a scheme or an address the guard does not allow
                check_web_url(sink.target, sw.settings)
        fresh = sw.refresh_alerts(actor, threshold) if actor else []
        rows = sw.alerts()
    records = [al.Alert(**{**a, "alert_date": date.fromisoformat(a["alert_date"]) if a["alert_date"] else None})
               for a in fresh]
    for sink in sinks:
        if sink.kind == "file":
            sent = al.to_file(records, sink.target)
        else:
            sent = al.to_webhook(records, sink.target, sw.settings)
        click.echo(f"{sent} new alerts -> {sink}", err=True)
    click.echo(output.render_rows(rows, fmt, columns=["alert_date", "kind", "unit", "actor", "score", "message"],
                                  title=f"alerts ({len(fresh)} new)"))


@main.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--out", default="spillwatch-report.html", show_default=True)
def report(actor: str, db: str | None, out: str) -> None:
    """Write one self-contained HTML report (tables, charts, small-multiples map)."""
    from spillwatch.report import build

    folder = Path(out).resolve().parent
    if not folder.is_dir():
        raise SpillwatchError(f"--out {out}: folder {folder} does not exist")
    with reader(db) as sw:
        text = build(sw, actor)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text)
    click.echo(f"wrote {out} ({len(text) // 1024} KiB)")
