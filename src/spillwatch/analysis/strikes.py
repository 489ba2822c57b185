"""Strikes on the actor that count as its fighting. Input: the store (via Query) and a scope (the actor, the roles,
the as-of limits). Output: each strike on the actor (remote violence: air or drone strike, shelling, missiles; it the
target) that counts as a month of its fighting in the unit struck, with why. Declines: strikes that meet neither test
below, and every strike when the roles counted are not "party" without "target" (``activity.struck_scope``).

A strike on the group counts where UCDP would code it as state-based violence, both sides parties: inside an armed
conflict the group fights. Two tests, each on the ``THEATRE_MONTHS`` up to the strike only (no look-ahead):
- theatre: the group acted or fought in the unit struck (a month of coalition shelling during the Mosul battle);
- dyad: a side that strikes it had fought it there or anywhere else (a battle between them, the group's attack on
  that side's forces, or that side's strike on it where the group fought): the dyad is an active conflict, and UCDP
  codes its strikes wherever they fall (GED Syria records 64 events of "Government of Iraq - IS" in Syria, Iraq's
  strikes across the border). A side is a state (a resolved government, military or police actor: its country) or
  the striking actor itself.
A strike by a side that never fought the group, where the group never acted, stays what was done to it (issue 16:
an actor only ever bombed has not spread there). Strikes counted by the dyad test do not make further dyads (no
chains of strikes without a fight).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spillwatch.analysis import Query
from spillwatch.analysis.activity import THEATRE_MONTHS, Level, Scope, scope_sql, struck_scope, theatre_months

STATE_SECTORS = ("GOV", "MIL", "POL")


@dataclass(frozen=True, slots=True)
class Strike:
    """A strike on the actor that counts as its fighting: the event, its unit ('SYR' or 'SYR:SY-RA'), month index
    (year * 12 + month - 1) and the test it met ("theatre", or "dyad" with the side, e.g. 'dyad USA')."""

    event_id: str
    unit: str
    month: int
    why: str


def _month(d: Any) -> int:
    return int(d.year) * 12 + int(d.month) - 1


def _unit(row: dict[str, Any], level: Level) -> str | None:
    if not row.get("country_iso3"):
        return None
    if level == "country":
        return str(row["country_iso3"])
    return f"{row['country_iso3']}:{row['adm1_code']}" if row.get("adm1_code") else None


def _ids(*values: Any) -> set[str]:
    return {i for v in values for i in str(v or "").split("|") if i}


def counted_strikes(query: Query, scope: Scope, level: Level = "country",
                    side: Callable[[str], str] = lambda actor_id: actor_id) -> list[Strike]:
    """The strikes on the actor in ``scope`` that count as its fighting (module docstring), oldest first. ``side``:
    an actor id's side in a war (``state_side``: 'USA' for USA_GOV and USA_MIL; default: the id itself)."""
    struck = struck_scope(scope)
    if struck is None:
        return []
    cols = ("SELECT e.id, e.date_start, e.country_iso3, coalesce(e.adm1_code, e.adm1_name) AS adm1_code,"
            " e.source_ids, e.target_ids, e.party_ids, e.perpetrator_ids FROM events e")
    where, params = scope_sql(scope)
    own = query(f"{cols}{where} ORDER BY e.date_start, e.id", params)
    where, params = scope_sql(struck)
    strikes = query(f"{cols}{where} ORDER BY e.date_start, e.id", params)
    if not strikes:
        return []
    mine = set(scope.actor_ids) | {a.actor_id for a in scope.affiliates}
    acted: dict[str, set[int]] = defaultdict(set)  # unit -> months the actor acted or fought there
    fought: dict[str, set[int]] = defaultdict(set)  # side -> months it fought the actor (anywhere)
    for r in own:
        unit, m = _unit(r, level), _month(r["date_start"])
        if unit:
            acted[unit].add(m)
        for other in _ids(r["source_ids"], r["target_ids"], r["party_ids"]) - mine:
            fought[side(other)].add(m)
    out: list[Strike] = []
    later = []
    for r in strikes:
        unit, m = _unit(r, level), _month(r["date_start"])
        if unit is None:
            continue
        if theatre_months(acted[unit], {m}):
            out.append(Strike(str(r["id"]), unit, m, "theatre"))
            for s in _ids(r["source_ids"], r["perpetrator_ids"]) - mine:
                fought[side(s)].add(m)
        else:
            later.append((r, unit, m))
    for r, unit, m in later:
        sides = sorted({side(s) for s in _ids(r["source_ids"], r["perpetrator_ids"]) - mine})
        active = [s for s in sides if any(k in fought[s] for k in range(m - THEATRE_MONTHS + 1, m + 1))]
        if active:
            out.append(Strike(str(r["id"]), unit, m, f"dyad {active[0]}"))
    return sorted(out, key=lambda s: (s.month, s.unit, s.event_id))


def state_side(country_sector: Callable[[str], tuple[str | None, str | None]]) -> Callable[[str], str]:
    """An actor's side from its (country, sector) in the actor table: a state's government, military or police are
    one side, its country ('USA'); any other actor (an unresolved name, a group) is its own side."""

    def side(actor_id: str) -> str:
        country, sector = country_sector(actor_id)
        return country if country and sector in STATE_SECTORS else actor_id

    return side
