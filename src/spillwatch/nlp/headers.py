"""Datelines and release headers: the date a story or a press release gives itself.

Input: an annotated article (its blocks and text) and its publication ``DateInfo``. Output:
``Header``s in text order, each a ``DateMention`` over the words that state the date, with
``source`` "dateline" (the header gives a year, or needs none) or "inferred-year" (its year was
taken from other evidence in the document). Declines: a header whose year no evidence gives (kept
out: no header is dated by the day of the run); a date in running text (the relative rules' job).

Forms, written from the published styles rather than from one corpus:
- wire datelines (AP, Reuters, AFP, UPI, Xinhua style books): an upper-case or capitalised place,
  optionally its state or country, then the date, optionally an agency, then a dash or colon:
  "BEIRUT, Dec 30 (Reuters) -", "BEIJING, Dec. 30 (Xinhua) --", "CAIRO (AP) Dec. 30 -",
  "CITY, Country (Dec. 30) —"; release wires: "NEW YORK, Dec. 30, 2019 /PRNewswire/ --";
- government and agency release headers (US federal, UK GOV.UK, Canada, UN press styles): "FOR
  IMMEDIATE RELEASE: December 30, 2019", "Release No: NR-123-19 | Dec. 30, 2019", "Published 30
  December 2019", "Ottawa, Ontario, December 30, 2019 —", "WASHINGTON, D.C. – December 30, 2019 –",
  "30 DECEMBER 2019", "Press release | 30 Dec 2019";
each at the start of a dateline or body block (a header opens its story), and only there.

Missing year, from the document's other evidence, in order (each says the document's own year):
1. a copyright or release-number year in the document ("© 2019", "Copyright 2019", "NR-123-19");
2. the publication date the article carries (page metadata, the feed, WARC or HTTP date, or one
   the page states): the year that puts the header on or before it, nearest (a story is written
   before it is published; a week's slack for time zones and late posting);
3. the latest full date the text prints: the year that puts the header nearest it, either way (a
   story cites days near its own; a future day it announces is as near as a past one), after it on a tie;
4. the weekday the story's lead gives its news ("BEIRUT, Aug 28 - ... left on Monday"), when the
   header's own day is that weekday: the one year, from the year before the latest year the text
   prints at all ("in June 2016", "memories of 2014") to three after it, in which that month-day
   falls on that weekday (in five years a month-day takes five different weekdays, so one year
   at most). A lead whose weekday is not the header's day ("on Sunday" filed on Monday) can give
   a wrong year: the cost of reading stories that print no full date at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spillwatch.nlp.anchor import Anchor
from spillwatch.nlp.articledate import article_date
from spillwatch.nlp.datewords import MONTH, WEEKDAY, month_number, weekday_number
from spillwatch.records import AnnotatedArticle, Block, DateInfo, DateMention, Span

_MON = (rf"(?:{MONTH}|JAN\.?|FEB\.?|MAR\.?|APR\.?|MAY|JUNE?|JULY?|AUG\.?|SEPT?\.?|OCT\.?|NOV\.?|DEC\.?|JANUARY"
        r"|FEBRUARY|MARCH|APRIL|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)")
_YEAR = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
# the date itself: "Dec. 30", "Dec 30, 2019", "30 December 2019", "Monday, 30 December"
_DATE = (rf"(?:(?:{WEEKDAY}),?\s+)?(?P<date>(?P<m1>{_MON})\s+(?P<d1>[0-3]?\d){_ORD}(?:,?\s+(?P<y1>{_YEAR}))?"
         rf"|(?P<d2>[0-3]?\d){_ORD}\s+(?P<m2>{_MON})(?:,?\s+(?P<y2>{_YEAR}))?)(?![\w/])")
# a place: up to four capitalised words, then up to two ", State/Country" parts ("WASHINGTON, D.C.")
# (never a sentence's opening word: "On Dec. 30 - ..." is no dateline)
_NOT_PLACE = r"(?!(?:On|In|By|Since|From|Until|Before|After|Last|This|Next|Early|Late|As|At|The)\b)"
_WORDS = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)"
_PLACE = rf"{_NOT_PLACE}{_WORDS}{{0,3}}(?:,\s*{_WORDS}{{0,2}}){{0,2}}"
_AGENCY = r"(?:\s*\([A-Za-z][\w .&'-]{1,30}\)|\s*/[A-Za-z][\w .&-]{1,30}/)?"
_DASH = r"\s*(?:[-–—]{1,2}|:|\||$)"  # the end of a dateline block counts: the cleaner split it off
_LABEL = (r"(?:for\s+immediate\s+release|(?:press|news|media)\s+release|published(?:\s+on)?|release\s+date"
          r"|date|release\s+no\.?:?\s*[\w/-]+\s*(?:\||-|–))")
FORMS = (
    # CITY, Dec 30 (Reuters) -   /  NEW YORK, Dec. 30, 2019 /PRNewswire/ --  /  Ottawa, Ontario, December 30, 2019 —
    re.compile(rf"^(?:{_PLACE}),?\s+{_DATE}{_AGENCY}{_DASH}"),
    # CITY, Country (Dec. 30) —
    re.compile(rf"^(?:{_PLACE})\s*\({_DATE}\){_DASH}"),
    # CAIRO (AP) Dec. 30 -   /  WASHINGTON, D.C. – December 30, 2019 –
    re.compile(rf"^(?:{_PLACE}){_AGENCY}\s*(?:[-–—]{{1,2}}\s*)?{_DATE}{_DASH}"),
    # FOR IMMEDIATE RELEASE: December 30, 2019  /  Published 30 December 2019  /  Release No: NR-1-19 | Dec. 30, 2019
    re.compile(rf"^{_LABEL}\s*[:|–—-]?\s*{_DATE}", re.I),
    # a block that is nothing but a date ("30 DECEMBER 2019", "Monday, December 30, 2019")
    re.compile(rf"^{_DATE}\s*$"),
)
COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(?P<y>(?:19|20)\d\d)\b", re.I)
# "Release No: NR-123-19" (US DoD style: the year's last two digits end the number)
RELEASE_NO = re.compile(r"\b(?:press\s+|news\s+)?release\s+(?:no\.?|number|#)\s*:?\s*[A-Z]*-?\d+-(?P<yy>\d\d)\b", re.I)
LATE_POSTING = timedelta(days=7)
LEAD_WEEKDAY = re.compile(rf"\b{WEEKDAY}\b")
PRINTED_YEAR = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(?!\d|,\d|0?s\b|'s\b)")  # not a decade ("the 1990s")
HEAD_CHARS = 160  # a header opens its block: only the first characters are read


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _document_year(text: str) -> int | None:
    """The year a document states for itself: its copyright line, else a release number."""
    years = [int(m.group("y")) for m in COPYRIGHT.finditer(text)]
    if years:
        return max(years)
    found = RELEASE_NO.search(text)
    return 2000 + int(found.group("yy")) if found else None


def _on_or_before(month: int, day: int, ref: date) -> date | None:
    """The month-day in the latest year that puts it on or before ``ref`` (a week's slack)."""
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _safe(y, month, day))]
    return max((d for d in options if d <= ref + LATE_POSTING), default=None)


