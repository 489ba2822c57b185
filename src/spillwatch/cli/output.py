"""Render rows and records for the terminal: table (rich), json, jsonl, csv."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from spillwatch import codec
from spillwatch.export import csvsafe

FORMATS = ("table", "json", "jsonl", "csv")


def _default(obj: Any) -> Any:
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return float(obj)
    if isinstance(obj, bytes):
        return None
    return codec.dump(obj)


def to_json(obj: Any, *, indent: int | None = 2) -> str:
    return json.dumps(codec.dump(obj), default=_default, ensure_ascii=False, indent=indent)


def render_rows(rows: Sequence[Any], fmt: str, *, columns: Sequence[str] | None = None,
                title: str | None = None) -> str:
    """Rows (records, or mappings) in ``fmt``: each record's fields, or only ``columns`` in that order."""
    plain = [codec.fields(r) for r in rows]
    cols = list(columns or (plain[0].keys() if plain else []))
    picked = [{c: r.get(c) for c in cols} for r in plain]
    if fmt == "json":
        return json.dumps(picked, default=_default, ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, default=_default, ensure_ascii=False) for r in picked)
    if fmt == "csv":
        buf = io.StringIO()
        csvsafe.write_rows(buf, cols, picked, render=_cell)
        return buf.getvalue()
    return _table(picked, cols, title)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):  # money reads 1000000, not 1e+06
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.10g}"
    return str(value)


def _table(rows: list[dict[str, Any]], cols: list[str], title: str | None) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(_cell(r[c]) for c in cols))
    console = Console(record=True, width=160, file=io.StringIO())
    console.print(table)
    return console.export_text()
