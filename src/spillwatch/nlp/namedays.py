"""Days named by a holiday or by their place in a year: "New Year's Day", "Christmas Eve 2019",
"the first day of 2017", "the last day of March 2016" (used by the date stage, ``temporal.py``)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from spillwatch.nlp.datewords import MONTH, month_number, month_range, safe_date, year_range
from spillwatch.records import DateMention, Span

_Y = r"(?P<y>(?:1[89]|20)\d\d)"
# days named by their place in a year or month: "the first day of 2017", "the last day of March 2016"
EDGE_DAY = re.compile(rf"\b(?P<edge>first|last)\s+day\s+of\s+(?:(?P<m>{MONTH})\s+(?:of\s+)?)?{_Y}\b")
# holidays on a fixed day, said without a year: the nearest not more than a week after R
HOLIDAYS = {"new year's day": (1, 1), "new year's": (1, 1), "new year's eve": (12, 31), "christmas day": (12, 25),
            "christmas eve": (12, 24)}  # "the New Year's attack": the first of January
HOLIDAY = re.compile(
    r"\b(?P<h>new\s+year['’]s(?:\s+(?:day|eve)\b)?|christmas\s+(?:day|eve)\b)(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?", re.I
)


def edge_days(text: str, base: int) -> list[DateMention]:
    """ "the first day of 2017" -> 2017-01-01; "the last day of March 2016" -> 2016-03-31."""
    out = []
    for m in EDGE_DAY.finditer(text):
        year = int(m.group("y"))
        first, last = month_range(year, month_number(m.group("m"))) if m.group("m") else year_range(year)
        day = first if m.group("edge") == "first" else last
        out.append(DateMention(Span(base + m.start(), base + m.end()), m.group(0), day, day, "day"))
    return out


def holidays(text: str, ref: date) -> list[DateMention]:
    """ "New Year's Day" -> 1 January (of its year when written, else the nearest one not more than
    a week after R, as a day without a year is read)."""
    out = []
    for m in HOLIDAY.finditer(text):
        month, dnum = HOLIDAYS[" ".join(m.group("h").lower().replace("’", "'").split())]
        years = [int(m.group("y"))] if m.group("y") else [ref.year - 1, ref.year, ref.year + 1]
        options = [d for y in years if (d := safe_date(y, month, dnum))
                   and (m.group("y") or d <= ref + timedelta(days=7))]
        if options:
            out.append(DateMention(Span(m.start(), m.end()), m.group(0), max(options), max(options), "day"))
    return out
