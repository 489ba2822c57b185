"""Analysis over stored events: activity, spread, spillover risk, support ledger, gaps, alerts.

Every function here takes a ``Query`` (the store's parameterised read-only ``query``) or plain rows, so
the same code runs on DuckDB and PostgreSQL and is testable without a pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Query = Callable[[str, Sequence[Any]], list[dict[str, Any]]]

# Event types that count as an actor's violence for spread and risk (PLOVER).
VIOLENT_TYPES: tuple[str, ...] = ("ASSAULT", "SEIZE", "COERCE")
