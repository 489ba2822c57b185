"""The date of the crime a court story retells: older than its news, the sentence or the charge.

Input: the annotated article, the dependency graph, a trigger, the date of the story holding it and
its lead's sentences (``eventdate``). Output: the crime's ``DateMention`` or None (``crime_date``),
and an own date coarser than a day made the crime's day (``refined``). Used by ``coding/eventdate.py``.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta
from itertools import takewhile

from spillwatch.coding.patterns import DepGraph
from spillwatch.records import AnnotatedArticle, DateMention, Span

# how far before its report the news of a lead can be: the week within which news style names a
# weekday or "yesterday" rather than a date
LEDE_WINDOW = timedelta(days=7)

# a court story: its lead reports a step of justice, and the violence it retells is the crime tried
JUSTICE_WORDS = frozenset({
    "sentence", "convict", "conviction", "arraign", "arraignment", "indict", "indictment", "plead", "plea", "trial",
    "hearing", "verdict", "acquit", "jury", "jurors", "prosecutor", "court", "judge"})
# the violence a court story retells, and the words it names the crime by
VIOLENCE_WORDS = frozenset({
    "kill", "killing", "murder", "shoot", "shooting", "stab", "stabbing", "attack", "bomb", "bombing", "slay",
    "slaying", "wound", "injure", "ambush", "rampage", "massacre", "assault", "kidnap", "abduct", "target",
    "fire", "violence"})
CRIME_WORDS = (VIOLENCE_WORDS - {"fire"}) | {"crime", "incident"}  # "fired from his job on Thursday"


def token_at(g: DepGraph, offset: int) -> int | None:
    i = bisect_right(g.tokens, offset, key=lambda t: t.span.start) - 1
    return i if i >= 0 and offset < g[i].span.end else None


def _date_head(g: DepGraph, span: Span) -> int | None:
    """The token of a date phrase whose head lies outside it ("his June 24, 2005 murder": the one
    hanging on "murder"), else its first token."""
    first = token_at(g, span.start)
    if first is None:
        return None
    toks = list(takewhile(lambda t: g[t].span.start < span.end, range(first, len(g.tokens))))
    return next((t for t in toks if not span.start <= g[g[t].head].span.start < span.end), first)


def _named_by(g: DepGraph, span: Span, i: int) -> list[int]:
    """The words a date phrase (head ``i``) dates: the noun it stands before ("his June 24, 2005
    murder", which the parser may hang on the date), then the two nouns or verbs nearest above it."""
    above = [n for n in g.ancestors(i) if g[n].pos in ("NOUN", "VERB", "PROPN")][:2]
    nxt = next((t for t in range(i, len(g.tokens)) if g[t].span.start >= span.end), None)
    if nxt is not None and g[nxt].pos == "NOUN" and (g[nxt].head == i or g[i].head == nxt):
        return [nxt, *above]
    return above


def crime_date(ann: AnnotatedArticle, g: DepGraph, trigger: int, story: DateMention, lead: list[Span], *,
               named_only: bool = False) -> DateMention | None:
    """The day a court story states for the crime it retells ("sentenced Saturday ... for the
    crimes he committed on March 11, 2005", "When Monday's violence had concluded, ..."): the date
    of an act of violence told without a time of its own in a story (dated ``story``) whose ``lead``
    reports a step of justice (a sentence, a charge, a trial: ``JUSTICE_WORDS``), the crime being
    older than the news. The day is the one the story gives a crime word (``CRIME_WORDS``) among the
    two nouns or verbs nearest above a day-precise expression, when the story gives exactly one such
    day; else the one day it states before the week of its news; else the crime's month or year
    when it states only that; else None. ``named_only``: only a day given the trigger's own word."""
    if g[trigger].lemma.lower() not in VIOLENCE_WORDS or story.end is None:
        return None
    if not lead or not any(t.lemma.lower() in JUSTICE_WORDS for t in g.tokens
                           if lead[0].start <= t.span.start < lead[-1].end):
        return None
    found: dict[date, DateMention] = {}
    named: dict[date, DateMention] = {}  # days given a crime word of the trigger's own stem
    older: dict[date, DateMention] = {}  # days before the news' week outside any step of justice
    coarse: dict[tuple[date, date], DateMention] = {}  # a crime's month or year ("killed ... in September")
    stem = _stem(g[trigger].lemma)
    for d in ann.dates:
        if d.start is None or d.end is None or d.source != "expression" or d.end > story.end:
            continue
        i = _date_head(g, d.span)
        if i is None:
            continue
        above = _named_by(g, d.span, i)
        crime_word = any(g[n].lemma.lower() in CRIME_WORDS for n in above)
        if d.precision != "day":
            if crime_word and d.precision in ("month", "year"):
                coarse.setdefault((d.start, d.end), d)
            continue
        if crime_word:
            found.setdefault(d.start, d)
            if any(_stem(g[n].lemma) == stem for n in above):
                named.setdefault(d.start, d)
        if (story.start is not None and d.start < story.start - LEDE_WINDOW
                and not any(g[n].lemma.lower() in JUSTICE_WORDS for n in above)):
            older.setdefault(d.start, d)
    # the crime's day: the one a crime word is given ("his June 24, 2005 murder", "the June 20 shooting");
    # else the one day the story states before the week of its news outside a step of justice ("Webb
    # grabbed the girl ... on Saturday, May 18" in November's sentencing story): a court story's news,
    # the sentence or the charge, is named in its lead within the week (LEDE_WINDOW), and the older
    # day it tells is the crime's when it tells only one
    for days in (named,) if named_only else (found, named, older):
        if len(days) == 1:
            return next(iter(days.values()))
    if not named_only and not found and len(coarse) == 1:
        # only a month or a year for the crime ("shot and killed two co-workers in September"): the
        # crime's date as coarse as the story states it, never the day of the hearing that retells it
        return next(iter(coarse.values()))
    return None


def _stem(lemma: str) -> str:
    """A crime word's stem: "killing" and "kill", "shooting" and "shoot" name one act."""
    word = lemma.lower()
    return word.removesuffix("ing") if len(word) > 6 else word


def refined(own: DateMention, crime: DateMention | None) -> DateMention:
    """An own date coarser than a day ("the 2005 murder", "in March 2005") made the day the court
    story states for that crime when that day falls within it; else ``own`` as it is."""
    if (crime is None or crime.start is None or own.precision == "day" or own.start is None or own.end is None
            or not own.start <= crime.start <= own.end):
        return own
    return crime
