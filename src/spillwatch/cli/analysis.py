"""Analysis commands of the `spillwatch` CLI: activity, spread, risk, support, gaps, alerts, report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from spillwatch import codec
from spillwatch.api import Spillwatch, SpillwatchError, check_web_url, dump
from spillwatch.cli import output
from spillwatch.cli.common import DB_HELP, fmt_option, reader
from spillwatch.cli.params import DATE_TO, SINK, Sink
from spillwatch.records import dated

if TYPE_CHECKING:
    from spillwatch.analysis.gaps import GapRow
    from spillwatch.analysis.spread import Theatre

DEFAULT_ACTOR = "ISL"
level_option = click.option("--level", type=click.Choice(["country", "adm1"]), default="country", show_default=True)
origin_option = click.option("--origin", type=click.Choice(["spillwatch", "ucdp", "acled"]), default=None,
                             help="Only events from this origin (coded here, or imported).")
role_option = click.option("--role", "roles", multiple=True, metavar="perpetrator|party|target|any",
                           help="Roles of ACTOR that count (repeat or comma-separate; default perpetrator,party: "
                           "its violence, never what was done to it).")
affiliates_option = click.option("--affiliates", is_flag=True,
                                 help="Also count ACTOR's affiliates, each while its affiliation held (listed).")
as_of_option = click.option("--as-of", "as_of", default=None, metavar="MONTH",
                            help="Judge with what was known at the end of this month (2016-12); default: the last "
                            "month some origin covers (said in the title).")
watch_option = click.option("--watch", "watch", multiple=True, metavar="COUNTRY",
                            help="Countries always listed (ISO3 or names; repeat or comma-separate); default: the "
                            "actor's countries of the last 12 months, their neighbours and support recipients.")


def _scope_title(sw: Spillwatch, what: str, actor: str | None, origin: str | None = None,
                 roles: tuple[str, ...] = (), affiliates: bool = False) -> str:
    """'activity of Islamic State as perpetrator or party (+ affiliates: ...)' for a table title."""
    d = sw.describe(actor, origin, roles=roles, affiliates=affiliates)
    family = ""
    if affiliates:
        named = [f"{a.name} {a.from_ or '...'}..{a.to or ''}" for a in d.affiliates]
        family = f" + affiliates: {'; '.join(named) or 'none'}"
    return f"{what} {d.actor} as {d.roles_label}{family}"


@click.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@level_option
@click.option("--period", type=click.Choice(["month", "week"]), default="month", show_default=True)
@origin_option
@role_option
@affiliates_option
@fmt_option
def activity(actor: str, db: str | None, level: str, period: str, origin: str | None, roles: tuple[str, ...],
             affiliates: bool, fmt: str) -> None:
    """Events and fatalities of ACTOR per unit and period."""
    with reader(db) as sw:
        rows = sw.activity(actor, level, period, origin, roles=roles, affiliates=affiliates)
        title = _scope_title(sw, "activity of", actor, origin, roles, affiliates)
    click.echo(output.render_rows(rows, fmt, title=title))


@click.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@level_option
@click.option("--origin-days", default=30, show_default=True, help="Days after the first event that count as origin.")
@click.option("--quiet-days", default=180, show_default=True, help="Gap that makes a return a re-emergence.")
@click.option("--all", "show_all", is_flag=True, help="Include origin units and units first seen at the start "
              "of their origin's coverage (not judged new).")
@origin_option
@role_option
@affiliates_option
@as_of_option
@fmt_option
def spread(actor: str, db: str | None, level: str, origin_days: int, quiet_days: int, show_all: bool,
           origin: str | None, roles: tuple[str, ...], affiliates: bool, as_of: str | None, fmt: str) -> None:
    """New theatres of ACTOR's violence (first event and its sources), re-emergence and diffusion."""
    with reader(db) as sw:
        result = sw.spread(actor, level, origin_days=origin_days, quiet_days=quiet_days, origin=origin,
                           roles=roles, affiliates=affiliates, as_of=as_of)
        title = _scope_title(sw, "new theatres of", actor, origin, roles, affiliates) + f", {result.as_of_label}"
    rows = [dump(t) for t in result.theatres if show_all or t.new]
    cols = ["unit", "adm1_name", "first_date", "first_precision", "first_event_type", "first_place", "first_sources",
            "events", "status", "window", "diffused_from", "first_event_id"]
    if fmt == "table":  # the first date as precise as it is known ('2016-03 (month)')
        rows = [{**r, "first_date": dated(date.fromisoformat(r["first_date"]), r["first_precision"])} for r in rows]
        cols.remove("first_precision")
    click.echo(output.render_rows(rows, fmt, columns=cols, title=title))
    hidden = [t for t in result.theatres if not (show_all or t.new)]
    if hidden:  # nothing left out without a word (a table of headers alone says nothing)
        click.echo(hidden_theatres(hidden, len(rows), result.as_of), err=fmt != "table")
    if fmt == "table" and result.reemergence:
        click.echo(output.render_rows(result.reemergence, fmt, title="re-emergence"))


