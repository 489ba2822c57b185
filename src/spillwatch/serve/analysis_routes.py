"""Analysis endpoints: activity, spread (new theatres), risk, support ledger, gaps, alerts, the watch's status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Query

from spillwatch import api

ACTOR = Query("ISL", max_length=200, description="Actor id or alias (the actor alone unless affiliates=true).")
ROLE = Query([], description="Roles of the actor that count: perpetrator, party, target or any (repeat or "
             "comma-separate); default perpetrator,party. Anything else is a 400.")
AFFILIATES = Query(False, description="Also count the actor's affiliates, each while its affiliation held.")
LEVEL = Query("country", pattern=r"^(country|adm1)$")
ORIGIN = Query(None, pattern=r"^(spillwatch|ucdp|acled)$")
DATES = "A day (2016-05-03), a month (2016-05), a year or FROM..TO; read by the API (400 naming a bad one)."
AS_OF = Query(None, max_length=40, description="Judge with what was known at the end of this month (2016-12); "
              "default: the last month some origin covers (400 for a month no origin covers).")
WATCH = Query([], description="Countries always listed (ISO3 or names; repeat or comma-separate); default: the "
              "actor's countries of the last 12 months, their neighbours and support recipients.")


def install(app: FastAPI, sw: api.Spillwatch, read: Any) -> None:
    @app.get("/api/activity", dependencies=[read], tags=["analysis"])
    def activity(actor: str = ACTOR, level: str = LEVEL, period: str = Query("month", pattern=r"^(month|week)$"),
                 origin: str | None = ORIGIN,
                 country: str | None = Query(None, max_length=100, description="ISO3 in any case, or a name"),
                 date_from: str | None = Query(None, alias="from", max_length=40, description=DATES),
                 date_to: str | None = Query(None, alias="to", max_length=40, description=DATES),
                 role: list[str] = ROLE, affiliates: bool = AFFILIATES) -> dict[str, Any]:
        return {**api.dump(sw.describe(actor, origin, roles=role, affiliates=affiliates)),
                "items": api.dump(sw.activity(actor, level, period, origin, country=country, date_from=date_from,
                                              date_to=date_to, roles=role, affiliates=affiliates))}

    @app.get("/api/spread", dependencies=[read], tags=["analysis"])
    def spread(actor: str = ACTOR, level: str = LEVEL, origin: str | None = ORIGIN,
               origin_days: int = Query(30, ge=0, le=3650), quiet_days: int = Query(180, ge=1, le=3650),
               role: list[str] = ROLE, affiliates: bool = AFFILIATES, as_of: str | None = AS_OF) -> dict[str, Any]:
        result = sw.spread(actor, level, origin_days=origin_days, quiet_days=quiet_days, origin=origin,
                           roles=role, affiliates=affiliates, as_of=as_of)
        items = [api.dump(t) for t in result.theatres if t.new]
        others = [api.dump(t) for t in result.theatres if not t.new]  # origin, coverage start: said, never dropped
        return {**api.dump(result.counted), "items": items, "not_new": others,
                "as_of": api.dump(result.as_of), "as_of_label": result.as_of_label,
                "reemergence": api.dump(result.reemergence), "centre": api.dump(result.centre),
                "windows": api.dump(result.windows)}

    @app.get("/api/risk", dependencies=[read], tags=["analysis"])
    def risk(actor: str = ACTOR, level: str = LEVEL, origin: str | None = ORIGIN, role: list[str] = ROLE,
             affiliates: bool = AFFILIATES, as_of: str | None = AS_OF, watch: list[str] = WATCH,
             min_risk: float = Query(0.0, ge=0.0, le=1.0)) -> dict[str, Any]:
        """Next month's risk; every watched country is a row (risk null and "not covered since" where no origin
        covers it)."""
        when = sw.as_of(as_of)
        return {**api.dump(sw.describe(actor, origin, roles=role, affiliates=affiliates)), **_when(when),
                "items": api.dump(sw.risk(actor, level, origin, roles=role, affiliates=affiliates, min_risk=min_risk,
                                          as_of=as_of, watch=watch))}

    @app.get("/api/support", dependencies=[read], tags=["analysis"])
    def support() -> dict[str, Any]:
        return {"items": api.dump(sw.support())}

    @app.get("/api/gaps", dependencies=[read], tags=["analysis"])
    def gaps(actor: str = ACTOR, role: list[str] = ROLE, affiliates: bool = AFFILIATES,
             min_threat: float = Query(0.01, ge=0.0, le=1.0), as_of: str | None = AS_OF,
             watch: list[str] = WATCH) -> dict[str, Any]:
        """Watched countries: threat and support apart, the gap, the coverage behind the rate."""
        when = sw.as_of(as_of)
        return {**api.dump(sw.describe(actor, roles=role, affiliates=affiliates)), **_when(when),
                "items": api.dump(sw.gaps(actor, roles=role, affiliates=affiliates, min_threat=min_threat,
                                          as_of=as_of, watch=watch))}

    @app.get("/api/alerts", dependencies=[read], tags=["analysis"])
    def alerts(limit: int = Query(200, ge=1, le=500), as_of: str | None = AS_OF) -> dict[str, Any]:
        """Stored alerts, newest first; with as_of, only those known at that month's end."""
        return {**(_when(sw.as_of(as_of)) if as_of else {}), "items": api.dump(sw.alerts(limit, as_of))}

    @app.get("/api/map/marks", dependencies=[read], tags=["map"])
    def marks(actor: str = ACTOR, origin: str | None = ORIGIN,
              threshold: float = Query(0.5, ge=0.0, le=1.0, description="Risk that marks a quiet country."),
              role: list[str] = ROLE, as_of: str | None = AS_OF) -> dict[str, Any]:
        """New theatres (country, ADM1 as ISO 3166-2) and quiet countries at risk next month, for the map (the same
        roles as the tabs)."""
        return dict(api.dump(sw.map_marks(actor, origin, threshold, roles=role, as_of=as_of)))

    @app.get("/api/watch", dependencies=[read], tags=["analysis"])
    def watch(name: str = Query("default", max_length=200, description="The watch's name (watch --name).")
              ) -> dict[str, Any]:
        """The watch loop's state, last cycle (per source: seen, new, not modified, quarantined, errors), next
        cycle and deliveries per sink (delivered, pending, next retry, last error)."""
        return dict(api.dump(sw.watch_status(name)))

    _ = (activity, spread, risk, support, gaps, alerts, marks, watch)


def _when(when: Any) -> dict[str, Any]:
    return {"as_of": when.month.isoformat(), "as_of_label": when.label}
