"""The date of one event: its own time expression, else the article's date for news, never the run's.

Input: the annotated article (its ``dates`` and ``article_date`` from the dates stage), the
dependency graph, the trigger and the candidate date mentions. Output: a ``DateMention`` whose
``source`` says where the date came from, or None. Rules, in order, each with its reason:
- the event's own expression, when there is one (``own``, ``clause_date``: the time phrase of the
  event's own clause): it is what the writer said about this event; an unresolved one (the
  article has no date) is kept as stated, with no start;
- a phrase opening a period ("since late April", "since the start of this month", however deep in
  the "since" phrase: "since the start of the operation in mid-September") is not the event's
  date: it starts a tally or a stretch that runs up to the report;
- an expression inside a relative clause that does not hold the trigger is that clause's date, not
  the event's ("the shooting at a firm where he was fired last week", "the man accused of shooting
  ..., who was fired on Thursday");
- an expression bounding a superlative ("the largest massacre in Idlib in 2018") is the scope of
  a comparison, and a stretch running up to the report that a toll is counted over ("raises the
  death toll to 193 in the last 27 days") dates the tally: neither is the event's date;
- an own date after the article's date or after today is refused: an event reported as having
  happened cannot postdate its report, and a date after the run is a resolution error; an own
  week or range that runs past them ("this week" in Thursday's story) ends on the story's day (a
  range; a month or a year stays what it says, a coarse date);
- violence a court story retells (its lead reports a sentence, a charge, a trial) is the crime
  tried, older than the news: it takes the day the story states for the crime ("for the crimes he
  committed on March 11, 2005", "Monday's violence"), when it states one (``crime_date``; of two
  crimes' days, the one named by the trigger's own word: "murder" takes "his June 24, 2005
  murder", not "the June 20, 2005 shooting"), else the one day the story states before the week
  of its news ("grabbed the girl ... on Saturday, May 18" in November's sentencing story), else
  the crime's month or year when the story states only that ("killed two co-workers in
  September": never the day of the hearing that retells it); an own date coarser than a day that
  holds the day stated for that same crime is made that day ("convicted of the 2005 murder",
  ``refined``). These rules live in ``coding/courtdate.py``;
- a background event gets no article date: a verb in the past perfect ("had been killed", unless
  reported speech shifted it back: "said the army had shelled") or a trigger inside a "since"
  phrase or clause tells of an earlier event than the news, so the article's day would be false;
  it stays undated when it names no time of its own;
- otherwise the article reports the event as news: the day its story's lead names for the news
  (``lede_day``: "Police arrested six people Monday" in a story published on Wednesday; news style
  puts the day of the news in the lead, and the publication day is often a day or more later),
  else the article's date (``source="reported"`` either way), with the precision the article's date
  has (a day, or the range an estimated date allows).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from spillwatch.coding.argwords import OFFSET_WORDS
from spillwatch.coding.courtdate import LEDE_WINDOW, crime_date, refined, token_at
from spillwatch.coding.patterns import DepGraph
from spillwatch.records import DATE_SOURCE_RANK, AnnotatedArticle, Clause, DateMention, Span

# "had killed", "had been attacked": the past perfect sets an event before the story's time
PERFECT_AUX = frozenset({"have"})
# "since the 2008 riots": an event named as the start of a stretch that runs up to the news. Not
# "after"/"before" without an offset: "killed after airstrikes hit" names the news' own cause, of the
# same news day ("two days after X" is set apart by ``ArgumentFinder.offset_clause``).
REFERENCE_WORDS = frozenset({"since"})


def past_perfect(g: DepGraph, i: int) -> bool:
    """True when the trigger's verb (or the verb it hangs on) is in the past perfect."""
    for n in (i, g[i].head):
        aux = [g[c] for c in g.children(n, "aux")]
        if any(a.lemma.lower() in PERFECT_AUX and a.tag == "VBD" for a in aux):
            return True
    return False


def time_reference(g: DepGraph, i: int) -> bool:
    """True when the trigger names the start of a stretch: the object of "since" ("since the
    attack") or the verb of such a clause ("since they attacked")."""
    head = g[i].head
    if g[i].dep == "pobj" and g[head].lemma.lower() in REFERENCE_WORDS:
        return True
    return any(g[c].lemma.lower() in REFERENCE_WORDS for c in g.children(i, "mark"))


