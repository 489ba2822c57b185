"""JSON round-trip for the frozen records: ``dump(record) -> dict`` and ``load(cls, dict) -> record``.

A field named after a Python keyword with a trailing underscore (PEP 8: ``from_``) is the key without it.

Used by the store (nested parts kept as JSON), the Spark job (rows between executors) and the API.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar, Union

T = TypeVar("T")


_SCALARS = frozenset({str, int, float, bool, type(None)})


_FIELDS: dict[type, tuple[tuple[str, str], ...] | None] = {}


def _field_names(cls: type) -> tuple[tuple[str, str], ...] | None:
    """A record class's (field name, JSON key) pairs (None for any other class), looked up once per class."""
    if cls not in _FIELDS:
        _FIELDS[cls] = (tuple((f.name, f.name.removesuffix("_") or f.name) for f in dataclasses.fields(cls))
                        if dataclasses.is_dataclass(cls) else None)
    return _FIELDS[cls]


def dump(obj: Any) -> Any:
    """A JSON-ready structure for a record, tuple, date or scalar."""
    cls = type(obj)
    if cls in _SCALARS:  # most values: skip the record checks (they dominated bulk imports)
        return obj
    names = _field_names(cls)
    if names is not None:
        return {key: dump(getattr(obj, name)) for name, key in names}
    if isinstance(obj, tuple | list):
        return [dump(x) for x in obj]
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, bytes):
        return obj.decode("latin-1")
    return obj


def fields(row: Any) -> dict[str, Any]:
    """A record's fields by JSON key with their values as they are (not dumped); a mapping as a dict."""
    names = _field_names(type(row))
    return {key: getattr(row, name) for name, key in names} if names is not None else dict(row)


def dumps(obj: Any) -> str:
    return json.dumps(dump(obj), ensure_ascii=False, separators=(",", ":"))


Convert = Callable[[Any], Any] | None  # a decoded JSON value -> the field's value (None: as it is)


def _converter(tp: Any) -> Convert:
    """How to turn a JSON value into a value of type ``tp``, worked out once per field (``loader``).

    The rules are those of a walk of the type at every value: a union with one type besides None is that
    type, any other union and ``Any``/``Literal`` are kept as they are; a tuple's items are its first
    argument's type; records, dates, datetimes and bytes are rebuilt; an int where a float is wanted
    becomes a float. ``None`` stands for "keep as it is", so scalars cost nothing.
    """
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(options[0]) if len(options) == 1 else None
    if origin is tuple:
        args = typing.get_args(tp)
        inner = _converter(args[0]) if args else None
        if inner is None:
            return tuple
        item = inner
        return lambda value: tuple([None if v is None else item(v) for v in value])
    if origin is typing.Literal or tp is Any:
        return None
    if dataclasses.is_dataclass(tp):
        return loader(typing.cast(type, tp))  # a record that holds itself gets its decoder, registered first
    if tp is datetime:
        return datetime.fromisoformat
    if tp is date:
        return lambda value: date.fromisoformat(value[:10])
    if tp is bytes:
        return lambda value: value.encode("latin-1")
    if tp is float:
        return lambda value: float(value) if isinstance(value, int) else value
    return None


_LOADERS: dict[type, Callable[[dict[str, Any]], Any]] = {}  # complete decoders
_BUILDING: dict[type, Callable[[dict[str, Any]], Any]] = {}  # decoders whose converters are being worked out
_LOCK = threading.RLock()  # one thread builds; a record holding itself gets its own decoder on the way


def loader(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """The decoder of one record class: its fields' converters worked out once, not at every value
    (decoding stored mentions was most of clustering's cost on a grown store). A key the class does not
    have is ignored; a missing one takes the field's default."""
    found = _LOADERS.get(cls)
    if found is not None:
        return found
    with _LOCK:
        if cls in _LOADERS or cls in _BUILDING:
            return _LOADERS.get(cls) or _BUILDING[cls]
        plan: dict[str, tuple[str, Convert]] = {}

        def decode(data: dict[str, Any]) -> T:
            kwargs = {}
            for key, value in data.items():
                field = plan.get(key)
                if field is not None:
                    name, convert = field
                    kwargs[name] = value if value is None or convert is None else convert(value)
            return cls(**kwargs)

        _BUILDING[cls] = decode  # the fields' converters may ask for it (a record that holds itself)
        try:
            hints = typing.get_type_hints(cls)
            plan.update({key: (name, _converter(hints[name])) for name, key in _field_names(cls) or ()})
        finally:
            del _BUILDING[cls]
        _LOADERS[cls] = decode
        return decode


def load(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from ``dump`` output."""
    return loader(cls)(data)


def loads(cls: type[T], text: str) -> T:
    return load(cls, json.loads(text))