def infer_year(month: int, day: int, text: str, published: DateInfo, printed: date | None) -> date | None:
    """A yearless header's date from the document's other evidence (module docstring, in order);
    ``printed`` is the latest full date the text prints."""
    year = _document_year(text)
    if year is not None:
        return _safe(year, month, day)
    value = published.value
    if value is not None and published.method in ("metadata", "text"):
        return _on_or_before(month, day, value.date() if isinstance(value, datetime) else value)
    if printed is not None:
        options = [d for y in (printed.year - 1, printed.year, printed.year + 1) if (d := _safe(y, month, day))]
        return min(options, key=lambda d: (abs((d - printed).days), d < printed), default=None)
    return None


def _weekday_year(month: int, day: int, text: str, lead: str) -> date | None:
    """Rule 4 of the module docstring: the year the lead's weekday and the printed years give."""
    weekday = LEAD_WEEKDAY.search(lead.split(". ")[0])
    years = [int(y) for y in PRINTED_YEAR.findall(text)]
    if weekday is None or not years:
        return None
    target, latest = weekday_number(weekday.group(0)), max(years)
    options = [d for y in range(latest - 1, latest + 4) if (d := _safe(y, month, day)) and d.weekday() == target]
    return options[0] if len(options) == 1 else None


def _lead(rest: str, after: list[tuple[Block, Span]]) -> str:
    """The header's lead: the rest of its block, or the next body block when the cleaner split the
    dateline off."""
    if rest.strip() or not after:
        return rest
    return after[0][0].text if after[0][0].role == "body" else ""