@click.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@level_option
@origin_option
@click.option("--backtest", "train_until", type=DATE_TO, default=None,
              help="Rolling monthly backtest of every month after this "
              "date (YYYY-MM-DD), each predicted from earlier months only, beside three baselines.")
@click.option("--test-until", type=DATE_TO, default=None)
@click.option("--min-risk", default=0.05, show_default=True,
              help="Leave out units whose risk is lower (watched countries are always listed).")
@role_option
@affiliates_option
@as_of_option
@watch_option
@fmt_option
def risk(actor: str, db: str | None, level: str, origin: str | None, train_until: date | None,
         test_until: date | None, min_risk: float, roles: tuple[str, ...], affiliates: bool, as_of: str | None,
         watch: tuple[str, ...], fmt: str) -> None:
    """Next-month spillover risk per covered unit (or a rolling backtest with --backtest DATE)."""
    with reader(db) as sw:
        if train_until:
            if train_until >= date.max:
                raise SpillwatchError(f"--backtest {train_until}: there is no later month to test on")
            result = sw.risk_backtest(actor, level, train_until + timedelta(days=1),
                                      test_until, origin,
                                      roles=roles, affiliates=affiliates)
            title = _scope_title(sw, "rolling backtest, violence by", actor, origin, roles, affiliates)
            if fmt == "json":
                click.echo(output.to_json(result))
            else:
                click.echo(f"{title}; {result.level} x month, {result.test_from:%Y-%m}.."
                           f"{result.test_to:%Y-%m}, {result.units} units")
                click.echo(output.render_rows(result.scores, fmt, title="backtest"))
            return
        rows = sw.risk(actor, level, origin, roles=roles, affiliates=affiliates, min_risk=min_risk, as_of=as_of,
                       watch=watch)
        title = (_scope_title(sw, "risk next month of violence by", actor, origin, roles, affiliates)
                 + f", {sw.as_of(as_of).label}")
    cols = ["country_name", "unit", "adm1_name", "month", "risk", "basis", "onset_risk", "coverage", "why", "drivers"]
    if fmt != "table":  # a program reads the flag; a person reads the basis column's words
        cols.insert(cols.index("basis") + 1, "fitted")
    click.echo(output.render_rows(rows, fmt, columns=cols, title=title))
    if not rows:  # said, not left blank: which conditions a forecast needs (analysis.risk.forecast)
        unit = "ADM1 unit" if level == "adm1" else "country"
        click.echo(f"no {unit} scored: a forecast needs 3 months of the actor's events, a covered unit-month "
                   "followed by a covered month to learn from, and a covered unit where or next to where it acted "
                   "(coded news covers a unit only in the months its articles report on it)", err=True)


@click.command()
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
    cols = ["date", "donor", "recipient", "recipient_country", "kind", "amount", "currency", "usd", "rate_day",
            "item", "count", "status", "event_id", "sources"]
    click.echo(output.render_rows(rows, fmt, columns=cols, title="support ledger"))


@click.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@role_option
@affiliates_option
@fmt_option
@click.option("--min-threat", default=0.01, show_default=True,
              help="Leave out countries whose threat is lower (watched countries are always listed).")
@as_of_option
@watch_option
def gaps(actor: str, db: str | None, roles: tuple[str, ...], affiliates: bool, fmt: str, min_threat: float,
         as_of: str | None, watch: tuple[str, ...]) -> None:
    """Watched countries: threat (next-month risk) and valued support (USD) in separate columns, the gap between
    them, the coverage behind the rate ("not covered since MONTH": no rate), one sentence each."""
    with reader(db) as sw:
        rows = sw.gaps(actor, roles=roles, affiliates=affiliates, min_threat=min_threat, as_of=as_of, watch=watch)
        title = _scope_title(sw, "support gaps against", actor, None, roles, affiliates) + f", {sw.as_of(as_of).label}"
    cols = ["country_iso3", "country_name", "threat", "support_usd", "gap", "basis", "coverage", "latest_event",
            "latest_any", "why", "personnel", "equipment", "training", "other", "explanation"]
    if fmt != "table":
        click.echo(output.render_rows(rows, fmt, columns=cols, title=title))
        return
    click.echo(output.render_rows(gap_table(rows), fmt, columns=cols[:10], title=title))
    click.echo("The sentence behind each row and its personnel, equipment, training and other commitments: "
               "--format json or csv.", err=True)


