"""CSV cells that cannot become spreadsheet formulas (OWASP "CSV Injection").

Every CSV spillwatch writes passes its text cells through ``safe_cell``: a text value starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single quote, so a spreadsheet
shows it as text instead of evaluating it. Numbers, dates and None are left alone (a negative
longitude stays a number); the csv module quotes cells holding separators, quotes or line breaks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _same(value: Any) -> Any:
    return value


def write_rows(out: IO[str], fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]],
               render: Callable[[Any], Any] = _same) -> None:
    """A header and ``rows`` as CSV: each cell made safe while it still has its type, then ``render``-ed."""
    writer = csv.DictWriter(out, fieldnames=list(fieldnames))
    writer.writeheader()
    for row in rows:
        writer.writerow({k: render(safe_cell(v)) for k, v in row.items()})


def _csv_value(value: Any) -> Any:
    if value is None or isinstance(value, bytes):
        return ""
    return value.isoformat() if isinstance(value, datetime | date) else value


def to_csv(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """Rows (the first row's keys as the header) as safe CSV in UTF-8; dates in ISO, None and bytes empty."""
    buf = io.StringIO()
    if rows:
        write_rows(buf, list(rows[0]), rows, render=_csv_value)
    return buf.getvalue().encode("utf-8")
