"""Chained day expressions: "the following day", "two days later", relative to a date said before.

Input: the article's text and the date mentions found so far. Output: day-precision mentions for
each chained expression, relative to the latest day-precision date that ends before it (a
chained one included, so "a day later" after "the following day" counts on). Declines: a chained
expression with no day-precision date before it; "day after" without "the" ("one day after twin
bombings killed 43"): a count before it makes an offset from the act it names, which the event
dater reads (``coding/eventdate.shifted``), not the day after the last date said.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import replace
from datetime import timedelta

from spillwatch.nlp.datewords import number_word, safe_date
from spillwatch.records import DateMention, Span

CHAINED = re.compile(
    r"\b(?:the\s+)?(?:(?P<next>following|next)\s+day|(?<=the\s)day\s+(?P<after>after|before)|(?P<prev>previous)\s+day"
    r"|(?P<n>a|one|two|three|four|five|six|seven)\s+days?\s+(?P<dir>later|earlier))\b",
    re.I,
)


def chained(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "the following day", "two days later": relative to the latest day-precision date before
    (including an earlier chained one)."""
    out = []
    days = sorted((d for d in found if d.precision == "day" and d.start is not None), key=lambda d: d.span.start)
    for m in CHAINED.finditer(text):
        latest = _last_ending_by(days, m.start())
        if latest is None or latest.start is None:
            continue
        shift = _chain_shift(m)
        day = latest.start + timedelta(days=shift)
        span = Span(m.start(), m.end())
        mention = DateMention(span, span.of(text), day, day, "day")
        out.append(mention)
        insort(days, mention, key=lambda d: d.span.start)  # chains: "a day later" after it
    return out


def _last_ending_by(days: list[DateMention], offset: int) -> DateMention | None:
    """The last of ``days`` (sorted by start) that ends by ``offset``: only those starting by it
    can, and the latest of them usually does (dates rarely overlap), so few are looked at."""
    i = bisect_right(days, offset, key=lambda d: d.span.start)
    for k in range(i - 1, -1, -1):
        if days[k].span.end <= offset:
            return days[k]
    return None


def _chain_shift(m: re.Match[str]) -> int:
    if m.group("next"):
        return 1
    if m.group("after"):
        return 1 if m.group("after").lower() == "after" else -1
    if m.group("prev"):
        return -1
    n = number_word(m.group("n")) or 1
    return n if m.group("dir").lower() == "later" else -n


NO_YEAR = re.compile(r"^(?:[A-Z][a-z]+,?\s+)?[A-Z][a-z]+\.?\s+[0-3]?\d(?:st|nd|rd|th)?$|^[0-3]?\d(?:st|nd|rd|th)?\s+"
                     r"(?:of\s+)?[A-Z][a-z]+\.?$")
HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def carried_year(found: list[DateMention], sentences: list[Span]) -> list[DateMention]:
    """A month and day without a year in a sentence that has just stated a full date: the year of
    that date, the one that puts the day nearest it ("was killed June 24, 2005 ... while
    investigating a June 20 shooting" is 20 June 2005, not the June before the article). A writer
    who has just given a year does not repeat it for a day of the same time; the article's year
    stands for a month and day that no full date precedes in its sentence. ``found``: the mentions
    in text order; returned with those days moved back (never forward)."""
    out = []
    for d in found:
        full = None
        if d.precision == "day" and d.start is not None and NO_YEAR.match(d.text) and not HAS_YEAR.search(d.text):
            sent = next((s for s in sentences if s.start <= d.span.start < s.end), None)
            full = next((f for f in reversed(found) if sent is not None and f.start is not None
                         and f.precision == "day" and sent.start <= f.span.start and f.span.end <= d.span.start
                         and HAS_YEAR.search(f.text)), None)
        if full is None or full.start is None or d.start is None:
            out.append(d)
            continue
        said = full.start
        options = [x for y in (said.year - 1, said.year, said.year + 1)
                   if (x := safe_date(y, d.start.month, d.start.day)) is not None]
        day = min(options, key=lambda x: abs((x - said).days), default=d.start)
        out.append(replace(d, start=day, end=day) if day <= d.start else d)
    return out
