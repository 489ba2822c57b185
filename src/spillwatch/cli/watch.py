"""The ``watch`` command: poll sources on a schedule and push new alerts to sinks (``spillwatch.monitor``), or
show the watch's status (``--status``)."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Sequence
from datetime import date
from types import FrameType

import click

from spillwatch.api import Spillwatch
from spillwatch.cli import output
from spillwatch.cli.common import DB_HELP, check_sources, reader
from spillwatch.cli.params import DATE_FROM
from spillwatch.settings import load_settings


@click.command()
@click.argument("sources", nargs=-1)
@click.option("--every", default=None, help="Interval between cycles: 90s, 15m, 1h (default 15m).")
@click.option("--actor", "actors", multiple=True, help="Actor whose alert rules run each cycle (repeat).")
@click.option("--sink", "sinks", multiple=True, metavar="SINK",
              help="file:PATH, webhook:URL, slack:URL, teams:URL or smtp://HOST[:PORT]?to=ADDR (repeat); every "
              "alert is delivered at least once to each, with its id.")
@click.option("--once", is_flag=True, help="Run one cycle and stop (for cron jobs and systemd timers).")
@click.option("--since", type=DATE_FROM, default=None,
              help="Back-fill: read the history sources keep from this day (older dated items are skipped).")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Risk that raises an alert (0.5).")
@click.option("--config", default=None, help="TOML file listing sources, actors, sinks, every, threshold, since.")
@click.option("--name", default=None, help="Name of this watch in the store (default: default).")
@click.option("--status", "show_status", is_flag=True, help="Show the watch's last cycle, next cycle and sinks.")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--allow-private", is_flag=True,
              help="Allow loopback/private/link-local addresses for sources and web sinks (testing only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def watch(sources: Sequence[str], every: str | None, actors: tuple[str, ...], sinks: tuple[str, ...], once: bool,
          since: date | None, threshold: float | None, config: str | None, name: str | None, show_status: bool,
          db: str | None, allow_private: bool, fmt: str) -> None:
    """Watch SOURCES (feeds, URL lists, folders) every interval: read what is new, run the alert rules for the
    actors, push new alerts to the sinks; one summary line per cycle. SIGTERM finishes the cycle and stops."""
    if show_status:
        with reader(db) as sw:
            status = sw.watch_status(name or "default")
        click.echo(output.to_json(status) if fmt == "json" else _status_text(status))
        return
    check_sources([s for s in sources])
    settings = load_settings(db=db, allow_private_urls=allow_private or None)
    stop = threading.Event()

    def finish(signum: int, frame: FrameType | None) -> None:
        click.echo(f"signal {signum}: finishing this cycle, then stopping", err=True)
        stop.set()

    before = {sig: signal.signal(sig, finish) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        with Spillwatch(settings=settings) as sw:
            plan = sw.watch_plan(sources, actors, sinks, every, threshold=threshold, since=since, config=config,
                                 name=name)
            check_sources(plan.sources)
            last = sw.watch(plan, stop, lambda r: click.echo(r.line()),
                            lambda e: click.echo(f"error: {e}", err=True), once=once)
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
    if once and last is None:
        sys.exit(1)


def _status_text(status: object) -> str:
    from spillwatch.monitor.records import WatchStatus

    assert isinstance(status, WatchStatus)
    lines = [f"watch {status.name}: {status.state}" + (f" (pid {status.pid})" if status.pid else "")
             + (f", every {status.every:g} s" if status.every else "")]
    if status.last_cycle is not None:
        lines.append("last " + status.last_cycle.line())
        for s in status.last_cycle.sources:
            errors = f"; errors: {', '.join(s.errors)}" if s.errors else ""
            lines.append(f"  {s.source}: seen {s.seen}, new {s.new}, not modified {s.not_modified}, "
                         f"quarantined {s.quarantined}{errors}")
    if status.last_error:
        lines.append(f"last error: {status.last_error}")
    if status.next_cycle_at:
        lines.append(f"next cycle at {status.next_cycle_at}")
    for k in status.sinks:
        retry = f", next try {k.next_try}" if k.next_try else ""
        error = f", last error: {k.last_error}" if k.last_error and k.pending else ""
        lines.append(f"  sink {k.sink}: delivered {k.delivered}, pending {k.pending}{retry}{error}")
    return "\n".join(lines)


COMMANDS = (watch,)
