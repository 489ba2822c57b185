"""Calendar words and arithmetic for the date stage.

Input: month/weekday names, numbers in words, dates. Output: numbers and inclusive date
ranges. Declines (returns None) what it cannot read.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = {name[:3].lower(): n for n, name in enumerate(calendar.month_name) if name}
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "several": 3,
}


def month_number(name: str) -> int:
    return _MONTHS[name.strip(".").lower()[:3]]


def weekday_number(name: str) -> int:
    return _WEEKDAYS[name.lower()]


def number_word(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word.lower())


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None when the day does not exist (31 April)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def week_range(day: date) -> tuple[date, date]:
    """Monday..Sunday of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


# A written year that is not a decade ("the 1930s") nor part of a longer number.
_WRITTEN_YEAR = re.compile(r"(?<![\d,.])(?:1[89]|20)\d\d(?![\d,]|0?s\b|'s\b)")
# dateparser reads durations and relative phrases ("20 days", "30 years", "11 days ago") against
# its base date, or the clock when there is none: those are the relative rules' job, never its.
_RELATIVE_WORDS = re.compile(r"\b(?:ago|days?|weeks?|months?|years?|hours?|minutes?|decades?|centur\w+|old)\b", re.I)


@lru_cache(maxsize=2048)
def parse_entity(text: str, ref: date | None) -> date | None:
    """A full date (day, month and year all written out) read by dateparser, else None."""
    years = _WRITTEN_YEAR.findall(text)
    if not years or _RELATIVE_WORDS.search(text):
        return None
    import dateparser  # slow import: only when a DATE entity escaped the rules

    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    try:
        found = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    if found is None or str(found.year) not in years:  # the year read must be the one written
        return None
    return found.date()
