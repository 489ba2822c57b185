"""Reports of one happening within one article: later reports take up the earlier one's place and date.

Input: an article's event mentions in text order (after event place). Output: the same mentions,
where a mention takes up an earlier report of the same happening, with the place and date it
lacks filled from that report and an ``antecedent`` argument pointing at it (the reason it
joined, shown by ``spillwatch event``). The clustering stage then finds them one event, within
the article and across articles (a later report that kept no place or date of its own would
otherwise pair with nothing).

A mention takes up an earlier one (its antecedent: the nearest earlier mention that qualifies)
when both are of one type family, nothing known about them contradicts (``score.same_article_score``
blocks two countries, two ADM1s, far points, disjoint specific actors, own dates apart), and
either it is a definite reference ("the attack", "this bombing": ``Clause.reference``) or it is
of the same type and states no place and no date of its own (a toll sentence: "Seven officers
were killed"). It inherits the antecedent's place when it has none or only a coarser one in the
same country, and its date when it has none of its own (none, or only the article's day). A
mention with a place or date of its own that differs is never changed: it is another happening,
or the clustering will decide.

Each mention also gets an ``entity`` argument for every named entity of its sentence (people,
organisations, places, facilities, groups, named events): what clustering reads beside the
actors when a report states no date or no country ("Lindsay Lohan", "Betty Ford clinic").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from spillwatch.dedup.score import THRESHOLD, family, features, same_article_score
from spillwatch.records import AnnotatedArticle, Argument, Entity, EventMention, Place, Span
from spillwatch.settings import Settings

COARSER_THAN_TOWN = 3  # precision codes above this are ADM1, country or article focus
NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})


def link_reports(
    ann: AnnotatedArticle, mentions: tuple[EventMention, ...], settings: Settings | None = None
) -> tuple[EventMention, ...]:
    """``mentions`` with each later report of one happening completed from its antecedent."""
    ordered = sorted(range(len(mentions)), key=lambda n: (mentions[n].trigger.start, mentions[n].trigger.end))
    mentions = _with_entities(ann.entities, mentions)
    done: dict[int, EventMention] = {}
    earlier: list[EventMention] = []
    for n in ordered:
        m = mentions[n]
        anchor = _antecedent(m, earlier)
        done[n] = _inherit(m, anchor) if anchor is not None else m
        earlier.append(done[n])
    titles = _title_spans(ann)
    in_title = {n: any(t.start <= mentions[n].trigger.start < t.end for t in titles) for n in ordered}
    for k, n in enumerate(ordered):  # a headline announces what the body then tells, place and date included
        if in_title[n]:
            told = _told(done[n], [done[b] for b in ordered[k + 1 :] if not in_title[b]])
            if told is not None:
                done[n] = _inherit(done[n], told)
    return tuple(done[n] for n in range(len(mentions)))


def _title_spans(ann: AnnotatedArticle) -> tuple[Span, ...]:
    return tuple(span for block, span in ann.article.block_spans() if block.role == "title")


def _told(m: EventMention, body: list[EventMention]) -> EventMention | None:
    """The first body report of the same type a headline's mention (lacking a town or a date) is one happening with."""
    if not ((m.place is None or _coarser(m.place)) or _undated(m)):
        return None
    fm = features(m)
    for later in body:
        if later.type != m.type or not _adds(m, later):
            continue
        found = same_article_score(fm, features(later))
        if found is not None and found >= THRESHOLD:
            return later
    return None


def _antecedent(m: EventMention, earlier: list[EventMention]) -> EventMention | None:
    lacks_place = m.place is None or _coarser(m.place)
    if not (lacks_place or _undated(m)):
        return None
    reference = m.clause is not None and m.clause.reference
    bare = m.place is None and _undated(m)
    fm = features(m)
    for prior in reversed(earlier):
        if family(prior.type) != family(m.type):
            continue
        if not (reference or (bare and prior.type == m.type)):
            continue
        if not _adds(m, prior):
            continue
        found = same_article_score(fm, features(prior))
        if found is not None and found >= THRESHOLD:
            return prior
    return None


def _undated(m: EventMention) -> bool:
    """No date of its own words: none, or only the article's day ("reported")."""
    return m.date is None or m.date.source == "reported"


def _coarser(place: Place) -> bool:
    return place.precision is None or place.precision > COARSER_THAN_TOWN


def _adds(m: EventMention, prior: EventMention) -> bool:
    """The prior report knows something ``m`` lacks."""
    return _better_place(m.place, prior.place) is not None or (_undated(m) and not _undated(prior))


def _better_place(own: Place | None, other: Place | None) -> Place | None:
    if other is None:
        return None
    if own is None:
        return other
    finer = (other.precision or 9) < (own.precision or 9)
    same_country = own.country_iso3 is not None and own.country_iso3 == other.country_iso3
    return other if _coarser(own) and finer and same_country else None


def _inherit(m: EventMention, prior: EventMention) -> EventMention:
    place = _better_place(m.place, prior.place)
    link = Argument("antecedent", prior.trigger, prior.trigger_text)
    return replace(
        m,
        place=place or m.place,
        place_text=m.place_text or (prior.place_text if place is not None else None),
        date=prior.date if _undated(m) and not _undated(prior) else m.date,
        arguments=(*m.arguments, link),
    )


def _with_entities(entities: tuple[Entity, ...], mentions: tuple[EventMention, ...]) -> tuple[EventMention, ...]:
    """Each mention with an ``entity`` argument per named entity of its sentence (bisected: no article scan)."""
    named = sorted((e for e in entities if e.label in NAMED), key=lambda e: (e.span.start, e.span.end))
    if not named:
        return mentions
    starts = [e.span.start for e in named]
    out = []
    for m in mentions:
        first = bisect_left(starts, m.sentence.start)
        found = []
        for e in named[first:]:
            if e.span.start >= m.sentence.end:
                break
            if e.span.end <= m.sentence.end:
                found.append(Argument("entity", e.span, e.text))
        out.append(replace(m, arguments=(*m.arguments, *found)) if found else m)
    return tuple(out)
