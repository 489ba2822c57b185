"""Numeric dates: "21/10/2017", "09.03.2016" (day, month and year written as numbers).

The order of day and month is not written. A reading is impossible when its month passes 12; when
both readings are possible ("09/03/2016": 9 March or 3 September) the article's date decides, as a
reader does: the reading not after the reference day (a day of grace for time zones) nearest to it.
An article with no date leaves such a date out (two readings, nothing to choose by). A number
between other digits, slashes or dots (a URL path, a version, a phone number) is no date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spillwatch.nlp.datewords import safe_date
from spillwatch.records import DateMention, Span

NUMERIC = re.compile(
    r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d/]|\.\d)"
)
GRACE = timedelta(days=1)


def reading(a: int, b: int, year: int, ref: date | None) -> date | None:
    """The day "a/b/year" names: day-month or month-day, whichever is possible; two possible
    readings are decided by ``ref`` (see the module docstring)."""
    options = {d for d in (safe_date(year, b, a), safe_date(year, a, b)) if d is not None}
    if len(options) == 1:
        return options.pop()
    if not options or ref is None:
        return None
    before = [d for d in options if d <= ref + GRACE]
    return max(before) if before else None


def numeric_dates(text: str, base: int, ref: date | None) -> list[DateMention]:
    """The numeric dates of ``text`` (a block starting at ``base``), each a day."""
    out = []
    for m in NUMERIC.finditer(text):
        day = reading(int(m.group("a")), int(m.group("b")), int(m.group("y")), ref)
        if day is not None:
            span = Span(base + m.start(), base + m.end())
            out.append(DateMention(span, m.group(0), day, day, "day"))
    return out
