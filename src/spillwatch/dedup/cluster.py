"""Event clustering: mentions from many articles -> one ``records.Event`` per real-world event.

Input: ``records.EventMention`` values (with place, date, type, modes, actors, quantities).
Output: ``Event`` records with every member mention, article and outlet attached and a
confidence (``merge.build_event``); ``assign`` also returns the ids of stored events that a
late batch replaced.
Pairs are scored by ``pairs.score_pair`` (same article, dated and placed, or with an unknown);
a mention that meets no other stays a single-mention event.

Algorithm (a pure function of the mention *set*, so arrival order and batching cannot change
it): candidate pairs come from block keys (country, type family and place cell, 4-day bucket);
``pairs.score_pair`` scores them; mentions joined by a pair scoring >= ``THRESHOLD`` form a
component; inside each component, average-link agglomeration over the members sorted by id
merges the two clusters with the highest mean pairwise score (ties go to the smallest indices)
until no mean reaches ``THRESHOLD``; two clusters holding a pair that ``score.contradicts`` (two
countries, dates apart, ...) are never merged. A pair the scorers decline without any
contradiction (nothing in common they can read: a report placed only in its country beside one
placed in a town, two undated reports naming different people) is unknown, not a mismatch: it
counts ``score.UNKNOWN_PAIR`` (0.75, below the merge level), so one such pair no longer sinks a
merge that every compared pair supports, and a cluster joined by unknowns alone never forms. A second
pass (``dedup/regroup.py``) then joins whole clusters of one component that a pair with the same word
for the act links at the merge level, when nothing across them contradicts and their mean cross score
reaches ``RegroupRule.min_mean``. Every final cluster lies inside one component, so ``assign``
only needs the components the new mentions touch: it walks threshold edges from the new
mentions through ``lookup`` (known mentions per block key) and re-clusters exactly that closure,
which gives what clustering everything at once gives. Event ids hash the smallest member mention
id; when a late mention with a smaller id joins, the event gets a new id and the old one is listed
in ``Assignment.retired``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from spillwatch.dedup.blocking import block_keys, probe_keys
from spillwatch.dedup.fitted import PairModel
from spillwatch.dedup.linkage import average_link
from spillwatch.dedup.merge import OutletLookup, build_event
from spillwatch.dedup.pairs import score_pair
from spillwatch.dedup.regroup import REGROUP, RegroupRule, regroup
from spillwatch.dedup.score import (
    DATE_WINDOW_DAYS,
    THRESHOLD,
    Features,
    contradicts,
    features,
)
from spillwatch.records import Event, EventMention

BlockKey = tuple[str, str, int]
Lookup = Callable[[BlockKey], Iterable[EventMention]]
LookupMany = Callable[[Sequence[BlockKey]], Mapping[BlockKey, Iterable[EventMention]]]  # many keys at once
Published = Callable[[str], date | None]  # article id -> publication day


@dataclass(frozen=True, slots=True)
class Assignment:
    """Result of ``assign``: the events to upsert and the stored event ids they replace."""

    events: tuple[Event, ...]
    retired: tuple[str, ...]
    mention_ids: tuple[str, ...]  # every mention whose event was recomputed
    successors: tuple[tuple[str, str], ...] = ()  # (retired id, event now holding most of its mentions)

    @property
    def replaced_ids(self) -> tuple[str, ...]:
        """Alias of ``retired`` (the store's ``put_events(..., replace_ids=...)``)."""
        return self.retired


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    threshold: float = THRESHOLD
    window: int = DATE_WINDOW_DAYS
    model: PairModel | None = None  # scorer of pairs with an unknown date or country (None: the shipped one)
    regroup: RegroupRule | None = REGROUP  # the second pass joining whole clusters (None: average-link alone)


MAX_CACHED = 1_000_000  # pair scores a clustering call remembers (about 150 MB)


class _Scorer:
    """Mentions by id, with feature and pair-score caches (ids are hashed once, here)."""

    def __init__(self, config: ClusterConfig, published: Published | None = None) -> None:
        self.config = config
        self.published = published
        self.mentions: dict[str, EventMention] = {}
        self._features: dict[str, Features] = {}
        self._scores: dict[tuple[str, str], float | None] = {}
        # a mention object met again (under another block key) is not hashed again; the object is kept
        # with its id, so its ``id()`` cannot be reused by another object while the scorer lives
        self._ids: dict[int, tuple[EventMention, str]] = {}
        self._probes: dict[str, tuple[BlockKey, ...]] = {}

    def add(self, mentions: Iterable[EventMention]) -> list[str]:
        """Register mentions (first of equal ids wins: ids are content hashes); their ids, sorted."""
        ids = []
        for m in mentions:
            seen = self._ids.get(id(m))
            if seen is not None and seen[0] is m:
                ids.append(seen[1])
                continue
            mid = m.id
            self._ids[id(m)] = (m, mid)
            if mid not in self.mentions:
                self.mentions[mid] = m
                day = self.published(m.article_id) if self.published else None
                self._features[mid] = features(m, day)
            ids.append(mid)
        return sorted(set(ids))

    def keys(self, mid: str) -> tuple[BlockKey, ...]:
        return block_keys(self._features[mid], self.config.window)

    def probes(self, mid: str) -> tuple[BlockKey, ...]:
        """The keys a mention probes (remembered: the closure asks twice per frontier mention)."""
        found = self._probes.get(mid)
        if found is None:
            found = self._probes[mid] = probe_keys(self._features[mid], self.config.window)
        return found

    def score(self, a: str, b: str) -> float | None:
        """The pair's score, remembered while fewer than ``MAX_CACHED`` are.

        Scores are a pure function of the pair, so what is remembered changes only the time taken,
        never a result; the bound keeps memory flat when one article brings thousands of mentions
        (every pair of one block, then of one component, would otherwise stay in memory).
        """
        key = (a, b) if a < b else (b, a)
        if key in self._scores:
            return self._scores[key]
        found = score_pair(self._features[a], self._features[b], self.config.window, self.config.model)
        if len(self._scores) < MAX_CACHED:
            self._scores[key] = found
        return found

    def word(self, mid: str) -> str:
        return self._features[mid].lemma

    def contradicts(self, a: str, b: str) -> bool:
        return contradicts(self._features[a], self._features[b], self.config.window)

    def linked(self, a: str, b: str) -> bool:
        s = self.score(a, b)
        return s is not None and s >= self.config.threshold


def _components(ids: Sequence[str], scorer: _Scorer) -> list[list[str]]:
    """Connected components of the threshold graph (union-find over blocked candidate pairs)."""
    parent = {mid: mid for mid in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    index: dict[BlockKey, list[str]] = defaultdict(list)
    for mid in ids:
        for key in scorer.keys(mid):
            index[key].append(mid)
    for a in ids:
        for key in scorer.probes(a):
            for b in index.get(key, ()):
                if b > a and root(a) != root(b) and scorer.linked(a, b):
                    ra, rb = root(a), root(b)
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for mid in ids:
        groups[root(mid)].append(mid)
    return [groups[k] for k in sorted(groups)]


def _average_link(members: Sequence[str], scorer: _Scorer) -> list[tuple[list[str], float]]:
    """Average-link clusters of one component (members sorted by id): (member ids, cohesion)."""
    link = average_link(members, scorer, scorer.config.threshold)
    return [(list(c), link.cohesion(k)) for k, c in enumerate(link.clusters)]


def _groups(members: Sequence[str], scorer: _Scorer) -> list[tuple[list[str], float]]:
    """Average-link clusters of one component, joined by the second pass (``regroup``): (ids, cohesion)."""
    link = average_link(members, scorer, scorer.config.threshold)
    rule = scorer.config.regroup
    if rule is None or len(link.clusters) < 2:
        return [(list(c), link.cohesion(k)) for k, c in enumerate(link.clusters)]
    found, _ = regroup(link, scorer, scorer.word, scorer.config.threshold, rule)
    out = []
    for parts in found:
        ids = sorted(m for k in parts for m in link.clusters[k])
        inner = sum(link.inner[k] for k in parts) + sum(
            float(link.between[x, y]) for n, x in enumerate(parts) for y in parts[n + 1 :]
        )
        pairs = len(ids) * (len(ids) - 1) / 2
        out.append((ids, inner / pairs if pairs else 1.0))
    return out


def _cluster_sets(ids: Sequence[str], scorer: _Scorer) -> list[tuple[list[EventMention], float]]:
    out = []
    for component in _components(ids, scorer):
        for members, cohesion in _groups(component, scorer):
            out.append(([scorer.mentions[m] for m in members], cohesion))
    return out


def cluster(
    mentions: Iterable[EventMention],
    *,
    outlets: OutletLookup | None = None,
    published: Published | None = None,
    config: ClusterConfig | None = None,
) -> tuple[Event, ...]:
    """Cluster all mentions at once; events sorted by id (``published`` dates undated mentions)."""
    scorer = _Scorer(config or ClusterConfig(), published)
    found = _cluster_sets(scorer.add(mentions), scorer)
    events = [build_event(members, cohesion, outlets) for members, cohesion in found]
    return tuple(sorted(events, key=lambda e: e.id))


def _closure(new: list[str], lookup: Lookup, scorer: _Scorer, many: LookupMany | None = None) -> list[str]:
    """New mentions plus every known mention reachable from them by threshold edges (sorted ids).

    Walked a frontier at a time, so that the keys the whole frontier probes are looked up together
    (``many``: one call for all of them, a few queries in a store) instead of one query per key.
    The set reached is the same in any order of the walk.
    """
    reached = set(new)
    fresh: dict[BlockKey, list[str]] = defaultdict(list)
    for mid in new:
        for key in scorer.keys(mid):
            fresh[key].append(mid)
    cache: dict[BlockKey, list[str]] = {}
    frontier = sorted(new)
    while frontier:
        wanted = sorted({key for mid in frontier for key in scorer.probes(mid)} - cache.keys())
        found = many(wanted) if many is not None and wanted else {key: lookup(key) for key in wanted}
        for key in wanted:
            cache[key] = sorted(set(scorer.add(found.get(key, ()))) | set(fresh.get(key, ())))
        following: list[str] = []
        for current in frontier:
            for key in scorer.probes(current):
                for other in cache[key]:
                    if other not in reached and scorer.linked(current, other):
                        reached.add(other)
                        following.append(other)
        frontier = following
    return sorted(reached)


def assign(
    existing_events: Iterable[Event] | Callable[[Sequence[str]], Iterable[Event]],
    new_mentions: Iterable[EventMention],
    lookup: Lookup,
    *,
    outlets: OutletLookup | None = None,
    published: Published | None = None,
    config: ClusterConfig | None = None,
    lookup_many: LookupMany | None = None,
) -> Assignment:
    """Fold late mentions into stored events; equal to clustering everything at once.

    ``lookup(key)`` returns the stored mentions indexed under a block key (``mention_keys``);
    ``lookup_many(keys)``, when given, the same for many keys at once (``Store.mentions_in_blocks``);
    ``existing_events`` are stored events (only those sharing a mention with the recomputed
    closure matter), or a function giving the stored events that hold any of some mention ids
    (``Store.events_holding``: no read of every stored event); ``published`` must be the same
    function ``mention_keys`` was given.
    Upsert ``events``, delete ``retired``.
    """
    scorer = _Scorer(config or ClusterConfig(), published)
    reached = _closure(scorer.add(new_mentions), lookup, scorer, lookup_many)
    found = _cluster_sets(reached, scorer)
    events = tuple(sorted((build_event(ms, c, outlets) for ms, c in found), key=lambda e: e.id))
    fresh, touched = {e.id for e in events}, set(reached)
    pool = existing_events(reached) if callable(existing_events) else existing_events
    gone = [e for e in pool if e.id not in fresh and not touched.isdisjoint(e.mention_ids)]
    successors = tuple(sorted((old.id, _successor(old, events)) for old in gone))
    return Assignment(events, tuple(old for old, _ in successors), tuple(reached), successors)


def _successor(old: Event, events: Sequence[Event]) -> str:
    """The new event holding most of an old event's mentions (ties: smallest id)."""
    mine = set(old.mention_ids)
    return min(events, key=lambda e: (-len(mine.intersection(e.mention_ids)), e.id)).id


def mention_keys(
    mention: EventMention, published: date | None = None, config: ClusterConfig | None = None
) -> tuple[BlockKey, ...]:
    """Block keys to store with a mention so ``lookup`` can find it later.

    ``published``: the article's publication day, when ``cluster``/``assign`` get ``published``.
    """
    return block_keys(features(mention, published), (config or ClusterConfig()).window)


def mention_probes(
    mention: EventMention, published: date | None = None, config: ClusterConfig | None = None
) -> tuple[BlockKey, ...]:
    """Block keys ``assign`` will look up for a mention's candidates (prefetch these in one go)."""
    return probe_keys(features(mention, published), (config or ClusterConfig()).window)
