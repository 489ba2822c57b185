"""Activity tables. Input: the events store (via Query), an actor's ids, the roles that count (perpetrator and
party by default: an actor's violence, never what was done to it) and, if wanted, its affiliates while each
affiliation held. Output: rows per unit (country or ADM1) and period (week or month) with event counts, counts by
ACLED type and fatalities low/best/high. Declines: events with no date or, at ADM1 level, no ADM1 code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from spillwatch.analysis import VIOLENT_TYPES, Query
from spillwatch.analysis.coverage import link_sql
from spillwatch.errors import ConfigError
from spillwatch.records import ROLES, Role
from spillwatch.store.analysisrows import role_sql

Level = Literal["country", "adm1"]
Period = Literal["week", "month"]
# An actor's violence: what it did (perpetrator) or fought in (party), never what was done to it (target).
DEFAULT_ROLES: tuple[Role, ...] = ("perpetrator", "party")
__all__ = ["DEFAULT_ROLES", "ROLES", "ActivityRow", "Affiliate", "AffiliateSpan", "Counting", "Level", "Period",
           "Role", "Scope", "activity", "scope_sql"]


@dataclass(frozen=True, slots=True)
class Affiliate:
    """An affiliate of the actor in scope, counted only while the affiliation held (ISO days, inclusive)."""

    actor_id: str
    name: str
    date_from: str | None = None
    date_to: str | None = None


@dataclass(frozen=True, slots=True)
class AffiliateSpan:
    """An affiliate as a result names it: id, name and the ISO days its affiliation held (keys "from", "to")."""

    id: str
    name: str
    from_: str | None
    to: str | None


@dataclass(frozen=True, slots=True)
class Counting:
    """What a result counts: the actor's name, the roles (and in words), the affiliates with their dates, one origin."""

    actor: str
    roles: tuple[str, ...]
    roles_label: str
    affiliates: tuple[AffiliateSpan, ...]
    origin: str | None


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """Events and fatalities of one unit (country, or its ADM1 unit) in one period (its first day), by ACLED type."""

    country_iso3: str | None
    adm1_code: str | None
    adm1_name: str | None
    period: date
    events: int
    fatalities_low: float | None
    fatalities_best: float | None
    fatalities_high: float | None
    battles: int
    explosions: int
    violence_vs_civilians: int
    strategic: int
    country_name: str | None


@dataclass(frozen=True, slots=True)
class Scope:
    """Which events an analysis looks at."""

    actor_ids: tuple[str, ...] = ()
    roles: tuple[Role, ...] = DEFAULT_ROLES
    types: tuple[str, ...] = VIOLENT_TYPES
    origin: str | None = None
    country: str | None = None
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None
    affiliates: tuple[Affiliate, ...] = ()
    linked: bool = False  # also count events a higher-ranked origin reports too (see analysis.coverage)
    month_precise: bool = False  # leave out rows dated only to a year (monthly panels cannot place them)
    known_by: str | None = None  # ISO day: only events reported by then (``known_sql``; the as-of month's end)
    acled_types: tuple[str, ...] = ()  # only these ACLED event types (empty: any)


def parse_roles(values: Sequence[str], default: tuple[Role, ...] = DEFAULT_ROLES) -> tuple[Role, ...]:
    """Roles from user words ('perpetrator', 'party', 'target', 'any'; several, or comma-separated), the one
    vocabulary of the CLI, REST, Python and export (``records.ROLE_RULES``); none given = ``default``."""
    words = [w.strip().lower() for v in values for w in v.split(",") if w.strip()]
    if not words:
        return default
    if "any" in words:
        return ROLES
    bad = [w for w in words if w not in ROLES]
    if bad:
        raise ConfigError(f"unknown role {bad[0]!r}: use perpetrator, party, target or any")
    return tuple(r for r in ROLES if r in words)


REMOTE = "Explosions/Remote violence"
THEATRE_MONTHS = 12  # a strike on the actor counts where it acted or fought in that month or the 11 before


def struck_scope(scope: Scope) -> Scope | None:
    """The events where the actor was struck by remote violence (air strikes, shelling: ACLED Explosions/Remote
    violence with it as the target), when the roles counted include "party" and not "target"; else None.

    Counted (``analysis.strikes``) only where the actor itself acted or fought in the ``THEATRE_MONTHS`` up to the
    strike, or when the striking side fought it in them: there a strike on it is the other side of its own war (UCDP
    codes it as state-based violence, both sides parties), so a month of coalition shelling during the Mosul battle
    is not a quiet month of IS in Iraq; otherwise a strike is what was done to it, and it has not spread there."""
    if not scope.actor_ids or "party" not in scope.roles or "target" in scope.roles:
        return None
    return replace(scope, roles=("target",), acled_types=(REMOTE,))


def theatre_months(own: set[int], struck: set[int], span: int = THEATRE_MONTHS) -> set[int]:
    """The months (year * 12 + month - 1) of ``struck`` with a month of ``own`` activity in the ``span`` up to it."""
    return {m for m in struck if any(k in own for k in range(m - span + 1, m + 1))}


def roles_label(roles: Sequence[Role]) -> str:
    """'perpetrator or party' for a table title or an alert."""
    return "any role" if tuple(roles) == ROLES else " or ".join(roles)


def _actor_sql(scope: Scope, alias: str) -> tuple[str, list[Any]]:
    conds = [role_sql(r, alias) for r in scope.roles]  # the one role model (store.sqlstore.role_sql)
    parts = list(conds)
    params: list[Any] = [list(scope.actor_ids) for _ in conds]
    for a in scope.affiliates:  # (the stored id lists; PostgresStore renames the DuckDB list functions)
        window = "".join(f" AND {alias}.date_start {op} CAST(? AS DATE)"
                         for op, day in ((">=", a.date_from), ("<=", a.date_to)) if day)
        for c in conds:
            parts.append(f"({c}{window})")
            params += [[a.actor_id], *(d for d in (a.date_from, a.date_to) if d)]
    return "(" + " OR ".join(parts) + ")", params


