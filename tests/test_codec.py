"""codec.dump: the fast path gives exactly what a plain recursive walk of the record gives."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from spillwatch import codec
from spillwatch.records import Actor, Estimate, Event, Place, Quantity, Span


def _reference(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _reference(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple | list):
        return [_reference(x) for x in obj]
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, bytes):
        return obj.decode("latin-1")
    return obj


def test_dump_equals_the_plain_walk_and_round_trips() -> None:
    event = Event(id="e", type="ASSAULT", modes=("aerial",), sources=(Actor("ISL", "Islamic State", "IMG", "REB"),),
                  targets=(), date_start=date(2017, 3, 2), date_end=None, date_precision="day",
                  place=Place(Span(1, 4), "Raqqa", lat=35.9, lon=39.0, precision=1), fatalities=Estimate(1, 2.5, None),
                  acled_type=None, acled_subtype=None, quantities=(Quantity(Span(0, 2), "12", "killed", 12, 12, 12),),
                  confidence=0.75)
    assert codec.dump(event) == _reference(event)
    assert codec.dump([datetime(2020, 1, 2, 3, 4), b"\xff", True, None, Event]) == _reference(
        [datetime(2020, 1, 2, 3, 4), b"\xff", True, None, Event])
    assert codec.loads(Event, codec.dumps(event)) == event


@dataclasses.dataclass(frozen=True)
class _Span:
    from_: date | None
    to: date | None


def test_a_field_named_after_a_keyword_is_its_key_without_the_underscore() -> None:
    span = _Span(date(2016, 1, 1), None)
    assert codec.dump(span) == {"from": "2016-01-01", "to": None} and codec.fields(span) == {"from": span.from_,
                                                                                                 "to": None}
    assert codec.load(_Span, codec.dump(span)) == span
