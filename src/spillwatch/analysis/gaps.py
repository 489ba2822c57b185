"""Gaps. Input: next-month risk per country (the forecast), each country's own recent activity, and the support
ledger. Output: covered countries ranked by threat against valued support, each row explained in one sentence
naming the events and commitments behind it. Declines: countries under ``min_threat`` that are not on the
watchlist (``analysis.watch``); a watched country no origin covers in the as-of month is a row with no threat
and no gap ("not covered since MONTH").

threat (0..1, per country, never relative to another country): the forecast probability of at least one event
of the actor (in the roles counted: perpetrator or party by default, never what was done to it) in the country
next month (``risk``); for a country the model did not score, or when the model had too few covered unit-months
with and without an event to learn from (``risk.MIN_POSITIVES`` each, said in the row), its own base rate: the
share of its last ``HISTORY_MONTHS`` covered months that had an event, Laplace-smoothed ((k + 1) / (n + 2)), the
months with an event and the quiet ones named in the row (for coded news the last 12 covered months may reach
back years: the row shows how far). None (no rate) for a country no origin covers in the as-of month.

What a rate from coded news can say: news watches a country in the months its articles report on it, and a
country that articles report on only when something happens there is covered mostly in months with an event
(Türkiye in the sample corpus: 3 of 3 covered months), while a country named in passing by stories about
elsewhere is covered in quiet-looking months (Syria: 10 covered months back to 2014-06, an event of the actor in
3, one of them a strike by a side at war with it, ``analysis.strikes``). The rate is the share the articles
show, not the share that happened; the row names its months so that a reader can judge it, and the coverage
column says how many of the month's articles the country's rate rests on.

support_usd: the money committed to the country up to the forecast month, each amount converted to US dollars
at its commitment date's ECB rate (``support.usd``; a commitment dated by a range, "last week", at its first
day's). The sentence names every row that makes the sum (amount, dollars, the rate's day, the event behind it)
and ``support_ids`` lists them (event ids, or ledger ids of rows a user added), so a changed figure can be traced
to the row, the date or the rate that moved. Personnel, equipment, training/advisers and other
commitments are counted in their own columns: they have no dollar value here and do not enter the gap.

gap = threat / (1 + support_usd / (usd_scale_m * 1,000,000)), default usd_scale_m = 10: USD 10 M committed
halves a country's gap, USD 30 M quarters it. A USD 50 M pledge to a country with USD S M already committed
changes its gap from threat / (1 + S / 10) to threat / (1 + (S + 50) / 10).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date
from typing import Any

from spillwatch.analysis.support import LedgerRow, valued
from spillwatch.records import dated

KIND_COLUMNS = {"personnel": "personnel", "equipment": "equipment", "training": "training", "advisers": "training"}


@dataclass(frozen=True, slots=True)
class GapConfig:
    min_threat: float = 0.01
    usd_scale_m: float = 10.0
    examples: int = 2


@dataclass(frozen=True, slots=True)
class CountryThreat:
    """What the gap of one country rests on."""

    country_iso3: str
    country_name: str | None
    threat: float | None  # None: no origin watches the country in the as-of month (no rate)
    basis: str  # "forecast", "own history: an event in K of N covered months ..." (its base rate), or "no rate: ..."
    month: date  # the month the threat is for
    recent: Sequence[Mapping[str, Any]]  # its latest events in scope (newest first)
    window: str | None  # the coverage in the as-of month ("not covered since YYYY-MM" where there is none)
    why: str = "scored by the forecast"  # why the country is in view (``analysis.watch``)
    latest_any: Mapping[str, Any] | None = None  # its latest violent event by any actor up to the as-of month


@dataclass(frozen=True, slots=True)
class GapRow:
    """One watched country: threat and valued support apart, the gap between them, and what they rest on."""

    country_iso3: str
    country_name: str | None
    why: str  # why the country is in view ("active", "neighbour of Syria", "support recipient", "asked")
    threat: float | None  # None: no rate (no origin covers the country; ``coverage`` says since when)
    support_usd: float
    gap: float | None
    basis: str
    month: date  # the month the threat is for (the as-of month's next)
    coverage: str | None
    personnel: int
    equipment: int
    training: int
    other: int
    unvalued_money: int
    commitments: int
    latest_event: str | None  # the actor's latest event there (roles counted), up to the as-of month
    latest_event_id: str | None
    latest_any: str | None  # the latest violent event there by anyone
    latest_any_id: str | None
    explanation: str
    support_ids: str = ""  # the commitments counted up to the month: event ids (ledger ids for user rows), "|"


HISTORY_MONTHS = 12  # the covered months an own base rate rests on (the last ones up to the as-of month)


def own_history(covered: Sequence[int], active: Set[int], struck: Set[int] = frozenset()) -> tuple[float, str]:
    """(Laplace-smoothed share of the covered months with an event, the basis naming them): ``covered`` and
    ``active`` are month indexes (year * 12 + month - 1). 'own history: an event in 2 of the last 4 covered months,
    2016-02..2016-12 (2016-06, 2016-08; quiet: 2016-02, 2016-12)'. ``struck``: months it was struck where it
    fights or by a side at war with it (``analysis.strikes``): they count as months with an event and are named
    apart."""
    months = sorted(covered)
    hit = [m for m in months if m in active or m in struck]
    quiet = [m for m in months if m not in active and m not in struck]
    fought = [m for m in months if m in struck and m not in active]
    threat = (len(hit) + 1) / (len(months) + 2)  # Laplace: 2 of 2 is no 1.0

    def said(ms: Sequence[int]) -> str:  # runs of consecutive months as '2016-01..2016-12'
        runs: list[list[int]] = []
        for m in ms:
            if runs and m == runs[-1][-1] + 1:
                runs[-1].append(m)
            else:
                runs.append([m])
        return ", ".join(_ym(r[0]) if len(r) == 1 else f"{_ym(r[0])}..{_ym(r[-1])}" for r in runs) or "none"

    span = f", {_ym(months[0])}..{_ym(months[-1])}" if months else ""
    where = f"; struck where it fights: {said(fought)}" if fought else ""
    return threat, (f"own history: an event in {len(hit)} of the last {len(months)} covered months{span} "
                    f"({said(hit)}; quiet: {said(quiet)}{where})")


def _ym(m: int) -> str:
    return f"{m // 12}-{m % 12 + 1:02d}"


def gap_value(threat: float, support_usd: float, config: GapConfig = GapConfig()) -> float:
    return threat / (1.0 + support_usd / (config.usd_scale_m * 1e6))


def _valued(rows: Sequence[LedgerRow], until: date) -> dict[str, Any]:
    out: dict[str, Any] = {"support_usd": 0.0, "personnel": 0, "equipment": 0, "training": 0, "other": 0,
                           "unvalued_money": 0}
    for r in rows:
        if r.date is not None and r.date > until:
            continue
        if r.kind == "money":
            value = r.usd
            if value is None:
                out["unvalued_money"] += 1
            else:
                out["support_usd"] += value
        else:
            out[KIND_COLUMNS.get(r.kind, "other")] += 1
    return out


def _support_phrase(r: LedgerRow) -> str:
    """'Canadian government: CAD 1,000,000 = USD 751,545 at the ECB rate of 2016-12-05 (delivered, 2016-12-05,
    event 9f3c...)': each row's figures, its day and the record behind it."""
    if r.kind == "money" and r.amount:
        if r.usd is None:
            dollars = " (no ECB rate: not counted in USD)"
        elif (r.currency or "USD").upper() != "USD":
            dollars = f" = USD {r.usd:,.0f}" + (f" at the ECB rate of {r.rate_day}" if r.rate_day else "")
        else:
            dollars = ""
        what = f"{r.currency or 'USD'} {r.amount:,.0f}{dollars}"
    elif r.kind == "equipment":
        # "truck × 26": the item is the noun's lemma, so "26 truck" would read wrong
        what = f"{r.item} × {r.count:g}" if r.count and r.item else (r.item or "equipment")
    else:
        what = r.kind
    when = r.date.isoformat() if r.date else "undated"
    record = f", event {r.event_id}" if r.event_id else ", added by a user"
    return f"{r.donor}: {what} ({r.status}, {when}{record})"


def _support_list(kept: Sequence[LedgerRow], others: int = 3) -> str:
    """Every money row (they make the sum), then up to ``others`` other commitments and how many more there are."""
    money = [r for r in kept if r.kind == "money"]
    rest = [r for r in kept if r.kind != "money"]
    said = [_support_phrase(r) for r in money + rest[:others]]
    if len(rest) > others:
        said.append(f"{len(rest) - others} more commitment{'s' if len(rest) - others != 1 else ''} of personnel, "
                    "equipment or training")
    return "; ".join(said)


def _event_phrase(p: Mapping[str, Any]) -> str:
    where = p.get("place_name") or p["country_iso3"]
    return f"{dated(p['date_start'], p.get('date_precision'))} {str(p['type']).lower()} at {where}"


def gaps(threats: Sequence[CountryThreat], ledger: Sequence[LedgerRow], actor_label: str,
         config: GapConfig = GapConfig()) -> list[GapRow]:
    support: dict[str, list[LedgerRow]] = defaultdict(list)
    for row in ledger:
        support[row.recipient_country].append(row if row.usd is not None or row.kind != "money" else valued(row))
    rows = [_row(t, support.get(t.country_iso3, []), actor_label, config) for t in threats
            if t.threat is None or t.threat >= config.min_threat or t.why != "scored by the forecast"]
    return sorted(rows, key=lambda r: (r.gap is None, -(r.gap or 0.0), -r.support_usd, r.country_iso3))


def _row(t: CountryThreat, commitments: Sequence[LedgerRow], actor_label: str, config: GapConfig) -> GapRow:
    valued = _valued(commitments, t.month)
    kept = [r for r in commitments if r.date is None or r.date <= t.month]
    name = f"{t.country_name} ({t.country_iso3})" if t.country_name else t.country_iso3
    gap = gap_value(t.threat, valued["support_usd"], config) if t.threat is not None else None
    if t.threat is None:
        said = f"{name}: no rate of {actor_label} violence in {t.month:%Y-%m} ({t.basis.removeprefix('no rate: ')}"
    else:
        basis = "forecast" if t.basis == "forecast" else f"share of months with an event, {t.basis}"
        said = f"{name}: {t.threat:.2f} chance of {actor_label} violence in {t.month:%Y-%m} ({basis}"
    if t.recent:
        said += "; latest: " + "; ".join(_event_phrase(p) for p in t.recent[: config.examples])
    said += ")"
    if kept:
        said += (f", against USD {valued['support_usd'] / 1e6:,.2f} M committed"
                 f" ({_support_list(kept)})")
    else:
        said += ", with no support commitments recorded"
    if gap is not None and t.threat is not None:
        said += (f", so its gap is {t.threat:.3f} / (1 + {valued['support_usd'] / 1e6:,.2f} / "
                 f"{config.usd_scale_m:g}) = {gap:.3f}.")
    else:
        said += ", so no gap can be judged."
    mine = t.recent[0] if t.recent else None
    return GapRow(country_iso3=t.country_iso3, country_name=t.country_name, why=t.why,
                  threat=round(t.threat, 4) if t.threat is not None else None,
                  support_usd=round(valued["support_usd"], 2), gap=round(gap, 4) if gap is not None else None,
                  basis=t.basis, month=t.month, coverage=t.window, personnel=valued["personnel"],
                  equipment=valued["equipment"], training=valued["training"], other=valued["other"],
                  unvalued_money=valued["unvalued_money"], commitments=len(kept),
                  latest_event=_event_phrase(mine) if mine else None, latest_event_id=mine["id"] if mine else None,
                  latest_any=_any_phrase(t.latest_any) if t.latest_any else None,
                  latest_any_id=t.latest_any["id"] if t.latest_any else None, explanation=said,
                  support_ids="|".join(dict.fromkeys(r.event_id or r.id for r in kept)))


def _any_phrase(p: Mapping[str, Any]) -> str:
    """'2016-12-18 assault at Karak City (by UNK_REB)': the latest violent event there, whoever it was by."""
    who = p.get("source_names") or p.get("source_ids") or "unknown actor"
    return f"{_event_phrase(p)} (by {str(who).replace('|', ', ')})"
