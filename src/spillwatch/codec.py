"""JSON round-trip for the frozen records: ``dump(record) -> dict`` and ``load(cls, dict) -> record``.

A field named after a Python keyword with a trailing underscore (PEP 8: ``from_``) is the key without it.

Used by the store (nested parts kept as JSON), the Spark job (rows between executors) and the API.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from functools import cache
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


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _load_value(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _load_value(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        inner = args[0] if args else Any
        return tuple(_load_value(inner, v) for v in value)
    if origin is typing.Literal or tp is Any:
        return value
    if dataclasses.is_dataclass(tp):
        return load(typing.cast(type, tp), value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value[:10])
    if tp is bytes:
        return value.encode("latin-1")
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def load(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from ``dump`` output."""
    hints = _hints(typing.cast(type, cls))
    names = {key: name for name, key in _field_names(typing.cast(type, cls)) or ()}
    kwargs = {names[k]: _load_value(hints[names[k]], v) for k, v in data.items() if k in names}
    return cls(**kwargs)


def loads(cls: type[T], text: str) -> T:
    return load(cls, json.loads(text))