def scope_sql(scope: Scope, alias: str = "e") -> tuple[str, list[Any]]:
    """WHERE clause (starting with ' WHERE') and parameters for a scope."""
    parts: list[str] = [f"{alias}.date_start IS NOT NULL"]
    params: list[Any] = []
    if scope.actor_ids or scope.affiliates:
        clause, values = _actor_sql(scope, alias)
        parts.append(clause)
        params += values
    if scope.types:
        parts.append(f"{alias}.type IN ({', '.join('?' for _ in scope.types)})")
        params += list(scope.types)
    if scope.acled_types:
        parts.append(f"{alias}.acled_type IN ({', '.join('?' for _ in scope.acled_types)})")
        params += list(scope.acled_types)
    for col, value in (("origin", scope.origin), ("country_iso3", scope.country)):
        if value:
            parts.append(f"{alias}.{col} = ?")
            params.append(value)
    for op, day in ((">=", scope.date_from), ("<=", scope.date_to)):
        if day:
            parts.append(f"{alias}.date_start {op} CAST(? AS DATE)")
            params.append(day)
    if scope.month_precise:
        parts.append(f"coalesce({alias}.date_precision, 'day') <> 'year'")
    if scope.known_by:
        parts.append(known_sql(alias))
        params.append(scope.known_by)
    if not scope.origin and not scope.linked:  # one origin has no cross-origin doubles
        parts.append(f"NOT {link_sql(alias)}")
    return " WHERE " + " AND ".join(parts), params


def known_sql(alias: str = "e") -> str:
    """True for events known by the day given as the parameter: an event coded here needs some article reporting it
    dated by then (its publication day, else the latest day its events name, as ``coverage`` dates articles), so
    that an analysis as of 2016-12 does not count a 2016 attack first reported in 2017; imported rows and events
    stored without their mentions count from their own day."""
    day = ("coalesce(a.published, (SELECT max(x.date_start) FROM event_mentions x WHERE x.article_id = a.id))")
    return (f"({alias}.origin <> 'spillwatch' OR NOT EXISTS (SELECT 1 FROM event_mentions m0 WHERE m0.event_id = "
            f"{alias}.id) OR EXISTS (SELECT 1 FROM event_mentions m JOIN articles a ON a.id = m.article_id"
            f" WHERE m.event_id = {alias}.id AND {day} <= CAST(? AS DATE)))")


def unit_columns(level: Level, alias: str = "e") -> tuple[str, str]:
    """(select list, group-by list) naming a unit at the level."""
    if level == "country":
        return f"{alias}.country_iso3 AS country_iso3, NULL AS adm1_code, NULL AS adm1_name", f"{alias}.country_iso3"
    unit = f"coalesce({alias}.adm1_code, {alias}.adm1_name)"  # imported data may carry only the ADM1 name
    return (f"{alias}.country_iso3 AS country_iso3, {unit} AS adm1_code, max({alias}.adm1_name) AS adm1_name",
            f"{alias}.country_iso3, {unit}")


def activity(query: Query, scope: Scope, level: Level = "country", period: Period = "month") -> list[dict[str, Any]]:
    """Events and fatalities per unit and period, with a count per ACLED event type."""
    where, params = scope_sql(scope)
    unit_sel, unit_grp = unit_columns(level)
    need = " AND e.country_iso3 IS NOT NULL"
    if level == "adm1":
        need = " AND coalesce(e.adm1_code, e.adm1_name) IS NOT NULL"
    bucket = f"CAST(date_trunc('{period}', e.date_start) AS DATE)"
    sql = (f"SELECT {unit_sel}, {bucket} AS period,"
           " count(*) AS events, sum(e.fatalities_low) AS fatalities_low, sum(e.fatalities_best) AS fatalities_best,"
           " sum(e.fatalities_high) AS fatalities_high,"
           " sum(CASE WHEN e.acled_type = 'Battles' THEN 1 ELSE 0 END) AS battles,"
           " sum(CASE WHEN e.acled_type = 'Explosions/Remote violence' THEN 1 ELSE 0 END) AS explosions,"
           " sum(CASE WHEN e.acled_type = 'Violence against civilians' THEN 1 ELSE 0 END) AS violence_vs_civilians,"
           " sum(CASE WHEN e.acled_type = 'Strategic developments' THEN 1 ELSE 0 END) AS strategic"
           f" FROM events e{where}{need} GROUP BY {unit_grp}, {bucket} ORDER BY period, {unit_grp}")
    return [_plain(r) for r in query(sql, params)]


def country_name(iso3: str | None) -> str | None:
    """The country's common name beside its code (pycountry), None for codes it does not know."""
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return str(getattr(found, "common_name", None) or found.name) if found is not None else None


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    from spillwatch.geo import adm1

    out = dict(row)
    out["country_name"] = country_name(out.get("country_iso3"))
    if out.get("adm1_code"):  # one label per key, whichever origin's spelling came first
        out["adm1_name"] = adm1.label(str(out["adm1_code"])) if "-" in str(out["adm1_code"]) else out["adm1_name"]
    for k in ("events", "battles", "explosions", "violence_vs_civilians", "strategic"):
        out[k] = int(out[k] or 0)
    for k in ("fatalities_low", "fatalities_best", "fatalities_high"):
        out[k] = float(out[k]) if out[k] is not None else None
    return out


def unit_key(row: dict[str, Any], level: Level) -> str:
    return str(row["country_iso3"]) if level == "country" else f"{row['country_iso3']}:{row['adm1_code']}"