def _match(head: str) -> re.Match[str] | None:
    return next((m for rx in FORMS if (m := rx.match(head))), None)


def find_headers(ann: AnnotatedArticle, printed: date | None) -> list[DateMention]:
    """Every dated header opening a dateline or body block, in text order (module docstring)."""
    text = ann.article.text
    out: list[DateMention] = []
    blocks = list(ann.article.block_spans())
    for k, (block, span) in enumerate(blocks):
        if block.role not in ("dateline", "body"):
            continue
        found = _match(block.text[:HEAD_CHARS])
        if found is None:
            continue
        month = month_number(found.group("m1") or found.group("m2"))
        dnum, year = int(found.group("d1") or found.group("d2")), found.group("y1") or found.group("y2")
        if year:
            day, source = _safe(int(year), month, dnum), "dateline"
        else:
            day = infer_year(month, dnum, text, ann.article.published, printed) or _weekday_year(
                month, dnum, text, _lead(block.text[found.end() :], blocks[k + 1 :]))
            source = "inferred-year"
        if day is None:
            continue
        where = Span(span.start + found.start("date"), span.start + found.end("date"))
        out.append(DateMention(where, where.of(text), day, day, "day", source))  # type: ignore[arg-type]
    return out


@dataclass(frozen=True, slots=True)
class Parts:
    """The article cut at its dated headers: part k runs from ``starts[k]`` to the next start and
    is anchored on ``anchors[k]``; ``dates[k]`` is the day news in it took place."""

    starts: tuple[int, ...]
    anchors: tuple[Anchor | None, ...]
    dates: tuple[DateMention | None, ...]

    def anchor_at(self, offset: int) -> Anchor | None:
        return self.anchors[bisect_right(self.starts, offset) - 1]


def split_parts(ann: AnnotatedArticle, anchor: Anchor | None, headers: list[DateMention], today: date) -> Parts:
    """One part per dated header, the first from the top of the article when its header opens the
    story (a dateline block or the first paragraph: the title belongs to it); text before any header
    keeps the article's own date. A header dated after today is ignored (a misread, not a date)."""
    blocks = [(b, s) for b, s in ann.article.block_spans() if b.role in ("dateline", "body")]
    opening = blocks[0][1].start if blocks else 0
    starts, anchors, dates = [0], [anchor], [article_date(ann.article, anchor, today)]
    for h in headers:
        if h.start is None or h.start > today:
            continue
        block = next(s for _, s in blocks if s.start <= h.span.start < s.end)
        own = Anchor(h.start, h.start, False)
        if len(starts) == 1 and block.start <= opening:
            anchors[0], dates[0] = own, h
        else:
            starts.append(block.start)
            anchors.append(own)
            dates.append(h)
    return Parts(tuple(starts), tuple(anchors), tuple(dates))
