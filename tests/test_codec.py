"""codec.dump: the fast path gives exactly what a plain recursive walk of the record gives."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from typing import Any

from spillwatch import codec
from spillwatch.records import (
    Actor,
    Argument,
    Clause,
    DateMention,
    Estimate,
    Event,
    EventMention,
    Place,
    Quantity,
    Span,
)


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


def _reference_value(tp: Any, value: Any) -> Any:
    """The plain walk of the type at every value (what ``codec.load`` did before ``codec.loader``)."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _reference_value(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        return tuple(_reference_value(args[0] if args else Any, v) for v in value)
    if origin is typing.Literal or tp is Any:
        return value
    if dataclasses.is_dataclass(tp):
        return _reference_load(typing.cast(type, tp), value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value[:10])
    if tp is bytes:
        return value.encode("latin-1")
    return float(value) if tp is float and isinstance(value, int) else value


def _reference_load(cls: type, data: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    names = {f.name.removesuffix("_") or f.name: f.name for f in dataclasses.fields(cls)}
    return cls(**{names[k]: _reference_value(hints[names[k]], v) for k, v in data.items() if k in names})


def _mention() -> EventMention:
    span = Span(10, 16)
    clause = Clause(span, span, "kill", Span(0, 30), subject=Span(0, 5), temporal=(Span(20, 26), Span(27, 30)))
    return EventMention(
        article_id="a", type="ASSAULT", trigger=span, trigger_text="killed", sentence=Span(0, 40), modes=("aerial",),
        sources=(Actor("ISL", "Islamic State", None, "REB", resolved=True),), place_text="Raqqa",
        place=Place(Span(1, 4), "Raqqa", lat=35, lon=39.0, precision=1, geonameid=163915),
        date=DateMention(Span(20, 26), "Monday", date(2017, 3, 2), None, "day", source="expression"),
        quantities=(Quantity(Span(0, 2), "12", "killed", 12, 12.0, None),),
        arguments=(Argument("entity", Span(0, 5), "Raqqa"),), confidence=1, clause=clause)


def test_the_compiled_loader_gives_what_the_walk_of_the_types_gives() -> None:
    """``codec.loader`` works each field's conversion out once per class; its records equal the walk's, an
    int in a float field included (``lat`` 35, ``confidence`` 1), an unknown key ignored, a missing one the
    default."""
    raw = json.loads(codec.dumps(_mention()))
    raw["no_such_field"] = 1
    del raw["modality"]
    loaded = codec.loader(EventMention)(raw)
    assert loaded == _reference_load(EventMention, raw) == _mention()
    assert loaded.place is not None and isinstance(loaded.place.lat, float) and isinstance(loaded.confidence, float)
    assert codec.loader(EventMention) is codec.loader(EventMention)