def background(g: DepGraph, i: int) -> bool:
    return past_perfect(g, i) or time_reference(g, i)


# how many words before a date a superlative bounding it may stand ("the largest massacre at the
# Idlib province in 2018")
SCOPE_WORDS = 8
# a toll counted over a stretch: "the death toll", "the number of casualties", "raises ... to"
TALLY = re.compile(r"\b(?:toll|tally|total|number\s+of|raises?|rising|rises|rose|bring(?:s|ing)?|climb(?:s|ed|ing)?)\b",
                   re.I)
SINCE = re.compile(r"\bsince\s+(?:the\s+(?:beginning|start|end)\s+of\s+)?(?:(?:early|late|mid-?)\s*)?$", re.I)


def opens_period(text: str, d: DateMention) -> bool:
    """ "since late April", "killed 316 since the start of this month": the start of a tally or a
    period running up to the report, not the day of the event the sentence reports."""
    before = text[max(0, d.span.start - 40):d.span.start]
    return d.text.lower().startswith("since ") or SINCE.search(before) is not None


def _governed(g: DepGraph, trigger: int, d: DateMention, found: Callable[[int], bool], *,
              own_line: bool = False) -> bool:
    """True when, going up from the token of ``d``, a token ``found`` accepts comes before any token
    on the trigger's own line (the trigger and its heads). With ``own_line``, only when that line
    is reached at the trigger or the word it hangs on ("after the attack on Monday, rebels stormed",
    not "a man suspected of shooting ... was arrested after the Monday attack": that "after" sets the
    attack apart from the arrest)."""
    i = bisect_right(g.tokens, d.span.start, key=lambda t: t.span.start) - 1
    if i < 0 or d.span.start >= g[i].span.end:
        return False
    line = {trigger, *g.ancestors(trigger)}
    seen = False
    for n in [i, *g.ancestors(i)]:
        if n in line:
            return seen and (not own_line or n in (trigger, g[trigger].head))
        seen = seen or found(n)
        if seen and not own_line:
            return True
    return seen and not own_line


def in_other_relative(g: DepGraph, trigger: int, d: DateMention) -> bool:
    """True when ``d`` sits in a relative clause (``relcl``) that does not hold the trigger."""
    return _governed(g, trigger, d, lambda n: g[n].dep == "relcl")


def under_since(g: DepGraph, trigger: int, d: DateMention) -> bool:
    """True when ``d`` is inside a "since" phrase, however deep ("killed since the start of the
    operation in mid-September", "since the 19th of April"): it dates the start of a period."""
    return _governed(g, trigger, d, lambda n: g[n].lemma.lower() in REFERENCE_WORDS)


def in_other_time(g: DepGraph, trigger: int, d: DateMention) -> bool:
    """True when ``d`` is in a phrase or clause that sets another act before or after the trigger's
    and does not hold it ("After the suicide attack in Shaddadi 3 days ago failed, a new bomber
    detonates ...", "after the deployment of the patrols on Saturday, attacks leave 13 dead"): the
    day of that act, not of the trigger's. (A relative clause's or a "since" phrase's day in a lead
    is left as the news day: "shelling areas where massacres were carried out yesterday".)"""
    def sets_apart(n: int) -> bool:
        return (g[n].lemma.lower() in OFFSET_WORDS and g[n].dep == "prep") or any(
            g[c].lemma.lower() in OFFSET_WORDS for c in g.children(n, "mark"))

    return _governed(g, trigger, d, sets_apart, own_line=True)


def comparison_scope(g: DepGraph, d: DateMention) -> bool:
    """True when ``d`` bounds a superlative's comparison ("the largest massacre in Idlib in 2018",
    "the deadliest day of the month", "the highest toll this year"): it names the stretch the event
    is compared within, not the event's day. The superlative (tag JJS/RBS) is among the few words
    before ``d``, with no verb between."""
    i = bisect_right(g.tokens, d.span.start, key=lambda t: t.span.start) - 1
    if i < 0 or d.span.start >= g[i].span.end:
        return False
    for j in range(i - 1, max(-1, i - SCOPE_WORDS), -1):
        if g[j].tag in ("JJS", "RBS"):
            return True
        if g[j].pos in ("VERB", "AUX") or g[j].text in (".", ";", ",", "…", ":"):
            return False
    return False


