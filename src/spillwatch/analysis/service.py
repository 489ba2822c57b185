"""Glue between the store and analysis/: the analyses the API offers, on one store (no SQL: the store's methods).

Not a stage: it may use the actor table, the neighbour graph and the gazetteer to feed the pure analysis functions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

import numpy as np

from spillwatch.analysis import activity as act
from spillwatch.analysis import alerts as al
from spillwatch.analysis import coverage as cv
from spillwatch.analysis import gaps as gp
from spillwatch.analysis import risk as rk
from spillwatch.analysis import spread as sp
from spillwatch.analysis import strikes as st
from spillwatch.analysis import support as su
from spillwatch.analysis import watch as wt
from spillwatch.errors import ConfigError
from spillwatch.settings import Settings
from spillwatch.store.base import Store

ADM1_NEIGHBOUR_KM = 250.0


@dataclass(frozen=True, slots=True)
class Who:
    """Whose events an analysis counts: an actor (id or alias; None = all), the roles that count (empty =
    perpetrator or party), whether its affiliates come in (each only while its affiliation held), one origin."""

    actor: str | None = "ISL"
    roles: tuple[str, ...] = ()
    affiliates: bool = False
    origin: str | None = None


def actor_family(settings: Settings, actor: str, *, affiliates: bool = False
                 ) -> tuple[tuple[str, ...], str, tuple[act.Affiliate, ...]]:
    """The actor's id, display name and (only when asked) its affiliates with the dates each link held.

    "ISIS" is the Islamic State alone; its provinces and pledged groups come in only with ``affiliates``.
    """
    from spillwatch.nlp.actortable import load_actor_table

    table = load_actor_table(settings)
    entry = table.get(actor) or table.lookup(actor)
    if entry is None:
        return (actor,), actor, ()
    found = []
    for aid in table.affiliates(entry.actor.id) if affiliates else ():
        sub = table.entries[aid]
        start, end = sub.affiliated
        found.append(act.Affiliate(aid, sub.actor.name, start.isoformat() if start else None,
                                   end.isoformat() if end else None))
    return (entry.actor.id,), entry.actor.name, tuple(found)


@cache
def country_graph() -> dict[str, frozenset[str]]:
    from spillwatch.geo.neighbours import country_neighbours

    return country_neighbours()


@cache
def country_points() -> dict[str, tuple[float, float]]:
    import pycountry

    from spillwatch.geo.mapdata import country_centroids

    out = {}
    for iso2, point in country_centroids().items():
        found = pycountry.countries.get(alpha_2=iso2)
        if found is not None:
            out[found.alpha_3] = point
    return out


def near_graph(points: Mapping[str, tuple[float, float]], km: float = ADM1_NEIGHBOUR_KM) -> dict[str, frozenset[str]]:
    """Approximate adjacency: units whose centres lie within ``km`` (no ADM1 polygons are packaged)."""
    units = sorted(points)
    dist = rk.distances(units, points)
    return {u: frozenset(units[j] for j in np.flatnonzero(dist[i] <= km)) for i, u in enumerate(units)}


class Insight:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings

    def scope(self, who: Who) -> tuple[act.Scope, str]:
        """The scope of an actor's events and its display name."""
        chosen = act.parse_roles(who.roles)
        if not who.actor:
            return act.Scope(origin=who.origin, roles=chosen), "all actors"
        ids, name, family = actor_family(self.settings, who.actor, affiliates=who.affiliates)
        return act.Scope(actor_ids=ids, origin=who.origin, roles=chosen, affiliates=family), name

    def side(self) -> Callable[[str], str]:
        """An actor id's side in a war (``strikes.state_side``), from the actor table."""
        from spillwatch.nlp.actortable import load_actor_table

        table = load_actor_table(self.settings)

        def country_sector(actor_id: str) -> tuple[str | None, str | None]:
            entry = table.get(actor_id)
            return (entry.actor.country, entry.actor.sector) if entry else (None, None)

        return st.state_side(country_sector)

    def describe(self, who: Who) -> act.Counting:
        """What a result counts: the actor, the roles and the affiliates (with the dates each held)."""
        scope, name = self.scope(who)
        return act.Counting(name, tuple(scope.roles), act.roles_label(scope.roles),
                            tuple(act.AffiliateSpan(a.actor_id, a.name, a.date_from, a.date_to)
                                  for a in scope.affiliates), who.origin)

    def geography(self, level: act.Level, points: Sequence[Mapping[str, Any]]
                  ) -> tuple[dict[str, frozenset[str]], dict[str, tuple[float, float]]]:
        if level == "country":
            return country_graph(), country_points()
        return adm1_geometry(sorted({f"{p['country_iso3']}:{p['adm1_code']}" for p in points if p.get("adm1_code")}))

    def activity(self, who: Who, level: act.Level = "country", period: act.Period = "month", *,
                 country: str | None = None, date_from: str | None = None,
                 date_to: str | None = None) -> list[act.ActivityRow]:
        scope = replace(self.scope(who)[0], country=country, date_from=date_from, date_to=date_to)
        return [act.ActivityRow(**r) for r in act.activity(self.store.query, scope, level, period)]

    def spread(self, who: Who, level: act.Level = "country", config: sp.SpreadConfig | None = None,
               as_of: date | None = None) -> sp.Spread:
        """New theatres, re-emergence and the centre of gravity with what was known at the as-of month's end."""
        when = self.as_of(as_of)
        scope, _ = self.scope(who)
        points = sp.event_points(self.store.query, replace(scope, date_to=when.end.isoformat(),
                                                           known_by=when.end.isoformat()))
        graph, _ = self.geography(level, points)
        config = config or sp.SpreadConfig()
        windows = [_clip(w, when.end) for w in self.known_windows(when.end) if w.date_from <= when.end]
        theatres = sp.new_theatres(points, level, graph, config, windows)
        return sp.Spread(self.describe(who), level, tuple(theatres), tuple(windows), when.month, when.label,
                         tuple(sp.reemergence(points, level, config, windows)), tuple(sp.centre_of_gravity(points)))

    def windows(self) -> list[cv.Window]:
        return cv.windows(self.store.query)

    def known_windows(self, known_by: date | None = None) -> list[cv.Window]:
        """Every origin's windows; with ``known_by``, only those known by that day (``Window.known``)."""
        return [w for w in self.windows() if known_by is None or w.known is None or _day(w.known) <= known_by]

    def coverage(self, known_by: date | None = None) -> cv.Coverage:
        return cv.Coverage(self.known_windows(known_by))

    def as_of(self, asked: date | None = None) -> wt.AsOf:
        """The month analyses are judged at: ``asked`` if some origin covers it, else the last covered month."""
        return wt.as_of(self.coverage(), asked)

    def links(self, limit: int = 1000) -> list[dict[str, Any]]:
        return cv.links(self.store.query, limit)

    def record_coverage(self, windows: Sequence[cv.Window]) -> None:
        self.store.put_coverage((w.origin, w.source, w.country_iso3, w.date_from, w.date_to) for w in windows)

    def panel(self, who: Who, level: act.Level, until: int | None = None, extra: Sequence[str] = ()
              ) -> tuple[rk.Panel, str]:
        """Monthly counts per unit up to month index ``until`` (year-precision rows left out; months after the
        last event are zeros), the fixed neighbour graph and centroids, and the covered-month mask, for the risk
        model (``analysis.risk``). ``extra``: units always in the panel (the watchlist)."""
        scope, name = self.scope(who)
        if until is not None:
            end = (wt.month_start(until + 1) - timedelta(days=1)).isoformat()
            scope = replace(scope, date_to=end, known_by=end)
        rows = act.activity(self.store.query, replace(scope, month_precise=True), level, "month")
        seen = sorted({act.unit_key(r, level) for r in rows})
        graph, centres = (country_graph(), country_points()) if level == "country" else adm1_geometry(seen)
        units = tuple(sorted(set(seen) | {n for u in seen for n in graph.get(u, frozenset())} | set(extra)))
        if not rows:
            return rk.Panel(units, 0, np.zeros((len(units), 0)), np.zeros((len(units), 0), bool), graph, centres), name
        first = min(rk.month_index(r["period"]) for r in rows)
        last = max(until if until is not None else first, max(rk.month_index(r["period"]) for r in rows))
        index = {u: i for i, u in enumerate(units)}
        counts = np.zeros((len(units), last - first + 1))
        for r in rows:
            counts[index[act.unit_key(r, level)], rk.month_index(r["period"]) - first] += r["events"]
        self._add_struck(scope, level, counts, index, first)
        known = (wt.month_start(until + 1) - timedelta(days=1)) if until is not None else None
        cover = cv.Coverage([w for w in self.known_windows(known) if not who.origin or w.origin == who.origin])
        covered = np.array([[cover.covered(u, m) for m in range(first, last + 1)] for u in units],
                           dtype=bool)
        return rk.Panel(units, first, counts, covered.reshape(len(units), -1), graph, centres), name

    def _add_struck(self, scope: act.Scope, level: act.Level, counts: np.ndarray, index: Mapping[str, int],
                    first: int) -> None:
        """Strikes on the actor that count as its fighting (``analysis.strikes``: where it acted or fought, or by a
        side at war with it, in the ``THEATRE_MONTHS`` up to them) are months of its fighting there."""
        for s in st.counted_strikes(self.store.query, replace(scope, month_precise=True), level, self.side()):
            i, col = index.get(s.unit), s.month - first
            if i is not None and 0 <= col < counts.shape[1]:
                counts[i, col] += 1

    def risk(self, who: Who, level: act.Level = "country", min_risk: float = 0.0, as_of: date | None = None,
             watch: Sequence[str] = ()) -> list[wt.RiskRow]:
        """Risk for the month after the as-of month (default: the last month some origin covers), from data up to
        its end only; at country level every watched country is a row (no rate where no origin watches it)."""
        when = self.as_of(as_of)
        watched = self.watchlist(who, when, watch) if level == "country" else []
        panel, _ = self.panel(who, level, when.index, [w.country_iso3 for w in watched])
        cover = self.coverage(when.end)
        why = {w.country_iso3: w.why for w in watched}
        rows = [wt.RiskRow(**r, **unit_names(r["unit"]), coverage=cover.describe(r["unit"], when.index),
                           why=why.get(r["unit"]))
                for r in rk.forecast(panel, 0.0, unit_label)
                if r["month"] == wt.month_start(when.index + 1) and (r["risk"] >= min_risk or r["unit"] in why)]
        scored = {r.unit for r in rows}
        rows += [_unrated(w, when, cover) for w in watched if w.country_iso3 not in scored]
        return sorted(rows, key=lambda r: (r.risk is None, -(r.risk or 0.0), r.unit))

    def watchlist(self, who: Who, when: wt.AsOf, asked: Sequence[str] = ()) -> list[wt.Watched]:
        """The countries in view as of a month (``analysis.watch``)."""
        scope, _ = self.scope(who)
        lo = wt.month_start(when.index - wt.ACTIVE_MONTHS + 1).isoformat()
        active = {p["country_iso3"] for p in sp.event_points(
            self.store.query, replace(scope, date_from=lo, date_to=when.end.isoformat(), known_by=when.end.isoformat()))
            if p.get("country_iso3")}
        recipients = {r.recipient_country for r in self.ledger() if r.recipient_country}
        names = {c: act.country_name(c) or c for c in active}
        return wt.watchlist(active, country_graph(), recipients, asked, names)

    def backtest(self, who: Who, level: act.Level, test_from: date, test_to: date | None = None
                 ) -> wt.Backtest:
        panel, _ = self.panel(who, level)
        if not panel.counts.shape[1] or rk.month_index(test_from) > panel.first + panel.counts.shape[1] - 1:
            last = wt.month_start(panel.first + panel.counts.shape[1] - 1) if panel.counts.shape[1] else None
            raise ConfigError(f"backtest from {test_from:%Y-%m}: the data end "
                              + (f"in {last:%Y-%m}; start the backtest earlier" if last else "before they begin: "
                                 "nothing is stored"))
        found = rk.backtest(panel, test_from, test_to)
        said = self.describe(who)
        return wt.Backtest(said.actor, said.roles_label, level, found["test_from"], found["test_to"],
                           found["units"], tuple(wt.BacktestScore(**r) for r in found["scores"]))

    def ledger(self) -> list[su.LedgerRow]:
        events = [e for t in su.SUPPORT_TYPES for e in self.store.events_of_type(t)]
        manual = [_manual_row(r) for r in self.store.manual_support_rows()]
        rows = su.merge_reports(su.ledger_from_events(events)) + manual
        return sorted((su.valued(r) for r in rows), key=lambda r: (r.date or date.min, r.id))

    def add_support_csv(self, path: str) -> int:
        rows = su.read_csv(path)
        with self.store.transaction():
            self.store.put_manual_support([(r.id, r.donor, r.donor_country, r.recipient, r.recipient_country, r.force,
                                            r.kind, r.amount, r.currency, r.item, r.count, r.status, r.date,
                                            r.sources) for r in rows])
        return len(rows)

    def gaps(self, who: Who, config: gp.GapConfig | None = None, as_of: date | None = None,
             watch: Sequence[str] = ()) -> list[gp.GapRow]:
        """Every watched country (and every country the forecast scores) by threat against valued support (see
        ``analysis.gaps``), with what was known at the as-of month's end; no rate where no origin watches it."""
        scope, name = self.scope(who)
        when = self.as_of(as_of)
        scope = replace(scope, date_to=when.end.isoformat(), known_by=when.end.isoformat())
        points = sp.event_points(self.store.query, scope)
        forecast = {r.unit: r for r in self.risk(who, "country", as_of=when.month, watch=watch)}
        watched = {w.country_iso3: w.why for w in self.watchlist(who, when, watch)}
        ledger = self.ledger()
        month = wt.month_start(when.index + 1)
        cover = self.coverage(when.end)
        by_country: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for p in points:
            by_country[p["country_iso3"]].append(p)
        struck: dict[str, set[int]] = defaultdict(set)  # months a strike on it counts as its fighting there
        for s in st.counted_strikes(self.store.query, scope, "country", self.side()):
            struck[s.unit].add(s.month)
        candidates = sorted(set(watched) | {u for u, r in forecast.items() if r.risk is not None})
        latest = {r["country_iso3"]: r for r in self.store.latest_events(candidates, when.end.isoformat(),
                                                                         act.VIOLENT_TYPES)}
        threats = []
        for c in candidates:
            recent = sorted(by_country.get(c, []), key=lambda p: (p["date_start"], p["id"]), reverse=True)
            risk = forecast.get(c)
            threat: float | None
            last = cover.last_before(c, when.index)
            if last != when.index:  # rated only in a month some origin covers it (as risk is)
                threat, basis = None, "no rate: " + cover.describe(c, when.index)
            elif risk and risk.risk is not None and risk.fitted:
                threat, basis = risk.risk, "forecast"
            else:
                months = [m for m in range(last, last - 600, -1) if cover.covered(c, m)][:gp.HISTORY_MONTHS]
                own = {rk.month_index(p["date_start"]) for p in recent}
                threat, basis = gp.own_history(months, own, struck.get(c, set()) - own)
                if risk and risk.fit_note:
                    basis += f"; no forecast: {risk.fit_note}"
            threats.append(gp.CountryThreat(c, act.country_name(c), threat, basis, month, recent,
                                            cover.describe(c, when.index), watched.get(c, "scored by the forecast"),
                                            latest.get(c)))
        label = f"{name} ({act.roles_label(scope.roles)})"
        return gp.gaps(threats, ledger, label, config or gp.GapConfig())

    def alerts(self, who: Who, threshold: float = 0.5, as_of: date | None = None) -> list[al.Alert]:
        """Compute alerts for an actor as of a month, store the new ones, return the new ones."""
        new: list[al.Alert] = []
        if who.actor:
            spread = self.spread(who, "country", as_of=as_of)
            label = f"{spread.counted.actor} ({spread.counted.roles_label})"
            new = al.theatre_alerts(spread.theatres, label)
            new += al.risk_alerts(self.risk(who, "country", as_of=spread.as_of), label, threshold)
        return [a for a in new if self.store.put_alert((a.id, a.kind, a.unit, a.actor, a.alert_date, _finite(a.score),
                                                         a.message, a.event_id))]

    def alert_rows(self, limit: int = 500) -> list[al.Alert]:
        return [al.Alert(**r) for r in self.store.alert_rows(limit)]


