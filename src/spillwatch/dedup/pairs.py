"""Which scorer reads a pair of reports, and why two reports are one event.

``score_pair(a, b)``: one article's reports -> ``score.same_article_score``; two reports with a
country and a date each -> ``score.pair_score`` (hand-set weights, the ACLED-style one event per
day, place and actors), or, when it scores them below the merge level and a side's date is only
its article's day or coarser than a day, the higher of it and the fitted score (not for a
country-level place beside a finer one: the model was fitted without such pairs); a pair where a
side lacks the date or the country -> ``fitted.open_score`` (weights fitted on ECB+ dev topics).
All three speak one scale, on which ``score.THRESHOLD`` is the merge level. Two reports from
different articles that state the same death toll (``same_toll``: an identical killed count of at
least ``MIN_TOLL``, "killed 43" and "43 dead") in one type family, with nothing that contradicts
(``score.contradicts``, ``score.differs``) and any dates and sub-national places they both state
agreeing, score at least ``TOLL_SCORE``, above the merge level: the Beirut bombing's 43 dead told
on its day and, a month later, as "the November bombings".

``explain_event(members)`` gives each member of an event the member it agrees with best, the
rule, the score and the fields that agreed (``Join``), and, when the clustering's second pass
(``dedup/regroup.py``) joined the average-link cluster it sits in to the rest of the event, that
join (``regroup.Bridge``: the two reports with the same word that link the clusters, their score,
the clusters' mean): what ``spillwatch event`` shows. It re-runs the clustering's own steps
(``linkage.average_link``, ``regroup.regroup``) on the event's members, which give the clusters
they gave inside the whole component (no other mention ever joined them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spillwatch.dedup import fitted
from spillwatch.dedup.linkage import average_link
from spillwatch.dedup.regroup import REGROUP, Bridge, regroup
from spillwatch.dedup.score import (
    DATE_WINDOW_DAYS,
    NAMED_PLACE,
    THRESHOLD,
    UNKNOWN_PAIR,
    Features,
    contradicts,
    date_score,
    differs,
    pair_score,
    pairable,
    place_score,
    same_article_score,
)


def rule(a: Features, b: Features) -> str:
    """The scorer a pair goes to: same-article, dated-and-placed, or open (a side lacks date or country)."""
    if a.article and a.article == b.article:
        return "same-article"
    return "dated-and-placed" if pairable(a) and pairable(b) else "open"


MIN_TOLL = 5  # the smallest killed count that, stated alike by two reports, is evidence (ECB+ topics 1-22)
TOLL_SCORE = 0.9  # what such a pair scores at least (above ``score.THRESHOLD``)


def same_toll(a: Features, b: Features, window: int = DATE_WINDOW_DAYS) -> int | None:
    """The killed count two reports both state (the largest, at least ``MIN_TOLL``), when nothing else
    keeps them apart: one type family, no contradiction, dates that agree when both are dated,
    sub-national places that agree when both have one; else None."""
    shared = [n for n in a.tolls & b.tolls if n >= MIN_TOLL]
    if not shared or differs(a, b, window) or contradicts(a, b, window):
        return None
    if pairable(a) and pairable(b) and date_score(a, b, window) is None:
        return None  # an article's day too far from the other's date: a later event with the same toll
    return max(shared)


def score_pair(
    a: Features, b: Features, window: int = DATE_WINDOW_DAYS, model: fitted.PairModel | None = None
) -> float | None:
    """Evidence that a and b are one event on the merge scale, or None when they are kept apart."""
    which = rule(a, b)
    if which == "same-article":
        return same_article_score(a, b, window)
    found = _scored(a, b, window, model, which)
    if same_toll(a, b, window) is None:
        return found
    return TOLL_SCORE if found is None else max(found, TOLL_SCORE)


def _scored(a: Features, b: Features, window: int, model: fitted.PairModel | None, which: str) -> float | None:
    if which == "open":
        return fitted.open_score(a, b, window, model)
    hand = pair_score(a, b, window)
    if hand is None or hand >= THRESHOLD or (_own_day(a) and _own_day(b)):
        return hand  # two reports dated to the day by their own words: one event per day, place and actors
    if a.country_level != b.country_level:
        return hand  # a country beside a town: the fitted model never saw such pairs (it joined two climbers' deaths)
    found = fitted.open_score(a, b, window, model)  # a date from the article's day is an estimate
    return hand if found is None else max(hand, found)


def _counted(found: float | None, a: Features, b: Features, window: int) -> float:
    """What a pair counts in average-link: its score; declined with no contradiction, ``UNKNOWN_PAIR``."""
    if found is not None:
        return found
    return 0.0 if contradicts(a, b, window) else UNKNOWN_PAIR


def _own_day(f: Features) -> bool:
    return not (f.estimated or f.reported) and f.slack == 0 and f.start == f.end


def agreed_fields(a: Features, b: Features, window: int = DATE_WINDOW_DAYS) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(fields both sides state alike, fields a side does not state)."""
    agreed: list[str] = []
    unknown: list[str] = []
    if a.type == b.type:
        agreed.append(f"type {a.type}")
    elif a.family == b.family:
        agreed.append(f"type family {a.family}")
    if a.country is None or b.country is None:
        unknown.append("country")
    elif a.country == b.country:
        agreed.append(f"country {a.country}")
        if not (a.country_level or b.country_level) and place_score(a, b) is not None:
            agreed.append("place" + (f" {a.adm1}" if a.adm1 and a.adm1 == b.adm1 else ""))
        elif a.country_level != b.country_level and place_score(a, b) == NAMED_PLACE:
            agreed.append(f"place {(b if a.country_level else a).place_name[2:]} (named)")
        elif a.country_level != b.country_level:
            unknown.append("place below the country")
    dated = a.start is not None and b.start is not None and a.slack is not None and b.slack is not None
    if not dated:
        unknown.append("date")
    elif date_score(a, b, window) is not None:
        agreed.append("date" + (" (publication day)" if a.estimated or b.estimated else ""))
    shared_actors = sorted(n[2:] for n in a.names & b.names if n.startswith("a:"))
    if shared_actors:
        agreed.append("actors " + ", ".join(shared_actors))
    named = sorted(n[2:] for n in fitted.shared_names(a.names, b.names) if n.startswith("n:"))
    if named:
        agreed.append("names " + ", ".join(named[:5]))  # "Kraft" and "Kraft Foods" both listed
    if a.lemma and a.lemma == b.lemma:
        agreed.append(f"word '{a.lemma}'")
    toll = same_toll(a, b, window) if a.article != b.article else None
    if toll is not None:
        agreed.append(f"toll {toll} killed")
    return tuple(agreed), tuple(unknown)