def tally_stretch(text: str, d: DateMention, reported: DateMention | None) -> bool:
    """True when ``d`` is a stretch running up to the report, or ending within ``LEDE_WINDOW`` of it
    ("in the last 27 days", "during the last week") that a toll is counted over ("raises the death
    toll to 193 in the last 27 days", "raise to 240 the number of casualties during the last
    week"): it dates the tally, not the
    event the sentence reports as news, which keeps its own day."""
    if d.precision == "day" or d.end is None or reported is None or reported.start is None:
        return False
    if d.end < reported.start - LEDE_WINDOW:  # "during the last week": the calendar week before the report
        return False
    return TALLY.search(text[max(0, d.span.start - 80):d.span.start]) is not None


def clause_date(clause: Clause, trigger: Span, sentence: Span, dates_in: Callable[[Span], list[DateMention]]
                ) -> DateMention | None:
    """The event's own date mention: one in its clause's time phrases, nearest the trigger on the
    dependency path first (``Clause.temporal``'s order), else one among the clause's own words
    nearest the trigger, else one in the time phrases of the verb its verb is conjoined to
    (``Clause.shared_temporal``). An event reported under a statement ("the rebels said on Tuesday that the
    army had shelled Bunia") without a time of its own takes the statement's, as the day it was
    reported (``source="reported"``). Else None: a date in a neighbouring clause or sentence
    belongs to another event ("in 1981 she published a book" never dates a 1974 bombing)."""
    def nearest(found: list[DateMention]) -> DateMention | None:
        return min(found, key=lambda d: abs(d.span.start - trigger.start), default=None)

    for phrase in clause.temporal:
        if (found := nearest(dates_in(phrase))) is not None:
            return found
    extent = clause.extent
    inside = [d for d in dates_in(extent) if extent.start <= d.span.start and d.span.end <= extent.end]
    if inside:
        return nearest(inside)
    for phrase in clause.shared_temporal:  # "on Monday they stormed the village and killed 12"
        if (found := nearest(dates_in(phrase))) is not None:
            return found
    if not clause.frame:
        return None
    stated = nearest([d for d in dates_in(sentence) if not extent.start <= d.span.start < extent.end])
    return replace(stated, source="reported") if stated is not None else None


# the lead: a story's title and its first sentences of running text, where news style (AP,
# Reuters) states when the news happened. Title sentences and short lines (a dateline split into
# pieces, a time stamp "10 p.m.", a date line, a subhead of a few words) are read but not counted.
LEDE_SENTENCES = 3
LEDE_MIN_WORDS = 8
FULL_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a date that states its year


def _lead(ann: AnnotatedArticle, start: int) -> list[Span]:
    """The sentences of the lead of the story starting at ``start``: up to the ``LEDE_SENTENCES``-th
    sentence of running text (``LEDE_MIN_WORDS`` words or more, outside the title)."""
    text = ann.article.text
    titles = [s for b, s in ann.article.block_spans() if b.role == "title"]
    out: list[Span] = []
    counted = 0
    for sent in ann.sentences:
        if sent.span.start < start:
            continue
        out.append(sent.span)
        title = any(t.start <= sent.span.start < t.end for t in titles)
        counted += not title and len(sent.span.of(text).split()) >= LEDE_MIN_WORDS
        if counted >= LEDE_SENTENCES:
            break
    return out


