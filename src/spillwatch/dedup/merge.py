"""Summarise a cluster of event mentions as one ``records.Event``.

Input: the mentions of one cluster (any order), their mean pairwise score (cohesion) and,
optionally, a function giving the outlets that carried each article (near-duplicate copies
included).
Output: one ``Event`` whose every field is a deterministic function of the mention set:
id = hash of the smallest mention id; type = most frequent type (ties: alphabetical); modes and
actors = unions; dates = earliest start and latest end among the most precise dates of the
best-founded source (``records.DATE_SOURCE_RANK``: own words, dateline, inferred year, the day of
the article reporting it), that source kept as ``date_source``, unless a finer date of another copy
lies within them ("in October 2016" and a report of that day: the day, with its source); place =
the most precise place (ties: most often named, then alphabetical); fatalities =
``fatality_estimate``; all mention quantities kept; confidence = ``confidence``.
Declines: nothing; a cluster of one mention gives a single-report event.

Fatalities (UCDP-style): each mention's report is its largest "killed" quantity; the event's
low is the smallest low (or best) reported, high the largest high (or best), best the median
of the reports' bests (so 5 killed vs 7 killed gives low 5, best 6, high 7).

Confidence = mean mention confidence x corroboration x cohesion, where corroboration is 0.6
for one article, 0.8 for two and 1.0 for three or more, and cohesion is the mean pairwise
score of the cluster's members (1.0 for a single mention).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from spillwatch.records import (
    DATE_SOURCE_RANK,
    Actor,
    DateMention,
    DatePrecision,
    DateSource,
    Estimate,
    Event,
    EventMention,
    Modality,
    Place,
    Quantity,
    content_hash,
)

OutletLookup = Callable[[str], Sequence[str]]
_PRECISION_RANK: dict[str, int] = {"day": 0, "range": 1, "week": 2, "month": 3, "year": 4}


def event_id(mention_ids: Iterable[str]) -> str:
    """Stable event id: a hash of the canonically smallest member mention id."""
    return content_hash("event", min(mention_ids))


def _most_common(values: Iterable[str]) -> str | None:
    counts = Counter(values)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _actors(groups: Iterable[tuple[Actor, ...]]) -> tuple[Actor, ...]:
    seen: dict[str, Actor] = {}
    for group in groups:
        for actor in group:
            if actor.id not in seen or (actor.resolved and not seen[actor.id].resolved):
                seen[actor.id] = actor
    return tuple(seen[k] for k in sorted(seen))


def _dates(mentions: Sequence[EventMention]
           ) -> tuple[date | None, date | None, DatePrecision | None, DateSource | None]:
    dated = [m.date for m in mentions if m.date is not None and m.date.start is not None]
    if not dated:
        return None, None, None, None
    # the best-founded copies' dates: a report's own words before a dateline before its article's day
    source = min((d.source for d in dated), key=DATE_SOURCE_RANK.__getitem__)
    founded = [d for d in dated if d.source == source]
    finest = min(_PRECISION_RANK[d.precision] for d in founded)
    best = [d for d in founded if _PRECISION_RANK[d.precision] == finest]
    best = _refined(best, dated) or best
    start = min(d.start for d in best if d.start is not None)
    end = max(d.end or d.start or start for d in best)
    precision: DatePrecision = best[0].precision
    source = best[0].source
    if precision == "day" and end != start:
        precision = "range"
    return start, end, precision, source


def _refined(best: list[DateMention], dated: list[DateMention]) -> list[DateMention]:
    """The finer dates of other copies that lie within the best-founded ones' span: "began in
    October 2016" (another article's own words) and the offensive's own report of it, dated on its
    article's day, 17 October 2016, is that day (the finest that agrees with the best-founded)."""
    lo = min(d.start for d in best if d.start is not None)
    hi = max(d.end or d.start or lo for d in best)
    rank = min(_PRECISION_RANK[d.precision] for d in best)
    inside = [d for d in dated if _PRECISION_RANK[d.precision] < rank and d.start is not None
              and lo <= d.start and (d.end or d.start) <= hi]
    if not inside:
        return []
    finest = min(_PRECISION_RANK[d.precision] for d in inside)
    inside = [d for d in inside if _PRECISION_RANK[d.precision] == finest]
    source = min((d.source for d in inside), key=DATE_SOURCE_RANK.__getitem__)
    return [d for d in inside if d.source == source]


