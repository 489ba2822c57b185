"""Dates that an offset or another event noun sets apart from a sentence's time.

Input: the dependency graph of an article and date mentions. Output: the event noun a date phrase
belongs to (``other_event_dated``: "the Paris attacks in November 2015"), the date of an act an
offset sets apart ("two days after rebels attacked": ``shifted``), and the "after" phrase the parse
split from its clause (``split_offset``). Declines: no count or no unit (``"days after"``), no day
to move from. Used by the argument finder (``coding/args.py``) with ``coding/eventdate.py``.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date, timedelta

from spillwatch.coding.argwords import OFFSET_WORDS
from spillwatch.coding.patterns import DepGraph
from spillwatch.records import DateMention, Span


def other_event_dated(g: DepGraph, toks: list[int], event_nouns: Set[int]) -> Span | None:
    """The event noun a date phrase (tokens ``toks``) belongs to when it directly follows one ("the
    Paris attacks in November 2015", "the raid of 12 May") or the parse hangs it on one: that noun's
    date, which the parser may also hang on the verb, so that "The attack follows the Paris attacks
    in November 2015" would date the attack itself. ``event_nouns``: the sentence's trigger tokens."""
    if not toks:
        return None
    head = next((t for t in toks if g[t].head not in toks), toks[0])
    above = g[g[head].head].head if g[g[head].head].dep == "prep" else g[head].head
    if above in event_nouns and g[above].pos == "NOUN":  # the parse says so: "the ambush in May"
        return g[above].span
    j = toks[0] - 1
    if j >= 0 and g[j].dep == "prep" and g[j].lemma.lower() in ("in", "of", "on"):
        j -= 1  # the parse hung it elsewhere, but it follows the noun
    if j >= 0 and j in event_nouns and g[j].pos == "NOUN":
        return g[j].span
    return None



_SIGN = {"after": -1, "following": -1, "before": 1}  # "a year after X": X is a year before the sentence's time
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}


def shifted(text: str, g: DepGraph, scope: list[int], base: DateMention | None) -> DateMention | None:
    """The date of an act an offset sets apart from the sentence's time ("a little over a year after
    bombings in Brussels", "two days after rebels attacked"): the day ``base`` moved back (after) or
    on (before) by the offset, at the offset's unit: a day, else the week, month or year holding the
    moved day (an offset in weeks or years is rounded: "a little over a year"). None when ``base`` is
    no day or no offset word with a unit and a count ("two", "a") is found at the clause ``scope``."""
    if base is None or base.start is None or base.precision != "day" or not scope:
        return None
    n = next(t for t in scope if g[t].head not in scope or g[t].head == t)  # the clause's head
    marks = [*g.children(n, "mark"), g[n].head]  # "after rebels attacked", "after bombings"
    for t in [*g.children(n, "npadvmod"), *(c for m in marks for c in g.children(m, "npadvmod"))]:
        unit = g[t].lemma.lower()
        mark = next((m for m in marks if g[m].lemma.lower() in _SIGN), None)
        if unit not in _UNIT_DAYS or mark is None:
            continue
        words = [g[c].text.lower() for c in g.children(t, "nummod", "det", "quantmod")]
        count = next((int(w) if w.isdigit() else _COUNTS[w] for w in words if w.isdigit() or w in _COUNTS), None)
        if count is None:
            continue  # "days after", "weeks after": no count, no day to move to
        day = base.start + timedelta(days=_SIGN[g[mark].lemma.lower()] * count * _UNIT_DAYS[unit])
        span = g.span([*g.subtree(t), mark])
        if unit == "day":
            return DateMention(span, span.of(text), day, day, "day")
        if unit in ("week", "fortnight"):
            monday = day - timedelta(days=day.weekday())
            return DateMention(span, span.of(text), monday, monday + timedelta(days=6), "week")
        if unit == "month":
            nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            return DateMention(span, span.of(text), day.replace(day=1), nxt - timedelta(days=1), "month")
        return DateMention(span, span.of(text), date(day.year, 1, 1), date(day.year, 12, 31), "year")
    return None


def split_offset(g: DepGraph, i: int) -> tuple[int, int] | None:
    """The "after" and its object when the parse split one clause in two: in "began four days after a
    bombing at a wedding killed 50 people" the parser may read "after a bombing" as a phrase and
    "killed 50 people" as a clause of its own with no subject; the object that ends right before the
    subjectless verb ``i`` is that verb's subject, and the offset holds for both."""
    if not g.is_verbal(i) or g[i].head == i or g.children(i, "nsubj", "nsubjpass", "csubj"):
        return None
    for m in g.children(g[i].head, "prep"):
        objs = g.children(m, "pobj")
        if g[m].lemma.lower() in OFFSET_WORDS and objs and max(g.subtree(objs[0])) == i - 1:
            return m, objs[0]
    return None
