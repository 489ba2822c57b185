"""Alerts. Input: new theatres and next-month risk rows. Output: alert records (a new theatre, or a risk crossing
a threshold) with stable ids so re-running adds nothing twice; sinks write new alerts to a JSONL file or POST
them to a webhook. Declines: origin theatres and risks under the threshold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spillwatch.analysis.activity import country_name
from spillwatch.analysis.spread import Theatre
from spillwatch.analysis.watch import RiskRow
from spillwatch.errors import FetchError
from spillwatch.records import content_hash, dated
from spillwatch.settings import Settings

_WINDOW_START = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.")


@dataclass(frozen=True, slots=True)
class Alert:
    id: str
    kind: str  # new-theatre, risk
    unit: str
    actor: str | None
    alert_date: date | None
    score: float | None
    message: str
    event_id: str | None = None
    # how precise alert_date is: its event's ``date_precision`` for a new theatre ("month" for the Brussels bombings
    # known only as March 2016), "month" for a risk (the month it is for); None: not known (the event is gone)
    date_precision: str | None = None

    @property
    def when(self) -> str:
        """The alert's date as precise as it is known, as the events view shows it ('2016-03 (month)')."""
        return dated(self.alert_date, self.date_precision)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["alert_date"] = self.alert_date.isoformat() if self.alert_date else None
        return out


def theatre_alerts(theatres: Iterable[Theatre], actor_name: str) -> list[Alert]:
    out = []
    for t in theatres:
        if not t.new:
            continue
        country = country_name(t.country_iso3) or t.country_iso3
        where = f"{t.adm1_name}, {country}" if t.level == "adm1" and t.adm1_name else country
        via = f", bordering earlier theatres {', '.join(t.diffused_from)}" if t.diffused_from else ""
        watched = f" Judged inside coverage window {t.window}{_watched_for(t)}." if t.window else ""
        when = dated(t.first_date, t.first_precision)
        msg = (f"New theatre: {actor_name} violence first recorded in {where} on {when} "
               f"({t.first_event_type.lower()} at {t.first_place or where}){via}.{watched}")
        out.append(Alert(content_hash("new-theatre", actor_name, t.unit, t.first_date.isoformat()), "new-theatre",
                         t.unit, actor_name, t.first_date, None, msg, t.first_event_id, t.first_precision))
    return out


def _watched_for(t: Theatre) -> str:
    """'; watched 195 days before this event': how long the place had been covered (the window's first day)."""
    found = _WINDOW_START.search(t.window or "")
    if not found:
        return ""
    return f"; watched {(t.first_date - date.fromisoformat(found.group(1))).days} days before this event"


def risk_alerts(rows: Iterable[RiskRow], actor_name: str, threshold: float = 0.5) -> list[Alert]:
    out = []
    for r in rows:
        if r.risk is None or r.risk < threshold or r.fit_note:  # no rate, or a model too thin to judge
            continue
        where = r.adm1_name or r.country_name or r.unit
        msg = (f"Risk of {actor_name} violence in {where} ({r.unit}) during {r.month:%Y-%m} is {r.risk:.2f} "
               f"(threshold {threshold:.2f}); drivers: {r.drivers}; coverage: {r.coverage or 'not said'}.")
        out.append(Alert(content_hash("risk", actor_name, r.unit, r.month.isoformat()), "risk", r.unit,
                         actor_name, r.month, r.risk, msg, None, "month"))
    return out


def to_file(alerts: Sequence[Alert], path: str | Path) -> int:
    with open(path, "a", encoding="utf-8") as fh:
        for a in alerts:
            fh.write(json.dumps(a.as_dict(), ensure_ascii=False) + "\n")
    return len(alerts)


def to_webhook(alerts: Sequence[Alert], url: str, settings: Settings | None = None) -> int:
    """POST new alerts to ``url`` through the fetcher's address guard (private addresses refused unless allowed)."""
    from spillwatch.ingest.fetch import Fetcher
    from spillwatch.settings import load_settings

    if not alerts:
        return 0
    with Fetcher(settings or load_settings()) as client:
        try:
            client.post_json(url, {"alerts": [a.as_dict() for a in alerts]})
        except FetchError as exc:
            raise type(exc)(url, f"webhook failed: {exc.message}", reason=exc.reason) from exc
    return len(alerts)
