"""Every public API method returns a frozen, typed record or a sequence of them (issue 21), read from the
annotations: no ``dict``, ``Mapping``, ``Any`` or ``TypedDict`` anywhere in a return type, records included.

``NOT_YET`` names the methods that still return plain structures; the test fails if one of them is
converted without leaving the list, or if any other method starts returning one.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import inspect
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import spillwatch.api as api
from spillwatch.analysis.activity import ActivityRow, Counting
from spillwatch.analysis.alerts import Alert
from spillwatch.analysis.coverage import Window
from spillwatch.analysis.gaps import GapRow
from spillwatch.analysis.service import Insight, Who
from spillwatch.analysis.spread import Spread, Theatre
from spillwatch.analysis.support import LedgerRow
from spillwatch.analysis.watch import AsOf, Backtest, BacktestScore, RiskRow
from spillwatch.api import documents, facade
from spillwatch.api.eventrow import EventRow
from spillwatch.api.rows import CountryOutline, EventFacets, LinkRow, MentionRow, RunSummary, SparkCounts
from spillwatch.monitor.records import CycleResult, WatchPlan, WatchStatus
from spillwatch.run.phases import Progress
from spillwatch.stages import Coded

SCALARS = {int, float, str, bool, bytes, type(None), date, datetime, Path}
SEQUENCES = {list, tuple, collections.abc.Sequence, collections.abc.Iterator, collections.abc.Iterable}
HIDDEN = {"Alert": Alert, "Insight": Insight, "Who": Who, "LedgerRow": LedgerRow, "Progress": Progress,
          "Coded": Coded, "Window": Window, "Theatre": Theatre, "AsOf": AsOf,
          "GapRow": GapRow, "RiskRow": RiskRow,
          "Backtest": Backtest, "BacktestScore": BacktestScore,
          "ActivityRow": ActivityRow, "Counting": Counting, "Spread": Spread, "EventRow": EventRow,
          "MentionRow": MentionRow, "EventFacets": EventFacets, "LinkRow": LinkRow, "RunSummary": RunSummary,
          "SparkCounts": SparkCounts, "CountryOutline": CountryOutline,
          "WatchPlan": WatchPlan, "CycleResult": CycleResult, "WatchStatus": WatchStatus}
NOT_YET: set[str] = set()
CODEC = {"dump", "loads_json"}  # the codec itself, re-exported: it serialises the records


def problems(tp: Any, seen: set[type] | None = None) -> list[str]:
    """What in type ``tp`` is not a frozen record, a sequence of them or a scalar."""
    seen = set() if seen is None else seen
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in SCALARS or origin is typing.Literal:
        return []
    if origin in (typing.Union, types.UnionType) or origin in SEQUENCES:
        return [p for a in args if a is not Ellipsis for p in problems(a, seen)]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if tp in seen:
            return []
        seen.add(tp)
        if not tp.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return [f"{tp.__name__} is not frozen"]
        hints = typing.get_type_hints(tp, localns=HIDDEN)
        return [f"{tp.__name__}.{f.name}: {p}" for f in dataclasses.fields(tp) for p in problems(hints[f.name], seen)]
    return [repr(tp)]


def public_callables() -> dict[str, Callable[..., Any]]:
    """The facade's public methods (not its properties: handles on the store) and the API's public functions."""
    found: dict[str, Callable[..., Any]] = {}
    for name, member in inspect.getmembers(facade.Spillwatch, inspect.isfunction):
        if not name.startswith("_"):
            found[f"Spillwatch.{name}"] = member
    for name in set(api.__all__) - CODEC:
        member = inspect.unwrap(getattr(api, name))
        if inspect.isfunction(member):
            found[name] = member
    return found


def test_problems_finds_plain_structures_and_accepts_records() -> None:
    @dataclasses.dataclass(frozen=True)
    class Good:
        when: date
        parts: tuple[str, ...]

    @dataclasses.dataclass
    class Loose:
        x: int

    @dataclasses.dataclass(frozen=True)
    class Holds:
        extra: dict[str, int]

    assert problems(list[Good]) == [] and problems(Good | None) == []
    assert problems(dict[str, Any]) and problems(Any) and problems(list[dict[str, Any]])
    assert problems(Loose) == ["Loose is not frozen"] and problems(Holds)


def test_every_public_api_method_returns_records() -> None:
    plain = set()
    for name, fn in public_callables().items():
        module = inspect.getmodule(fn) or documents
        hints = typing.get_type_hints(fn, globalns=vars(module), localns=HIDDEN)
        if problems(hints["return"]):
            plain.add(name)
    assert plain == NOT_YET