def _day(d: date) -> date:
    """A date, or the day of a timestamp (an article's publication time)."""
    return d.date() if isinstance(d, datetime) else d


def _clip(w: cv.Window, end: date) -> cv.Window:
    """A window as it was known on ``end`` (nothing after it was covered yet)."""
    return replace(w, date_to=min(w.date_to, end))


def _unrated(w: wt.Watched, when: wt.AsOf, cover: cv.Coverage) -> wt.RiskRow:
    """A watched country the forecast gives no rate, and why."""
    covered = cover.covered(w.country_iso3, when.index)
    said = (cover.describe(w.country_iso3, when.index) + ": no rate" if not covered else
            f"no event of the actor here or in a neighbour up to {when.month:%Y-%m}: not scored")
    return wt.RiskRow(unit=w.country_iso3, month=wt.month_start(when.index + 1), risk=None, onset_risk=None,
                      **unit_names(w.country_iso3), drivers=said, coverage=cover.describe(w.country_iso3, when.index),
                      why=w.why)


def unit_names(unit: str) -> dict[str, Any]:
    """Country and ADM1 names beside a unit key ('SYR:SY-HL')."""
    from spillwatch.geo import adm1

    country, _, code = unit.partition(":")
    return {"country_iso3": country, "country_name": act.country_name(country),
            "adm1_code": code or None, "adm1_name": adm1.label(code) if code else None}


