"""`spillwatch report`: one self-contained HTML file (tables, charts, small-multiples map), no network needed.

Every string from the data is escaped; charts are PNGs embedded as data URIs.
"""

from __future__ import annotations

import base64
import html
import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from spillwatch import codec
from spillwatch.api.facade import Spillwatch
from spillwatch.api.maps import country_outlines
from spillwatch.codec import dump
from spillwatch.records import dated

if TYPE_CHECKING:
    from spillwatch.analysis.activity import ActivityRow

STYLE = ("body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:1rem auto;color:#1d2433}"
         "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #ddd;"
         "text-align:left;padding:.2rem .4rem;vertical-align:top}img{max-width:100%}h2{margin-top:2rem}")


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def monthly_series(rows: Sequence[ActivityRow]) -> tuple[list[date], dict[str, list[int]]]:
    """Every month from the first to the last row (a continuous axis) and each country's events in each,
    0 for a month with none (a line never joins two active months across empty ones)."""
    series: dict[str, dict[date, int]] = defaultdict(dict)
    for r in rows:
        series[r.country_iso3 or ""][r.period] = r.events
    found = [r.period for r in rows]
    if not found:
        return [], {}
    months, m = [], min(found).replace(day=1)
    while m <= max(found):
        months.append(m)
        m = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return months, {c: [v.get(month, 0) for month in months] for c, v in series.items()}


def activity_chart(rows: Sequence[ActivityRow]) -> str:
    months, series = monthly_series(rows)
    top = sorted(series, key=lambda c: -sum(series[c]))[:8]
    fig, ax = plt.subplots(figsize=(10, 3.5))
    for country in top:
        ax.plot(months, series[country], label=country)  # type: ignore[arg-type]
    ax.set_ylabel("events per month")
    ax.legend(ncol=4, fontsize=8)
    ax.grid(alpha=0.3)
    return _png(fig)


def small_multiples(points: Sequence[dict[str, Any]]) -> str:
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for p in points:
        if p.get("lat") is not None:
            by_year[p["date_start"].year].append(p)
    years = sorted(by_year)[-6:] or [date.today().year]
    lats = [float(p["lat"]) for p in points if p.get("lat") is not None] or [30.0]
    lons = [float(p["lon"]) for p in points if p.get("lon") is not None] or [40.0]
    box = (min(lons) - 5, max(lons) + 5, min(lats) - 5, max(lats) + 5)
    outlines = country_outlines()
    fig, axes = plt.subplots(1, len(years), figsize=(3.2 * len(years), 3.2), squeeze=False)
    for ax, year in zip(axes[0], years, strict=True):
        active = {p["country_iso3"] for p in by_year[year]}
        for outline in outlines:
            for ring in outline.rings:
                xs, ys = zip(*ring, strict=True) if ring else ((), ())
                ax.fill(xs, ys, color="#e9a79f" if outline.iso3 in active else "#f1eee6", ec="#8a93a0", lw=0.3)
        ax.scatter([float(p["lon"]) for p in by_year[year]], [float(p["lat"]) for p in by_year[year]], s=10,
                   c="#1f4e99", zorder=3)
        ax.set_xlim(box[0], box[1])
        ax.set_ylim(box[2], box[3])
        ax.set_title(f"{year}: {len(by_year[year])} events", fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    return _png(fig)


def _table(rows: Sequence[Any], cols: Sequence[str]) -> str:
    """Rows (records, or mappings) as an HTML table of ``cols``."""
    if not rows:
        return "<p>None.</p>"
    rows = [codec.fields(r) for r in rows]
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in cols) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"  # money as 746,278, never 7.46e+05
    if isinstance(v, list | tuple):
        return ", ".join(map(str, v))
    return str(v)


def build(sw: Spillwatch, actor: str, *, roles: Sequence[str] = (), affiliates: bool = False,
          as_of: str | None = None, watch: Sequence[str] = ()) -> str:
    from dataclasses import replace

    from spillwatch.analysis import spread as sp
    from spillwatch.analysis.service import Who

    when = sw.as_of(as_of)
    month = when.month.isoformat()
    who = Who(sw.resolve_actor(actor), tuple(roles), affiliates)
    spread = sw.spread(actor, roles=roles, affiliates=affiliates, as_of=month)
    scope, name = sw.insight.scope(who)
    points = sp.event_points(sw.store.query, replace(scope, date_to=when.end.isoformat()))
    theatres = [{**dump(t), "first_date": dated(t.first_date, t.first_precision)} for t in spread.theatres if t.new]
    others = "; ".join(f"{t.unit} ({t.status}, first seen {dated(t.first_date, t.first_precision)})"
                       for t in spread.theatres if not t.new)
    rows = [r for r in sw.activity(actor, roles=roles, affiliates=affiliates) if r.period <= when.end]
    risk = sw.risk(actor, roles=roles, affiliates=affiliates, as_of=month, watch=watch)
    gaps = sw.gaps(actor, roles=roles, affiliates=affiliates, as_of=month, watch=watch)
    family = "; ".join(f"{a.name} ({a.from_ or '...'} to {a.to or 'now'})" for a in spread.counted.affiliates)
    counted = f"{name} as {spread.counted.roles_label}" + (f", with affiliates: {family}" if affiliates else "")
    ledger = [r for r in sw.support() if r.date is None or r.date <= when.end]
    parts = [f"<h1>spillwatch report: {html.escape(name)}, {html.escape(when.label)}</h1>",
             f"<p>Counting events of {html.escape(counted)}. {len(points)} events in scope up to "
             f"{when.end.isoformat()}; generated {date.today().isoformat()}. Countries no origin covers in "
             f"{when.month:%Y-%m} have no rate (\"not covered since\").</p>",
             "<h2>Activity over time</h2>",
             f'<img alt="events per month" src="{activity_chart(rows)}">',
             "<h2>Where, year by year</h2>", f'<img alt="map per year" src="{small_multiples(points)}">',
             "<h2>New theatres</h2>", _table(theatres, ["unit", "first_date", "first_event_type", "first_place",
                                                          "first_sources", "events", "diffused_from"]),
             f"<p>Not judged new: {html.escape(others)}.</p>" if others else "",
             "<h2>Spillover risk next month (watched countries always listed)</h2>",
             _table(risk, ["country_name", "unit", "month", "risk", "drivers", "coverage", "why"]),
             "<h2>Support ledger</h2>", _table(ledger, ["date", "donor", "recipient", "recipient_country",
                                                         "kind", "amount", "currency", "usd", "rate_day",
                                                         "item", "count", "status", "event_id", "sources"]),
             "<h2>Gaps: threat and support apart</h2>",
             _table(gaps, ["country_name", "country_iso3", "threat", "support_usd", "gap", "coverage",
                           "latest_event", "latest_any", "why", "explanation"]),
             f"<h2>Alerts up to {when.month:%Y-%m}</h2>",
             _table([{"date": a.when, "kind": a.kind, "unit": a.unit, "message": a.message}
                     for a in sw.alerts(as_of=when.month.isoformat())], ["date", "kind", "unit", "message"])]
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>spillwatch report</title>"
            f"<style>{STYLE}</style></head><body>{''.join(parts)}</body></html>")
