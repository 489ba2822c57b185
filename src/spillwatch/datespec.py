"""Dates as users write them: a day, a month, a year, or a range of those, read once at the boundary.

Input: ``2016-05-03`` (a day), ``2016-05`` (the whole month), ``2016`` (the whole year), or ``A..B``
(from the start of A to the end of B, each any of the three). Output: a ``DateSpan`` with the
first and last day, both inclusive. Declines, with a ``ValueError`` whose message names the input
and says how to write it (with a hint for near misses such as ``2016/05`` or ``05-2016``):
impossible days (``2017-02-30``), months over 12, reversed ranges and anything else.
The CLI wraps this in a click type (``spillwatch.cli.params``); the API and REST use ``parse_span``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

FORMS = "YYYY-MM-DD, YYYY-MM (whole month), YYYY or FROM..TO"
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NEAR_MONTH = (re.compile(r"(\d{4})[/.\s_-](\d{1,2})"), re.compile(r"(\d{1,2})[/.\s_-](\d{4})"))


@dataclass(frozen=True, slots=True)
class DateSpan:
    """First and last day of what the user wrote (inclusive)."""

    start: date
    end: date


def _one(text: str) -> DateSpan:
    if _DAY.fullmatch(text):
        day = date.fromisoformat(text)  # ValueError names the bad part: "day is out of range for month"
        return DateSpan(day, day)
    month = _MONTH.fullmatch(text)
    if month:
        year, mon = int(month[1]), int(month[2])
        if not 1 <= mon <= 12:
            raise ValueError("month must be in 1..12")
        return DateSpan(date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1]))
    if _YEAR.fullmatch(text) and int(text) >= 1:
        return DateSpan(date(int(text), 1, 1), date(int(text), 12, 31))
    raise ValueError(f"not a date{_hint(text)}")


def _hint(text: str) -> str:
    for pattern in _NEAR_MONTH:
        found = pattern.fullmatch(text)
        if found:
            year, mon = sorted(found.groups(), key=len, reverse=True)
            if 1 <= int(mon) <= 12:
                return f" (for the whole month write {year}-{int(mon):02d})"
    return ""


def parse_span(text: str) -> DateSpan:
    """The span ``text`` names; ValueError with the input, the reason and the accepted forms."""
    raw = text.strip()
    try:
        if ".." in raw:
            first, _, last = raw.partition("..")
            span = DateSpan(_one(first.strip()).start, _one(last.strip()).end)
            if span.end < span.start:
                raise ValueError("the range ends before it starts")
            return span
        return _one(raw)
    except ValueError as exc:
        raise ValueError(f"{text!r}: {exc}; write {FORMS}") from None


def start_of(text: str | None) -> str | None:
    """ISO first day of ``text`` (None stays None): for a "from" bound."""
    return parse_span(text).start.isoformat() if text else None


def end_of(text: str | None) -> str | None:
    """ISO last day of ``text`` (None stays None): for a "to" bound."""
    return parse_span(text).end.isoformat() if text else None