def _place_rank(place: Place) -> int:
    if place.precision is not None:
        return place.precision
    return {"P": 2, "S": 1, "A": 4}.get(place.feature_class or "", 5)


def _place(mentions: Sequence[EventMention]) -> Place | None:
    places = [m.place for m in mentions if m.place is not None]
    if not places:
        return None
    named = Counter(p.geonameid or p.name or p.text for p in places)
    return min(
        places,
        key=lambda p: (_place_rank(p), -named[p.geonameid or p.name or p.text], str(p.name or p.text)),
    )


def _killed(mention: EventMention) -> Quantity | None:
    killed = [q for q in mention.quantities if q.kind == "killed" and q.best is not None]
    return max(killed, key=lambda q: (q.best or 0.0, q.high or 0.0)) if killed else None


def fatality_estimate(mentions: Iterable[EventMention]) -> Estimate | None:
    """UCDP-style low/best/high over the mentions' killed figures (see module docstring)."""
    reports = [q for q in map(_killed, mentions) if q is not None]
    if not reports:
        return None
    lows = [q.low if q.low is not None else q.best for q in reports]
    highs = [q.high if q.high is not None else q.best for q in reports]
    bests = [q.best for q in reports if q.best is not None]
    return Estimate(
        low=min(v for v in lows if v is not None),
        best=float(statistics.median(bests)),
        high=max(v for v in highs if v is not None),
    )


def confidence(mentions: Sequence[EventMention], cohesion: float) -> float:
    """Mean mention confidence x corroboration (0.6/0.8/1.0 for 1/2/3+ articles) x cohesion."""
    articles = len({m.article_id for m in mentions})
    corroboration = 0.6 if articles == 1 else 0.8 if articles == 2 else 1.0
    mean_conf = statistics.fmean(m.confidence for m in mentions)
    return round(mean_conf * corroboration * min(1.0, cohesion), 4)


def _modality(mentions: Sequence[EventMention]) -> Modality:
    counts = Counter(m.modality for m in mentions)
    return min(counts, key=lambda v: (-counts[v], v != "happened", v))


def build_event(mentions: Sequence[EventMention], cohesion: float = 1.0, outlets: OutletLookup | None = None) -> Event:
    """One Event summarising a cluster (see module docstring for each field)."""
    ordered = sorted(mentions, key=lambda m: m.id)
    etype = _most_common(m.type for m in ordered) or "OTHER"
    start, end, precision, source = _dates(ordered)
    article_ids = tuple(sorted({m.article_id for m in ordered}))
    outlet_names = sorted({o for a in article_ids for o in (outlets(a) if outlets else ())})
    return Event(
        id=event_id(m.id for m in ordered),
        type=etype,
        modes=tuple(sorted({mode for m in ordered if m.type == etype for mode in m.modes})),
        sources=_actors(m.sources for m in ordered),
        targets=_actors(m.targets for m in ordered),
        date_start=start,
        date_end=end,
        date_precision=precision,
        date_source=source,
        place=_place(ordered),
        fatalities=fatality_estimate(ordered),
        acled_type=_most_common(m.acled_type for m in ordered if m.acled_type),
        acled_subtype=_most_common(m.acled_subtype for m in ordered if m.acled_subtype),
        modality=_modality(ordered),
        mention_ids=tuple(m.id for m in ordered),
        article_ids=article_ids,
        outlets=tuple(outlet_names),
        confidence=confidence(ordered, cohesion),
        quantities=tuple(q for m in ordered for q in m.quantities),
    )