def gap_table(rows: Sequence[GapRow]) -> list[dict[str, object]]:
    """Gap rows as a person reads them in a terminal: money as 'USD 751,545', 'no rate' and 'no gap judged' where
    there is none (a blank cell said nothing)."""
    return [{**codec.fields(r), "support_usd": f"USD {r.support_usd:,.0f}" if r.support_usd else "none",
             "threat": "no rate" if r.threat is None else f"{r.threat:.3f}",
             "gap": "no gap judged" if r.gap is None else f"{r.gap:.3f}"} for r in rows]


@click.command()
@click.argument("actor", required=False)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Risk that raises an alert.")
@click.option("--sink", "sinks", type=SINK, multiple=True,
              help="file:PATH (JSONL) or webhook:URL (http(s), through the address guard); receives new alerts.")
@role_option
@affiliates_option
@as_of_option
@fmt_option
def alerts(actor: str | None, db: str | None, threshold: float, sinks: tuple[Sink, ...], roles: tuple[str, ...],
           affiliates: bool, as_of: str | None, fmt: str) -> None:
    """Compute new alerts for ACTOR (new theatres, risk over threshold) and list all alerts."""
    from spillwatch.analysis import alerts as al

    with reader(db) as sw:
        for sink in sinks:
            if sink.kind == "webhook":  # refused before any work: a scheme or an address the guard does not allow
                check_web_url(sink.target, sw.settings)
        fresh = sw.refresh_alerts(actor, threshold, roles=roles, affiliates=affiliates, as_of=as_of) if actor else []
        rows = sw.alerts()
    for sink in sinks:
        sent = al.to_file(fresh, sink.target) if sink.kind == "file" else al.to_webhook(fresh, sink.target, sw.settings)
        click.echo(f"{sent} new alerts -> {sink}", err=True)
    if actor and not fresh:  # an empty table alone does not say why
        click.echo(no_alert_reason(actor, threshold, as_of), err=True)
    columns = ["alert_date", "date_precision", "kind", "unit", "actor", "score", "message"]
    if fmt == "table":  # a date as precise as it is known ('2016-03 (month)'), as the events table shows it
        shown = [{**codec.fields(a), "alert_date": a.when} for a in rows]
        click.echo(output.render_rows(shown, fmt, columns=[c for c in columns if c != "date_precision"],
                                      title=f"alerts ({len(fresh)} new)"))
        return
    click.echo(output.render_rows(rows, fmt, columns=columns, title=f"alerts ({len(fresh)} new)"))


def no_alert_reason(actor: str, threshold: float, as_of: str | None) -> str:
    """Why ``alerts ACTOR`` raised nothing: what an alert needs, and where to look."""
    when = f" as of {as_of}" if as_of else ""
    return (f"no new alert for {actor}{when}: no unit is a new theatre (`spillwatch spread {actor} --all` lists "
            f"the units and their first months), and no fitted forecast reaches {threshold:g} (a country's own "
            f"base rate, shown when the risk model is not fit, raises no alert: `spillwatch risk {actor}`)")


@click.command()
@click.argument("actor", default=DEFAULT_ACTOR)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--out", default="spillwatch-report.html", show_default=True)
@role_option
@affiliates_option
@as_of_option
@watch_option
def report(actor: str, db: str | None, out: str, roles: tuple[str, ...], affiliates: bool, as_of: str | None,
           watch: tuple[str, ...]) -> None:
    """Write one self-contained HTML report (tables, charts, small-multiples map)."""
    from spillwatch.api.report import build

    folder = Path(out).resolve().parent
    if not folder.is_dir():
        raise SpillwatchError(f"--out {out}: folder {folder} does not exist")
    with reader(db) as sw:
        text = build(sw, actor, roles=roles, affiliates=affiliates, as_of=as_of, watch=watch)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text)
    click.echo(f"wrote {out} ({len(text) // 1024} KiB)")


COMMANDS = (activity, spread, risk, support, gaps, alerts, report)


def hidden_theatres(hidden: Sequence[Theatre], shown: int, as_of: date) -> str:
    """'No new theatre as of 2016-12; 9 units with events in scope are not judged new (1 origin: IRQ; 8 coverage
    start: ...): --all lists them.' for the units ``spread`` leaves out by default."""
    from spillwatch.analysis.spread import SpreadConfig

    by: dict[str, list[str]] = {}
    for t in hidden:
        by.setdefault(t.status, []).append(f"{t.unit} {dated(t.first_date, t.first_precision)}")
    said = "; ".join(f"{len(v)} {k}: {', '.join(v)}" for k, v in by.items())
    head = f"{shown} new theatre{'s' if shown != 1 else ''}" if shown else "No new theatre"
    return (f"{head} as of {as_of:%Y-%m}; {len(hidden)} more unit{'s' if len(hidden) != 1 else ''} with events in "
            f"scope not judged new ({said}; coverage start: first seen before its origin had watched it "
            f"{SpreadConfig().lead_days} days): --all lists them.")
