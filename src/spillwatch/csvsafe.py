"""CSV cells that cannot become spreadsheet formulas (OWASP "CSV Injection").

Every CSV spillwatch writes passes its text cells through ``safe_cell``: a text value starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single quote, so a spreadsheet
shows it as text instead of evaluating it. Numbers, dates and None are left alone (a negative
longitude stays a number); the csv module quotes cells holding separators, quotes or line breaks.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
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
