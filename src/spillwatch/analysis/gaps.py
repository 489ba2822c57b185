"""Gaps. Input: per-country activity points of an actor, next-month risk per country, and the support ledger.
Output: countries ranked by threat relative to committed support, each with a plain-language explanation naming
the events and the commitments behind it. Declines: countries with neither risk nor activity.

threat = 0.5 * risk + 0.5 * (decayed activity / the largest decayed activity), where each event counts
0.5 ** (age_days / half_life_days) at the as-of date (the latest event), default half-life 365 days.
gap = threat / (1 + commitments), so a country with much violence and no support ranks first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from spillwatch.analysis.support import LedgerRow


@dataclass(frozen=True, slots=True)
class GapConfig:
    half_life_days: float = 365.0
    min_threat: float = 0.01
    examples: int = 3


def _decayed(points: Sequence[Mapping[str, Any]], as_of: date, half_life: float) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for p in points:
        age = max(0, (as_of - p["date_start"]).days)
        out[p["country_iso3"]] += 0.5 ** (age / half_life)
    return out


def _event_phrase(p: Mapping[str, Any]) -> str:
    where = p.get("place_name") or p["country_iso3"]
    return f"{p['date_start']} {p['type'].lower()} at {where}"


def _support_phrase(r: LedgerRow) -> str:
    what = {"money": f"{r.currency or ''} {r.amount:,.0f}".strip() if r.amount else "money",
            "equipment": f"{r.count:g} {r.item}" if r.count and r.item else (r.item or "equipment")}.get(r.kind, r.kind)
    when = r.date.isoformat()[:7] if r.date else "undated"
    return f"{r.donor}: {what} ({r.status}, {when})"


def gaps(points: Sequence[Mapping[str, Any]], risk: Mapping[str, float], ledger: Sequence[LedgerRow],
         actor_name: str, config: GapConfig = GapConfig()) -> list[dict[str, Any]]:
    if not points and not risk:
        return []
    as_of = max((p["date_start"] for p in points), default=date.today())
    activity = _decayed(points, as_of, config.half_life_days)
    top = max(activity.values(), default=0.0) or 1.0
    support: dict[str, list[LedgerRow]] = defaultdict(list)
    for row in ledger:
        support[row.recipient_country].append(row)
    by_country: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for p in points:
        by_country[p["country_iso3"]].append(p)
    rows = []
    for country in sorted(set(activity) | set(risk)):
        threat = 0.5 * risk.get(country, 0.0) + 0.5 * activity.get(country, 0.0) / top
        if threat < config.min_threat:
            continue
        commitments = support.get(country, [])
        rows.append(_row(country, threat, risk.get(country), by_country.get(country, []), commitments,
                         actor_name, config))
    return sorted(rows, key=lambda r: (-r["gap"], r["country_iso3"]))


def _row(country: str, threat: float, risk: float | None, events: Sequence[Mapping[str, Any]],
         commitments: Sequence[LedgerRow], actor_name: str, config: GapConfig) -> dict[str, Any]:
    gap = threat / (1 + len(commitments))
    latest = sorted(events, key=lambda p: p["date_start"], reverse=True)[: config.examples]
    said = f"{len(events)} {actor_name} event(s)"
    if latest:
        said += " (latest: " + "; ".join(_event_phrase(p) for p in latest) + ")"
    if risk is not None:
        said += f"; next-month risk {risk:.2f}"
    if commitments:
        said += f"; {len(commitments)} support commitment(s): " + "; ".join(_support_phrase(r) for r in commitments[:4])
    else:
        said += "; no support commitments recorded"
    return {"country_iso3": country, "gap": round(gap, 4), "threat": round(threat, 4),
            "risk": None if risk is None else round(risk, 4), "events": len(events),
            "commitments": len(commitments), "explanation": said + "."}