@dataclass(frozen=True, slots=True)
class Join:
    """Why one mention sits in its event: the member it agrees with best, by which rule and score.

    ``mean`` is its mean score over every other member, a pair declined with no contradiction counted
    as ``UNKNOWN_PAIR`` (average-link merges while that mean, over whole clusters, reaches the merge
    level); ``agreed`` and ``unknown`` name the fields.
    """

    mention_id: str
    article_id: str
    partner_id: str | None
    rule: str
    score: float | None
    mean: float | None
    agreed: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    cluster_join: Bridge | None = None  # the second pass's join that brought its average-link cluster in


class _Members:
    """Pair scores of an event's members by id (``linkage.Scores``), as the clustering computes them."""

    def __init__(self, members: Sequence[Features], window: int) -> None:
        self.by_id = {f.id: f for f in members}
        self.window = window

    def score(self, a: str, b: str) -> float | None:
        return score_pair(self.by_id[a], self.by_id[b], self.window)

    def contradicts(self, a: str, b: str) -> bool:
        return contradicts(self.by_id[a], self.by_id[b], self.window)

    def word(self, mid: str) -> str:
        return self.by_id[mid].lemma


def cluster_joins(members: Sequence[Features], window: int = DATE_WINDOW_DAYS) -> dict[str, Bridge]:
    """For each member whose average-link cluster the second pass joined to others: the first such join."""
    scores = _Members(members, window)
    link = average_link(sorted(scores.by_id), scores, THRESHOLD)
    if len(link.clusters) < 2:
        return {}
    _, bridges = regroup(link, scores, scores.word, THRESHOLD, REGROUP)
    group = {m: k for k, c in enumerate(link.clusters) for m in c}  # cluster -> its group, as joins are made
    out: dict[str, Bridge] = {}
    for bridge in bridges:
        x, y = (group[m] for m in bridge.pair)
        joined = [m for m, g in group.items() if g in (x, y)]
        out.update({m: bridge for m in joined if m not in out})
        group.update({m: min(x, y) for m in joined})
    return out


def explain_event(members: Sequence[Features], window: int = DATE_WINDOW_DAYS) -> tuple[Join, ...]:
    """One ``Join`` per member of an event, in id order (a single-mention event: no partner)."""
    ordered = sorted(members, key=lambda f: f.id)
    bridges = cluster_joins(ordered, window)
    out = []
    for f in ordered:
        others = [g for g in ordered if g.id != f.id]
        if not others:
            out.append(Join(f.id, f.article, None, "alone", None, None))
            continue
        scored = [(score_pair(f, g, window), g) for g in others]
        mean = round(sum(_counted(s, f, g, window) for s, g in scored) / len(scored), 6)
        best_score, best = min(scored, key=lambda sg: (-(sg[0] if sg[0] is not None else -1.0), sg[1].id))
        agreed, unknown = agreed_fields(f, best, window)
        out.append(Join(f.id, f.article, best.id, rule(f, best), best_score, mean, agreed, unknown, bridges.get(f.id)))
    return tuple(out)