def lede_day(ann: AnnotatedArticle, story: DateMention) -> DateMention | None:
    """The day the lead of the story dated ``story`` (from ``story.span.start``) names for its news:
    the first resolved day-precise expression in its lead (``_lead``) that falls
    within ``LEDE_WINDOW`` before the story's date and not after it, and opens no period ("since
    Wednesday"); None when there is none. When the story's date is not one day (an estimated date
    is only a bound: a weekday in its lead resolves against a guessed reference, and is no better
    than the range the date allows), only a full date with its year, which needs no reference, and
    within that range ("will host ... on July 21, 2016" in a page dated no earlier than that day)."""
    if story.start is None or story.end is None:
        return None
    lead = _lead(ann, story.span.start)
    if not lead:
        return None
    estimated = story.start != story.end
    for d in sorted(ann.dates, key=lambda d: d.span.start):
        if d.span.start < lead[0].start or d.span.start >= lead[-1].end:
            continue
        if d.precision != "day" or d.start is None or d.source != "expression":
            continue
        if estimated and (not story.start <= d.start <= story.end or not FULL_YEAR.search(d.text)):
            continue
        if (story.start - LEDE_WINDOW <= d.start <= story.end
                and not opens_period(ann.article.text, d)):  # "shelling since Wednesday": a start, not the news
            return replace(d, source="reported")
    return None


def story_date(ann: AnnotatedArticle, offset: int) -> DateMention | None:
    """The date of the story ``offset`` is in: its header in a file of several (the last header
    before it), else the article's date."""
    return next((d for d in reversed(ann.part_dates) if d.span.start <= offset), ann.article_date)


def news_date(ann: AnnotatedArticle, offset: int) -> DateMention | None:
    """The day news at ``offset`` took place: the day its story's lead names (``lede_day``), else
    the story's date (``story_date``)."""
    story = story_date(ann, offset)
    return (lede_day(ann, story) or story) if story is not None else None


def limit_of(ann: AnnotatedArticle, offset: int, today: date) -> date:
    """The latest day an event the article reports can have: its story's date, never after today."""
    reported = story_date(ann, offset)
    if reported is not None and reported.end is not None:
        return min(reported.end, today)
    return today


def event_date(ann: AnnotatedArticle, g: DepGraph, trigger: int, own: DateMention | None,
               today: date | None = None, *, framed: bool = False) -> DateMention | None:
    """The event's date by the rules of the module docstring."""
    today = today or date.today()
    if own is not None and (opens_period(ann.article.text, own) or in_other_relative(g, trigger, own)
                            or under_since(g, trigger, own) or comparison_scope(g, own)
                            or tally_stretch(ann.article.text, own, story_date(ann, g[trigger].span.start))):
        own = None
    if own is not None:
        if own.start is None:
            return own  # stated, unresolved: the article has no date to anchor it
        if own.start <= (limit := limit_of(ann, g[trigger].span.start, today)):
            if own.precision in ("week", "range") and own.end is not None and own.end > limit:
                own = replace(own, end=limit, precision="range")  # "this week" in Thursday's story: Monday to Thursday
            return refined(own, _crime(ann, g, trigger, named_only=True))
    if (crime := _crime(ann, g, trigger)) is not None:
        return crime
    if not framed and background(g, trigger):  # under "said that", "had shelled" is only the tense shifted back
        return None
    news = news_date(ann, g[trigger].span.start)
    if news is not None and _same_sentence(g, trigger, news) and in_other_time(g, trigger, news):
        return story_date(ann, g[trigger].span.start)  # the lead's day is another act's of the trigger's sentence
    return news


def _crime(ann: AnnotatedArticle, g: DepGraph, trigger: int, *, named_only: bool = False) -> DateMention | None:
    """``courtdate.crime_date`` for the story holding the trigger (its date and its lead)."""
    story = story_date(ann, g[trigger].span.start)
    if story is None or story.end is None:
        return None
    return crime_date(ann, g, trigger, story, _lead(ann, story.span.start), named_only=named_only)


def _same_sentence(g: DepGraph, trigger: int, d: DateMention) -> bool:
    i = token_at(g, d.span.start) if d.span.end > d.span.start else None
    return i is not None and _root(g, i) == _root(g, trigger)


def _root(g: DepGraph, i: int) -> int:
    return ([i, *g.ancestors(i)])[-1]


def better_date(a: DateMention | None, b: DateMention | None) -> DateMention | None:
    """Of two dates for one event, the better founded: a resolved one, then the event's own words
    before a dateline before an inferred year before the article's day; ``a`` on a tie."""
    if a is None or b is None:
        return a or b
    return min((a, b), key=lambda d: (d.start is None, DATE_SOURCE_RANK[d.source]))
