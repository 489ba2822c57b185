"""Date stage: ``AnnotatedArticle`` in, the same with ``dates`` (``DateMention``s) filled.

Input: an article (its ``published`` date is the anchor, ``anchor.py``; a dated dateline or release
header, ``headers.py``, anchors its own story, each story of a file of several on its own header).
Output: date mentions with start/end (inclusive) and precision, and the day news in each story
took place (``article_date``, ``part_dates``). Declines: credit blocks; clock times, ages,
decades and durations ("for three years", "in 20 days", "the 1930s"). An expression that needs
an anchor when the article has none is kept with no start or end (unresolved), never resolved
against the day of the run.

Resolution (R = the anchor's reference date):
- full dates ("Saturday, Dec. 10, 2016", "10 December 2016", "the 10th of December 2016",
  "2016-12-10") -> day; numeric "10/12/2016" by ``numdates.py`` (day-month or month-day).
- month and day without a year -> day, in the year that puts it nearest R, not more than a
  week after R.
- "September 2016" -> month; "in/since/last ... September" -> the most recent September not
  after R ("next September": the first after R).
- "the first/last day of 2017 (of March 2016)" -> day; "New Year's (Day/Eve)", "Christmas Day/Eve"
  -> day (without a year: the nearest one not more than a week after R).
- "in 2014" -> year; a bare year the NER tags DATE before a singular noun ("the 2005 murder") -> year.
  "between X and Y" / "from X to Y" of two dates, and day spans
  ("Dec. 5-11, 2016") -> range.
- weekdays: past-tense or unmarked -> the last on or before R; with a future auxiliary ("will
  meet on Monday") or "next" -> the first after R; "last Monday" -> the last before R.
- yesterday/today/tomorrow/last night -> day; last/this/next week -> Monday..Sunday; "earlier
  this week/month/year" -> range from its start to R - 1 day; last/this/next month|year;
  "N days/weeks/months/years ago"; "the past/last N hours/days/..." -> range ending at R, but up
  to 24 hours -> the day R (the day reported, as ACLED codes news of the last 24 hours).
- "the following day", "the day before", "two days later": relative to the latest day-precision
  date mentioned before it in the article (not to the anchor).
- other spaCy DATE entities are tried with dateparser (strict, all of day, month, year).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from spillwatch.nlp.anchor import Anchor, anchor_of
from spillwatch.nlp.chained import carried_year, chained
from spillwatch.nlp.datewords import (
    MONTH,
    WEEKDAY,
    month_number,
    month_range,
    number_word,
    parse_entity,
    safe_date,
    week_range,
    weekday_number,
    year_range,
)
from spillwatch.nlp.headers import find_headers, split_parts
from spillwatch.nlp.namedays import edge_days, holidays
from spillwatch.nlp.numdates import numeric_dates
from spillwatch.nlp.tokens import TokenView
from spillwatch.records import AnnotatedArticle, DateMention, DatePrecision, Span
from spillwatch.settings import Settings
from spillwatch.spanindex import SpanIndex

_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_DOF = r"(?P<d>[0-3]?\d)(?:(?:st|nd|rd|th)(?:\s+of)?)?"  # "10 January", "the 10th of January"
_Y = r"(?P<y>(?:1[89]|20)\d\d)"
_WD = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"
_PREP = (
    r"(?:in|since|during|by|until|till|through|throughout|of|from|before|after|last|this|next"
    r"|early|late|mid-?|earlier\s+in|later\s+in)"
)
FULL = [
    re.compile(rf"\b{_WD}(?P<m>{MONTH})\s+{_D},?\s+{_Y}\b"),
    re.compile(rf"\b{_WD}{_DOF}\s+(?P<m>{MONTH}),?\s+{_Y}\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d>[0-3]\d)\b"),
]
DAY_RANGES = [
    re.compile(rf"\b(?P<m>{MONTH})\s+(?P<d1>[0-3]?\d)\s*(?:-|–|to)\s*(?P<d2>[0-3]?\d),?\s+{_Y}\b"),
    re.compile(rf"\b(?P<d1>[0-3]?\d)\s*(?:-|–|to)\s*(?P<d2>[0-3]?\d)\s+(?P<m>{MONTH}),?\s+{_Y}\b"),
]
NOYEAR = [
    re.compile(rf"\b{_WD}(?P<m>{MONTH})(?:\s+|(?<=\.)){_D}\b(?!,?\s*\d)"),
    re.compile(rf"\b{_WD}{_DOF}\s+(?P<m>{MONTH})\b(?!,?\s*\d)"),
]
MONTH_YEAR = re.compile(rf"\b(?P<m>{MONTH})\s+(?:of\s+)?{_Y}\b")
MONTH_BARE = re.compile(rf"\b(?P<p>{_PREP})\s+(?:(?:early|late|mid-?)\s*)?(?P<m>{MONTH})\b(?![\s,]*\d)", re.I)
# a year on its own, read as one only where the NER tags it DATE (a count "2000 troops" is CARDINAL):
# YEAR needs a preposition, which "the 2005 murder" has not
BARE_YEAR = re.compile(_Y)
YEAR = re.compile(rf"\b(?:{_PREP})\s+(?:(?:early|late|mid-?)\s*)?{_Y}\b(?![\d,])", re.I)
WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<q>last|this|next|on|early|late)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b"
)
RELATIVE = re.compile(
    r"\b(?:(?P<e>earlier|later|early|late)\s+)?(?P<q>last|this|next|past)\s+(?P<u>week|weekend|month|year)\b"
    r"|\b(?P<w>yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b"
    r"|\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several)\s+"
    r"(?P<au>day|week|month|year)s?\s+ago\b"
    r"|\b(?:the\s+)?(?:past|last)\s+(?P<pn>\d+|two|three|four|five|six|seven|eight|nine|ten|several)\s+"
    r"(?P<pu>hour|day|week|month|year)s\b",
    re.I,
)
RANGE_GLUE = re.compile(r"^\s*(?:and|to|until|till|through|-|–)\s*$", re.I)
RANGE_OPEN = re.compile(r"\b(?:between|from)\s*$", re.I)


def _mention(text: str, span: Span, start: date, end: date, precision: DatePrecision) -> DateMention:
    return DateMention(span, span.of(text), start, end, precision)


def _full(text: str, base: int) -> list[DateMention]:
    out = []
    for rx in FULL:
        for m in rx.finditer(text):
            month = int(m.group("mn")) if "mn" in m.groupdict() else month_number(m.group("m"))
            day = safe_date(int(m.group("y")), month, int(m.group("d")))
            if day:
                out.append(_mention(text, Span(m.start(), m.end()), day, day, "day"))
    return [_shift(x, base) for x in out]


def _day_ranges(text: str, base: int) -> list[DateMention]:
    """ "Dec. 5-11, 2016", "5 to 11 December 2016" -> range."""
    out = []
    for rx in DAY_RANGES:
        for m in rx.finditer(text):
            year, month = int(m.group("y")), month_number(m.group("m"))
            first, last = safe_date(year, month, int(m.group("d1"))), safe_date(year, month, int(m.group("d2")))
            if first and last and first <= last:
                out.append(_shift(_mention(text, Span(m.start(), m.end()), first, last, "range"), base))
    return out


def _shift(m: DateMention, base: int) -> DateMention:
    return replace(m, span=Span(m.span.start + base, m.span.end + base))


def _noyear(text: str, anchor: Anchor) -> list[DateMention]:
    out: list[DateMention] = []
    for rx in NOYEAR:
        for m in rx.finditer(text):
            month, dnum = month_number(m.group("m")), int(m.group("d"))
            options = [d for y in (anchor.ref.year - 1, anchor.ref.year, anchor.ref.year + 1)
                       if (d := safe_date(y, month, dnum)) and d <= anchor.ref + timedelta(days=7)]
            if options:
                best = max(options)
                out.append(_mention(text, Span(m.start(), m.end()), best, best, "day"))
    return out


def _months(text: str) -> list[DateMention]:
    out = []
    for m in MONTH_YEAR.finditer(text):
        start, end = month_range(int(m.group("y")), month_number(m.group("m")))
        out.append(_mention(text, Span(m.start("m"), m.end()), start, end, "month"))
    return out


def _bare_months(text: str, anchor: Anchor) -> list[DateMention]:
    out = []
    for m in MONTH_BARE.finditer(text):
        if not m.group("m")[0].isupper():
            continue
        month, ref = month_number(m.group("m")), anchor.ref
        year = ref.year if month <= ref.month else ref.year - 1
        if m.group("p").lower() == "next":
            year = ref.year if month > ref.month else ref.year + 1
        start, end = month_range(year, month)
        out.append(_mention(text, Span(m.start(), m.end()), start, end, "month"))
    return out


def _years(text: str) -> list[DateMention]:
    out = []
    for m in YEAR.finditer(text):
        start, end = year_range(int(m.group("y")))
        out.append(_mention(text, Span(m.start("y"), m.end("y")), start, end, "year"))
    return out


def _weekdays(text: str, base: int, anchor: Anchor, view: TokenView) -> list[DateMention]:
    out: list[DateMention] = []
    for m in WEEKDAY_RE.finditer(text):
        i = view.at(base + m.start("wd"))
        part_of_day = m.end() > m.end("wd")  # "Friday night": the weekday modifies its own time of day
        if i is not None and view.tokens[i].dep == "compound" and not part_of_day:
            continue  # "Friday prayers", "the Tuesday market": a noun's modifier names a thing, not a day
        target = weekday_number(m.group("wd"))
        qual = (m.group("q") or "").lower()
        future = qual == "next" or (qual != "last" and _future(view, base + m.start("wd")))
        day = weekday_date(anchor.ref, target, qual, future)
        span = Span(m.start() if qual in {"last", "next", "this"} else m.start("wd"), m.end())
        out.append(_shift(_mention(text, span, day, day, "day"), base))
    return out


def weekday_date(ref: date, weekday: int, qualifier: str = "", future: bool = False) -> date:
    """The date a weekday name means relative to ``ref`` (Monday = 0).

    Past or unmarked: the last such day on or before ``ref`` ("last": strictly before).
    Future ("next", or a future auxiliary): the first such day after ``ref``.
    """
    if future:
        return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    back = (ref.weekday() - weekday) % 7
    return ref - timedelta(days=back or (7 if qualifier == "last" else 0))


def _future(view: TokenView, offset: int) -> bool:
    """True when the clause governing the token at ``offset`` has a future/modal auxiliary."""
    i = view.at(offset)
    if i is None:
        return False
    head = view.tokens[i].head
    for _ in range(3):
        aux = [view.tokens[c] for c in view.children[head] if view.tokens[c].dep in {"aux", "auxpass"}]
        if any(a.tag == "MD" and a.lemma.lower() in {"will", "shall", "'ll", "would"} for a in aux):
            return True
        if view.tokens[head].tag in {"VBD", "VBN"} or view.tokens[head].head == head:
            return False
        head = view.tokens[head].head
    return False


def _relative(text: str, anchor: Anchor) -> list[DateMention]:
    out: list[DateMention] = []
    for m in RELATIVE.finditer(text):
        found = _resolve_relative(m, anchor.ref)
        if found is not None:
            start, end, precision = found
            out.append(_mention(text, Span(m.start(), m.end()), start, end, precision))
    return out


def _resolve_relative(m: re.Match[str], ref: date) -> tuple[date, date, DatePrecision] | None:
    if m.group("w"):
        shift = {"yesterday": -1, "tomorrow": 1}.get(m.group("w").lower(), 0)
        if m.group("w").lower().startswith("last"):
            shift = -1
        day = ref + timedelta(days=shift)
        return day, day, "day"
    if m.group("pu"):  # "the past 24 hours": the stretch ending at R
        n = number_word(m.group("pn"))
        if n is None:
            return None
        if m.group("pu").lower() == "hour" and n <= 24:  # within a day of R: the day reported, as ACLED codes it
            return ref, ref, "day"
        days = {"hour": n / 24, "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[m.group("pu").lower()]
        return ref - timedelta(days=max(1, round(days))), ref, "range"
    if m.group("au"):
        n = number_word(m.group("n"))
        if n is None:
            return None
        return _ago(ref, n, m.group("au").lower())
    return _unit(ref, m.group("q").lower(), m.group("u").lower(), (m.group("e") or "").lower())


def _ago(ref: date, n: int, unit: str) -> tuple[date, date, DatePrecision]:
    if unit == "day":
        day = ref - timedelta(days=n)
        return day, day, "day"
    if unit == "week":
        return (*week_range(ref - timedelta(weeks=n)), "week")
    if unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
        return (*month_range(y, mo + 1), "month")
    return (*year_range(ref.year - n), "year")


def _unit(ref: date, q: str, unit: str, edge: str) -> tuple[date, date, DatePrecision] | None:
    if q == "past":  # "over the past year": the stretch ending at R, not the calendar unit
        days = {"week": 7, "weekend": 2, "month": 30, "year": 365}[unit]
        return ref - timedelta(days=days), ref, "range"
    step = {"last": -1, "this": 0, "next": 1}[q]
    if unit in {"week", "weekend"}:
        start, end = week_range(ref + timedelta(weeks=step))
        if unit == "weekend":
            start = end - timedelta(days=1)
            if step == 0 and start > ref:  # "this weekend" said on a weekday: the coming one
                return start, end, "range"
        precision: DatePrecision = "range" if unit == "weekend" else "week"
    elif unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 + step, 12)
        start, end = month_range(y, mo + 1)
        precision = "month"
    else:
        start, end = year_range(ref.year + step)
        precision = "year"
    if step == 0 and edge == "earlier":
        return start, max(start, ref - timedelta(days=1)), "range"
    return start, end, precision


def _ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    """"between X and Y", "from X to Y": two adjacent mentions joined into one range."""
    out = []
    ordered = sorted(found, key=lambda d: d.span.start)
    for a, b in pairwise(ordered):
        glue = text[a.span.end : b.span.start]
        opener = RANGE_OPEN.search(text[max(0, a.span.start - 9) : a.span.start])
        if RANGE_GLUE.match(glue) and opener and a.start and b.end and a.start <= b.end:
            start = a.span.start - (len(text[max(0, a.span.start - 9) : a.span.start]) - opener.start())
            out.append(_mention(text, Span(start, b.span.end), a.start, b.end, "range"))
    return out


def _year_of_singular(view: TokenView, span: Span) -> bool:
    """A bare year modifying a singular noun ("the 2005 murder", "Nigeria's 2015 election"): a count
    above one cannot modify a singular noun, so the number is a year ("the 2000 troops", "the 2015
    elections" stay undecided and are no date)."""
    i = view.at(span.start)
    if i is None:
        return False
    head = view.tokens[view.tokens[i].head]
    return head.i != i and head.tag in ("NN", "NNP") and head.span.start > span.start


def _entities(ann: AnnotatedArticle, anchor: Anchor | None, taken: list[DateMention],
              view: TokenView) -> list[DateMention]:
    out = []
    text = ann.article.text
    held = SpanIndex(taken)
    for ent in ann.entities:
        if ent.label != "DATE" or held.any(ent.span):
            continue
        if BARE_YEAR.fullmatch(ent.text):
            if _year_of_singular(view, ent.span):
                start, end = year_range(int(ent.text))
                out.append(_mention(text, ent.span, start, end, "year"))
            continue
        day = parse_entity(ent.text, anchor.ref if anchor else None)
        if day is not None:
            out.append(_mention(text, ent.span, day, day, "day"))
    return out


def _blocks(ann: AnnotatedArticle) -> list[tuple[str, int]]:
    text = ann.article.text
    return [(s.of(text), s.start) for b, s in ann.article.block_spans() if b.role != "credit"]


def _keep(candidates: list[DateMention]) -> list[DateMention]:
    """Longest first, no overlaps, in text order."""
    taken: SpanIndex[DateMention] = SpanIndex()
    for c in sorted(candidates, key=lambda d: (d.span.start - d.span.end, d.span.start)):
        if not taken.any(c.span):
            taken.add(c)
    return sorted(taken.items, key=lambda d: d.span.start)


def _absolute(text: str, base: int) -> list[DateMention]:
    """The dates that need no anchor: full dates, day spans, months and years with their year."""
    return [*_full(text, base), *_day_ranges(text, base), *edge_days(text, base),
            *(_shift(m, base) for m in [*_months(text), *_years(text)])]


UNKNOWN = Anchor(date(2000, 1, 1), date(2000, 1, 1), False)  # resolves shapes only; dates are dropped


def _anchored(text: str, base: int, anchor: Anchor, view: TokenView) -> list[DateMention]:
    """The expressions that need the article's date: no year, bare months, relative words, weekdays."""
    local = [*_noyear(text, anchor), *_bare_months(text, anchor), *_relative(text, anchor), *holidays(text, anchor.ref)]
    return [*(_shift(m, base) for m in local), *_weekdays(text, base, anchor, view)]


def find_dates(ann: AnnotatedArticle, settings: Settings) -> AnnotatedArticle:
    """Fill ``ann.dates`` (see the module docstring for the resolution rules)."""
    anchor = anchor_of(ann.article)
    view = TokenView(ann)
    blocks = _blocks(ann)
    found = [m for text, base in blocks for m in _absolute(text, base)]
    printed = max((d.start for d in found if d.precision == "day" and d.start is not None), default=None)
    today = date.today()
    parts = split_parts(ann, anchor, find_headers(ann, printed), today)
    for text, base in blocks:
        own = parts.anchor_at(base)  # a story's own header dates its part of a file of several
        relative = _anchored(text, base, own or UNKNOWN, view)
        found.extend(numeric_dates(text, base, own.ref if own else None))
        # no article date: the expression is kept (an event can state it) but never resolved,
        # least of all against the day of the run
        found.extend(relative if own else [replace(m, start=None, end=None) for m in relative])
    whole = ann.article.text
    found = _keep(found)
    found = _keep([*_ranges(whole, found), *found])
    found = _keep([*found, *_entities(ann, anchor, found, view)])
    found = carried_year(found, [s.span for s in ann.sentences])  # "June 24, 2005 ... a June 20 shooting"
    found = _keep([*found, *chained(whole, found)])
    return replace(ann, dates=tuple(found), article_date=parts.dates[0], part_dates=tuple(
        d for d in parts.dates[1:] if d is not None))