def unit_label(unit: str) -> str:
    """'Syria' or "Syria's Homs" for a sentence."""
    names = unit_names(unit)
    country = names["country_name"] or names["country_iso3"]
    return f"{country}'s {names['adm1_name']}" if names["adm1_name"] else country


def adm1_geometry(seen: Sequence[str], km: float = ADM1_NEIGHBOUR_KM
                  ) -> tuple[dict[str, frozenset[str]], dict[str, tuple[float, float]]]:
    """Fixed ADM1 centroids (iso3166-2's table) and the units within ``km`` of each unit seen: never built from
    events, so nothing about later months leaks into the graph."""
    import pycountry

    from spillwatch.geo import adm1

    table = adm1.centroids()
    countries = {u.split(":")[0] for u in seen} | {n for u in seen for n in country_graph().get(u.split(":")[0], ())}
    points: dict[str, tuple[float, float]] = {}
    for code, point in table.items():
        found = pycountry.countries.get(alpha_2=code[:2])
        if found is not None and found.alpha_3 in countries:
            points[f"{found.alpha_3}:{code}"] = point
    for u in seen:
        if u not in points and u.split(":")[1] in table:
            points[u] = table[u.split(":")[1]]
    return near_graph(points, km), points


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def _manual_row(r: Mapping[str, Any]) -> su.LedgerRow:
    return su.LedgerRow(id=r["id"], donor=r["donor"], donor_country=r["donor_country"], recipient=r["recipient"],
                        recipient_country=r["recipient_country"], force=r["force_name"], kind=r["kind"],
                        amount=r["amount"], currency=r["currency"], item=r["item"], count=r["item_count"],
                        status=r["status"], date=r["commit_date"], sources=r["source"] or "user CSV",
                        event_id=None)

