"""Publication dates for the text-line cleaner.

Input: a declared date string (feed, metadata) and the cleaned lines of one page. Output: a
``DateInfo`` saying how the date was found: "metadata" (declared and parseable), "text" (the page
states it: "Published: ...", "Posted on ...", "Updated ...", its date written out or in numbers:
"POSTED: 04 / 02 / 07, 9:00 PM PDT"), "estimated" (the latest absolute date
the text mentions: the story cannot be older) or "none". Declines: relative dates ("yesterday",
"3 hours ago") and dates without a year, which need an anchor this stage does not have.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from spillwatch.records import DateInfo

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b",  # Dec. 10, 2016
        rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b",  # 10 December 2016
        r"\b(?P<year>(?:19|20)\d{2})[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?:\b|(?=T\d))",  # 2016-12-10
        r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)\d{2})\b",  # 10.12.2016 (day first)
        r"\b(?P<day>1[3-9]|2\d|3[01])/(?P<mon>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d{2})\b",  # 23/05/2017
        r"\b(?P<mon>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>(?:19|20)\d{2})\b",  # 05/23/2017
    )
)
_STATED = re.compile(
    r"^\W*(?P<kind>(?:first |originally )?published|posted|(?:last )?updated|last modified|date)\b",
    re.IGNORECASE,
)
_STATED_RANK = {"published": 0, "posted": 0, "date": 1, "updated": 2, "modified": 2}


def _to_date(year: str, mon: str, day: str) -> date | None:
    month = int(mon) if mon.isdigit() else _MONTHS.get(mon[:3].lower(), 0)
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def find_dates(text: str) -> Iterator[tuple[date, str]]:
    """Every absolute day-precision date in ``text``, with the words that state it."""
    for pattern in _DATE_PATTERNS:
        for found in pattern.finditer(text):
            value = _to_date(found.group("year"), found.group("mon"), found.group("day"))
            if value is not None:
                yield value, found.group(0)


def parse_declared(raw: str | None) -> date | None:
    """A declared date string (ISO 8601, RFC 2822 or a written date) as a date, or ``None``."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except (ValueError, OverflowError):
        pass
    try:  # a year or day too large for a C int ("10 Jan 20111111111117") overflows: no date, not a crash
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    found = next(find_dates(text), None)
    return found[0] if found else None


# a numeric date in a stated line, its year in two or four digits, its separators spaced or not:
# "POSTED: 04 / 02 / 07, 9:00 PM PDT", "Posted 12.03.19 09:14"
_NUMERIC = re.compile(
    r"\b(?P<a>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<b>\d{1,2})\s*(?P=sep)\s*(?P<y>(?:19|20)?\d\d)(?![\d/.-])")
# US time zones: a stamp in one writes the month first (US style: "04/02/07, 9:00 PM PDT")
_US_ZONE = re.compile(r"\b(?:[ECMP][SD]?T|AK[SD]T|HST)\b")


def _numeric_stated(line: str, head_end: int) -> tuple[date, str] | None:
    """The numeric date of a stated line (``_NUMERIC``). Day and month: whichever reading is possible;
    both possible, month first in a stamp with a US time zone, day first with dots (European style);
    else none (nothing decides). A two-digit year is the latest year ending so that is not after today."""
    found = _NUMERIC.search(line, head_end)
    if found is None:
        return None
    a, b, y = int(found.group("a")), int(found.group("b")), found.group("y")
    year = int(y) if len(y) == 4 else max(c for c in (1900 + int(y), 2000 + int(y)) if c <= date.today().year + 1)
    options = {(m, d) for m, d in ((a, b), (b, a)) if 1 <= m <= 12 and 1 <= d <= 31}
    if len(options) == 2:
        if _US_ZONE.search(line):
            options = {(a, b)}
        elif found.group("sep") == ".":
            options = {(b, a)}
    if len(options) != 1:
        return None
    value = _to_date(str(year), *map(str, options.pop()))
    return (value, found.group(0)) if value is not None else None


def stated_date(line: str) -> tuple[int, date, str] | None:
    """(rank, date, evidence) when a line states when the page was published or updated."""
    head = _STATED.match(line)
    if not head or len(line) > 160:
        return None
    found = next(find_dates(line), None) or _numeric_stated(line, head.end())
    if found is None:
        return None
    kind = head.group("kind").lower().split()[-1]
    return _STATED_RANK.get(kind, 1), found[0], line.strip()


def _stated_or_dated(line: str) -> tuple[int, date, str] | None:
    """A stated date, or (ranked last) a line that is nothing but a date, such as a page header."""
    stated = stated_date(line)
    if stated is not None or not is_date_line(line):
        return stated
    return 3, next(find_dates(line))[0], line.strip()


def is_date_line(line: str) -> bool:
    """True for a short line that is little more than a timestamp ("Nov. 18, 2019 11:03 PM")."""
    found = next(find_dates(line), None)
    if found is None:
        return False
    rest = line.replace(found[1], " ")
    return len(re.findall(r"[A-Za-z]{2,}", rest)) <= 4


_UPDATED = re.compile(r"\b(?:updated|modified|revised)\b", re.IGNORECASE)


def stated_modified(meta_lines: Iterable[str]) -> date | None:
    """The latest "Updated ..." / "Last modified ..." date the page states, or ``None``."""
    found: list[date] = []
    for line in meta_lines:
        hit = _UPDATED.search(line)
        if hit and len(line) <= 160:
            found.extend(d for d, _ in find_dates(line[hit.end() :]))
    return max(found, default=None)


def estimate_published(declared: str | None, meta_lines: Iterable[str], text_lines: Iterable[str]) -> DateInfo:
    """Best publication date: declared, else stated in ``meta_lines``, else latest in ``text_lines``."""
    value = parse_declared(declared)
    if value is not None:
        return DateInfo(value, "metadata", declared or "")
    stated = sorted(s for s in map(_stated_or_dated, meta_lines) if s is not None)
    if stated:
        return DateInfo(stated[0][1], "text", stated[0][2])
    mentioned = [d for line in text_lines for d in find_dates(line)]
    if mentioned:
        latest = max(mentioned, key=lambda d: d[0])
        return DateInfo(latest[0], "estimated", latest[1])
    return DateInfo(None, "none")
